namespace Translator.Core.Cleaning;

/// <summary>The article alone, plus every block that was removed and why, so an editor can audit the cut.</summary>
public sealed record CleanedArticle(
    string? Title,
    string? Dateline,
    string? Byline,
    string? PublicationDate,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<DroppedBlock> Dropped);

public sealed record DroppedBlock(string Text, DropReason Reason);

public enum DropReason
{
    /// <summary>Menus, section labels and other runs of short link-like lines.</summary>
    Navigation,

    /// <summary>Photo captions and credits.</summary>
    Caption,

    /// <summary>"Read more" links, related stories, truncated story previews.</summary>
    Teaser,

    /// <summary>Newsletter, consent, comment, sharing, copyright and similar site furniture.</summary>
    Boilerplate,

    /// <summary>Markup or script residue left by flattening (JSON, image alt placeholders).</summary>
    Markup,

    /// <summary>A second copy of the headline.</summary>
    RepeatedTitle,

    /// <summary>A second copy of a block already kept (a standfirst shown twice).</summary>
    Duplicate,

    /// <summary>A paragraph about the author rather than the story.</summary>
    AuthorBio,

    /// <summary>Text that reads like prose but lies outside the article's run of paragraphs (bios, footers).</summary>
    OutsideArticle,

    /// <summary>Short text with no article context around it.</summary>
    Fragment,
}
