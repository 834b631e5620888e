using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Translator.Core.Providers;

namespace Translator.Redis;

/// <summary>
/// The provider account's limits as one token bucket in Redis (requests and characters, refilled at the
/// configured rates, holding most of <see cref="ProviderBudgetOptions.BurstSeconds"/> of budget), so every server
/// replica and backfill worker draws from the same account. Taking tokens is one Lua script: the check and
/// the take are atomic across processes. Background callers (backfill) only take tokens while the bucket
/// stays above <see cref="ProviderBudgetOptions.InteractiveReserve"/>, so interactive requests find budget
/// waiting for them. A 429 sets a shared pause every caller honours. Redis being unreachable never stops
/// translation: the budget then lets requests through (the provider's own 429s still slow them).
/// </summary>
internal sealed class RedisProviderBudget(RedisConnection connection, IOptions<ProviderBudgetOptions> options, TimeProvider time) : IProviderBudget
{
    internal static readonly RedisKey BucketKey = "budget:{provider}:bucket";
    internal static readonly RedisKey PauseKey = "budget:{provider}:pause";

    // Returns 0 when the request was granted, else the milliseconds to wait before asking again.
    private const string TakeScript = """
        local pause = redis.call('PTTL', KEYS[2])
        if pause > 0 then return pause end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local rps, cps, burst, reserve, chars = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
        local b = redis.call('HMGET', KEYS[1], 'r', 'c', 't')
        local rcap, ccap = rps * burst, cps * burst
        local elapsed = math.max(0, now - (tonumber(b[3]) or now)) / 1000
        local r = math.min(rcap, (tonumber(b[1]) or rcap) + elapsed * rps)
        local c = math.min(ccap, (tonumber(b[2]) or ccap) + elapsed * cps)
        local wait = 0
        if rps > 0 then
          local need = math.min(rcap, 1 + reserve * rcap)
          if r < need then wait = math.max(wait, (need - r) / rps * 1000) end
        end
        if cps > 0 then
          local need = math.min(ccap, chars + reserve * ccap)
          if c < need then wait = math.max(wait, (need - c) / cps * 1000) end
        end
        if wait == 0 then
          if rps > 0 then r = r - 1 end
          if cps > 0 then c = c - math.min(chars, ccap) end
        end
        redis.call('HSET', KEYS[1], 'r', tostring(r), 'c', tostring(c), 't', tostring(now))
        redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000) + 60000)
        return math.ceil(wait)
        """;

    /// <summary>
    /// Share of the provider's burst the bucket leaves unused. Requests reach the provider later than they were
    /// granted, and not evenly later (a loaded worker, a GC pause), so a bucket as deep as the provider's lets bunched
    /// arrivals overrun it, and every 429 pauses everyone. Shallower, it costs nothing at the steady rate.
    /// </summary>
    internal const double ArrivalSlack = 0.2;

    private double Burst => options.Value.BurstSeconds * (1 - ArrivalSlack);

    private bool Limited => options.Value.RequestsPerSecond > 0 || options.Value.CharactersPerSecond > 0;

    public long? MaxRequestCharacters => options.Value.CharactersPerSecond > 0
        ? Math.Max(1, (long)(options.Value.CharactersPerSecond * Burst * (1 - options.Value.InteractiveReserve)))
        : null;

    public async ValueTask AcquireAsync(long characters, CancellationToken cancellationToken)
    {
        while (await TryTakeAsync(characters, cancellationToken).ConfigureAwait(false) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes one request's tokens if they are there; otherwise how long to wait before asking again.</summary>
    internal async ValueTask<TimeSpan> TryTakeAsync(long characters, CancellationToken cancellationToken)
    {
        if (!Limited)
        {
            return TimeSpan.Zero;
        }
        var o = options.Value;
        RedisValue[] arguments =
        [
            o.RequestsPerSecond.ToString(CultureInfo.InvariantCulture), o.CharactersPerSecond.ToString(CultureInfo.InvariantCulture),
            Burst.ToString(CultureInfo.InvariantCulture), (o.Background ? o.InteractiveReserve : 0).ToString(CultureInfo.InvariantCulture), characters,
        ];
        // A budget that cannot be read lets the call through: translation never stops because Redis did.
        var reply = await connection.RunOnceConnectedAsync("EVALSHA provider budget", 2, db => db.ScriptEvaluateAsync(TakeScript, [BucketKey, PauseKey], arguments), cancellationToken)
            .ConfigureAwait(false);
        return reply.Value is { } wait ? TimeSpan.FromMilliseconds((long)wait) : TimeSpan.Zero;
    }

    public async ValueTask ThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken) =>
        await connection.RunOnceConnectedAsync("SET provider pause", 1,
            db => db.StringSetAsync(PauseKey, 1, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1)), cancellationToken).ConfigureAwait(false);
}
