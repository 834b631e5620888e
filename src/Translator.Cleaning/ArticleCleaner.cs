using System.Globalization;
using Translator.Core.Cleaning;

namespace Translator.Cleaning;

/// <summary>
/// HTML goes through SmartReader (Mozilla Readability) to find the story's container, then through the same
/// block classifier as flattened text, which removes the captions and teasers Readability keeps.
/// </summary>
internal sealed class ArticleCleaner : IArticleCleaner
{
    // SmartReader resolves relative links against a page address; we have none and keep no links.
    private const string NoAddress = "https://article.invalid/";

    public string Name => "readability-justext";

    public CleanedArticle Clean(RawArticle page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Format switch
        {
            RawArticleFormat.Html => CleanHtml(page.Body, page.KnownTitle),
            RawArticleFormat.Paragraphs => BlockClassifier.Classify(
                page.Body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => new SourceBlock(l)).ToArray(), page.KnownTitle),
            _ => BlockClassifier.Classify(FlattenedText.ToBlocks(page.Body), page.KnownTitle),
        };
    }

    private static CleanedArticle CleanHtml(string html, string? knownTitle)
    {
        var extracted = SmartReader.Reader.ParseArticle(NoAddress, html);
        var content = extracted.IsReadable && !string.IsNullOrWhiteSpace(extracted.Content) ? extracted.Content : html;
        var blocks = HtmlBlocks.Read(content);
        var title = string.IsNullOrWhiteSpace(knownTitle) ? NullIfBlank(extracted.Title) : knownTitle;
        var cleaned = BlockClassifier.Classify(blocks, title);
        return cleaned with
        {
            Byline = cleaned.Byline ?? NullIfBlank(extracted.Byline),
            PublicationDate = cleaned.PublicationDate
                ?? extracted.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
