using Translator.Core.Glossary;

namespace Translator.Core.Tests.Glossary;

public sealed class SecondReferenceResolverTests
{
    private static readonly GlossaryMatcher Starter = new(DefaultGlossary.Load());

    /// <summary>Every short form in the story, in order, with the term it stands for (null: left to the provider).</summary>
    private static (string Text, string? Term)[] ShortForms(StoryMatches story, string[] texts) =>
        texts.SelectMany((text, t) => story.Matches[t].Where(m => m.IsShortForm)
                .Select(m => (text.Substring(m.Start, m.Length), m.Entry < 0 ? null : Starter.Glossary.Entries[m.Entry].Term)))
            .ToArray();

    private static StoryMatches Resolve(params string[] texts) => SecondReferenceResolver.Resolve(Starter, texts, _ => 1);

    [Fact]
    public void Resolve_ShortFormsAfterFullNames_StandForTheNamedEntries()
    {
        string[] story = ["Kim Jong Un met Vladimir Putin.", "Kim said Putin agreed."];

        var resolved = Resolve(story);

        Assert.Equal([("Kim", "Kim Jong Un"), ("Putin", "Vladimir Putin")], ShortForms(resolved, story));
        Assert.Empty(resolved.Unresolved);
    }

    [Fact]
    public void Resolve_NoFullMention_LeftToTheProviderAndReported()
    {
        string[] story = ["Vladimir Putin spoke.", "Peskov said Putin agreed."];

        var resolved = Resolve(story);

        Assert.Equal([("Peskov", null), ("Putin", "Vladimir Putin")], ShortForms(resolved, story));
        var peskov = Assert.Single(resolved.Unresolved);
        Assert.Equal(("Peskov", ShortFormProblem.NoFullMention, 1), (peskov.ShortForm, peskov.Problem, peskov.Occurrences));
        Assert.Equal(["Dmitry Peskov"], peskov.Candidates);
    }

    [Fact]
    public void Resolve_TwoCandidatesNamed_TheOneNamedMostOftenWins()
    {
        string[] story = ["Kim Jong Un arrived.", "Kim Myong Sik followed.", "Adm. Kim Myong-sik spoke.", "Kim nodded."];

        Assert.Equal([("Kim", "Kim Myong Sik")], ShortForms(Resolve(story), story));
    }

    [Fact]
    public void Resolve_TwoCandidatesNamedEquallyOften_TheNearestFullMentionBeforeWins()
    {
        string[] story = ["Kim Jong Un arrived.", "Kim waved.", "Kim Myong Sik followed.", "Kim saluted.", "Kim Myong Sik left, Kim Jong Un stayed and Kim smiled."];

        Assert.Equal(
            [("Kim", "Kim Jong Un"), ("Kim", "Kim Myong Sik"), ("Kim", "Kim Jong Un")],
            ShortForms(Resolve(story), story));
    }

    [Fact]
    public void Resolve_HeadlineBeforeAnyFullName_ResolvesAgainstTheWholeStory()
    {
        string[] story = ["North Korea’s Kim is in Russia to meet Putin", "Kim Jong Un crossed the border to meet Vladimir Putin."];

        Assert.Equal([("Kim", "Kim Jong Un"), ("Putin", "Vladimir Putin")], ShortForms(Resolve(story), story));
    }

    [Fact]
    public void Resolve_TiedCandidatesInAHeadline_TheOneTheStoryNamesFirst()
    {
        string[] story = ["Kim heads to Russia", "Kim Myong Sik and Kim Jong Un boarded the train."];

        Assert.Equal([("Kim", "Kim Myong Sik")], ShortForms(Resolve(story), story));
    }

    [Fact]
    public void Resolve_AnotherPersonOfThatNameNotInTheGlossary_EveryOccurrenceAmbiguous()
    {
        string[] story = ["Kim Jong Un met Vladimir Putin.", "His sister Kim Yo Jong stayed home.", "Kim said Putin agreed."];

        var resolved = Resolve(story);

        Assert.Equal([("Kim", null), ("Kim", null), ("Putin", "Vladimir Putin")], ShortForms(resolved, story));
        var kim = Assert.Single(resolved.Unresolved);
        Assert.Equal(("Kim", ShortFormProblem.Ambiguous, 2), (kim.ShortForm, kim.Problem, kim.Occurrences));
        Assert.Equal(["Kim Jong Un", "Kim Myong Sik"], kim.Candidates);
    }

    [Fact]
    public void Resolve_AnotherPersonWithTheSurnameLast_Ambiguous()
    {
        string[] story = ["Vladimir Putin arrived.", "Officials said Yekaterina Putin was not present.", "Putin spoke."];

        Assert.Equal(ShortFormProblem.Ambiguous, Assert.Single(Resolve(story).Unresolved).Problem);
    }

    [Fact]
    public void Resolve_PossessivesCompoundsTitlesAndDates_StillResolve()
    {
        string[] story =
        [
            "Kim Jong Un and Vladimir Putin met.",
            "Kim's train and Kim’s delegation left.",
            "The Kim-Putin summit ended as President Putin and Kim Monday agreed.",
            "But Putin said little.",
        ];

        var resolved = ShortForms(Resolve(story), story);

        Assert.Equal(7, resolved.Length);
        Assert.All(resolved, r => Assert.NotNull(r.Term));
    }

    [Fact]
    public void Resolve_LowerCaseWord_IsNoShortForm()
    {
        string[] story = ["Ri Pyong Chol spoke.", "The ri is a unit of distance."];

        Assert.Empty(ShortForms(Resolve(story), story));
    }

    [Fact]
    public void Resolve_RepeatedSegment_CountsEveryOccurrence()
    {
        string[] story = ["Kim Jong Un arrived.", "Kim Myong Sik arrived.", "Kim waved."];

        // The second text occurs twice in the story, so Kim Myong Sik is named more often.
        var resolved = SecondReferenceResolver.Resolve(Starter, story, t => t == 1 ? 2 : 1);

        Assert.Equal([("Kim", "Kim Myong Sik")], ShortForms(resolved, story));
    }
}
