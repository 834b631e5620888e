using Microsoft.Extensions.Options;
using Translator.Core;
using Translator.Core.Articles;
using Translator.Core.Cleaning;
using Translator.Protos.V1;

namespace Translator.Server.Grpc;

/// <summary>
/// Reads a validated article (<see cref="TranslateRequestValidator"/>) into the core's <see cref="SourceArticle"/>:
/// a page is cleaned, text is split into paragraphs, and what comes out is held to the article limits. A page is
/// never translated as it is: markup is always cleaned, text and paragraphs when the request asks.
/// </summary>
internal sealed class ArticleIntake(IOptions<TranslatorOptions> options, IArticleCleaner cleaner)
{
    public static bool IsPage(Article article, bool clean) =>
        article.BodyCase != Article.BodyOneofCase.None && (clean || article.BodyCase == Article.BodyOneofCase.Html);

    /// <param name="cancellationToken">Cleaning a page of megabytes takes a noticeable time: the call's token stops it when the client goes.</param>
    /// <exception cref="Grpc.Core.RpcException">INVALID_ARGUMENT when the article read is empty or over a limit.</exception>
    public SourceArticle Read(Article article, bool clean, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var field = TranslateRequestValidator.BodyField(article);
        var title = article.Title;
        IReadOnlyList<string> paragraphs;
        if (IsPage(article, clean))
        {
            var cleaned = Clean(article, cancellationToken);
            paragraphs = cleaned.Paragraphs;
            title = title.Length > 0 ? title : cleaned.Title ?? "";
            var extracted = title.Length + paragraphs.Sum(p => p.Length);
            if (extracted > limits.MaxArticleCharacters)
            {
                throw RpcErrors.InvalidArgument(field, $"The article extracted from the page has {extracted} characters; at most {limits.MaxArticleCharacters} are accepted.");
            }
        }
        else
        {
            paragraphs = article.BodyCase switch
            {
                Article.BodyOneofCase.Text => ArticleBody.FromText(article.Text),
                Article.BodyOneofCase.Paragraphs => ArticleBody.FromParagraphs(article.Paragraphs.Items),
                _ => [],
            };
        }
        if (paragraphs.Count == 0)
        {
            throw RpcErrors.InvalidArgument(field, "The article body is empty.");
        }
        if (paragraphs.Count > limits.MaxParagraphs)
        {
            throw RpcErrors.InvalidArgument(field, $"The article has {paragraphs.Count} paragraphs; at most {limits.MaxParagraphs} are accepted.");
        }
        return new SourceArticle(article.Id, title, paragraphs);
    }

    /// <summary>The page cleaned as it is, for <c>CleanArticle</c>.</summary>
    public CleanedArticle Clean(Article article, CancellationToken cancellationToken) => cleaner.Clean(ToRaw(article), cancellationToken);

    private static RawArticle ToRaw(Article article)
    {
        var title = article.Title.Length > 0 ? article.Title : null;
        return article.BodyCase switch
        {
            Article.BodyOneofCase.Html => new RawArticle(RawArticleFormat.Html, article.Html, title),
            Article.BodyOneofCase.Paragraphs => new RawArticle(RawArticleFormat.Paragraphs,
                string.Join('\n', article.Paragraphs.Items.Select(p => p.ReplaceLineEndings(" "))), title),
            _ => new RawArticle(RawArticleFormat.Text, article.Text, title),
        };
    }

}
