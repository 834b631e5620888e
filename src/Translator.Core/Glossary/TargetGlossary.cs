using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Core.Telemetry;

namespace Translator.Core.Glossary;

/// <summary>
/// The glossary as one target language of one article sees it: every distinct segment protected up front,
/// renderings restored or re-checked as translations arrive, and the report of what was applied and missed.
/// Thread-safe: batches of one language finish concurrently.
/// </summary>
internal sealed class TargetGlossary
{
    private readonly GlossaryMatcher? _matcher;
    private readonly string _target;
    private readonly SegmentUnits _units;
    private readonly ProtectedSegment[] _segments;
    private readonly Lock _lock = new();
    private readonly StoryMatches? _story;
    private readonly Dictionary<int, int> _applied = [];
    private readonly Dictionary<(string ShortForm, int Entry), int> _resolved = [];
    private readonly List<GlossaryViolation> _violations = [];
    private int _repaired;

    /// <param name="story">The article's matches with its short forms resolved (<see cref="SecondReferenceResolver"/>), one per text of <paramref name="units"/>.</param>
    public TargetGlossary(GlossaryMatcher? matcher, StoryMatches? story, string targetLanguage, SegmentUnits units, ProviderGlossary? forProvider)
    {
        _matcher = matcher;
        _story = story;
        _target = targetLanguage;
        _units = units;
        ForProvider = forProvider;
        _segments = units.Texts
            .Select((text, i) => matcher is null || story is null
                ? new ProtectedSegment(text, text, [], ProtectedSegment.NoMatch)
                : GlossaryProtection.Protect(matcher, text, story.Matches[i], targetLanguage))
            .ToArray();
    }

    /// <summary>The terms for providers with a native glossary feature; null when no glossary applies.</summary>
    public ProviderGlossary? ForProvider { get; }

    /// <summary>The text to send to the provider for distinct segment <paramref name="textIndex"/>.</summary>
    public string Masked(int textIndex) => _segments[textIndex].Masked;

    /// <summary>The cache-key part for the entries that matched in the segment.</summary>
    public string Fingerprint(int textIndex) => _segments[textIndex].Fingerprint;

    /// <summary>Turns a provider's output back into text with the renderings in place, and records the outcome.</summary>
    public string Restore(int textIndex, string output) =>
        Record(textIndex, _matcher is null ? new RestoredSegment(output, 0, []) : GlossaryProtection.Restore(_matcher, _segments[textIndex], output));

    /// <summary>Re-checks a cached translation (stored already restored) and records the outcome.</summary>
    public string Verify(int textIndex, string cached) => Record(textIndex, GlossaryProtection.Verify(_segments[textIndex], cached));

    public GlossaryReport Report()
    {
        if (_matcher is null)
        {
            return GlossaryReport.None;
        }
        var entries = _matcher.Glossary.Entries;
        lock (_lock)
        {
            return new GlossaryReport(_matcher.Glossary.Id, _matcher.Glossary.Version,
                _applied.OrderBy(a => a.Key)
                    .Select(a => new AppliedGlossaryEntry(entries[a.Key].Term, entries[a.Key].RenderingFor(_target)!, a.Value))
                    .ToArray(),
                _violations.OrderBy(v => v.Location.Part).ThenBy(v => v.Location.Paragraph).ThenBy(v => v.Location.Segment).ToArray(),
                _repaired)
            {
                ResolvedShortForms = _resolved.OrderBy(r => r.Key.ShortForm, StringComparer.Ordinal).ThenBy(r => r.Key.Entry)
                    .Select(r => new ResolvedShortForm(r.Key.ShortForm, entries[r.Key.Entry].Term, entries[r.Key.Entry].ShortRenderingFor(_target)!, r.Value))
                    .ToArray(),
                UnresolvedShortForms = _story?.Unresolved ?? [],
            };
        }
    }

    private string Record(int textIndex, RestoredSegment restored)
    {
        var segment = _segments[textIndex];
        if (_matcher is null || !segment.HasTerms)
        {
            return restored.Text;
        }
        var entries = _matcher.Glossary.Entries;
        var locations = _units.LocationsOf(textIndex);
        lock (_lock)
        {
            foreach (var term in segment.Terms)
            {
                if (term.ShortForm is { } shortForm)
                {
                    _resolved[(shortForm, term.Entry)] = _resolved.GetValueOrDefault((shortForm, term.Entry)) + locations.Count;
                }
                else
                {
                    _applied[term.Entry] = _applied.GetValueOrDefault(term.Entry) + locations.Count;
                }
            }
            _repaired += restored.Repaired;
            _violations.AddRange(restored.Missing.Select(t => new GlossaryViolation(entries[t.Entry].Term, t.Rendering, locations[0])));
        }
        var language = new KeyValuePair<string, object?>(TranslatorTelemetry.TargetLanguageTag, _target);
        TranslatorTelemetry.GlossaryTerms.Add(segment.Terms.Count * locations.Count, language, Outcome("applied"));
        TranslatorTelemetry.GlossaryTerms.Add(restored.Repaired, language, Outcome("repaired"));
        TranslatorTelemetry.GlossaryTerms.Add(restored.Missing.Count, language, Outcome("violation"));
        return restored.Text;
    }

    private static KeyValuePair<string, object?> Outcome(string outcome) => new(TranslatorTelemetry.GlossaryOutcomeTag, outcome);
}
