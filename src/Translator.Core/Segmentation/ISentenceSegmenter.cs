namespace Translator.Core.Segmentation;

/// <summary>Splits one paragraph into sentence segments.</summary>
public interface ISentenceSegmenter
{
    /// <summary>
    /// Returns the sentences of <paramref name="paragraph"/> in order. Spans never overlap, carry no
    /// leading or trailing whitespace, and only whitespace lies between them, so the spans and the
    /// gaps reassemble the paragraph exactly.
    /// </summary>
    /// <param name="paragraph">One paragraph of text.</param>
    /// <param name="language">BCP-47 source language; selects the language's rules.</param>
    IReadOnlyList<TextSpan> Split(string paragraph, string language);
}

/// <summary>A span of a string in UTF-16 code units.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public string Of(string text) => text.Substring(Start, Length);
}
