using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Translator.Core.Articles;
using Translator.Core.Caching;
using Translator.Core.Pipeline;
using Translator.Testing;

namespace Translator.Redis.Tests;

/// <summary>Two worker processes (two hosts, one Redis) that miss the same sentences at once pay for them once.</summary>
public sealed class RedisSegmentClaimsTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static TranslationJob Job() =>
        new(new SourceArticle("a1", "", ["The leaders met on Tuesday. They talked for three hours.", "A second paragraph followed."]), "en", ["ko"]);

    private Task<RedisPipelineHost> Worker(CountingProvider provider, bool claims, TimeProvider? time = null) =>
        RedisPipelineHost.ConnectedAsync(redis.Server.ConnectionString, provider, configure: s =>
        {
            if (claims)
            {
                s.AddTranslatorSegmentClaims();
            }
            if (time is not null)
            {
                s.Replace(ServiceDescriptor.Singleton(time));
            }
        });

    /// <summary>The system clock, saying when the host first waits on it: for a worker here, the moment it backs off from a claimed segment.</summary>
    private sealed class WaitSignal : TimeProvider
    {
        private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Waiting => _waiting.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            _waiting.TrySetResult();
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }

    [Fact]
    public async Task TranslateAllAsync_SecondWorkerMissesWhatTheFirstIsTranslating_WaitsAndPaysNothing()
    {
        var gate = new BatchGate();
        // The same provider name on both, so both use the same cache keys, as workers of one deployment do.
        var first = new CountingProvider(name: "Claims") { BeforeBatch = gate.Hold() };
        var second = new CountingProvider(name: "Claims");
        var backOff = new WaitSignal();
        await using var a = await Worker(first, claims: true);
        await using var b = await Worker(second, claims: true, backOff);

        var leading = a.Pipeline.TranslateAllAsync(Job(), _ct);
        await gate.Entered.WaitAsync(_ct);
        var waiting = b.Pipeline.TranslateAllAsync(Job(), _ct);
        await backOff.Waiting.WaitAsync(_ct);
        gate.Release();
        var led = await leading;
        var waited = await waiting;

        Assert.Empty(second.Batches);
        Assert.Equal(led[0].Paragraphs.Select(p => p.Text), waited[0].Paragraphs.Select(p => p.Text));
        Assert.Equal(waited[0].Stats.Segments, waited[0].Stats.CacheHits);
    }

    [Fact]
    public async Task TranslateAllAsync_ClaimHolderFails_OtherWorkerTakesOverAndTranslates()
    {
        var gate = new BatchGate();
        var failing = new CountingProvider(name: "ClaimsFail") { BeforeBatch = gate.Hold(), Fail = _ => new InvalidOperationException("provider down") };
        var healthy = new CountingProvider(name: "ClaimsFail");
        var backOff = new WaitSignal();
        await using var a = await Worker(failing, claims: true);
        await using var b = await Worker(healthy, claims: true, backOff);

        var doomed = a.Pipeline.TranslateAllAsync(Job(), _ct);
        await gate.Entered.WaitAsync(_ct);
        var waiting = b.Pipeline.TranslateAllAsync(Job(), _ct);
        await backOff.Waiting.WaitAsync(_ct);
        gate.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => doomed);
        var translated = await waiting;

        Assert.NotEmpty(healthy.Batches);
        Assert.Equal("ko:A second paragraph followed.", translated[0].Paragraphs[1].Text);
    }

    [Fact]
    public async Task TranslateAllAsync_WithoutClaims_BothWorkersPay()
    {
        var gate = new BatchGate();
        var first = new CountingProvider(name: "NoClaims") { BeforeBatch = gate.Hold() };
        var second = new CountingProvider(name: "NoClaims");
        await using var a = await Worker(first, claims: false);
        await using var b = await Worker(second, claims: false);

        var leading = a.Pipeline.TranslateAllAsync(Job(), _ct);
        await gate.Entered.WaitAsync(_ct);
        await b.Pipeline.TranslateAllAsync(Job(), _ct);
        gate.Release();
        await leading;

        // What the claims exist for: a server replica (no claims) never waits on another process.
        Assert.NotEmpty(second.Batches);
    }

    [Fact]
    public async Task RenewAsync_ClaimHeld_ExtendsItAndLeavesOthersAlone()
    {
        await using var host = await Worker(new CountingProvider(name: "Renew"), claims: true);
        var claims = (RedisSegmentClaims)host.Service<ISegmentClaims>();
        var granted = await claims.ClaimAsync(["renew-mine", "renew-lost"], _ct);
        Assert.Equal(new[] { true, true }, granted);
        // As if time had passed: both claims near their lapse; one lapsed and was taken by another worker.
        await redis.Inspect.KeyExpireAsync("tr:claim:v1:renew-mine", TimeSpan.FromMilliseconds(800));
        await redis.Inspect.StringSetAsync("tr:claim:v1:renew-lost", "another-worker", TimeSpan.FromMilliseconds(800));

        await claims.RenewAsync();

        Assert.InRange((await redis.Inspect.KeyTimeToLiveAsync("tr:claim:v1:renew-mine"))!.Value, TimeSpan.FromSeconds(5), RedisSegmentClaims.Hold);
        Assert.InRange((await redis.Inspect.KeyTimeToLiveAsync("tr:claim:v1:renew-lost"))!.Value, TimeSpan.Zero, TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public async Task ReleaseAsync_ClaimTakenOverByAnotherWorker_LeavesItsClaim()
    {
        await using var host = await Worker(new CountingProvider(name: "Release"), claims: true);
        var claims = host.Service<ISegmentClaims>();
        await claims.ClaimAsync(["release-lost"], _ct);
        await redis.Inspect.StringSetAsync("tr:claim:v1:release-lost", "another-worker", TimeSpan.FromSeconds(5));

        await claims.ReleaseAsync(["release-lost"], _ct);

        Assert.Equal("another-worker", (string?)await redis.Inspect.StringGetAsync("tr:claim:v1:release-lost"));
    }
}
