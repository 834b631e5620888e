namespace Translator.Core.Caching;

/// <summary>
/// Segment translations shared by every request (and, with a shared store, every replica).
/// Implementations must not throw for an unavailable store: a cache outage degrades to misses,
/// never to failed translations.
/// </summary>
public interface ITranslationCache
{
    /// <summary>The store's name, for telemetry ("memory", "redis").</summary>
    string Name { get; }

    /// <summary>Looks up every key in one round trip; the result has one entry per key (null for a miss).</summary>
    ValueTask<IReadOnlyList<CachedTranslation?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Stores translations; best effort.</summary>
    ValueTask SetManyAsync(IReadOnlyList<KeyValuePair<string, CachedTranslation>> entries, CancellationToken cancellationToken);
}

/// <summary>A stored translation with what an audit needs to know about it.</summary>
public sealed record CachedTranslation(string Text, string Provider, DateTimeOffset TranslatedAt);
