using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Translator.Core;
using Translator.Core.Caching;

namespace Translator.Redis;

/// <summary>
/// Segment translations in Redis, shared by every replica, behind a bounded in-process tier. One MGET
/// per lookup, one pipeline of SETs with TTL per store. Any Redis failure or timeout degrades to misses
/// (and skipped writes); nothing reaches the caller.
/// </summary>
internal sealed class RedisTranslationCache : ITranslationCache
{
    private readonly RedisConnection _redis;
    private readonly InMemoryTranslationCache? _local;
    private readonly TimeSpan _ttl;

    public RedisTranslationCache(RedisConnection redis, IOptions<RedisOptions> redisOptions, IOptions<TranslatorOptions> options, TimeProvider time)
    {
        var settings = redisOptions.Value;
        _redis = redis;
        _ttl = options.Value.CacheTtl;
        // The in-process tier never outlives the entry in Redis.
        _local = settings.LocalCacheEntries > 0
            ? new InMemoryTranslationCache(settings.LocalCacheEntries, settings.LocalCacheTtl < _ttl ? settings.LocalCacheTtl : _ttl, time)
            : null;
    }

    public string Name => "redis";

    public async ValueTask<IReadOnlyList<CachedTranslation?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var result = _local is null
            ? new CachedTranslation?[keys.Count]
            : (await _local.GetManyAsync(keys, cancellationToken).ConfigureAwait(false)).ToArray();
        // The common case, every segment in the in-process tier, allocates nothing more.
        if (Array.IndexOf(result, null) < 0)
        {
            return result;
        }
        var missing = Enumerable.Range(0, keys.Count).Where(i => result[i] is null).ToArray();
        var reply = await _redis.RunAsync("MGET", missing.Length, db => db.StringGetAsync(missing.Select(i => (RedisKey)keys[i]).ToArray()), cancellationToken)
            .ConfigureAwait(false);
        if (reply.Value is not { } values)
        {
            // A cache must never fail a translation: Redis unreachable or failing reads as misses.
            return result;
        }

        var found = new List<KeyValuePair<string, CachedTranslation>>();
        for (var j = 0; j < missing.Length; j++)
        {
            if (values[j].HasValue && CachedTranslationFormat.Deserialize((byte[])values[j]!) is { } hit)
            {
                result[missing[j]] = hit;
                found.Add(new(keys[missing[j]], hit));
            }
        }
        if (_local is not null && found.Count > 0)
        {
            await _local.SetManyAsync(found, cancellationToken).ConfigureAwait(false);
        }
        return result;
    }

    public async ValueTask SetManyAsync(IReadOnlyList<KeyValuePair<string, CachedTranslation>> entries, CancellationToken cancellationToken)
    {
        if (_local is not null)
        {
            await _local.SetManyAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        if (entries.Count == 0)
        {
            return;
        }
        // One pipeline: every SET goes out back to back and the replies are awaited together. A failed write is
        // a skipped write.
        await _redis.RunAsync("SET", entries.Count, db =>
        {
            var batch = db.CreateBatch();
            var writes = entries.Select(e => batch.StringSetAsync(e.Key, CachedTranslationFormat.Serialize(e.Value), _ttl)).ToArray();
            batch.Execute();
            return Task.WhenAll(writes);
        }, cancellationToken).ConfigureAwait(false);
    }
}
