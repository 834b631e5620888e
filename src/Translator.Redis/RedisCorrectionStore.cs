using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Translator.Core.Corrections;
using Translator.Core.Telemetry;

namespace Translator.Redis;

/// <summary>
/// Corrections in Redis, without TTL and without an in-process tier, so a correction made on one replica is
/// served by every replica on the next request and survives restarts. One MGET per lookup (concurrent with the
/// cache's); one pipeline of SETs per save. A failed lookup reads as no corrections; a failed save throws.
/// </summary>
internal sealed class RedisCorrectionStore(RedisConnection redis, IOptions<RedisOptions> options) : ICorrectionStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TimeSpan _timeout = options.Value.OperationTimeout;

    public string Name => "redis";

    public async ValueTask<IReadOnlyList<Correction?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var found = new Correction?[keys.Count];
        if (keys.Count == 0 || await redis.GetDatabaseAsync(_timeout, cancellationToken).ConfigureAwait(false) is not { } db)
        {
            return found;
        }
        using var activity = RedisTracing.Start("MGET corrections", keys.Count);
        try
        {
            var values = await db.StringGetAsync(keys.Select(k => (RedisKey)k).ToArray()).WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            redis.ReportSuccess();
            for (var i = 0; i < values.Length; i++)
            {
                found[i] = values[i].HasValue ? JsonSerializer.Deserialize<Correction>((string)values[i]!, Json) : null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity.RecordFailure(ex);
            redis.ReportFailure(ex);
        }
        return found;
    }

    public async ValueTask SaveManyAsync(IReadOnlyList<KeyValuePair<string, Correction>> corrections, CancellationToken cancellationToken)
    {
        if (corrections.Count == 0)
        {
            return;
        }
        var db = await redis.GetDatabaseAsync(_timeout, cancellationToken).ConfigureAwait(false) ?? throw new CorrectionStoreUnavailableException(Name);
        using var activity = RedisTracing.Start("SET corrections", corrections.Count);
        try
        {
            var batch = db.CreateBatch();
            var writes = corrections.Select(c => batch.StringSetAsync(c.Key, JsonSerializer.Serialize(c.Value, Json))).ToArray();
            batch.Execute();
            await Task.WhenAll(writes).WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            redis.ReportSuccess();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            activity.RecordFailure(ex);
            redis.ReportFailure(ex);
            throw new CorrectionStoreUnavailableException(Name, ex);
        }
    }
}
