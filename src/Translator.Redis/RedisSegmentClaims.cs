using System.Collections.Concurrent;
using StackExchange.Redis;
using Translator.Core.Caching;

namespace Translator.Redis;

/// <summary>
/// Segment claims in Redis for processes that share a cache and a provider budget (backfill workers): a claim is
/// <c>SET NX PX</c> of <c>tr:claim:v1:{cache key}</c> holding this process's token. A claim lapses after
/// <see cref="Hold"/> unless renewed, and this process renews the claims it holds while it lives, so a batch waiting
/// long on the budget keeps its claims, and a worker killed mid-batch delays the others by seconds, not minutes.
/// Renewal and release compare the token, so a claim that lapsed and was taken over is never touched by its first
/// holder. Any Redis failure grants the claims: a segment is then possibly paid twice, never left untranslated.
/// </summary>
internal sealed class RedisSegmentClaims : ISegmentClaims, IDisposable
{
    internal static readonly TimeSpan Hold = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(2);

    private const string KeyPrefix = "tr:claim:v1:";

    private static readonly LuaScript Release = LuaScript.Prepare(
        "if redis.call('GET', @key) == @owner then return redis.call('DEL', @key) end return 0");

    private static readonly LuaScript Renew = LuaScript.Prepare(
        "if redis.call('GET', @key) == @owner then return redis.call('PEXPIRE', @key, @ms) end return 0");

    private readonly RedisConnection _redis;
    private readonly RedisValue _owner = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);
    private readonly ITimer _renewal;
    private int _renewing;

    public RedisSegmentClaims(RedisConnection redis, TimeProvider time)
    {
        _redis = redis;
        _renewal = time.CreateTimer(_ => _ = RenewAsync(), null, RenewEvery, RenewEvery);
    }

    public async ValueTask<bool[]> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        var reply = await _redis.RunAsync("SET NX claims", keys.Count, db =>
        {
            var batch = db.CreateBatch();
            var claims = keys.Select(k => batch.StringSetAsync(KeyPrefix + k, _owner, Hold, When.NotExists)).ToArray();
            batch.Execute();
            return Task.WhenAll(claims);
        }, cancellationToken).ConfigureAwait(false);
        if (reply.Value is not { } granted)
        {
            var all = new bool[keys.Count];
            Array.Fill(all, true);
            return all;
        }
        for (var i = 0; i < keys.Count; i++)
        {
            if (granted[i])
            {
                _held[keys[i]] = 0;
            }
        }
        return granted;
    }

    public async ValueTask ReleaseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }
        foreach (var key in keys)
        {
            _held.TryRemove(key, out _);
        }
        // A release that fails leaves the claims to lapse: waiters take over then.
        await RunScriptAsync("EVAL release claims", Release, keys, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _renewal.Dispose();

    /// <summary>Extends every claim this process still holds back to <see cref="Hold"/>; run by the timer.</summary>
    internal async Task RenewAsync()
    {
        // One renewal at a time: a slow Redis must not pile them up.
        if (_held.IsEmpty || Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }
        try
        {
            await RunScriptAsync("EVAL renew claims", Renew, _held.Keys.ToArray(), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    private Task<RedisReply<RedisResult[]>> RunScriptAsync(string operation, LuaScript script, IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        _redis.RunAsync(operation, keys.Count, db =>
        {
            var batch = db.CreateBatch();
            var runs = keys.Select(k => batch.ScriptEvaluateAsync(script, new { key = (RedisKey)(KeyPrefix + k), owner = _owner, ms = (long)Hold.TotalMilliseconds })).ToArray();
            batch.Execute();
            return Task.WhenAll(runs);
        }, cancellationToken);
}
