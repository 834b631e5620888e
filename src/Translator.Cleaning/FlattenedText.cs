using System.Text;
using System.Text.RegularExpressions;

namespace Translator.Cleaning;

/// <summary>
/// Splits flattened page text into blocks. Every line is a block, because flattening puts menus, captions and
/// headlines on lines of their own; a line that a text editor wrapped mid-sentence is joined back. Ideographic
/// spaces are text (a Japanese headline uses one as a separator), so only Latin whitespace is collapsed.
/// </summary>
internal static partial class FlattenedText
{
    private const int WrapMinLength = 40;
    private static readonly System.Buffers.SearchValues<char> Unusual = System.Buffers.SearchValues.Create("\t\r\f\v\u00A0\u200B");

    public static IReadOnlyList<SourceBlock> ToBlocks(string text, CancellationToken cancellationToken)
    {
        var blocks = new List<SourceBlock>();
        var open = new StringBuilder();
        var lastLine = "";
        var lines = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            if ((++lines & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var raw = text.AsSpan(range);
            var line = raw.ContainsAny(Unusual) || raw.Contains("  ", StringComparison.Ordinal) ? Spaces().Replace(raw.ToString(), " ").Trim() : raw.Trim().ToString();
            if (line.Length == 0)
            {
                Flush();
                continue;
            }
            // A wrapped line continues the block; the test looks at the last line only, so a long paragraph
            // of wrapped lines is read in one pass.
            if (open.Length > 0 && IsWrapped(open.Length, lastLine, line))
            {
                open.Append(' ').Append(line);
                lastLine = line;
                continue;
            }
            Flush();
            open.Append(line);
            lastLine = line;
        }
        Flush();
        return blocks;

        void Flush()
        {
            if (open.Length > 0)
            {
                blocks.Add(new SourceBlock(open.ToString()));
                open.Clear();
            }
        }
    }

    private static bool IsWrapped(int openLength, string previous, string next) =>
        openLength >= WrapMinLength && char.IsLower(next[0]) && previous[^1] is not ('.' or '!' or '?' or ':' or '…' or '"' or '”');

    [GeneratedRegex(@"[ \t\r\f\v\u00A0\u200B]+")]
    private static partial Regex Spaces();
}
