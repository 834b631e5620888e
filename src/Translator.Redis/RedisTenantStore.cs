using System.Text.Json;
using StackExchange.Redis;
using Translator.Core.Tenants;

namespace Translator.Redis;

/// <summary>
/// Tenants and key hashes in Redis, read on every call so every replica agrees at once (a revoked key is refused
/// by the next call anywhere). A tenant is JSON under <c>tr:tenant:v1:{id}</c>, listed in <c>tr:tenants:v1</c>; a
/// key record is JSON under <c>tr:apikey:v1:{sha256}</c>, found from its id through <c>tr:apikey-id:v1:{key id}</c>
/// and listed per tenant in <c>tr:tenant-keys:v1:{id}</c>. Unlike the cache, nothing here carries on without Redis:
/// a failed command is <see cref="TenantStoreUnavailableException"/>, so no key is accepted on trust.
/// </summary>
internal sealed class RedisTenantStore(RedisConnection redis) : ITenantStore
{
    private static readonly RedisKey Index = "tr:tenants:v1";

    private static RedisKey TenantKey(string id) => "tr:tenant:v1:" + id;
    private static RedisKey KeyRecord(string hash) => "tr:apikey:v1:" + hash;
    private static RedisKey KeyById(string keyId) => "tr:apikey-id:v1:" + keyId;
    private static RedisKey TenantKeys(string tenantId) => "tr:tenant-keys:v1:" + tenantId;

    private const string CreateScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
          redis.call('SADD', KEYS[2], ARGV[2])
          return 1
        end
        return 0
        """;

    public async Task<bool> TryCreateAsync(Tenant tenant, CancellationToken cancellationToken) =>
        (long)(await RunAsync("EVAL tenant create", 2,
            db => db.ScriptEvaluateAsync(CreateScript, [TenantKey(tenant.Id), Index], [Serialize(tenant), tenant.Id]), cancellationToken))! == 1;

    public async Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        var json = await RunAsync("GET tenant", 1, db => db.StringGetAsync(TenantKey(tenantId)), cancellationToken);
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, TenantJsonContext.Default.Tenant);
    }

    public async Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = await RunAsync("SMEMBERS tenants", 1, db => db.SetMembersAsync(Index), cancellationToken);
        if (ids.Length == 0)
        {
            return [];
        }
        var values = await RunAsync("MGET tenants", ids.Length, db => db.StringGetAsync(ids.Select(id => TenantKey(id!)).ToArray()), cancellationToken);
        return values.Where(v => !v.IsNull).Select(v => JsonSerializer.Deserialize((string)v!, TenantJsonContext.Default.Tenant)!)
            .OrderBy(t => t.Id, StringComparer.Ordinal).ToArray();
    }

    public Task SaveAsync(Tenant tenant, CancellationToken cancellationToken) =>
        RunAsync("SET tenant", 1, db => db.StringSetAsync(TenantKey(tenant.Id), Serialize(tenant), when: When.Exists), cancellationToken);

    public Task AddKeyAsync(TenantApiKey key, string keyHash, CancellationToken cancellationToken) =>
        RunAsync("SET apikey", 3, async db =>
        {
            var transaction = db.CreateTransaction();
            _ = transaction.StringSetAsync(KeyRecord(keyHash), Serialize(key));
            _ = transaction.StringSetAsync(KeyById(key.KeyId), keyHash);
            _ = transaction.SetAddAsync(TenantKeys(key.TenantId), keyHash);
            return await transaction.ExecuteAsync().ConfigureAwait(false);
        }, cancellationToken);

    public async Task<TenantApiKey?> FindKeyAsync(string keyHash, CancellationToken cancellationToken)
    {
        var json = await RunAsync("GET apikey", 1, db => db.StringGetAsync(KeyRecord(keyHash)), cancellationToken);
        return json.IsNull ? null : DeserializeKey(json);
    }

    public async Task<IReadOnlyList<TenantApiKey>> ListKeysAsync(string tenantId, CancellationToken cancellationToken)
    {
        var hashes = await RunAsync("SMEMBERS tenant keys", 1, db => db.SetMembersAsync(TenantKeys(tenantId)), cancellationToken);
        if (hashes.Length == 0)
        {
            return [];
        }
        var values = await RunAsync("MGET apikeys", hashes.Length, db => db.StringGetAsync(hashes.Select(h => KeyRecord(h!)).ToArray()), cancellationToken);
        return values.Where(v => !v.IsNull).Select(DeserializeKey).OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToArray();
    }

    public async Task<TenantApiKey?> RevokeKeyAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        var hash = await RunAsync("GET apikey id", 1, db => db.StringGetAsync(KeyById(keyId)), cancellationToken);
        if (hash.IsNull)
        {
            return null;
        }
        var json = await RunAsync("GET apikey", 1, db => db.StringGetAsync(KeyRecord(hash!)), cancellationToken);
        if (json.IsNull)
        {
            return null;
        }
        var key = DeserializeKey(json);
        if (key.RevokedAt is not null)
        {
            return key;
        }
        var revoked = key with { RevokedAt = revokedAt };
        await RunAsync("SET apikey", 1, db => db.StringSetAsync(KeyRecord(hash!), Serialize(revoked)), cancellationToken);
        return revoked;
    }

    private async Task<T> RunAsync<T>(string operation, int keys, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken)
    {
        var reply = await redis.RunOnceConnectedAsync(operation, keys, command, cancellationToken).ConfigureAwait(false);
        return reply.Succeeded ? reply.Value! : throw new TenantStoreUnavailableException(reply.Failure);
    }

    private static string Serialize(Tenant tenant) => JsonSerializer.Serialize(tenant, TenantJsonContext.Default.Tenant);

    private static string Serialize(TenantApiKey key) => JsonSerializer.Serialize(key, TenantJsonContext.Default.TenantApiKey);

    private static TenantApiKey DeserializeKey(RedisValue json) =>
        JsonSerializer.Deserialize((string)json!, TenantJsonContext.Default.TenantApiKey) ?? throw new InvalidDataException("A stored API key is empty.");
}
