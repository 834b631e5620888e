using Translator.Core.Cleaning;

namespace Translator.Cleaning;

/// <summary>
/// HTML goes through <see cref="HtmlArticleExtractor"/> (the page's structure finds the story); flattened text
/// through the block classifier (line features, context and the contiguity of the story find it).
/// </summary>
/// <param name="pageAddress">
/// The address relative links on a page resolve against; only a test sets it, to prove that an address given to
/// the cleaner is never fetched.
/// </param>
internal sealed class ArticleCleaner(string pageAddress = HtmlArticleExtractor.NoAddress) : IArticleCleaner
{
    public string Name => "structure-readability-justext";

    public CleanedArticle Clean(RawArticle page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        cancellationToken.ThrowIfCancellationRequested();
        return page.Format switch
        {
            RawArticleFormat.Html => HtmlArticleExtractor.Extract(page.Body, page.KnownTitle, pageAddress, cancellationToken),
            RawArticleFormat.Paragraphs => BlockClassifier.Classify(
                page.Body.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => new SourceBlock(l)).ToArray(), page.KnownTitle, cancellationToken),
            _ => BlockClassifier.Classify(FlattenedText.ToBlocks(page.Body, cancellationToken), page.KnownTitle, cancellationToken),
        };
    }
}
