using Microsoft.Extensions.Options;

namespace Translator.Core.Caching;

/// <summary>
/// The default cache: process-local, bounded, least-recently-used eviction. Right for a single
/// instance or a demo; replicas share nothing through it.
/// </summary>
internal sealed class InMemoryTranslationCache : ITranslationCache
{
    private readonly int _capacity;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, LinkedListNode<Entry>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly Lock _gate = new();

    public InMemoryTranslationCache(IOptions<TranslatorOptions> options, TimeProvider time)
        : this(options.Value.InMemoryCacheEntries, options.Value.CacheTtl, time)
    {
    }

    /// <summary>A cache of its own size and lifetime, such as the local tier in front of a shared store.</summary>
    internal InMemoryTranslationCache(int capacity, TimeSpan ttl, TimeProvider time)
    {
        _capacity = capacity;
        _ttl = ttl;
        _time = time;
    }

    public string Name => "memory";

    public ValueTask<IReadOnlyList<CachedTranslation?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var result = new CachedTranslation?[keys.Count];
        lock (_gate)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                if (!_map.TryGetValue(keys[i], out var node))
                {
                    continue;
                }
                if (node.Value.ExpiresAt <= now)
                {
                    Remove(node);
                    continue;
                }
                _lru.Remove(node);
                _lru.AddFirst(node);
                result[i] = node.Value.Value;
            }
        }
        return ValueTask.FromResult<IReadOnlyList<CachedTranslation?>>(result);
    }

    public ValueTask SetManyAsync(IReadOnlyList<KeyValuePair<string, CachedTranslation>> entries, CancellationToken cancellationToken)
    {
        var expiresAt = _time.GetUtcNow() + _ttl;
        lock (_gate)
        {
            foreach (var (key, value) in entries)
            {
                if (_map.TryGetValue(key, out var existing))
                {
                    Remove(existing);
                }
                _map[key] = _lru.AddFirst(new Entry(key, value, expiresAt));
                while (_map.Count > _capacity && _lru.Last is { } oldest)
                {
                    Remove(oldest);
                }
            }
        }
        return ValueTask.CompletedTask;
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _lru.Remove(node);
        _map.Remove(node.Value.Key);
    }

    private sealed record Entry(string Key, CachedTranslation Value, DateTimeOffset ExpiresAt);
}
