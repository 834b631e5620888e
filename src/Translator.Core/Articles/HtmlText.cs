using System.Net;
using System.Text.RegularExpressions;

namespace Translator.Core.Articles;

/// <summary>
/// A markup-only reading of an HTML body: block elements become paragraphs, scripts and styles are
/// dropped, entities decoded. It keeps whatever text the page holds; separating the story from the
/// page around it is the article cleaner's job.
/// </summary>
public static partial class HtmlText
{
    public static IReadOnlyList<string> ToParagraphs(string html)
    {
        var withoutCode = NonText().Replace(html, " ");
        var blocks = BlockBoundary().Replace(withoutCode, "\n\n");
        var text = WebUtility.HtmlDecode(Tag().Replace(blocks, " "));
        return ArticleBody.FromText(Spaces().Replace(text, " "));
    }

    [GeneratedRegex(@"<(script|style|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex NonText();

    [GeneratedRegex(@"</?(p|div|h[1-6]|li|ul|ol|br|article|section|header|footer|nav|aside|blockquote|figure|figcaption|table|tr|main)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBoundary();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();
}
