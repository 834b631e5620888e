using Translator.Core.Articles;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Core.Tests.Pipeline;

public sealed class TranslationPipelineTests
{
    // A safety net, not synchronisation: a broken pipeline fails the test instead of hanging the run.
    private readonly CancellationToken Ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static TranslationJob Job(params string[] paragraphs) =>
        new(new SourceArticle("a1", "Headline", paragraphs), "en", ["ko", "ru", "ja"]);

    [Fact]
    public async Task TranslateAllAsync_ThreeTargets_ReturnsEveryParagraphInRequestOrder()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);

        var articles = await harness.Pipeline.TranslateAllAsync(Job("One. Two.", "Three."), Ct);

        Assert.Equal(["ko", "ru", "ja"], articles.Select(a => a.TargetLanguage));
        var ko = articles[0];
        Assert.Equal("ko:Headline", ko.Title!.Text);
        Assert.Equal(["ko:One. ko:Two.", "ko:Three."], ko.Paragraphs.Select(p => p.Text));
        Assert.Equal(4, ko.Stats.Segments);
        Assert.Equal(0, ko.Stats.CacheHits);
    }

    [Fact]
    public async Task TranslateAllAsync_JapaneseTarget_JoinsSentencesWithoutSpaces()
    {
        using var harness = new PipelineHarness(new CountingProvider());

        var articles = await harness.Pipeline.TranslateAllAsync(Job("One. Two.") with { TargetLanguages = ["ja"] }, Ct);

        Assert.Equal("ja:One.ja:Two.", articles[0].Paragraphs[0].Text);
    }

    [Fact]
    public async Task TranslateAllAsync_RepeatedSegments_SendsEachDistinctTextOnce()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);

        var articles = await harness.Pipeline.TranslateAllAsync(
            Job("Same sentence. Other sentence.", "Same sentence.", "Same sentence. Other sentence.") with { TargetLanguages = ["ko"] }, Ct);

        var sent = provider.Batches.SelectMany(b => b.Texts).Select(t => t.Text).ToArray();
        Assert.Equal(["Headline", "Same sentence.", "Other sentence."], sent);
        Assert.Equal("ko:Same sentence.", articles[0].Paragraphs[1].Text);
        Assert.Equal("ko:Same sentence. ko:Other sentence.", articles[0].Paragraphs[2].Text);
    }

    [Fact]
    public async Task TranslateAllAsync_MoreTextsThanProviderAllows_ChunksWithinTextAndByteLimits()
    {
        var provider = new CountingProvider(new ProviderLimits(MaxTexts: 3, MaxBytes: 40));
        using var harness = new PipelineHarness(provider);
        var paragraphs = Enumerable.Range(1, 10).Select(i => $"Sentence number {i}.").ToArray();

        await harness.Pipeline.TranslateAllAsync(Job(paragraphs) with { TargetLanguages = ["ko"] }, Ct);

        Assert.All(provider.Batches, b =>
        {
            Assert.InRange(b.Texts.Count, 1, 3);
            Assert.True(b.Texts.Sum(t => System.Text.Encoding.UTF8.GetByteCount(t.Text)) <= 40);
        });
        Assert.Equal(11, provider.Batches.Sum(b => b.Texts.Count));
        Assert.True(provider.Batches.Count >= 4);
    }

    [Fact]
    public async Task TranslateAllAsync_SameArticleTwice_SecondIsServedFromCache()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);
        var job = Job("One. Two.", "Three.");

        await harness.Pipeline.TranslateAllAsync(job, Ct);
        var sentBefore = provider.Characters;
        var second = await harness.Pipeline.TranslateAllAsync(job, Ct);

        Assert.Equal(sentBefore, provider.Characters);
        Assert.All(second, a =>
        {
            Assert.Equal(a.Stats.Segments, a.Stats.CacheHits);
            Assert.Equal(0, a.Stats.ProviderCharacters);
            Assert.All(a.Paragraphs.SelectMany(p => p.Segments), s => Assert.True(s.FromCache));
        });
    }

    [Fact]
    public async Task TranslateAllAsync_ChangedFormality_MissesTheCache()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);
        var job = Job("One.") with { TargetLanguages = ["ko"] };

        await harness.Pipeline.TranslateAllAsync(job, Ct);
        var formal = await harness.Pipeline.TranslateAllAsync(job with { Formality = Formality.More }, Ct);

        Assert.Equal(0, formal[0].Stats.CacheHits);
    }

    [Fact]
    public async Task TranslateAsync_LaterBatchHeldBack_FirstSegmentsArriveBeforeIt()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new CountingProvider(new ProviderLimits(MaxTexts: 1, MaxBytes: 1024))
        {
            BeforeBatch = (index, ct) => index == 0 ? Task.CompletedTask : release.Task.WaitAsync(ct),
        };
        using var harness = new PipelineHarness(provider, new Dictionary<string, string?> { ["Translation:MaxConcurrentBatches"] = "1" });
        var job = new TranslationJob(new SourceArticle(null, null, ["First paragraph.", "Last paragraph."]), "en", ["ko"]);

        await using var events = harness.Pipeline.TranslateAsync(job, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await events.MoveNextAsync());
        var first = Assert.IsType<SegmentTranslated>(events.Current);
        Assert.Equal(new SegmentLocation(ArticlePart.Body, 0, 0), first.Location);
        Assert.False(release.Task.IsCompleted);

        release.SetResult();
        var rest = new List<PipelineEvent>();
        while (await events.MoveNextAsync())
        {
            rest.Add(events.Current);
        }
        Assert.IsType<ArticleTranslated>(rest[^1]);
    }

    [Fact]
    public async Task TranslateAsync_CallerCancels_CancelsHeldProviderCallPromptly()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var observedCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new CountingProvider
        {
            BeforeBatch = async (_, ct) =>
            {
                entered.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    observedCancellation.TrySetResult();
                }
            },
        };
        using var harness = new PipelineHarness(provider);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var run = harness.Pipeline.TranslateAllAsync(Job("One."), cts.Token);
        await entered.Task.WaitAsync(Ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await observedCancellation.Task.WaitAsync(Ct);
    }

    [Fact]
    public async Task TranslateAllAsync_PreferredProviderUnavailable_FallsBackAndReportsWhoTranslated()
    {
        var down = new CountingProvider(name: "Down") { Fail = _ => new ProviderException("Down", ProviderFailure.Unavailable, "503") };
        var backup = new CountingProvider(name: "Backup");
        using var harness = new PipelineHarness([down, backup]);

        var articles = await harness.Pipeline.TranslateAllAsync(Job("One.") with { TargetLanguages = ["ko"] }, Ct);

        Assert.All(articles[0].Paragraphs.SelectMany(p => p.Segments), s => Assert.Equal("Backup", s.Provider));
    }

    [Fact]
    public async Task TranslateAllAsync_ProviderRejectsRequest_SurfacesWithoutFallback()
    {
        var broken = new CountingProvider(name: "Broken") { Fail = _ => new ProviderException("Broken", ProviderFailure.Rejected, "400") };
        var backup = new CountingProvider(name: "Backup");
        using var harness = new PipelineHarness([broken, backup]);

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.Pipeline.TranslateAllAsync(Job("One."), Ct));

        Assert.Equal(ProviderFailure.Rejected, error.Failure);
        Assert.Empty(backup.Batches);
    }

    [Fact]
    public async Task TranslateAllAsync_FirstBatchRejected_SendsNoSiblingBatch()
    {
        // One text per call and one call at a time: nine siblings wait for the batch that fails.
        var provider = new CountingProvider(new ProviderLimits(MaxTexts: 1, MaxBytes: 1024))
        {
            Fail = b => b.Texts[0].Text == "Headline" ? new ProviderException("Counting", ProviderFailure.Rejected, "400") : null,
        };
        using var harness = new PipelineHarness(provider, new Dictionary<string, string?> { ["Translation:MaxConcurrentBatches"] = "1" });
        var job = Job(string.Join(' ', Enumerable.Range(1, 9).Select(i => $"Sentence {i}."))) with { TargetLanguages = ["ko"] };

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.Pipeline.TranslateAllAsync(job, Ct));

        Assert.Equal(ProviderFailure.Rejected, error.Failure);
        Assert.Single(provider.Batches);
    }

    [Fact]
    public async Task TranslateAsync_MoreSegmentsThanAllowed_ThrowsRequestExceptionBeforeTranslating()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider, new Dictionary<string, string?> { ["Translation:MaxSegments"] = "2" });

        var error = await Assert.ThrowsAsync<TranslationRequestException>(() => harness.Pipeline.TranslateAllAsync(Job("One. Two. Three."), Ct));

        Assert.Equal("article", error.Field);
        Assert.Empty(provider.Batches);
    }
}
