using System.Collections.Concurrent;

namespace Translator.Core.Tenants;

/// <summary>The default store: one process, nothing shared. Replicas that must agree use a shared store.</summary>
internal sealed class InMemoryTenantStore : ITenantStore
{
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TenantApiKey> _keysByHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _hashesById = new(StringComparer.Ordinal);

    public Task<bool> TryCreateAsync(Tenant tenant, CancellationToken cancellationToken) =>
        Task.FromResult(_tenants.TryAdd(tenant.Id, tenant));

    public Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(_tenants.GetValueOrDefault(tenantId));

    public Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Tenant>>(_tenants.Values.OrderBy(t => t.Id, StringComparer.Ordinal).ToArray());

    public Task SaveAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        _tenants[tenant.Id] = tenant;
        return Task.CompletedTask;
    }

    public Task AddKeyAsync(TenantApiKey key, string keyHash, CancellationToken cancellationToken)
    {
        _keysByHash[keyHash] = key;
        _hashesById[key.KeyId] = keyHash;
        return Task.CompletedTask;
    }

    public Task<TenantApiKey?> FindKeyAsync(string keyHash, CancellationToken cancellationToken) =>
        Task.FromResult(_keysByHash.GetValueOrDefault(keyHash));

    public Task<IReadOnlyList<TenantApiKey>> ListKeysAsync(string tenantId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TenantApiKey>>(_keysByHash.Values.Where(k => k.TenantId == tenantId).OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToArray());

    public Task<TenantApiKey?> RevokeKeyAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        if (!_hashesById.TryGetValue(keyId, out var hash))
        {
            return Task.FromResult<TenantApiKey?>(null);
        }
        var revoked = _keysByHash.AddOrUpdate(hash, static (_, _) => throw new InvalidOperationException("A key id without its key."),
            static (_, key, at) => key.RevokedAt is null ? key with { RevokedAt = at } : key, revokedAt);
        return Task.FromResult<TenantApiKey?>(revoked);
    }
}
