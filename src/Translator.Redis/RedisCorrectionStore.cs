using System.Text.Json;
using StackExchange.Redis;
using Translator.Core.Corrections;

namespace Translator.Redis;

/// <summary>
/// Corrections in Redis, without TTL and without an in-process tier, so a correction made on one replica is
/// served by every replica on the next request and survives restarts. One MGET per lookup (concurrent with the
/// cache's); one pipeline of SETs per save. A failed lookup reads as no corrections; a failed save throws, so an
/// editor's work is never silently dropped.
/// </summary>
internal sealed class RedisCorrectionStore(RedisConnection redis) : ICorrectionStore
{
    public string Name => "redis";

    // Another replica may have saved one since the last look; only a round trip can tell.
    public bool IsKnownEmpty => false;

    public async ValueTask<IReadOnlyList<Correction?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var found = new Correction?[keys.Count];
        if (keys.Count == 0)
        {
            return found;
        }
        var reply = await redis.RunAsync("MGET corrections", keys.Count, db => db.StringGetAsync(keys.Select(k => (RedisKey)k).ToArray()), cancellationToken)
            .ConfigureAwait(false);
        if (reply.Value is { } values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                found[i] = values[i].HasValue ? JsonSerializer.Deserialize((string)values[i]!, CorrectionJsonContext.Default.Correction) : null;
            }
        }
        return found;
    }

    public async ValueTask SaveManyAsync(IReadOnlyList<KeyValuePair<string, Correction>> corrections, CancellationToken cancellationToken)
    {
        if (corrections.Count == 0)
        {
            return;
        }
        var reply = await redis.RunAsync("SET corrections", corrections.Count, db =>
        {
            var batch = db.CreateBatch();
            var writes = corrections.Select(c => batch.StringSetAsync(c.Key, JsonSerializer.Serialize(c.Value, CorrectionJsonContext.Default.Correction))).ToArray();
            batch.Execute();
            return Task.WhenAll(writes);
        }, cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded)
        {
            throw reply.Failure is null ? new CorrectionStoreUnavailableException(Name) : new CorrectionStoreUnavailableException(Name, reply.Failure);
        }
    }
}
