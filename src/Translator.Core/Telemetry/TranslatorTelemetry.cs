using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Translator.Core.Telemetry;

/// <summary>
/// The service's one <see cref="ActivitySource"/> and one <see cref="Meter"/>. Tags carry languages,
/// providers and counts, never article text.
/// </summary>
public static class TranslatorTelemetry
{
    public const string Name = "Translator";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Segments served, tagged with <c>translator.cache_hit</c>.</summary>
    public static readonly Counter<long> Segments =
        Meter.CreateCounter<long>("translator.segments", "{segment}", "Segments translated or served from cache");

    /// <summary>Characters sent to a provider, tagged with <c>translator.provider</c>.</summary>
    public static readonly Counter<long> ProviderCharacters =
        Meter.CreateCounter<long>("translator.provider.characters", "{character}", "Characters sent to translation providers");

    /// <summary>Duration of one provider call.</summary>
    public static readonly Histogram<double> ProviderDuration =
        Meter.CreateHistogram<double>("translator.provider.duration", "s", "Duration of provider calls");

    /// <summary>Duration of translating one article into one target language.</summary>
    public static readonly Histogram<double> ArticleDuration =
        Meter.CreateHistogram<double>("translator.article.duration", "s", "Time to translate an article into one language");

    /// <summary>Segment lookups answered by the cache, tagged with <c>translator.cache</c>.</summary>
    public static readonly Counter<long> CacheHits =
        Meter.CreateCounter<long>("translator.cache.hits", "{segment}", "Distinct segments found in the cache");

    /// <summary>Segment lookups the cache could not answer (including while a shared cache is unreachable).</summary>
    public static readonly Counter<long> CacheMisses =
        Meter.CreateCounter<long>("translator.cache.misses", "{segment}", "Distinct segments not found in the cache");

    /// <summary>Characters not sent to a provider because the cache or a concurrent request had the translation.</summary>
    public static readonly Counter<long> CharactersSaved =
        Meter.CreateCounter<long>("translator.cache.characters_saved", "{character}", "Provider characters saved by the cache and single flight");

    /// <summary>Duration of one cache lookup (all segments of one article in one language).</summary>
    public static readonly Histogram<double> CacheLookupDuration =
        Meter.CreateHistogram<double>("translator.cache.lookup.duration", "s", "Duration of cache lookups");

    /// <summary>Missed segments served by waiting for another request's provider call (single flight).</summary>
    public static readonly Counter<long> Coalesced =
        Meter.CreateCounter<long>("translator.cache.coalesced", "{segment}", "Missed segments served by a concurrent request's provider call");

    public const string CacheTag = "translator.cache";

    /// <summary>
    /// Glossary term occurrences, tagged with <c>translator.glossary.outcome</c>: applied (protected and restored),
    /// repaired (a placeholder the provider lost or mangled, put right) or violation (rendering missing from the output).
    /// </summary>
    public static readonly Counter<long> GlossaryTerms =
        Meter.CreateCounter<long>("translator.glossary.terms", "{term}", "Glossary terms applied, repaired or violated");

    public const string ProviderTag = "translator.provider";
    public const string CacheHitTag = "translator.cache_hit";
    public const string TargetLanguageTag = "translator.target_language";
    public const string SourceLanguageTag = "translator.source_language";
    public const string GlossaryOutcomeTag = "translator.glossary.outcome";
}
