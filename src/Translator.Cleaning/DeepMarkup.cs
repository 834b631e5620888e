using System.Buffers;
using System.Net;
using System.Text;

namespace Translator.Cleaning;

/// <summary>
/// Markup nested deeper than any published page, read without building a tree. The HTML tree builder checks
/// its stack of open elements at every tag, so a page nested 100,000 deep costs minutes; browsers stop
/// nesting at 512 levels (Blink's parser limit). One pass over the markup estimates the depth before parsing,
/// and a page beyond the limit is read as text: tags become line breaks, scripts and styles go.
/// </summary>
internal static class DeepMarkup
{
    public const int Limit = 512;

    // Void elements, and elements the parser closes implicitly, do not deepen the tree when left open.
    private static readonly SearchValues<string> Flat = SearchValues.Create(
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option",
    ], StringComparison.OrdinalIgnoreCase);

    private static readonly string[] RawText = ["script", "style"];

    public static bool Exceeds(string html, CancellationToken cancellationToken)
    {
        var depth = 0;
        foreach (var tag in Tags(html, cancellationToken))
        {
            if (tag.Name.Length == 0 || Flat.Contains(tag.Name))
            {
                continue;
            }
            if (tag.Closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (++depth > Limit)
            {
                return true;
            }
        }
        return false;
    }

    public static string ToText(string html, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(html.Length / 2);
        var from = 0;
        foreach (var tag in Tags(html, cancellationToken))
        {
            text.Append(html, from, tag.Start - from).Append('\n');
            from = tag.End;
        }
        text.Append(html, from, html.Length - from);
        return WebUtility.HtmlDecode(text.ToString());
    }

    private readonly record struct Tag(string Name, bool Closing, int Start, int End);

    /// <summary>The tags in order; the content of a script or style is skipped with its tags.</summary>
    private static IEnumerable<Tag> Tags(string html, CancellationToken cancellationToken)
    {
        var at = html.IndexOf('<', StringComparison.Ordinal);
        var checkedAt = 0;
        while (at >= 0 && at + 1 < html.Length)
        {
            if (at - checkedAt > 1 << 16)
            {
                cancellationToken.ThrowIfCancellationRequested();
                checkedAt = at;
            }
            var closing = html[at + 1] == '/';
            var nameStart = closing ? at + 2 : at + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }
            var end = html.IndexOf('>', nameEnd);
            end = end < 0 ? html.Length : end + 1;
            var name = html[nameStart..nameEnd];
            if (!closing && RawText.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                var close = html.IndexOf("</" + name, end, StringComparison.OrdinalIgnoreCase);
                end = close < 0 ? html.Length : close;
            }
            yield return new Tag(name, closing, at, end);
            at = end < html.Length ? html.IndexOf('<', end) : -1;
        }
    }
}
