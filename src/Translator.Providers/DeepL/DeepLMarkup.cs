using System.Text;
using System.Text.RegularExpressions;

namespace Translator.Providers.DeepL;

/// <summary>
/// With <c>tag_handling=xml</c> DeepL reads each text as XML, so the article text around our protected
/// spans (<c>&lt;x id="N"&gt;…&lt;/x&gt;</c>, whose content is already escaped) must be escaped on the way
/// out and unescaped on the way back, or an "AT&amp;T" would be malformed markup.
/// </summary>
internal static partial class DeepLMarkup
{
    public static string Escape(string text) => MapOutsideSpans(text, static s => System.Security.SecurityElement.Escape(s));

    public static string Unescape(string text) => MapOutsideSpans(text, static s => s.Contains('&', StringComparison.Ordinal)
        ? s.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&apos;", "'", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
        : s);

    private static string MapOutsideSpans(string text, Func<string, string> map)
    {
        var sb = new StringBuilder(text.Length + 16);
        var at = 0;
        foreach (var span in Span().EnumerateMatches(text))
        {
            sb.Append(map(text[at..span.Index])).Append(text.AsSpan(span.Index, span.Length));
            at = span.Index + span.Length;
        }
        return sb.Append(map(text[at..])).ToString();
    }

    [GeneratedRegex("<x id=\"[0-9]+\">[^<]*</x>", RegexOptions.CultureInvariant)]
    private static partial Regex Span();
}
