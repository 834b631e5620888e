using Translator.Core.Articles;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Tests.Pipeline;
using Translator.Testing;

namespace Translator.Core.Tests.Glossary;

/// <summary>Short forms through the pipeline with the starter glossary: protected once resolved, reported, and cached per resolution.</summary>
public sealed class ShortFormPipelineTests
{
    // A safety net, not synchronisation: a broken pipeline fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static TranslationJob Story(string? title, params string[] paragraphs) =>
        new(new SourceArticle("a1", title, paragraphs), "en", ["ko", "ru"]);

    [Fact]
    public async Task TranslateAllAsync_ShortFormsOfNamedPeople_RenderedAsTheStyleBookSaysAndReported()
    {
        using var harness = new PipelineHarness(new CountingProvider());

        var (ko, ru) = await Both(harness, Story("Kim heads to Russia to meet Putin", "Kim Jong Un met Vladimir Putin.", "Kim’s train left, Putin said."));

        Assert.Equal("ko:김정은 heads to Russia to meet 푸틴", ko.Title!.Text);
        Assert.Equal("ko:김정은’s train left, 푸틴 said.", ko.Paragraphs[1].Text);
        Assert.Equal("ru:Ким Чен Ын’s train left, Путин said.", ru.Paragraphs[1].Text);
        Assert.Equal([("Kim", "Kim Jong Un", "김정은", 2), ("Putin", "Vladimir Putin", "푸틴", 2)],
            ko.Glossary.ResolvedShortForms.Select(r => (r.ShortForm, r.Term, r.Rendering, r.Occurrences)));
        Assert.Equal([("Kim", "Kim Jong Un", "Ким Чен Ын", 2), ("Putin", "Vladimir Putin", "Путин", 2)],
            ru.Glossary.ResolvedShortForms.Select(r => (r.ShortForm, r.Term, r.Rendering, r.Occurrences)));
        Assert.Empty(ko.Glossary.UnresolvedShortForms);
        Assert.Empty(ko.Glossary.Violations);
    }

    [Fact]
    public async Task TranslateAllAsync_AmbiguousShortForm_LeftToTheProviderAndReported()
    {
        using var harness = new PipelineHarness(new CountingProvider());

        var (ko, _) = await Both(harness, Story(null, "Kim Jong Un arrived with his sister Kim Yo Jong.", "Kim waved."));

        Assert.Equal("ko:Kim waved.", ko.Paragraphs[1].Text);
        var kim = Assert.Single(ko.Glossary.UnresolvedShortForms);
        Assert.Equal(("Kim", ShortFormProblem.Ambiguous, 2), (kim.ShortForm, kim.Problem, kim.Occurrences));
        Assert.Empty(ko.Glossary.ResolvedShortForms);
    }

    [Fact]
    public async Task TranslateAllAsync_SameSentenceInStoriesAboutDifferentKims_NeverServedTheOtherStorysName()
    {
        var provider = new CountingProvider();
        using var harness = new PipelineHarness(provider);
        const string sentence = "Kim waved from the train.";

        var (aboutLeader, _) = await Both(harness, Story(null, "Kim Jong Un arrived.", sentence));
        var (aboutAdmiral, _) = await Both(harness, Story(null, "Kim Myong Sik arrived.", sentence));
        var (aboutNobody, _) = await Both(harness, Story(null, "Nobody was named.", sentence));
        var (leaderAgain, _) = await Both(harness, Story(null, "Kim Jong Un arrived.", sentence));

        Assert.Equal(("ko:김정은 waved from the train.", false), Segment(aboutLeader));
        Assert.Equal(("ko:김명식 waved from the train.", false), Segment(aboutAdmiral));
        Assert.Equal(("ko:Kim waved from the train.", false), Segment(aboutNobody));
        Assert.Equal(("ko:김정은 waved from the train.", true), Segment(leaderAgain));
    }

    private static (string Text, bool FromCache) Segment(TranslatedArticle article) =>
        (article.Paragraphs[1].Segments[0].Text, article.Paragraphs[1].Segments[0].FromCache);

    private async Task<(TranslatedArticle Ko, TranslatedArticle Ru)> Both(PipelineHarness harness, TranslationJob job)
    {
        var articles = await harness.Pipeline.TranslateAllAsync(job, _ct);
        return (articles[0], articles[1]);
    }
}
