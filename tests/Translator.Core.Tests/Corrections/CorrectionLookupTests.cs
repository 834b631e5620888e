using Translator.Core.Articles;
using Translator.Core.Corrections;
using Translator.Core.Pipeline;
using Translator.Core.Segmentation;

namespace Translator.Core.Tests.Corrections;

public sealed class CorrectionLookupTests
{
    /// <summary>A store that records the keys it was asked for.</summary>
    private sealed class RecordingStore(bool knownEmpty) : ICorrectionStore
    {
        public List<string> Asked { get; } = [];

        public string Name => "recording";

        public bool IsKnownEmpty => knownEmpty;

        public ValueTask<IReadOnlyList<Correction?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
        {
            Asked.AddRange(keys);
            return ValueTask.FromResult<IReadOnlyList<Correction?>>(keys.Select(k => k.Contains(":ru:", StringComparison.Ordinal) ? new Correction("исправлено", DateTimeOffset.UnixEpoch) : null).ToArray());
        }

        public ValueTask SaveManyAsync(IReadOnlyList<KeyValuePair<string, Correction>> corrections, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private static readonly TranslationJob Job = new(new SourceArticle(null, null, ArticleBody.FromText("One sentence. Another one.\n\nA second paragraph.")), "en", ["ko", "ru"]);

    private static PreparedArticle Article() =>
        PreparedArticle.From(new ArticleSegmenter(new RuleBasedSentenceSegmenter()).Segment(Job.Article, "en"), glossary: null);

    [Fact]
    public async Task Start_StoreKnownEmpty_AsksForNothingAndFindsNothing()
    {
        var store = new RecordingStore(knownEmpty: true);
        var article = Article();

        var lookup = CorrectionLookup.Start(store, article, Job, tenantId: null, CancellationToken.None);

        Assert.Empty(store.Asked);
        Assert.All(await lookup.ForAsync("ko"), Assert.Null);
        Assert.Equal(article.Texts.Count, (await lookup.ForAsync("ru")).Count);
    }

    [Fact]
    public async Task Start_StoreMayHoldCorrections_AsksOnceForEveryLanguageAndSlicesByLanguage()
    {
        var store = new RecordingStore(knownEmpty: false);
        var article = Article();

        var lookup = CorrectionLookup.Start(store, article, Job, tenantId: null, CancellationToken.None);

        Assert.Equal(article.Texts.Count * 2, store.Asked.Count);
        Assert.All(await lookup.ForAsync("ko"), Assert.Null);
        Assert.All(await lookup.ForAsync("ru"), c => Assert.Equal("исправлено", c?.Text));
    }
}

public sealed class InMemoryCorrectionStoreTests
{
    [Fact]
    public async Task IsKnownEmpty_UntilTheFirstSave_ThenFalse()
    {
        var store = new InMemoryCorrectionStore();
        Assert.True(store.IsKnownEmpty);

        await store.SaveManyAsync([new("tr:correction:v1:en:ko:f0:-:abc", new Correction("고침", DateTimeOffset.UnixEpoch))], CancellationToken.None);

        Assert.False(store.IsKnownEmpty);
        Assert.Equal("고침", Assert.Single(await store.GetManyAsync(["tr:correction:v1:en:ko:f0:-:abc"], CancellationToken.None))?.Text);
    }
}
