using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Translator.Core.Articles;
using Translator.Core.Pipeline;
using Translator.Core.Telemetry;
using Translator.Core.Tenants;
using Translator.Core.Tests.Pipeline;
using Translator.Testing;

namespace Translator.Core.Tests.Tenants;

public sealed class TenantChargeTests : IDisposable
{
    private readonly CountingProvider _provider = new();
    private readonly TenantTestContext _caller = new();
    private readonly PipelineHarness _harness;

    public TenantChargeTests() =>
        _harness = new PipelineHarness([_provider], configure: s => s.AddSingleton<ITenantContext>(_caller));

    public void Dispose() => _harness.Dispose();

    private ITenantMeter Meter => _harness.Services.GetRequiredService<ITenantMeter>();

    private static string Month => UsageMonth.Of(TimeProvider.System.GetUtcNow());

    private static TranslationJob Job(string text, params string[] targets) => new(new SourceArticle(null, null, [text]), "en", targets);

    [Fact]
    public async Task TranslateAll_TenantWithinQuota_BillsWhatWasSentToTheProvider()
    {
        _caller.Current = TenantTestContext.Tenant("acme", quota: 1000);

        await _harness.Pipeline.TranslateAllAsync(Job("The ministry met on Monday.", "ko", "ja"), CancellationToken.None);

        var usage = await Meter.GetUsageAsync("acme", Month, CancellationToken.None);
        Assert.Equal(_provider.Characters, usage.BilledCharacters);
        Assert.Equal(2 * "The ministry met on Monday.".Length, usage.BilledCharacters);
        Assert.Equal(0, usage.CachedCharacters);
    }

    [Fact]
    public async Task TranslateAll_OneLanguageFitsButNotBoth_RefusesBeforeAnyProviderCall()
    {
        var text = "The ministry met on Monday.";
        _caller.Current = TenantTestContext.Tenant("acme", quota: text.Length + 5);

        var refused = await Assert.ThrowsAsync<TenantQuotaExceededException>(() => _harness.Pipeline.TranslateAllAsync(Job(text, "ko", "ja"), CancellationToken.None));

        Assert.Equal(2 * text.Length, refused.Requested);
        Assert.Empty(_provider.Batches);
        Assert.Equal(0, (await Meter.GetUsageAsync("acme", Month, CancellationToken.None)).BilledCharacters);
    }

    [Fact]
    public async Task TranslateAll_CachedSentence_IsFreeAndCountedAsCached()
    {
        var text = "The ministry met on Monday.";
        _caller.Current = TenantTestContext.Tenant("acme", quota: text.Length);
        await _harness.Pipeline.TranslateAllAsync(Job(text, "ko"), CancellationToken.None);

        // The quota is used up, yet the same sentence again needs no provider character.
        await _harness.Pipeline.TranslateAllAsync(Job(text, "ko"), CancellationToken.None);

        var usage = await Meter.GetUsageAsync("acme", Month, CancellationToken.None);
        Assert.Equal(text.Length, usage.BilledCharacters);
        Assert.Equal(text.Length, usage.CachedCharacters);
        Assert.Single(_provider.Batches);
    }

    [Fact]
    public async Task TranslateAll_ProviderFails_GivesTheReservationBack()
    {
        _caller.Current = TenantTestContext.Tenant("acme", quota: 1000);
        _provider.Fail = _ => new InvalidOperationException("down");

        await Assert.ThrowsAnyAsync<Exception>(() => _harness.Pipeline.TranslateAllAsync(Job("The ministry met on Monday.", "ko"), CancellationToken.None));

        Assert.Equal(0, (await Meter.GetUsageAsync("acme", Month, CancellationToken.None)).BilledCharacters);
    }

    [Fact]
    public async Task TranslateAll_TenantNotSharingTheCache_NeitherReadsNorWritesTheSharedCache()
    {
        var text = "The ministry met on Monday.";
        _caller.Current = null;
        await _harness.Pipeline.TranslateAllAsync(Job(text, "ko"), CancellationToken.None);

        _caller.Current = TenantTestContext.Tenant("embargo", shareCache: false);
        await _harness.Pipeline.TranslateAllAsync(Job(text, "ko"), CancellationToken.None);
        await _harness.Pipeline.TranslateAllAsync(Job("A second sentence for the desk.", "ko"), CancellationToken.None);
        _caller.Current = TenantTestContext.Tenant("open");
        await _harness.Pipeline.TranslateAllAsync(Job("A second sentence for the desk.", "ko"), CancellationToken.None);

        // Each sentence went to the provider once per namespace: the shared cache's hit was not the private tenant's,
        // and the private tenant's translation was not the shared tenant's.
        Assert.Equal(4, _provider.Batches.Count);
        Assert.Equal(0, (await Meter.GetUsageAsync("embargo", Month, CancellationToken.None)).CachedCharacters);
    }

    [Fact]
    public async Task TranslateAll_NoTenant_CountsNothing()
    {
        await _harness.Pipeline.TranslateAllAsync(Job("The ministry met on Monday.", "ko"), CancellationToken.None);

        Assert.Equal(0, (await Meter.GetUsageAsync("acme", Month, CancellationToken.None)).BilledCharacters);
        Assert.Single(_provider.Batches);
    }

    [Fact]
    public async Task TranslateAll_Tenant_TagsItsMetricsAndSpansWithTheTenantId()
    {
        var tenant = $"tagged-{Guid.NewGuid():N}";
        _caller.Current = TenantTestContext.Tenant(tenant);
        var charged = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "translator.tenant.characters" && ReferenceEquals(instrument.Meter.Scope, _harness.Meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (charged)
            {
                charged.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        meters.Start();
        using var spans = new ActivityRecorder();

        await _harness.Pipeline.TranslateAllAsync(Job("The ministry met on Monday.", "ko"), CancellationToken.None);

        var billed = Assert.Single(charged, c => Equals(c.Tags[TranslatorTelemetry.ChargeTag], "billed"));
        Assert.Equal(tenant, billed.Tags[TranslatorTelemetry.TenantTag]);
        Assert.Equal("The ministry met on Monday.".Length, billed.Value);
        Assert.Contains(spans.Spans, a => a.OperationName == "translate language" && Equals(a.GetTagItem(TranslatorTelemetry.TenantTag), tenant));
    }
}
