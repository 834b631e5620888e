using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Core.Telemetry;

namespace Translator.Core.Glossary;

/// <summary>
/// The glossary as one target language of one article sees it: the segments with terms protected up front (from
/// the matches found once per article), renderings restored or re-checked as translations arrive, and the report of
/// what was applied and missed. Segments without terms cost nothing here. Thread-safe: batches of one language
/// finish concurrently.
/// </summary>
internal sealed class TargetGlossary
{
    private readonly PreparedArticle _article;
    private readonly string _target;
    private readonly TranslatorMetrics _metrics;
    private readonly ProtectedSegment?[] _segments;
    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _applied = [];
    private readonly Dictionary<(string ShortForm, int Entry), int> _resolved = [];
    private readonly List<GlossaryViolation> _violations = [];
    private int _repaired;
    private long _appliedTerms;

    /// <param name="forProvider">The terms for a provider's native glossary; null when no glossary applies.</param>
    public TargetGlossary(PreparedArticle article, string targetLanguage, ProviderGlossary? forProvider, TranslatorMetrics metrics)
    {
        _article = article;
        _target = targetLanguage;
        _metrics = metrics;
        ForProvider = forProvider;
        _segments = new ProtectedSegment?[article.Texts.Count];
        if (article.Glossary is not { } glossary)
        {
            return;
        }
        for (var i = 0; i < _segments.Length; i++)
        {
            // The matches carry each short form's entry as resolved over the whole story (PreparedArticle.Story).
            if (article.Matches[i].Count > 0
                && GlossaryProtection.Protect(glossary, article.Texts[i], article.Matches[i], targetLanguage) is { HasTerms: true } segment)
            {
                _segments[i] = segment;
            }
        }
    }

    /// <summary>The terms for providers with a native glossary feature; null when no glossary applies.</summary>
    public ProviderGlossary? ForProvider { get; }

    /// <summary>The text to send to the provider for distinct segment <paramref name="textIndex"/>.</summary>
    public string Masked(int textIndex) => _segments[textIndex]?.Masked ?? _article.Texts[textIndex];

    /// <summary>The cache-key part for the entries that matched in the segment.</summary>
    public string Fingerprint(int textIndex) => _segments[textIndex]?.Fingerprint ?? ProtectedSegment.NoMatch;

    /// <summary>Turns a provider's output back into text with the renderings in place, and records the outcome.</summary>
    public string Restore(int textIndex, string output) =>
        _segments[textIndex] is { } segment ? Record(textIndex, segment, GlossaryProtection.Restore(_article.Glossary!, segment, output)) : output;

    /// <summary>Re-checks a cached translation (stored already restored) and records the outcome.</summary>
    public string Verify(int textIndex, string cached) =>
        _segments[textIndex] is { } segment ? Record(textIndex, segment, GlossaryProtection.Verify(segment, cached)) : cached;

    /// <summary>The report for the response; also counts the outcomes on the metrics, once per language.</summary>
    public GlossaryReport Report()
    {
        if (_article.Glossary?.Glossary is not { } glossary)
        {
            // The request opted out of every glossary: nothing was protected, so there is nothing to count.
            return new GlossaryReport(null, 0, [], [], 0);
        }
        var entries = glossary.Entries;
        lock (_lock)
        {
            _metrics.GlossaryTerms(_target, _appliedTerms, _repaired, _violations.Count);
            return new GlossaryReport(glossary.Id, glossary.Version,
                _applied.OrderBy(a => a.Key)
                    .Select(a => new AppliedGlossaryEntry(entries[a.Key].Term, entries[a.Key].RenderingFor(_target)!, a.Value))
                    .ToArray(),
                _violations.OrderBy(v => v.Location.Part).ThenBy(v => v.Location.Paragraph).ThenBy(v => v.Location.Segment).ToArray(),
                _repaired)
            {
                ResolvedShortForms = _resolved.OrderBy(r => r.Key.ShortForm, StringComparer.Ordinal).ThenBy(r => r.Key.Entry)
                    .Select(r => new ResolvedShortForm(r.Key.ShortForm, entries[r.Key.Entry].Term, entries[r.Key.Entry].ShortRenderingFor(_target)!, r.Value))
                    .ToArray(),
                UnresolvedShortForms = _article.Story?.Unresolved ?? [],
            };
        }
    }

    private string Record(int textIndex, ProtectedSegment segment, RestoredSegment restored)
    {
        // Only segments with protected terms get here, and only when a glossary applies.
        var entries = _article.Glossary!.Glossary.Entries;
        var locations = _article.LocationsOf(textIndex);
        lock (_lock)
        {
            for (var k = 0; k < segment.Terms.Count; k++)
            {
                var term = segment.Terms[k];
                if (term.ShortForm is { } shortForm)
                {
                    _resolved[(shortForm, term.Entry)] = _resolved.GetValueOrDefault((shortForm, term.Entry)) + locations.Count;
                }
                else
                {
                    _applied[term.Entry] = _applied.GetValueOrDefault(term.Entry) + locations.Count;
                }
            }
            _appliedTerms += segment.Terms.Count * locations.Count;
            _repaired += restored.Repaired;
            for (var k = 0; k < restored.Missing.Count; k++)
            {
                _violations.Add(new GlossaryViolation(entries[restored.Missing[k].Entry].Term, restored.Missing[k].Rendering, locations[0]));
            }
        }
        return restored.Text;
    }
}
