using Translator.Core.Articles;
using Translator.Core.Pipeline;
using Translator.Core.Telemetry;
using Translator.Core.Tests.Pipeline;
using Translator.Testing;

namespace Translator.Core.Tests.Caching;

public sealed class SingleFlightTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    // Each test uses its own target language so the process-wide meter tells its requests apart.
    private static TranslationJob Job(string target) =>
        new(new SourceArticle("a1", null, ["A sentence everybody misses. Another one."]), "en", [target]);

    [Fact]
    public async Task TranslateAllAsync_ConcurrentIdenticalRequests_CallsProviderOnce()
    {
        const int Requests = 8;
        var gate = new BatchGate();
        var provider = new CountingProvider { BeforeBatch = gate.Hold() };
        using var harness = new PipelineHarness(provider);
        using var metrics = new MetricRecorder(TranslatorTelemetry.TargetLanguageTag, "sw");

        var first = harness.Pipeline.TranslateAllAsync(Job("sw"), _ct);
        await gate.Entered.WaitAsync(_ct);
        var others = Enumerable.Range(1, Requests - 1).Select(_ => harness.Pipeline.TranslateAllAsync(Job("sw"), _ct)).ToArray();
        await metrics.WhenSum("translator.cache.coalesced", (Requests - 1) * 2).WaitAsync(_ct);
        gate.Release();
        var all = await Task.WhenAll([first, .. others]);

        var batch = Assert.Single(provider.Batches);
        Assert.Equal(2, batch.Texts.Count);
        Assert.All(all, articles => Assert.Equal("sw:A sentence everybody misses. sw:Another one.", articles[0].Paragraphs[0].Text));
        Assert.All(others, o => Assert.Equal(2, o.Result[0].Stats.CacheHits));
    }

    [Fact]
    public async Task TranslateAllAsync_LeaderFails_FollowerTranslatesItself()
    {
        var gate = new BatchGate();
        var provider = new CountingProvider { BeforeBatch = gate.Hold(only: 0) };
        using var harness = new PipelineHarness(provider);
        using var metrics = new MetricRecorder(TranslatorTelemetry.TargetLanguageTag, "zu");
        using var leaderGone = CancellationTokenSource.CreateLinkedTokenSource(_ct);

        var leader = harness.Pipeline.TranslateAllAsync(Job("zu"), leaderGone.Token);
        await gate.Entered.WaitAsync(_ct);
        var follower = harness.Pipeline.TranslateAllAsync(Job("zu"), _ct);
        await metrics.WhenSum("translator.cache.coalesced", 2).WaitAsync(_ct);
        await leaderGone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
        var articles = await follower;
        Assert.Equal("zu:A sentence everybody misses. zu:Another one.", articles[0].Paragraphs[0].Text);
        Assert.Equal(2, provider.Batches.Count);
    }
}
