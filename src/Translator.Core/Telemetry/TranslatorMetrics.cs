using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Translator.Core.Telemetry;

/// <summary>
/// The core's instruments on the <c>Translator</c> meter, created through <see cref="IMeterFactory"/> so each
/// DI container (a host, a test) has its own. Tags are built as <see cref="TagList"/> (no array per measurement)
/// and only when an instrument has a listener.
/// </summary>
internal sealed class TranslatorMetrics
{
    private static readonly object True = true;
    private static readonly object False = false;

    private readonly Counter<long> _segments;
    private readonly Counter<long> _providerCharacters;
    private readonly Histogram<double> _providerDuration;
    private readonly Histogram<double> _articleDuration;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _charactersSaved;
    private readonly Histogram<double> _cacheLookupDuration;
    private readonly Counter<long> _coalesced;
    private readonly Counter<long> _glossaryTerms;
    private readonly Counter<long> _tenantCharacters;

    public TranslatorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TranslatorTelemetry.Name);
        _segments = meter.CreateCounter<long>("translator.segments", "{segment}", "Segments translated or served from cache");
        _providerCharacters = meter.CreateCounter<long>("translator.provider.characters", "{character}", "Characters sent to translation providers");
        _providerDuration = meter.CreateHistogram<double>("translator.provider.duration", "s", "Duration of provider calls");
        _articleDuration = meter.CreateHistogram<double>("translator.article.duration", "s", "Time to translate an article into one language");
        _cacheHits = meter.CreateCounter<long>("translator.cache.hits", "{segment}", "Distinct segments found in the cache");
        _cacheMisses = meter.CreateCounter<long>("translator.cache.misses", "{segment}", "Distinct segments not found in the cache");
        _charactersSaved = meter.CreateCounter<long>("translator.cache.characters_saved", "{character}", "Provider characters saved by the cache and single flight");
        _cacheLookupDuration = meter.CreateHistogram<double>("translator.cache.lookup.duration", "s", "Duration of cache lookups");
        _coalesced = meter.CreateCounter<long>("translator.cache.coalesced", "{segment}", "Missed segments served by a concurrent request's provider call");
        _glossaryTerms = meter.CreateCounter<long>("translator.glossary.terms", "{term}", "Glossary terms applied, repaired or violated");
        _tenantCharacters = meter.CreateCounter<long>("translator.tenant.characters", "{character}", "Characters translated for a tenant, billed (sent to the provider) or cached");
    }

    /// <summary>Segments served (counting repeats), tagged with whether they came from the cache.</summary>
    public void SegmentsServed(long count, bool fromCache)
    {
        if (_segments.Enabled && count > 0)
        {
            _segments.Add(count, new KeyValuePair<string, object?>(TranslatorTelemetry.CacheHitTag, fromCache ? True : False));
        }
    }

    public void ProviderCall(string provider, long characters, TimeSpan elapsed)
    {
        var tags = new TagList { { TranslatorTelemetry.ProviderTag, provider } };
        if (_providerDuration.Enabled)
        {
            _providerDuration.Record(elapsed.TotalSeconds, tags);
        }
        if (_providerCharacters.Enabled)
        {
            _providerCharacters.Add(characters, tags);
        }
    }

    public void ArticleTranslated(string targetLanguage, TimeSpan elapsed)
    {
        if (_articleDuration.Enabled)
        {
            _articleDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>(TranslatorTelemetry.TargetLanguageTag, targetLanguage));
        }
    }

    /// <param name="saved">Provider characters the hits saved.</param>
    public void CacheLookedUp(string cache, string targetLanguage, long hits, long misses, long saved, TimeSpan elapsed)
    {
        var tags = new TagList { { TranslatorTelemetry.CacheTag, cache }, { TranslatorTelemetry.TargetLanguageTag, targetLanguage } };
        if (_cacheLookupDuration.Enabled)
        {
            _cacheLookupDuration.Record(elapsed.TotalSeconds, tags);
        }
        if (_cacheHits.Enabled)
        {
            _cacheHits.Add(hits, tags);
        }
        if (_cacheMisses.Enabled)
        {
            _cacheMisses.Add(misses, tags);
        }
        if (_charactersSaved.Enabled)
        {
            _charactersSaved.Add(saved, tags);
        }
    }

    /// <summary>Missed segments this request waits for another request to translate.</summary>
    public void Coalesced(string targetLanguage, long segments)
    {
        if (_coalesced.Enabled)
        {
            _coalesced.Add(segments, new KeyValuePair<string, object?>(TranslatorTelemetry.TargetLanguageTag, targetLanguage));
        }
    }

    /// <summary>Provider characters saved by another request's provider call.</summary>
    public void SavedBySingleFlight(string targetLanguage, long characters)
    {
        if (_charactersSaved.Enabled)
        {
            _charactersSaved.Add(characters, new TagList { { TranslatorTelemetry.CacheTag, "single-flight" }, { TranslatorTelemetry.TargetLanguageTag, targetLanguage } });
        }
    }

    public void GlossaryTerms(string targetLanguage, long applied, long repaired, long violations)
    {
        if (!_glossaryTerms.Enabled)
        {
            return;
        }
        Add(applied, "applied");
        Add(repaired, "repaired");
        Add(violations, "violation");

        void Add(long count, string outcome) =>
            _glossaryTerms.Add(count, new TagList { { TranslatorTelemetry.TargetLanguageTag, targetLanguage }, { TranslatorTelemetry.GlossaryOutcomeTag, outcome } });
    }

    /// <summary>A tenant's request: characters sent to the provider on its behalf and characters served free.</summary>
    public void TenantCharged(string tenantId, long billed, long cached)
    {
        if (!_tenantCharacters.Enabled)
        {
            return;
        }
        _tenantCharacters.Add(billed, new TagList { { TranslatorTelemetry.TenantTag, tenantId }, { TranslatorTelemetry.ChargeTag, "billed" } });
        _tenantCharacters.Add(cached, new TagList { { TranslatorTelemetry.TenantTag, tenantId }, { TranslatorTelemetry.ChargeTag, "cached" } });
    }
}
