using Translator.Core.Caching;
using Translator.Core.Corrections;
using Translator.Core.Glossary;
using Translator.Core.Languages;
using Translator.Core.Segmentation;

namespace Translator.Core.Pipeline;

/// <summary>
/// A segmented article with everything that does not depend on the target language worked out once: its distinct
/// segment texts (each translated once), where each occurs, the hash of each normalised text (the cache key's
/// last part) and the glossary terms found in each, with every short form resolved against the whole story
/// (<see cref="SecondReferenceResolver"/>: which entry "Kim" stands for is the same in every language). Every
/// target language reads it; none changes it.
/// </summary>
internal sealed class PreparedArticle
{
    private readonly SegmentedArticle _article;
    private readonly List<string> _texts = [];
    private readonly List<SegmentLocation[]> _locations = [];
    private readonly List<string?> _contexts = [];
    // For each paragraph (title first, when there is one) the distinct-text index of each of its segments.
    private readonly int[][] _layout;

    private PreparedArticle(SegmentedArticle article, GlossaryMatcher? glossary)
    {
        _article = article;
        Glossary = glossary;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var occurrences = new List<List<SegmentLocation>>();
        var layout = new List<int[]>(article.Paragraphs.Count + 1);
        if (article.Title is { } title)
        {
            layout.Add(Add(index, occurrences, title, ArticlePart.Title, 0));
        }
        for (var p = 0; p < article.Paragraphs.Count; p++)
        {
            layout.Add(Add(index, occurrences, article.Paragraphs[p], ArticlePart.Body, p));
        }
        _layout = [.. layout];
        _locations.AddRange(occurrences.Select(o => o.ToArray()));
        SegmentCount = occurrences.Sum(o => o.Count);
        Hashes = _texts.Select(SegmentCacheKey.TextHash).ToArray();
        // The resolver matches every text once; its matches are the article's matches, short forms included.
        Story = glossary is null ? null : SecondReferenceResolver.Resolve(glossary, _texts, i => _locations[i].Length);
        Matches = Story?.Matches ?? _texts.Select(_ => (IReadOnlyList<GlossaryMatch>)[]).ToArray();
        var terms = new string[_texts.Count];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = CorrectionKey.Terms(glossary, Matches[i]);
        }
        CorrectionTerms = terms;
    }

    /// <param name="glossary">The glossary to enforce; null when the request opted out of every glossary.</param>
    public static PreparedArticle From(SegmentedArticle article, GlossaryMatcher? glossary) => new(article, glossary);

    /// <summary>The glossary to enforce; null when none applies.</summary>
    public GlossaryMatcher? Glossary { get; }

    /// <summary>The glossary matches of the whole story with its short forms resolved; null when no glossary applies.</summary>
    public StoryMatches? Story { get; }

    /// <summary>Segments in the article, counting repeats.</summary>
    public int SegmentCount { get; }

    /// <summary>The distinct segment texts in order of first occurrence.</summary>
    public IReadOnlyList<string> Texts => _texts;

    /// <summary>The hash of each distinct text, normalised (<see cref="SegmentCacheKey.TextHash"/>).</summary>
    public IReadOnlyList<string> Hashes { get; }

    /// <summary>The glossary terms found in each distinct text; a short form's entry is the one it stands for (-1: unresolved).</summary>
    public IReadOnlyList<IReadOnlyList<GlossaryMatch>> Matches { get; }

    /// <summary>The terms part of each distinct text's correction key (<see cref="CorrectionKey.Terms"/>): the same in every language.</summary>
    public IReadOnlyList<string> CorrectionTerms { get; }

    public IReadOnlyList<SegmentLocation> LocationsOf(int textIndex) => _locations[textIndex];

    /// <summary>The paragraph a segment first occurs in, when it is not the whole paragraph.</summary>
    public string? ContextOf(int textIndex) => _contexts[textIndex];

    /// <summary>The distinct texts of the title and the first paragraph: what a reader sees first.</summary>
    public int OpeningTexts => _layout.Take(_article.Title is null ? 1 : 2).SelectMany(p => p).DefaultIfEmpty(-1).Max() + 1;

    /// <summary>Puts the translated segments back into paragraphs, joined as the target language writes.</summary>
    public TranslatedArticle Assemble(string targetLanguage, TranslatedSegment[] translations, long providerCharacters, GlossaryReport glossary)
    {
        var separator = LanguageTag.JoinsSentencesWithoutSpace(targetLanguage) ? "" : " ";
        var cacheHits = 0;
        TranslatedParagraph Paragraph(int[] segments)
        {
            var translated = new TranslatedSegment[segments.Length];
            var texts = new string[segments.Length];
            for (var s = 0; s < segments.Length; s++)
            {
                translated[s] = translations[segments[s]];
                texts[s] = translated[s].Text;
                cacheHits += translated[s].FromCache ? 1 : 0;
            }
            return new TranslatedParagraph(texts.Length == 1 ? texts[0] : string.Join(separator, texts), translated);
        }

        var first = _article.Title is null ? 0 : 1;
        var title = first == 1 ? Paragraph(_layout[0]) : null;
        var paragraphs = new TranslatedParagraph[_layout.Length - first];
        for (var p = 0; p < paragraphs.Length; p++)
        {
            paragraphs[p] = Paragraph(_layout[p + first]);
        }
        return new TranslatedArticle(targetLanguage, title, paragraphs, new TranslationStats(SegmentCount, cacheHits, providerCharacters), glossary);
    }

    private int[] Add(Dictionary<string, int> index, List<List<SegmentLocation>> occurrences, SegmentedParagraph paragraph, ArticlePart part, int paragraphIndex)
    {
        var layout = new int[paragraph.Segments.Count];
        for (var s = 0; s < paragraph.Segments.Count; s++)
        {
            var text = paragraph.SegmentText(s);
            if (!index.TryGetValue(text, out var i))
            {
                i = _texts.Count;
                index[text] = i;
                _texts.Add(text);
                occurrences.Add([]);
                _contexts.Add(paragraph.Segments.Count > 1 ? paragraph.Text : null);
            }
            occurrences[i].Add(new SegmentLocation(part, paragraphIndex, s));
            layout[s] = i;
        }
        return layout;
    }
}
