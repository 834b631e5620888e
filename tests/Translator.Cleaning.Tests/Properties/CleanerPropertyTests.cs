using CsCheck;
using Translator.Core.Cleaning;

namespace Translator.Cleaning.Tests.Properties;

/// <summary>
/// Random pages, well-formed and not: whatever arrives, cleaning returns (no exception escapes to become an
/// INTERNAL error) and keeps only text that was on the page. Each property checks a fixed set of cases.
/// </summary>
public class CleanerPropertyTests
{
    // A fixed seed and number of cases (Translator.Testing.Properties): every run checks the same pages.
    private const int Cases = 1500;

    private static readonly ArticleCleaner Cleaner = new();

    private static readonly Gen<string> Word = Gen.OneOf(
        "the", "council", "approved", "budget", "on", "Thursday", "said", "Home", "News", "Read", "more", "Photo:", "(AP)",
        "Совет", "утвердил", "бюджет", "시의회는", "예산안을", "市議会は", "予算案を", "©", "|", "»", "—", "...", "2024", "Subscribe");

    private static readonly Gen<string> Sentence = Gen.Select(Word.Array[1, 30], Gen.OneOf(".", "", "?", "!", ":", "…"),
        (words, end) => string.Join(' ', words) + end);

    private static readonly Gen<string> Text = Gen.OneOf<string>(
        Gen.Select(Sentence.Array[0, 60], Gen.OneOf("\n", "\n\n", " \n", "\r\n"), (lines, sep) => string.Join(sep, lines)),
        Gen.String);

    private static readonly Gen<string> Markup = Gen.OneOf(
        "<p>", "</p>", "<div class=\"related\">", "<div>", "</div>", "<ul>", "<li>", "</li>", "</ul>", "<a href=\"/x\">", "</a>", "<h1>",
        "</h1>", "<h2>", "</h2>", "<figure><figcaption>", "</figcaption></figure>", "<aside>", "</aside>", "<br>", "<script>var a = 1 < 2;",
        "</script>", "<article>", "</article>", "<main>", "</main>", "<table><tr><td>", "</td></tr></table>", "<", ">", "&amp;", "<!--", "-->",
        "<b>", "</b>", "<nav>", "</nav>", "<span hidden>", "</span>");

    private static readonly Gen<string> Html = Gen.OneOf<string>(
        Gen.Select(Gen.OneOf<string>(Sentence, Markup).Array[0, 200], parts => "<html><body>" + string.Concat(parts) + "</body></html>"),
        Gen.Select(Markup.Array[0, 300], string.Concat),
        Gen.String);

    [Fact]
    public void Clean_AnyText_ReturnsOnlyTextFromThePage() =>
        Translator.Testing.Properties.ForAll(Text, Cases, text => AssertKeepsOnlyPageText(RawArticleFormat.Text, text));

    [Fact]
    public void Clean_AnyParagraphs_ReturnsOnlyTextFromThePage() =>
        Translator.Testing.Properties.ForAll(Text, Cases, text => AssertKeepsOnlyPageText(RawArticleFormat.Paragraphs, text));

    [Fact]
    public void Clean_AnyHtml_ReturnsOnlyTextFromThePage() =>
        Translator.Testing.Properties.ForAll(Html, Cases, html => AssertKeepsOnlyPageText(RawArticleFormat.Html, html));

    /// <summary>
    /// The cleaner cuts and never writes: no letter or digit in its paragraphs more often than on the page — for
    /// HTML, the page as a browser reads it, where a character reference such as <c>&amp;#x6e</c> is the letter n.
    /// </summary>
    private static void AssertKeepsOnlyPageText(RawArticleFormat format, string body)
    {
        var result = Cleaner.Clean(new RawArticle(format, body), CancellationToken.None);

        var available = Count(body);
        if (format == RawArticleFormat.Html)
        {
            foreach (var (c, n) in Count(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body).DocumentElement.TextContent))
            {
                available[c] = Math.Max(available.GetValueOrDefault(c), n);
            }
        }
        foreach (var (c, n) in Count(string.Concat(result.Paragraphs)))
        {
            Assert.True(available.GetValueOrDefault(c) >= n, $"'{c}' appears {n} times in the paragraphs, {available.GetValueOrDefault(c)} on the page.");
        }
        Assert.All(result.Paragraphs, p => Assert.False(string.IsNullOrWhiteSpace(p)));
    }

    private static Dictionary<char, int> Count(string text)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }
        }
        return counts;
    }
}
