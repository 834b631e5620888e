using System.Text.RegularExpressions;

namespace Translator.Core.Cleaning;

/// <summary>
/// Splits flattened page text into blocks. Every line is a block, because flattening puts menus, captions and
/// headlines on lines of their own; a line that a text editor wrapped mid-sentence is joined back. Ideographic
/// spaces are text (a Japanese headline uses one as a separator), so only Latin whitespace is collapsed.
/// </summary>
public static partial class FlattenedText
{
    private const int WrapMinLength = 40;
    private static readonly System.Buffers.SearchValues<char> Unusual = System.Buffers.SearchValues.Create("\t\r\f\v\u00A0\u200B");

    public static IReadOnlyList<SourceBlock> ToBlocks(string text)
    {
        var blocks = new List<SourceBlock>();
        string? open = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.AsSpan().ContainsAny(Unusual) || raw.Contains("  ", StringComparison.Ordinal) ? Spaces().Replace(raw, " ").Trim() : raw.Trim();
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            if (open is not null && IsWrapped(open, line))
            {
                open += " " + line;
                continue;
            }
            Flush();
            open = line;
        }
        Flush();
        return blocks;

        void Flush()
        {
            if (open is not null)
            {
                blocks.Add(new SourceBlock(open));
                open = null;
            }
        }
    }

    private static bool IsWrapped(string previous, string next) =>
        previous.Length >= WrapMinLength && char.IsLower(next[0]) && previous[^1] is not ('.' or '!' or '?' or ':' or '…' or '"' or '”');

    [GeneratedRegex(@"[ \t\r\f\v\u00A0\u200B]+")]
    private static partial Regex Spaces();
}
