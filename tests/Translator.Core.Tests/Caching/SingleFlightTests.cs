using Translator.Core.Articles;
using Translator.Core.Caching;
using Translator.Core.Pipeline;
using Translator.Core.Tests.Pipeline;
using Translator.Testing;

namespace Translator.Core.Tests.Caching;

public sealed class SingleFlightTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static TranslationJob Job(string target) =>
        new(new SourceArticle("a1", null, ["A sentence everybody misses. Another one."]), "en", [target]);

    [Fact]
    public async Task TranslateAllAsync_ConcurrentIdenticalRequests_CallsProviderOnce()
    {
        const int Requests = 8;
        var gate = new BatchGate();
        var provider = new CountingProvider { BeforeBatch = gate.Hold() };
        using var harness = new PipelineHarness(provider);
        using var metrics = new MetricRecorder(harness.Meters);

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
        using var metrics = new MetricRecorder(harness.Meters);
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

    [Fact]
    public void Complete_FromTwoBatchesAtOnce_HandsEveryFollowerItsTranslation()
    {
        // Bounded: each round two threads complete half of one request's flights at the same moment, as two
        // batches of one language do; a data race shows up as an exception or a follower left without its result.
        // Misses are spread out, as in a partly cached article, and so that a hashed index shares buckets (a
        // stride of a prime that hash tables size themselves to): the worst case for an unsynchronised table.
        const int Rounds = 500, Segments = 400, Stride = 431;
        var singleFlight = new SingleFlight();
        var keys = Enumerable.Range(0, Segments * Stride).Select(i => $"key{i}").ToArray();
        var misses = Enumerable.Range(0, Segments).Select(i => i * Stride).ToArray();
        var translation = new CachedTranslation("t", "p", DateTimeOffset.UnixEpoch);
        using var barrier = new Barrier(3);
        SingleFlight.Flights leader = null!;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        Thread Batch(int parity) => new(() =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                barrier.SignalAndWait();
                try
                {
                    // One batch from the last segment back, the other from the first on: batches finish in any order.
                    for (var n = parity; n < Segments; n += 2)
                    {
                        leader.Complete(misses[parity == 0 ? Segments - 2 - n : n], translation);
                    }
                }
                catch (Exception ex)
                {
                    errors.Enqueue(ex);
                }
                barrier.SignalAndWait();
            }
        });
        var threads = new[] { Batch(0), Batch(1) };
        Array.ForEach(threads, t => t.Start());

        try
        {
            for (var round = 0; round < Rounds && errors.IsEmpty; round++)
            {
                leader = singleFlight.Join(keys, misses);
                using var follower = singleFlight.Join(keys, misses);
                barrier.SignalAndWait();
                barrier.SignalAndWait();
                leader.Dispose();

                Assert.Equal(Segments, leader.Led.Count);
                Assert.All(follower.Followed, f => Assert.Same(translation, f.Result.IsCompletedSuccessfully ? f.Result.Result : null));
            }
        }
        finally
        {
            // The batch threads finish their rounds between themselves.
            barrier.RemoveParticipant();
            Array.ForEach(threads, t => t.Join());
        }
        Assert.Empty(errors);
    }
}
