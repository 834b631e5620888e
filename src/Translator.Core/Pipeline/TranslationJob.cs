using Translator.Core.Articles;
using Translator.Core.Providers;

namespace Translator.Core.Pipeline;

/// <summary>One validated request: an article, its language, and the languages to translate it into.</summary>
/// <param name="GlossaryId">A named glossary, layered over the default one unless <paramref name="UseDefaultGlossary"/> is false.</param>
/// <param name="UseDefaultGlossary">False: the default glossary does not apply (alone or under the named one).</param>
public sealed record TranslationJob(
    SourceArticle Article,
    string SourceLanguage,
    IReadOnlyList<string> TargetLanguages,
    Formality Formality = Formality.Default,
    string? GlossaryId = null,
    bool UseDefaultGlossary = true);

/// <summary>Which part of the article a segment belongs to.</summary>
public enum ArticlePart
{
    Title,
    Body,
}

/// <summary>Where a segment sits: part, paragraph index within the part, segment index within the paragraph.</summary>
public readonly record struct SegmentLocation(ArticlePart Part, int Paragraph, int Segment);

/// <summary>One segment's translation.</summary>
/// <param name="Provider">The provider that translated it; empty for an editor's correction.</param>
public sealed record TranslatedSegment(string SourceText, string Text, bool FromCache, string Provider)
{
    public SegmentOrigin Origin { get; init; } = FromCache ? SegmentOrigin.Cache : SegmentOrigin.Provider;

    /// <summary>An editor's correction, which wins over machine output.</summary>
    public static TranslatedSegment Corrected(string sourceText, string text) =>
        new(sourceText, text, FromCache: false, Provider: "") { Origin = SegmentOrigin.Human };
}

/// <summary>Who produced a segment's translation.</summary>
public enum SegmentOrigin
{
    Provider,
    Cache,
    Human,
}

/// <summary>A paragraph's translation: the joined text and the segments it was made of.</summary>
public sealed record TranslatedParagraph(string Text, IReadOnlyList<TranslatedSegment> Segments);

/// <summary>What one target language cost.</summary>
public sealed record TranslationStats(int Segments, int CacheHits, long ProviderCharacters);

/// <summary>The whole article in one target language.</summary>
public sealed record TranslatedArticle(
    string TargetLanguage,
    TranslatedParagraph? Title,
    IReadOnlyList<TranslatedParagraph> Paragraphs,
    TranslationStats Stats,
    GlossaryReport Glossary);

/// <summary>How the glossary was enforced in one target language.</summary>
/// <param name="GlossaryId">The glossary applied; null when none was (the request opted out of the default and named none).</param>
/// <param name="RepairedPlaceholders">Placeholders the provider lost, mangled or duplicated that were put right.</param>
public sealed record GlossaryReport(
    string? GlossaryId,
    long GlossaryVersion,
    IReadOnlyList<AppliedGlossaryEntry> Applied,
    IReadOnlyList<GlossaryViolation> Violations,
    int RepairedPlaceholders)
{
    /// <summary>Short forms that stood for an entry, with the rendering used (counted like <see cref="Applied"/>).</summary>
    public IReadOnlyList<Glossary.ResolvedShortForm> ResolvedShortForms { get; init; } = [];

    /// <summary>Short forms left to the provider, and why.</summary>
    public IReadOnlyList<Glossary.UnresolvedShortForm> UnresolvedShortForms { get; init; } = [];
}

/// <summary>An entry found in the article and how often (counting repeated segments).</summary>
public sealed record AppliedGlossaryEntry(string Term, string Rendering, int Occurrences);

/// <summary>An entry whose rendering is missing from a translated segment (the first place that segment occurs).</summary>
public sealed record GlossaryViolation(string Term, string ExpectedRendering, SegmentLocation Location);

/// <summary>What the pipeline reports while it works.</summary>
public abstract record PipelineEvent(string TargetLanguage);

/// <summary>A segment is ready (from cache or from the provider).</summary>
public sealed record SegmentTranslated(string TargetLanguage, SegmentLocation Location, TranslatedSegment Segment)
    : PipelineEvent(TargetLanguage);

/// <summary>Every segment of one target language is ready; sent once per language, after its segments.</summary>
public sealed record ArticleTranslated(TranslatedArticle Article) : PipelineEvent(Article.TargetLanguage);
