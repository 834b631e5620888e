using Translator.Core.Languages;
using Translator.Core.Segmentation;

namespace Translator.Core.Pipeline;

/// <summary>
/// A segmented article seen as the pipeline needs it: its distinct segment texts (each translated
/// once) and where every one of them occurs.
/// </summary>
internal sealed class SegmentUnits
{
    private readonly SegmentedArticle _article;
    private readonly List<string> _texts = [];
    private readonly List<List<SegmentLocation>> _locations = [];
    private readonly List<string?> _contexts = [];

    private SegmentUnits(SegmentedArticle article)
    {
        _article = article;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        if (article.Title is { } title)
        {
            Add(index, title, ArticlePart.Title, 0);
        }
        for (var p = 0; p < article.Paragraphs.Count; p++)
        {
            Add(index, article.Paragraphs[p], ArticlePart.Body, p);
        }
    }

    public static SegmentUnits From(SegmentedArticle article) => new(article);

    /// <summary>Segments in the article, counting repeats.</summary>
    public int SegmentCount => _locations.Sum(l => l.Count);

    /// <summary>The distinct segment texts in order of first occurrence.</summary>
    public IReadOnlyList<string> Texts => _texts;

    public IReadOnlyList<SegmentLocation> LocationsOf(int textIndex) => _locations[textIndex];

    /// <summary>The paragraph a segment first occurs in, when it is not the whole paragraph.</summary>
    public string? ContextOf(int textIndex) => _contexts[textIndex];

    /// <summary>Puts the translated segments back into paragraphs, joined as the target language writes.</summary>
    public TranslatedArticle Assemble(string targetLanguage, TranslatedSegment[] translations, long providerCharacters, GlossaryReport glossary)
    {
        var separator = LanguageTag.JoinsSentencesWithoutSpace(targetLanguage) ? "" : " ";
        var byLocation = new Dictionary<SegmentLocation, TranslatedSegment>();
        for (var i = 0; i < _texts.Count; i++)
        {
            foreach (var location in _locations[i])
            {
                byLocation[location] = translations[i];
            }
        }

        TranslatedParagraph Paragraph(ArticlePart part, int index, SegmentedParagraph source)
        {
            var segments = Enumerable.Range(0, source.Segments.Count)
                .Select(s => byLocation[new SegmentLocation(part, index, s)])
                .ToArray();
            return new TranslatedParagraph(string.Join(separator, segments.Select(s => s.Text)), segments);
        }

        var title = _article.Title is { } t ? Paragraph(ArticlePart.Title, 0, t) : null;
        var paragraphs = _article.Paragraphs.Select((p, i) => Paragraph(ArticlePart.Body, i, p)).ToArray();
        var all = paragraphs.SelectMany(p => p.Segments).Concat(title?.Segments ?? []).ToArray();
        return new TranslatedArticle(targetLanguage, title, paragraphs,
            new TranslationStats(all.Length, all.Count(s => s.FromCache), providerCharacters), glossary);
    }

    private void Add(Dictionary<string, int> index, SegmentedParagraph paragraph, ArticlePart part, int paragraphIndex)
    {
        for (var s = 0; s < paragraph.Segments.Count; s++)
        {
            var text = paragraph.SegmentText(s);
            if (!index.TryGetValue(text, out var i))
            {
                i = _texts.Count;
                index[text] = i;
                _texts.Add(text);
                _locations.Add([]);
                _contexts.Add(paragraph.Segments.Count > 1 ? paragraph.Text : null);
            }
            _locations[i].Add(new SegmentLocation(part, paragraphIndex, s));
        }
    }
}
