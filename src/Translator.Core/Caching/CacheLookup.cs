using Translator.Core.Telemetry;

namespace Translator.Core.Caching;

/// <summary>A cache lookup with its metrics: hits, misses, provider characters saved and latency.</summary>
internal static class CacheLookup
{
    /// <param name="texts">The segment text of each key, to count the provider characters a hit saves.</param>
    public static async ValueTask<IReadOnlyList<CachedTranslation?>> LookUpAsync(
        this ITranslationCache cache, IReadOnlyList<string> keys, IReadOnlyList<string> texts, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var found = await cache.GetManyAsync(keys, cancellationToken).ConfigureAwait(false);
        var cacheTag = new KeyValuePair<string, object?>(TranslatorTelemetry.CacheTag, cache.Name);
        TranslatorTelemetry.CacheLookupDuration.Record(time.GetElapsedTime(started).TotalSeconds, cacheTag);

        long hits = 0, saved = 0;
        for (var i = 0; i < found.Count; i++)
        {
            if (found[i] is not null)
            {
                hits++;
                saved += texts[i].Length;
            }
        }
        TranslatorTelemetry.CacheHits.Add(hits, cacheTag);
        TranslatorTelemetry.CacheMisses.Add(found.Count - hits, cacheTag);
        TranslatorTelemetry.CharactersSaved.Add(saved, cacheTag);
        return found;
    }
}
