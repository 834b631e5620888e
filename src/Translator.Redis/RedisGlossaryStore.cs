using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;
using Translator.Core.Glossary;

namespace Translator.Redis;

/// <summary>
/// Glossaries in Redis, so every replica sees the same glossary and an edit applies on the next request
/// everywhere. Each glossary is a hash (<c>version</c>, <c>json</c>) under <c>tr:glossary:v1:{id}</c>, listed
/// in the set <c>tr:glossaries:v1</c>; saves are compare-and-swap in a Lua script, so concurrent edits on two
/// replicas never overwrite each other. A read costs one round trip and fetches the body only when the
/// version moved. While Redis is unreachable, reads serve the copy this replica last saw and writes fail
/// with <see cref="GlossaryStoreUnavailableException"/>.
/// </summary>
internal sealed class RedisGlossaryStore(RedisConnection redis) : IGlossaryStore
{
    private const string KeyPrefix = "tr:glossary:v1:";
    private static readonly RedisKey Index = "tr:glossaries:v1";

    // Returns {version} when the caller's copy is current, {version, json} when it is not, nil when absent.
    private static readonly LuaScript Read = LuaScript.Prepare(
        "local v = redis.call('HGET', @key, 'version') " +
        "if not v then return nil end " +
        "if v == @known then return {v} end " +
        "return {v, redis.call('HGET', @key, 'json')}");

    private static readonly LuaScript CompareAndSwap = LuaScript.Prepare(
        "local v = redis.call('HGET', @key, 'version') or '0' " +
        "if v ~= @expected then return 0 end " +
        "redis.call('HSET', @key, 'version', @version, 'json', @json) " +
        "redis.call('SADD', @index, @id) " +
        "return 1");

    private static readonly LuaScript Remove = LuaScript.Prepare(
        "if redis.call('DEL', @key) == 0 then return 0 end " +
        "redis.call('SREM', @index, @id) " +
        "return 1");


    private readonly ConcurrentDictionary<string, Glossary> _lastSeen = new(StringComparer.Ordinal);

    public string Name => "redis";

    public async Task<Glossary?> GetAsync(string id, CancellationToken cancellationToken)
    {
        _lastSeen.TryGetValue(id, out var known);
        var reply = await RunAsync("EVALSHA glossary read", db => db.ScriptEvaluateAsync(Read, new { key = Key(id), known = Number(known?.Version ?? -1) }),
            readFallback: true, cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            // Redis unreachable: the last copy this replica saw, if it saw one.
            return known ?? throw new GlossaryStoreUnavailableException(Name);
        }
        if (reply.IsNull)
        {
            _lastSeen.TryRemove(id, out _);
            return null;
        }
        var parts = (RedisResult[])reply!;
        if (parts.Length == 1 && known is not null)
        {
            return known;
        }
        var glossary = Deserialize((string)parts[1]!);
        _lastSeen[id] = glossary;
        return glossary;
    }

    public async Task<IReadOnlyList<Glossary>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = await RunAsync("SMEMBERS", db => db.SetMembersAsync(Index), readFallback: true, cancellationToken).ConfigureAwait(false);
        if (ids is null)
        {
            return _lastSeen.Values.OrderBy(g => g.Id, StringComparer.Ordinal).ToArray();
        }
        var glossaries = new List<Glossary>(ids.Length);
        foreach (var id in ids)
        {
            if (await GetAsync((string)id!, cancellationToken).ConfigureAwait(false) is { } glossary)
            {
                glossaries.Add(glossary);
            }
        }
        return glossaries.OrderBy(g => g.Id, StringComparer.Ordinal).ToArray();
    }

    public async Task<bool> TrySaveAsync(Glossary glossary, long expectedVersion, CancellationToken cancellationToken)
    {
        var saved = await RunAsync("EVALSHA glossary save", db => db.ScriptEvaluateAsync(CompareAndSwap, new
        {
            key = Key(glossary.Id),
            index = Index,
            id = glossary.Id,
            expected = Number(expectedVersion),
            version = Number(glossary.Version),
            json = JsonSerializer.Serialize(glossary, GlossaryJsonContext.Default.Glossary),
        }), readFallback: false, cancellationToken).ConfigureAwait(false);
        if ((int)saved! != 1)
        {
            return false;
        }
        _lastSeen[glossary.Id] = glossary;
        return true;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var removed = await RunAsync("EVALSHA glossary delete", db => db.ScriptEvaluateAsync(Remove, new { key = Key(id), index = Index, id }),
            readFallback: false, cancellationToken).ConfigureAwait(false);
        _lastSeen.TryRemove(id, out _);
        return (int)removed! == 1;
    }

    private static RedisKey Key(string id) => KeyPrefix + id;

    // Versions are compared as strings inside the Lua scripts, so they must be written one way only.
    private static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Glossary Deserialize(string json) =>
        JsonSerializer.Deserialize(json, GlossaryJsonContext.Default.Glossary) ?? throw new InvalidDataException("A stored glossary is empty.");

    /// <returns>The reply; null when Redis failed and <paramref name="readFallback"/> lets the caller serve its copy.</returns>
    private async Task<T?> RunAsync<T>(string operation, Func<IDatabase, Task<T>> command, bool readFallback, CancellationToken cancellationToken)
        where T : class
    {
        var reply = await redis.RunAsync(operation, 1, command, cancellationToken).ConfigureAwait(false);
        return reply.Succeeded || readFallback ? reply.Value
            : throw (reply.Failure is null ? new GlossaryStoreUnavailableException(Name) : new GlossaryStoreUnavailableException(Name, reply.Failure));
    }
}
