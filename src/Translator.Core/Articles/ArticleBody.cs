using System.Text.RegularExpressions;

namespace Translator.Core.Articles;

/// <summary>Turns the body shapes clients send into paragraphs.</summary>
public static partial class ArticleBody
{
    /// <summary>
    /// Plain text: paragraphs are separated by blank lines. Single line breaks inside a paragraph are
    /// hard wraps from the sender's editor, not structure, so they become spaces.
    /// </summary>
    public static IReadOnlyList<string> FromText(string text) =>
        BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal))
            .Select(NormalizeParagraph)
            .Where(p => p.Length > 0)
            .ToArray();

    /// <summary>Paragraphs as the client split them; empty ones carry nothing to translate.</summary>
    public static IReadOnlyList<string> FromParagraphs(IEnumerable<string> paragraphs) =>
        paragraphs.Select(NormalizeParagraph).Where(p => p.Length > 0).ToArray();

    private static string NormalizeParagraph(string paragraph) =>
        LineBreaks().Replace(paragraph.Trim(), " ");

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"[ \t]*\r?\n[ \t]*")]
    private static partial Regex LineBreaks();
}
