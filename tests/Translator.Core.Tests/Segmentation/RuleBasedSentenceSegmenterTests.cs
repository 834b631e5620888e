using Translator.Core.Segmentation;
using Translator.Testing;

namespace Translator.Core.Tests.Segmentation;

public sealed class RuleBasedSentenceSegmenterTests
{
    private static readonly RuleBasedSentenceSegmenter Segmenter = new();

    private static readonly SegmentationCase[] Cases =
    [
        .. SegmentationCase.Load("news-en.txt", "en"),
        .. SegmentationCase.Load("news-ru.txt", "ru"),
        .. SegmentationCase.Load("news-ja.txt", "ja"),
        .. SegmentationCase.Load("news-ko.txt", "ko"),
    ];

    public static TheoryData<SegmentationCase> NewsCases => new(Cases);

    [Theory]
    [MemberData(nameof(NewsCases))]
    public void Split_NewsCopy_SplitsAtSentenceBoundariesOnly(SegmentationCase c) =>
        Assert.Equal(c.Sentences, GoldenRulesTests.Sentences(c));

    [Fact]
    public void Split_JapaneseRulesOnEnglishText_DoNotApply()
    {
        // The same Japanese text under English rules still splits at 。, which is unambiguous in any language.
        const string text = "会見は終わった。質問はなかった。";

        Assert.Equal(2, Segmenter.Split(text, "en").Count);
    }

    [Theory]
    [InlineData("The demands:\n- a ceasefire\n- aid access", "The demands: | - a ceasefire | - aid access")]
    [InlineData("Casualties:\n• 12 soldiers\n• 3 civilians. More are missing.", "Casualties: | • 12 soldiers | • 3 civilians. | More are missing.")]
    [InlineData("Steps agreed:\n1. A ceasefire\n2. Talks in Geneva", "Steps agreed: | 1. A ceasefire | 2. Talks in Geneva")]
    [InlineData("It was a cold\nnight in the city. Troops moved\n2 km north.", "It was a cold\nnight in the city. | Troops moved\n2 km north.")]
    public void Split_ListItemsOnTheirOwnLines_SplitBeforeEachItemButNotAtWrappedLines(string paragraph, string expected)
    {
        var spans = Segmenter.Split(paragraph, "en");

        AssertReassembles(paragraph, spans);
        Assert.Equal(expected.Split(" | "), spans.Select(s => s.Of(paragraph)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Split_Blank_ReturnsNoSegments(string text) => Assert.Empty(Segmenter.Split(text, "en"));

    [Fact]
    public void Split_SharedWireSamplesAndFixtures_SpansReassembleTheParagraphExactly()
    {
        var paragraphs = Directory.GetFiles(Path.Combine(RepositoryPaths.Fixtures, "samples"), "*.txt")
            .SelectMany(f => File.ReadAllText(f).Split("\n\n"))
            .Concat(Cases.Select(c => c.Text))
            .Where(p => p.Trim().Length > 0)
            .ToArray();
        Assert.NotEmpty(paragraphs);

        foreach (var language in new[] { "en", "ru", "ja", "ko" })
        {
            foreach (var paragraph in paragraphs)
            {
                AssertReassembles(paragraph, Segmenter.Split(paragraph, language));
            }
        }
    }

    internal static void AssertReassembles(string paragraph, IReadOnlyList<TextSpan> spans)
    {
        var position = 0;
        foreach (var span in spans)
        {
            Assert.True(span.Start >= position, "spans overlap or go backwards");
            Assert.True(paragraph.AsSpan(position, span.Start - position).IsWhiteSpace(), "only whitespace lies between spans");
            Assert.True(span.Length > 0);
            Assert.False(char.IsWhiteSpace(paragraph[span.Start]));
            Assert.False(char.IsWhiteSpace(paragraph[span.End - 1]));
            position = span.End;
        }
        Assert.True(paragraph.AsSpan(position).IsWhiteSpace(), "only whitespace follows the last span");
    }
}
