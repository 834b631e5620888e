using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Translator.Core.Cleaning;

namespace Translator.Cleaning;

/// <summary>
/// Finds the story in an HTML page from its structure. Readability (SmartReader, given the parsed document so
/// it never fetches anything) picks the container by paragraph scores, class names and link density; the
/// page's JSON-LD <c>articleBody</c>, when there is one, is a second opinion; when neither finds a story the
/// whole page's blocks go through the block classifier. Blocks inside the chosen container that are furniture
/// (captions, teaser boxes, link lists, share and subscribe lines) are then dropped.
/// </summary>
internal static class HtmlArticleExtractor
{
    /// <summary>SmartReader resolves relative links against the page's address; we have none and keep no links.</summary>
    public const string NoAddress = "https://article.invalid/";

    private const double MaxLinkDensity = 0.5;

    /// <summary>Elements in a page that Readability reads: three times the largest page of the development set.</summary>
    private const int MaxReadabilityElements = 5_000;

    private const int MaxReadabilityDepth = 200;

    /// <summary>How much more text the page's JSON-LD articleBody must hold to be preferred to the container.</summary>
    private const double DeclaredBodyMargin = 1.25;

    private static readonly HtmlParser Parser = new();

    public static CleanedArticle Extract(string html, string? knownTitle, string pageAddress, CancellationToken cancellationToken)
    {
        if (DeepMarkup.Exceeds(html, cancellationToken))
        {
            return BlockClassifier.Classify(FlattenedText.ToBlocks(DeepMarkup.ToText(html, cancellationToken), cancellationToken), knownTitle, cancellationToken);
        }
        using var document = Parser.ParseDocumentAsync(html, cancellationToken).GetAwaiter().GetResult();
        cancellationToken.ThrowIfCancellationRequested();
        var declared = JsonLdArticle.FindBody(document, cancellationToken);
        var page = HtmlBlocks.Read(document.Body ?? document.DocumentElement, cancellationToken);
        var pageBlocks = page.Blocks;
        // Readability's passes are not linear in every page shape (a flat list of 24,000 items takes seconds) and
        // recurse with the tree's depth, so pages beyond a real article page's size are read by the linear path.
        var readable = page.Elements <= MaxReadabilityElements && page.MaxDepth <= MaxReadabilityDepth
            ? Readability(document, pageAddress, cancellationToken)
            : new ReadableResult([], document.Title, null, null);

        if (readable.Blocks.Count == 0)
        {
            // No container stands out: read the page as the flattened-text path would, with the markup's hints.
            var whole = BlockClassifier.Classify(ToSourceBlocks(pageBlocks), knownTitle, cancellationToken);
            return whole with
            {
                Title = whole.Title ?? readable.Title,
                Byline = whole.Byline ?? readable.Byline,
                PublicationDate = whole.PublicationDate ?? readable.Date,
            };
        }
        // Link lists inside the container (related stories, tags) are navigation whatever their words.
        // Readability demotes h1 to h2, so the page's own h1 texts say which container block is the headline.
        var headlines = pageBlocks.Where(b => b.Hint == BlockHint.Headline).Select(b => b.Text).ToHashSet(StringComparer.Ordinal);
        var blocks = readable.Blocks
            .Where(b => b.LinkDensity < MaxLinkDensity)
            .Select(b => new SourceBlock(b.Text, headlines.Contains(b.Text) ? BlockHint.Headline : b.Hint))
            .ToArray();
        var cleaned = BlockClassifier.ClassifyContainer(blocks, NullIfBlank(knownTitle), cancellationToken);
        if (declared is not null && Letters(declared) > Letters(cleaned.Paragraphs) * DeclaredBodyMargin)
        {
            // The publisher's declared body holds clearly more than the container Readability chose: the
            // story spans several containers (or Readability took a part of it), so the declaration wins.
            var lines = declared.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(l => new SourceBlock(l)).ToArray();
            cleaned = BlockClassifier.ClassifyContainer(lines, NullIfBlank(knownTitle), cancellationToken);
        }
        return cleaned with
        {
            Title = cleaned.Title ?? readable.Title,
            Byline = cleaned.Byline ?? readable.Byline,
            PublicationDate = cleaned.PublicationDate ?? readable.Date,
        };
    }

    private static int Letters(string text) => text.Count(char.IsLetterOrDigit);

    private static int Letters(IEnumerable<string> paragraphs) => paragraphs.Sum(Letters);

    private static SourceBlock[] ToSourceBlocks(IEnumerable<HtmlBlock> blocks) => blocks.Select(b => new SourceBlock(b.Text, b.Hint)).ToArray();

    private sealed record ReadableResult(IReadOnlyList<HtmlBlock> Blocks, string? Title, string? Byline, string? Date);

    private static ReadableResult Readability(IHtmlDocument document, string pageAddress, CancellationToken cancellationToken)
    {
        using var reader = new SmartReader.Reader(pageAddress, document);
        var article = reader.GetArticleAsync(cancellationToken).GetAwaiter().GetResult();
        cancellationToken.ThrowIfCancellationRequested();
        if (!article.IsReadable || string.IsNullOrWhiteSpace(article.Content))
        {
            return new ReadableResult([], NullIfBlank(article.Title), NullIfBlank(article.Byline), null);
        }
        using var content = Parser.ParseDocument(article.Content);
        return new ReadableResult(
            HtmlBlocks.Read(content.Body ?? content.DocumentElement, cancellationToken).Blocks,
            NullIfBlank(article.Title),
            NullIfBlank(article.Byline),
            article.PublicationDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
