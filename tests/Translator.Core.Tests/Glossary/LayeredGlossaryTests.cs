using Translator.Core.Articles;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Tests.Pipeline;
using Translator.Testing;

namespace Translator.Core.Tests.Glossary;

public sealed class LayeredGlossaryTests
{
    // A safety net, not synchronisation: a broken pipeline fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static readonly GlossaryEntry DeskPyongyang = new("Pyongyang", ["P'yŏngyang"], new Dictionary<string, string> { ["ko"] = "PY" });

    private static TranslationJob Job(string? glossaryId, bool useDefault, params string[] paragraphs) =>
        new(new SourceArticle("a1", null, paragraphs), "en", ["ko"], GlossaryId: glossaryId, UseDefaultGlossary: useDefault);

    [Fact]
    public void Compose_ConflictingSpelling_NamedEntryWinsAndTheRestOfTheDefaultStays()
    {
        var starter = DefaultGlossary.Load();
        var desk = new Core.Glossary.Glossary("desk", "Desk", "en", 5, [DeskPyongyang]);

        var layered = LayeredGlossary.Compose(desk, starter);

        GlossaryValidator.Validate(layered with { Id = "layered" });
        Assert.Equal("desk+default", layered.Id);
        Assert.Equal(starter.Entries.Count, layered.Entries.Count);
        Assert.Equal("PY", Assert.Single(layered.Entries, e => e.Term == "Pyongyang").Renderings["ko"]);
        Assert.Contains(layered.Entries, e => e.Term == "Khasan");
    }

    [Fact]
    public void Compose_EitherLayerChanges_VersionChanges()
    {
        var starter = DefaultGlossary.Load();
        var desk = new Core.Glossary.Glossary("desk", "Desk", "en", 5, [DeskPyongyang]);

        long[] versions =
        [
            LayeredGlossary.Compose(desk, starter).Version,
            LayeredGlossary.Compose(desk with { Version = 6 }, starter).Version,
            LayeredGlossary.Compose(desk, starter with { Version = 2 }).Version,
        ];

        Assert.Equal(3, versions.Distinct().Count());
        Assert.All(versions, v => Assert.True(v > 0));
    }

    [Fact]
    public async Task TranslateAllAsync_NamedGlossary_LayeredOverTheDefault()
    {
        using var harness = new PipelineHarness(new CountingProvider());
        await harness.Glossaries.CreateAsync("desk", "Desk", "en", [DeskPyongyang], _ct);

        var ko = (await harness.Pipeline.TranslateAllAsync(Job("desk", true, "Pyongyang and Khasan.", "Kim Jong Un spoke; Kim left."), _ct))[0];

        Assert.Equal("ko:PY and 하산.", ko.Paragraphs[0].Text);
        Assert.Equal("ko:김정은 spoke; 김정은 left.", ko.Paragraphs[1].Text);
        Assert.Equal("desk+default", ko.Glossary.GlossaryId);
    }

    [Fact]
    public async Task TranslateAllAsync_DefaultEditedUnderANamedGlossary_NextRequestUsesTheEdit()
    {
        using var harness = new PipelineHarness(new CountingProvider());
        await harness.Glossaries.CreateAsync("desk", "Desk", "en", [DeskPyongyang], _ct);
        var job = Job("desk", true, "Khasan is quiet.");
        await harness.Pipeline.TranslateAllAsync(job, _ct);

        var khasan = (await harness.Glossaries.GetAsync(Core.Glossary.Glossary.DefaultId, _ct)).Entries.Single(e => e.Term == "Khasan");
        await harness.Glossaries.PutEntryAsync(Core.Glossary.Glossary.DefaultId,
            khasan with { Renderings = new Dictionary<string, string> { ["ko"] = "하산역" } }, 0, _ct);
        var ko = (await harness.Pipeline.TranslateAllAsync(job, _ct))[0];

        Assert.Equal("ko:하산역 is quiet.", ko.Paragraphs[0].Text);
        Assert.False(ko.Paragraphs[0].Segments[0].FromCache);
    }

    [Fact]
    public async Task TranslateAllAsync_DefaultOptedOutWithoutANamedGlossary_NoGlossaryApplies()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);

        var ko = (await harness.Pipeline.TranslateAllAsync(Job(null, false, "Pyongyang and Khasan."), _ct))[0];

        Assert.Equal("ko:Pyongyang and Khasan.", ko.Paragraphs[0].Text);
        Assert.Null(ko.Glossary.GlossaryId);
        Assert.Null(provider.Batches.Single().Glossary);
    }
}
