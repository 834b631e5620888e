using StackExchange.Redis;
using Translator.Core.Caching;

namespace Translator.Redis;

/// <summary>
/// Segment claims in Redis for processes that share a cache and a provider budget (backfill workers): a claim is
/// <c>SET NX PX</c> of <c>tr:claim:v1:{cache key}</c> holding this process's token, released by a compare-and-delete
/// so a lapsed claim another process took over is never released by its first holder. Any Redis failure grants the
/// claims: a segment is then possibly paid twice, never left untranslated.
/// </summary>
internal sealed class RedisSegmentClaims(RedisConnection redis) : ISegmentClaims
{
    /// <summary>
    /// How long a claim outlives a holder that dies with it: long enough for a batch waiting on a saturated budget,
    /// short enough that its waiters take over within a minute.
    /// </summary>
    internal static readonly TimeSpan Hold = TimeSpan.FromSeconds(60);

    private const string KeyPrefix = "tr:claim:v1:";

    private static readonly LuaScript Release = LuaScript.Prepare(
        "if redis.call('GET', @key) == @owner then return redis.call('DEL', @key) end return 0");

    private readonly RedisValue _owner = Guid.NewGuid().ToString("N");

    public async ValueTask<bool[]> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        var reply = await redis.RunAsync("SET NX claims", keys.Count, db =>
        {
            var batch = db.CreateBatch();
            var claims = keys.Select(k => batch.StringSetAsync(KeyPrefix + k, _owner, Hold, When.NotExists)).ToArray();
            batch.Execute();
            return Task.WhenAll(claims);
        }, cancellationToken).ConfigureAwait(false);
        if (reply.Value is { } granted)
        {
            return granted;
        }
        var all = new bool[keys.Count];
        Array.Fill(all, true);
        return all;
    }

    public async ValueTask ReleaseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return;
        }
        // A release that fails leaves the claims to lapse: waiters take over then.
        await redis.RunAsync("EVAL release claims", keys.Count, db =>
        {
            var batch = db.CreateBatch();
            var releases = keys.Select(k => batch.ScriptEvaluateAsync(Release, new { key = (RedisKey)(KeyPrefix + k), owner = _owner })).ToArray();
            batch.Execute();
            return Task.WhenAll(releases);
        }, cancellationToken).ConfigureAwait(false);
    }
}
