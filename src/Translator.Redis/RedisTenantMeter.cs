using StackExchange.Redis;
using Translator.Core.Tenants;

namespace Translator.Redis;

/// <summary>
/// Tenants' usage and request rates in Redis, counted atomically across replicas: a hash per tenant and month
/// (<c>tr:usage:v1:{id}:{YYYY-MM}</c>: billed, cached, requests) and a one-minute window per tenant
/// (<c>tr:rpm:v1:{id}</c>, timed by Redis's clock so replicas' clocks do not matter). A reservation is one Lua script
/// (check and add together), so two replicas can never both take the last of a quota.
/// </summary>
internal sealed class RedisTenantMeter(RedisConnection redis) : ITenantMeter
{
    // Months are kept for a year and a bit, for invoices; a tenant's old months then go by themselves.
    private const long UsageTtlSeconds = 400L * 24 * 3600;

    private static RedisKey UsageKey(string tenantId, string month) => $"tr:usage:v1:{tenantId}:{month}";
    private static RedisKey MinuteKey(string tenantId) => "tr:rpm:v1:" + tenantId;

    private const string ReserveScript = """
        local chars, quota = tonumber(ARGV[1]), tonumber(ARGV[2])
        local billed = tonumber(redis.call('HGET', KEYS[1], 'billed') or '0')
        if quota > 0 and billed + chars > quota then return 0 end
        redis.call('HINCRBY', KEYS[1], 'billed', chars)
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    // Returns 0 when the call is accepted, else the milliseconds until the next minute.
    private const string AcceptScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local minute = math.floor(now / 60000)
        local limit = tonumber(ARGV[1])
        local window = redis.call('HMGET', KEYS[1], 'm', 'c')
        local calls = 0
        if tonumber(window[1]) == minute then calls = tonumber(window[2]) end
        if limit > 0 and calls >= limit then return (minute + 1) * 60000 - now end
        redis.call('HSET', KEYS[1], 'm', minute, 'c', calls + 1)
        redis.call('PEXPIRE', KEYS[1], 120000)
        redis.call('HINCRBY', KEYS[2], 'requests', 1)
        redis.call('EXPIRE', KEYS[2], ARGV[2])
        return 0
        """;

    public async Task<bool> TryReserveAsync(string tenantId, string month, long characters, long quota, CancellationToken cancellationToken) =>
        (long)(await RunAsync("EVAL tenant reserve", 1,
            db => db.ScriptEvaluateAsync(ReserveScript, [UsageKey(tenantId, month)], [characters, quota, UsageTtlSeconds]), cancellationToken))! == 1;

    public Task ReleaseAsync(string tenantId, string month, long characters, CancellationToken cancellationToken) =>
        RunAsync("HINCRBY tenant billed", 1, db => db.HashIncrementAsync(UsageKey(tenantId, month), "billed", -characters), cancellationToken);

    public Task AddCachedAsync(string tenantId, string month, long characters, CancellationToken cancellationToken) =>
        RunAsync("HINCRBY tenant cached", 1, db => db.HashIncrementAsync(UsageKey(tenantId, month), "cached", characters), cancellationToken);

    public async Task<TimeSpan?> TryAcceptRequestAsync(string tenantId, string month, int requestsPerMinute, CancellationToken cancellationToken)
    {
        var wait = (long)(await RunAsync("EVAL tenant request", 2,
            db => db.ScriptEvaluateAsync(AcceptScript, [MinuteKey(tenantId), UsageKey(tenantId, month)], [requestsPerMinute, UsageTtlSeconds]), cancellationToken))!;
        return wait > 0 ? TimeSpan.FromMilliseconds(wait) : null;
    }

    public async Task<TenantUsage> GetUsageAsync(string tenantId, string month, CancellationToken cancellationToken)
    {
        var values = await RunAsync("HMGET tenant usage", 1, db => db.HashGetAsync(UsageKey(tenantId, month), ["billed", "cached", "requests"]), cancellationToken);
        return new TenantUsage(tenantId, month, Number(values[0]), Number(values[1]), Number(values[2]));

        static long Number(RedisValue value) => value.IsNull ? 0 : (long)value;
    }

    private async Task<T> RunAsync<T>(string operation, int keys, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        var reply = await redis.RunOnceConnectedAsync(operation, keys, command, cancellationToken).ConfigureAwait(false);
        return reply.Succeeded ? reply.Value! : throw new TenantStoreUnavailableException(reply.Failure);
    }
}
