using CsCheck;
using Translator.Core.Segmentation;
using Translator.Testing;

namespace Translator.Core.Tests.Segmentation;

/// <summary>For any paragraph, in any language, the segments tile it: nothing lost, nothing invented. Fixed seed and case count.</summary>
public sealed class SegmenterPropertyTests
{
    private static readonly RuleBasedSentenceSegmenter Segmenter = new();

    // Words, every kind of sentence and abbreviation punctuation the rules look at, quotes, brackets, digits,
    // list markers and whitespace of several kinds, in several scripts.
    private static readonly string[] Pieces =
    [
        "Kim", "met", "Putin", "U.S.", "Dr.", "No.", "3.5", "1.", "a)", "e.g.", "etc.", "Mr", "St.", "Ким", "г.", "т.д.", "김정은",
        "했다.", "会見", "終わった", "。", "！", "？", ".", "!", "?", "...", "…", "?!", "\"", "“", "”", "«", "»", "(", ")", "「", "」",
        " ", " ", "  ", "\u00a0", "\t", "\n", "\u2028", "—", "-", ",", ";", ":", "'", "’", "😀", "\u0301",
    ];

    private static readonly Gen<string> Paragraph =
        Gen.Int[0, Pieces.Length - 1].Array[0, 80].Select(indexes => string.Concat(indexes.Select(i => Pieces[i])));

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("ja")]
    [InlineData("ko")]
    public void Split_AnyParagraph_SegmentsTileTheParagraph(string language) =>
        Properties.ForAll(Paragraph, 2_000, paragraph =>
            RuleBasedSentenceSegmenterTests.AssertReassembles(paragraph, Segmenter.Split(paragraph, language)));
}
