namespace Translator.Core.Tenants;

/// <summary>
/// Tenants and the hashes of their API keys. Shared by every replica when a shared store (Redis) is configured.
/// Implementations throw <see cref="TenantStoreUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ITenantStore
{
    /// <returns>False when a tenant with the id exists; nothing is written.</returns>
    Task<bool> TryCreateAsync(Tenant tenant, CancellationToken cancellationToken);

    Task<Tenant?> GetAsync(string tenantId, CancellationToken cancellationToken);

    /// <returns>Every tenant, ordered by id.</returns>
    Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Overwrites an existing tenant.</summary>
    Task SaveAsync(Tenant tenant, CancellationToken cancellationToken);

    /// <param name="keyHash">SHA-256 of the key (<see cref="ApiKeys.Hash"/>); the key itself is never stored.</param>
    Task AddKeyAsync(TenantApiKey key, string keyHash, CancellationToken cancellationToken);

    /// <returns>The key with that hash, revoked or not; null when there is none.</returns>
    Task<TenantApiKey?> FindKeyAsync(string keyHash, CancellationToken cancellationToken);

    /// <returns>The tenant's keys, ordered by creation.</returns>
    Task<IReadOnlyList<TenantApiKey>> ListKeysAsync(string tenantId, CancellationToken cancellationToken);

    /// <returns>The key as revoked (or as it was, when revoked before); null when there is no key with the id.</returns>
    Task<TenantApiKey?> RevokeKeyAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}

/// <summary>
/// Per-tenant usage and limits, counted atomically across every replica that shares the store. Implementations
/// throw <see cref="TenantStoreUnavailableException"/> when they cannot count: nothing is spent on trust.
/// </summary>
public interface ITenantMeter
{
    /// <summary>
    /// Adds <paramref name="characters"/> to the month's billed characters unless that would pass
    /// <paramref name="quota"/> (0 = unlimited); the check and the add are one atomic step.
    /// </summary>
    /// <returns>False when the quota would be passed; nothing is added.</returns>
    Task<bool> TryReserveAsync(string tenantId, string month, long characters, long quota, CancellationToken cancellationToken);

    /// <summary>Gives back reserved characters that were not sent to the provider.</summary>
    Task ReleaseAsync(string tenantId, string month, long characters, CancellationToken cancellationToken);

    /// <summary>Counts characters served without the provider.</summary>
    Task AddCachedAsync(string tenantId, string month, long characters, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one call in the current minute (across replicas) and in the month's requests, unless the minute
    /// already holds <paramref name="requestsPerMinute"/> (0 = unlimited).
    /// </summary>
    /// <returns>Null when the call is accepted; otherwise how long until the next minute starts.</returns>
    Task<TimeSpan?> TryAcceptRequestAsync(string tenantId, string month, int requestsPerMinute, CancellationToken cancellationToken);

    Task<TenantUsage> GetUsageAsync(string tenantId, string month, CancellationToken cancellationToken);
}
