using Translator.Core.Articles;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Core.Tests.Pipeline;
using Translator.Testing;

namespace Translator.Core.Tests.Glossary;

public sealed class GlossaryPipelineTests
{
    // A safety net, not synchronisation: a broken pipeline fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static TranslationJob Job(string glossaryId, params string[] paragraphs) =>
        new(new SourceArticle("a1", null, paragraphs), "en", ["ko"], GlossaryId: glossaryId);

    private static TranslationJob DefaultJob(params string[] paragraphs) =>
        new(new SourceArticle("a1", null, paragraphs), "en", ["ko"]);

    [Fact]
    public async Task TranslateAllAsync_NoGlossaryNamed_ProtectsDefaultGlossaryTermsAndReportsThem()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);

        var ko = (await harness.Pipeline.TranslateAllAsync(DefaultJob("Kim Jong-un's train reached Khasan. Kim Jong Un left."), _ct))[0];

        Assert.Equal("ko:김정은's train reached 하산. ko:김정은 left.", ko.Paragraphs[0].Text);
        var sent = provider.Batches.SelectMany(b => b.Texts).Select(t => t.Text).ToArray();
        Assert.Equal($"{ProtectedSpans.Wrap(1, "김정은")}'s train reached {ProtectedSpans.Wrap(2, "하산")}.", sent[0]);
        Assert.Equal([("Kim Jong Un", "김정은", 2), ("Khasan", "하산", 1)], ko.Glossary.Applied.Select(a => (a.Term, a.Rendering, a.Occurrences)));
        Assert.Equal(Core.Glossary.Glossary.DefaultId, ko.Glossary.GlossaryId);
        Assert.Empty(ko.Glossary.Violations);
    }

    [Fact]
    public async Task TranslateAllAsync_Batch_CarriesTheGlossaryForTheLanguagePair()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);

        await harness.Pipeline.TranslateAllAsync(DefaultJob("Pyongyang."), _ct);

        var glossary = provider.Batches.Single().Glossary!;
        Assert.Equal(Core.Glossary.Glossary.DefaultId, glossary.Id);
        Assert.Contains(KeyValuePair.Create("Kim Jong-un", "김정은"), glossary.Terms);
        Assert.Contains(KeyValuePair.Create("Pyongyang", "평양"), glossary.Terms);
    }

    [Fact]
    public async Task TranslateAllAsync_ProviderDropsReordersAndDuplicatesPlaceholders_RepairsOrReports()
    {
        var provider = new RewritingProvider(text => text switch
        {
            // Reordered and duplicated.
            _ when text.StartsWith("<x id=\"1\">", StringComparison.Ordinal) => $"{ProtectedSpans.Wrap(2, "하산")} {ProtectedSpans.Wrap(1, "김정은")} {ProtectedSpans.Wrap(1, "김정은")}",
            // Dropped with the name lost: nothing to repair.
            _ when text.StartsWith("Then", StringComparison.Ordinal) => "그 다음 그는 떠났다.",
            _ => text,
        });
        using var harness = new PipelineHarness(provider);

        var ko = (await harness.Pipeline.TranslateAllAsync(DefaultJob("Kim Jong Un went to Khasan.", "Then Pyongyang."), _ct))[0];

        Assert.Equal("하산 김정은", ko.Paragraphs[0].Text);
        Assert.Equal(1, ko.Glossary.RepairedPlaceholders);
        var violation = Assert.Single(ko.Glossary.Violations);
        Assert.Equal(("Pyongyang", "평양", new SegmentLocation(ArticlePart.Body, 1, 0)), (violation.Term, violation.ExpectedRendering, violation.Location));
    }

    [Fact]
    public async Task TranslateAllAsync_EntryEdited_OnlySegmentsContainingItMissTheCache()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);
        var job = DefaultJob("Pyongyang said so.", "Khasan is quiet.", "Nothing else.");
        await harness.Pipeline.TranslateAllAsync(job, _ct);
        var before = provider.Batches.Count;

        var glossary = await harness.Glossaries.GetAsync(Core.Glossary.Glossary.DefaultId, _ct);
        var pyongyang = glossary.Entries.Single(e => e.Term == "Pyongyang");
        await harness.Glossaries.PutEntryAsync(glossary.Id,
            pyongyang with { Renderings = new Dictionary<string, string>(pyongyang.Renderings) { ["ko"] = "평양시" } }, 0, _ct);
        var ko = (await harness.Pipeline.TranslateAllAsync(job, _ct))[0];

        Assert.Equal("ko:평양시 said so.", ko.Paragraphs[0].Text);
        Assert.Equal(2, ko.Stats.CacheHits);
        Assert.Equal(["Pyongyang said so."], provider.Batches.Skip(before).SelectMany(b => b.Texts).Select(t => t.Text.Replace(ProtectedSpans.Wrap(1, "평양시"), "Pyongyang", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TranslateAllAsync_EntryNotInArticleEdited_EverySegmentStillHits()
    {
        using var harness = new PipelineHarness(new CountingProvider());
        var job = DefaultJob("Pyongyang said so.", "Nothing else.");
        await harness.Pipeline.TranslateAllAsync(job, _ct);

        await harness.Glossaries.RemoveEntryAsync(Core.Glossary.Glossary.DefaultId, "Khasan", 0, _ct);
        var ko = (await harness.Pipeline.TranslateAllAsync(job, _ct))[0];

        Assert.Equal(ko.Stats.Segments, ko.Stats.CacheHits);
        Assert.Equal("ko:평양 said so.", ko.Paragraphs[0].Text);
    }

    [Fact]
    public async Task TranslateAllAsync_NamedGlossaryWithoutDefault_UsedInsteadOfDefault()
    {
        using var harness = new PipelineHarness(new CountingProvider());
        await harness.Glossaries.CreateAsync("desk", "Desk", "en",
            [new GlossaryEntry("Pyongyang", [], new Dictionary<string, string> { ["ko"] = "PY" })], _ct);

        var ko = (await harness.Pipeline.TranslateAllAsync(Job("desk", "Pyongyang and Khasan.") with { UseDefaultGlossary = false }, _ct))[0];

        Assert.Equal("ko:PY and Khasan.", ko.Paragraphs[0].Text);
        Assert.Equal("desk", ko.Glossary.GlossaryId);
    }

    [Fact]
    public async Task TranslateAllAsync_UnknownGlossary_RejectedNamingTheField()
    {
        using var harness = new PipelineHarness(new CountingProvider());

        var ex = await Assert.ThrowsAsync<TranslationRequestException>(() => harness.Pipeline.TranslateAllAsync(Job("nope", "Pyongyang."), _ct));

        Assert.Equal("glossary_id", ex.Field);
    }

    [Fact]
    public async Task TranslateAllAsync_DefaultGlossaryGoneFromTheStore_IsReestablishedAndApplied()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);
        await harness.Glossaries.EnsureDefaultAsync(_ct);
        await harness.Glossaries.DeleteAsync(Core.Glossary.Glossary.DefaultId, _ct);

        var ko = (await harness.Pipeline.TranslateAllAsync(DefaultJob("Jo Chun Ryong spoke."), _ct))[0];

        Assert.Equal(Core.Glossary.Glossary.DefaultId, ko.Glossary.GlossaryId);
        Assert.Contains("조춘룡", ko.Paragraphs[0].Text, StringComparison.Ordinal);
        Assert.NotNull(provider.Batches.Single().Glossary);
        Assert.Contains((await harness.Glossaries.ListAsync(_ct)), g => g.Id == Core.Glossary.Glossary.DefaultId);
    }

    /// <summary>A provider that answers with whatever the test makes of each text.</summary>
    private sealed class RewritingProvider(Func<string, string> rewrite) : ITranslationProvider
    {
        public string Name => "Rewriting";

        public string Version => "test";

        public ProviderLimits Limits { get; } = new(100, 64 * 1024);

        public bool Supports(string source, string target) => true;

        public Task<IReadOnlyList<string>> TranslateAsync(ProviderBatch batch, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(batch.Texts.Select(t => rewrite(t.Text)).ToArray());
    }
}
