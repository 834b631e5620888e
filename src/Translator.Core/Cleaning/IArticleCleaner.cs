namespace Translator.Core.Cleaning;

/// <summary>Separates the story from the page around it: menus, captions, teasers, blurbs, footers.</summary>
public interface IArticleCleaner
{
    /// <summary>Stable name, for logs and the audit trail.</summary>
    string Name { get; }

    /// <summary>
    /// Cleans one page. Pure CPU work with no I/O, but a page may be megabytes: the work stops with an
    /// <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> fires.
    /// </summary>
    CleanedArticle Clean(RawArticle page, CancellationToken cancellationToken);
}

/// <summary>What a partner handed us: markup, flattened text, or paragraphs they already split.</summary>
public sealed record RawArticle(RawArticleFormat Format, string Body, string? KnownTitle = null);

public enum RawArticleFormat
{
    /// <summary>Text flattened from a page; line breaks are the only structure left.</summary>
    Text,

    /// <summary>Each line is one paragraph as the client split them.</summary>
    Paragraphs,

    Html,
}
