using System.Text.Json;
using Translator.Core.Articles;
using Translator.Core.Caching;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Redis.Tests;

public sealed class RedisTranslationCacheTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    // A safety net, not synchronisation: a broken cache fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    // Every test has its own provider name, so tests sharing the server never share keys.
    private static CountingProvider Provider(string name) => new(name: name);

    private static TranslationJob Job(string target, params string[] paragraphs) =>
        new(new SourceArticle("a1", "Leaders meet in Vladivostok", paragraphs), "en", [target]);

    private Task<RedisPipelineHost> Host(ITranslationProvider provider, IDictionary<string, string?>? settings = null) =>
        RedisPipelineHost.ConnectedAsync(redis.Server.ConnectionString, provider, settings);

    [Fact]
    public async Task TranslateAllAsync_AfterServiceRestart_CostsNoProviderCharacters()
    {
        var job = Job("ko", "The leaders met on Tuesday. They talked for three hours.", "A second paragraph followed.");
        var before = Provider("Restart");
        await using (var first = await Host(before))
        {
            await first.Pipeline.TranslateAllAsync(job, _ct);
        }
        Assert.NotEqual(0, before.Characters);

        var after = Provider("Restart");
        await using var second = await Host(after);
        var articles = await second.Pipeline.TranslateAllAsync(job, _ct);

        Assert.Empty(after.Batches);
        Assert.Equal(0, articles[0].Stats.ProviderCharacters);
        Assert.Equal(articles[0].Stats.Segments, articles[0].Stats.CacheHits);
        Assert.Equal("ko:The leaders met on Tuesday. ko:They talked for three hours.", articles[0].Paragraphs[0].Text);
    }

    [Fact]
    public async Task TranslateAllAsync_TypographicQuoteVariant_HitsAfterRestart()
    {
        await using (var first = await Host(Provider("Quotes")))
        {
            await first.Pipeline.TranslateAllAsync(Job("ja", "Kim Jong Un's visit was \"historic\", he said."), _ct);
        }

        var provider = Provider("Quotes");
        await using var second = await Host(provider);
        var articles = await second.Pipeline.TranslateAllAsync(Job("ja", "Kim Jong Un\u2019s visit was \u201Chistoric\u201D, he said."), _ct);

        Assert.Empty(provider.Batches);
        Assert.Equal(2, articles[0].Stats.CacheHits);
    }

    [Fact]
    public async Task TranslateAllAsync_ChangedFormality_MissesAndTranslatesAgain()
    {
        var job = Job("ru", "The talks continue tomorrow.");
        await using (var first = await Host(Provider("Formality")))
        {
            await first.Pipeline.TranslateAllAsync(job, _ct);
        }

        var provider = Provider("Formality");
        await using var second = await Host(provider);
        var articles = await second.Pipeline.TranslateAllAsync(job with { Formality = Formality.More }, _ct);

        Assert.Equal(2, provider.Batches.Single().Texts.Count);
        Assert.Equal(0, articles[0].Stats.CacheHits);
    }

    [Fact]
    public async Task TranslateAllAsync_ConfiguredTtl_IsSetOnEveryKeyAndValueIsAuditable()
    {
        var provider = Provider("Ttl");
        await using var host = await Host(provider, new Dictionary<string, string?> { ["Translation:CacheTtl"] = "00:07:00" });

        await host.Pipeline.TranslateAllAsync(Job("ko", "Short-lived sentence."), _ct);

        var key = SegmentCacheKey.Create(provider, "en", "ko", Formality.Default, "-", "Short-lived sentence.");
        var ttl = await redis.Inspect.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(7));
        using var value = JsonDocument.Parse((string)(await redis.Inspect.StringGetAsync(key))!);
        Assert.Equal("ko:Short-lived sentence.", value.RootElement.GetProperty("t").GetString());
        Assert.Equal("Ttl", value.RootElement.GetProperty("p").GetString());
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(value.RootElement.GetProperty("at").GetInt64()),
            DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task GetManyAsync_UnreadableValue_IsAMiss()
    {
        var provider = Provider("Corrupt");
        var key = SegmentCacheKey.Create(provider, "en", "ko", Formality.Default, "-", "Garbled.");
        await redis.Inspect.StringSetAsync(key, "not json");
        await using var host = await Host(provider);

        var found = await host.Cache.GetManyAsync([key], _ct);

        Assert.Null(Assert.Single(found));
    }

    [Fact]
    public async Task TranslateAllAsync_ConcurrentIdenticalRequests_CallsProviderOnce()
    {
        const int Requests = 6;
        var gate = new BatchGate();
        var provider = new CountingProvider(name: "SingleFlight") { BeforeBatch = gate.Hold() };
        await using var host = await Host(provider);
        var job = Job("sw", "Everybody needs this sentence.");
        using var metrics = new MetricRecorder(host.Meters);

        var first = host.Pipeline.TranslateAllAsync(job, _ct);
        await gate.Entered.WaitAsync(_ct);
        var others = Enumerable.Range(1, Requests - 1).Select(_ => host.Pipeline.TranslateAllAsync(job, _ct)).ToArray();
        await metrics.WhenSum("translator.cache.coalesced", (Requests - 1) * 2).WaitAsync(_ct);
        gate.Release();
        var all = await Task.WhenAll([first, .. others]);

        Assert.Single(provider.Batches);
        Assert.All(all, a => Assert.Equal("sw:Everybody needs this sentence.", a[0].Paragraphs[0].Text));
    }
}
