namespace Translator.Core.Tenants;

/// <summary>A request would take the tenant past its monthly character quota; nothing was sent to the provider.</summary>
public sealed class TenantQuotaExceededException(string tenantId, long quota, long requested)
    : Exception($"Tenant \"{tenantId}\" would exceed its monthly quota of {quota} characters.")
{
    public string TenantId { get; } = tenantId;

    public long Quota { get; } = quota;

    /// <summary>The provider characters the refused request needed.</summary>
    public long Requested { get; } = requested;
}

/// <summary>The tenant made more calls this minute than its <see cref="Tenant.RequestsPerMinute"/>.</summary>
public sealed class TenantRateLimitedException(string tenantId, int requestsPerMinute, TimeSpan retryAfter)
    : Exception($"Tenant \"{tenantId}\" is over its limit of {requestsPerMinute} requests per minute.")
{
    public string TenantId { get; } = tenantId;

    public int RequestsPerMinute { get; } = requestsPerMinute;

    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>No tenant with the id.</summary>
public sealed class TenantNotFoundException(string tenantId) : Exception($"No tenant \"{tenantId}\".")
{
    public string TenantId { get; } = tenantId;
}

/// <summary>A tenant with the id exists already.</summary>
public sealed class TenantAlreadyExistsException(string tenantId) : Exception($"A tenant \"{tenantId}\" already exists.")
{
    public string TenantId { get; } = tenantId;
}

/// <summary>No API key with the id.</summary>
public sealed class ApiKeyNotFoundException(string keyId) : Exception($"No API key \"{keyId}\".")
{
    public string KeyId { get; } = keyId;
}

/// <summary>
/// The tenant store or usage meter cannot be reached. Access fails closed: no key is accepted and no quota is
/// taken on trust while it is down.
/// </summary>
public sealed class TenantStoreUnavailableException(Exception? inner = null)
    : Exception("The tenant store is unavailable.", inner);
