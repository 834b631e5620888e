using Microsoft.Extensions.Logging;

namespace Translator.Core.Tenants;

/// <summary>
/// The changes an operator makes to tenants and keys (fields validated by the caller), each logged as an admin
/// action (ids only, never a key), and key authentication.
/// </summary>
public sealed partial class TenantManager(ITenantStore store, ITenantMeter meter, TimeProvider time, ILogger<TenantManager> logger)
{
    public async Task<Tenant> CreateAsync(string id, string displayName, long monthlyCharacterQuota, int requestsPerMinute, bool shareCache,
        CancellationToken cancellationToken)
    {
        var tenant = new Tenant(id, displayName, monthlyCharacterQuota, requestsPerMinute, shareCache, time.GetUtcNow());
        if (!await store.TryCreateAsync(tenant, cancellationToken).ConfigureAwait(false))
        {
            throw new TenantAlreadyExistsException(id);
        }
        LogTenantCreated(logger, id, monthlyCharacterQuota, requestsPerMinute, shareCache);
        return tenant;
    }

    public async Task<Tenant> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new TenantNotFoundException(id);

    public Task<IReadOnlyList<Tenant>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>Applies the changes given; every replica reads the tenant per call, so they apply to the next call everywhere.</summary>
    public async Task<Tenant> UpdateAsync(string id, Func<Tenant, Tenant> change, CancellationToken cancellationToken)
    {
        var updated = change(await GetAsync(id, cancellationToken).ConfigureAwait(false)) with { Id = id };
        await store.SaveAsync(updated, cancellationToken).ConfigureAwait(false);
        LogTenantUpdated(logger, id, updated.MonthlyCharacterQuota, updated.RequestsPerMinute, updated.ShareCache);
        return updated;
    }

    /// <returns>The key's record and the key itself, which is not stored and cannot be shown again.</returns>
    public async Task<(TenantApiKey Record, string Key)> CreateKeyAsync(string tenantId, CancellationToken cancellationToken)
    {
        await GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var key = ApiKeys.NewKey();
        var record = new TenantApiKey(ApiKeys.NewKeyId(), tenantId, time.GetUtcNow());
        await store.AddKeyAsync(record, ApiKeys.Hash(key), cancellationToken).ConfigureAwait(false);
        LogKeyCreated(logger, tenantId, record.KeyId);
        return (record, key);
    }

    public async Task<IReadOnlyList<TenantApiKey>> ListKeysAsync(string tenantId, CancellationToken cancellationToken)
    {
        await GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return await store.ListKeysAsync(tenantId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TenantApiKey> RevokeKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeKeyAsync(keyId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) ?? throw new ApiKeyNotFoundException(keyId);
        LogKeyRevoked(logger, revoked.TenantId, keyId);
        return revoked;
    }

    /// <summary>This calendar month's usage (UTC).</summary>
    public async Task<TenantUsage> GetUsageAsync(string tenantId, CancellationToken cancellationToken)
    {
        await GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return await meter.GetUsageAsync(tenantId, UsageMonth.Of(time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The tenant a key belongs to, read from the store on every call (no cache), so a revocation or a quota change
    /// holds on every replica from the next call on.
    /// </summary>
    /// <returns>Null for an unknown or revoked key, or a key whose tenant is gone.</returns>
    public async Task<(Tenant Tenant, string KeyId)?> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        if (await store.FindKeyAsync(ApiKeys.Hash(key), cancellationToken).ConfigureAwait(false) is not { RevokedAt: null } record)
        {
            return null;
        }
        return await store.GetAsync(record.TenantId, cancellationToken).ConfigureAwait(false) is { } tenant ? (tenant, record.KeyId) : null;
    }

    /// <summary>Counts a call for the tenant, or refuses it when its minute is full.</summary>
    /// <exception cref="TenantRateLimitedException">The tenant made <see cref="Tenant.RequestsPerMinute"/> calls this minute already.</exception>
    public async Task AcceptRequestAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        if (await meter.TryAcceptRequestAsync(tenant.Id, UsageMonth.Of(time.GetUtcNow()), tenant.RequestsPerMinute, cancellationToken).ConfigureAwait(false) is { } retryAfter)
        {
            throw new TenantRateLimitedException(tenant.Id, tenant.RequestsPerMinute, retryAfter);
        }
    }

    [LoggerMessage(EventId = 7101, EventName = "TenantCreated", Level = LogLevel.Information,
        Message = "Admin: tenant {TenantId} created (quota {MonthlyCharacterQuota} characters/month, {RequestsPerMinute} requests/minute, shares cache: {ShareCache})")]
    private static partial void LogTenantCreated(ILogger logger, string tenantId, long monthlyCharacterQuota, int requestsPerMinute, bool shareCache);

    [LoggerMessage(EventId = 7102, EventName = "TenantUpdated", Level = LogLevel.Information,
        Message = "Admin: tenant {TenantId} updated (quota {MonthlyCharacterQuota} characters/month, {RequestsPerMinute} requests/minute, shares cache: {ShareCache})")]
    private static partial void LogTenantUpdated(ILogger logger, string tenantId, long monthlyCharacterQuota, int requestsPerMinute, bool shareCache);

    [LoggerMessage(EventId = 7103, EventName = "ApiKeyCreated", Level = LogLevel.Information,
        Message = "Admin: API key {KeyId} created for tenant {TenantId}")]
    private static partial void LogKeyCreated(ILogger logger, string tenantId, string keyId);

    [LoggerMessage(EventId = 7104, EventName = "ApiKeyRevoked", Level = LogLevel.Information,
        Message = "Admin: API key {KeyId} of tenant {TenantId} revoked")]
    private static partial void LogKeyRevoked(ILogger logger, string tenantId, string keyId);
}
