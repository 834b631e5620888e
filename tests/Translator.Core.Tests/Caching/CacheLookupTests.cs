using Translator.Core.Articles;
using Translator.Core.Pipeline;
using Translator.Core.Tests.Pipeline;
using Translator.Testing;

namespace Translator.Core.Tests.Caching;

public sealed class CacheLookupTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task TranslateAllAsync_SecondTime_RecordsHitsMissesSavedCharactersAndLatency()
    {
        var job = new TranslationJob(new SourceArticle("a1", "Title.", ["One sentence. Another sentence."]), "en", ["tl"]);
        using var harness = new PipelineHarness(new CountingProvider());
        using var metrics = new MetricRecorder(harness.Meters);

        await harness.Pipeline.TranslateAllAsync(job, _ct);
        Assert.Equal(3, metrics.Sum("translator.cache.misses"));
        Assert.Equal(0, metrics.Sum("translator.cache.hits"));

        await harness.Pipeline.TranslateAllAsync(job, _ct);
        Assert.Equal(3, metrics.Sum("translator.cache.misses"));
        Assert.Equal(3, metrics.Sum("translator.cache.hits"));
        Assert.Equal("Title.".Length + "One sentence.".Length + "Another sentence.".Length, metrics.Sum("translator.cache.characters_saved"));
        Assert.Equal(2, metrics.Count("translator.cache.lookup.duration"));
    }
}
