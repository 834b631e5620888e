using Translator.Core.Telemetry;

namespace Translator.Core.Caching;

/// <summary>A cache lookup with its metrics: hits, misses, provider characters saved and latency.</summary>
internal static class CacheLookup
{
    /// <param name="texts">The segment text of each key, to count the provider characters a hit saves.</param>
    public static async ValueTask<IReadOnlyList<CachedTranslation?>> LookUpAsync(
        this ITranslationCache cache,
        IReadOnlyList<string> keys,
        IReadOnlyList<string> texts,
        string targetLanguage,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var found = await cache.GetManyAsync(keys, cancellationToken).ConfigureAwait(false);
        var cacheTag = new KeyValuePair<string, object?>(TranslatorTelemetry.CacheTag, cache.Name);
        var targetTag = new KeyValuePair<string, object?>(TranslatorTelemetry.TargetLanguageTag, targetLanguage);
        TranslatorTelemetry.CacheLookupDuration.Record(time.GetElapsedTime(started).TotalSeconds, cacheTag, targetTag);

        long hits = 0, saved = 0;
        for (var i = 0; i < found.Count; i++)
        {
            if (found[i] is not null)
            {
                hits++;
                saved += texts[i].Length;
            }
        }
        TranslatorTelemetry.CacheHits.Add(hits, cacheTag, targetTag);
        TranslatorTelemetry.CacheMisses.Add(found.Count - hits, cacheTag, targetTag);
        TranslatorTelemetry.CharactersSaved.Add(saved, cacheTag, targetTag);
        return found;
    }
}
