using Translator.Core.Segmentation;

namespace Translator.Core.Tests.Segmentation;

/// <summary>The English Golden Rules (Pragmatic Segmenter / pySBD): the published score of this segmenter.</summary>
public sealed class GoldenRulesTests
{
    private static readonly IReadOnlyList<SegmentationCase> Rules = SegmentationCase.Load("golden-rules-en.txt", "en");

    public static TheoryData<SegmentationCase> NewsRules => new(Rules.Where(r => r.News));

    [Theory]
    [MemberData(nameof(NewsRules))]
    public void Split_GoldenRuleThatAppliesToNews_Passes(SegmentationCase rule) =>
        Assert.Equal(rule.Sentences, Sentences(rule));

    [Fact]
    public void Split_AllGoldenRules_ScoreMatchesTheReadme()
    {
        var passed = Rules.Count(r => Sentences(r).SequenceEqual(r.Sentences));

        Assert.Equal(48, Rules.Count);
        // The README states this score; a regression or an improvement must update both.
        Assert.Equal(48, passed);
    }

    internal static string[] Sentences(SegmentationCase c) =>
        new RuleBasedSentenceSegmenter().Split(c.Text, c.Language).Select(s => s.Of(c.Text)).ToArray();
}
