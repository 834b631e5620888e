using Translator.Core.Segmentation;
using Xunit;

namespace Translator.Core.Tests.Segmentation;

internal static class SegmentationAssert
{
    /// <summary>Checks the interface contract: trimmed, ordered spans with only whitespace between them.</summary>
    public static void Reassembles(string paragraph, IReadOnlyList<TextSpan> spans)
    {
        var position = 0;
        foreach (var span in spans)
        {
            Assert.True(span.Length > 0, "empty span");
            Assert.True(span.Start >= position, "overlapping span");
            Assert.True(string.IsNullOrWhiteSpace(paragraph[position..span.Start]), $"non-whitespace gap before {span.Start}");
            Assert.False(char.IsWhiteSpace(paragraph[span.Start]), "span starts with whitespace");
            Assert.False(char.IsWhiteSpace(paragraph[span.End - 1]), "span ends with whitespace");
            position = span.End;
        }
        Assert.True(string.IsNullOrWhiteSpace(paragraph[position..]), "non-whitespace after the last span");
    }

    public static string[] Texts(string paragraph, IReadOnlyList<TextSpan> spans) => spans.Select(s => s.Of(paragraph)).ToArray();
}
