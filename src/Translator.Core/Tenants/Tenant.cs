using System.Globalization;

namespace Translator.Core.Tenants;

/// <summary>A partner newsroom: who it is and what it may spend.</summary>
/// <param name="Id">Lowercase letters, digits and '-' (<see cref="TenantValidator.IdRule"/>).</param>
/// <param name="MonthlyCharacterQuota">Characters sent to the provider on its behalf per calendar month (UTC); 0 = unlimited.</param>
/// <param name="RequestsPerMinute">Translation and glossary calls per minute across replicas; 0 = unlimited.</param>
/// <param name="ShareCache">
/// Whether it reads and writes the shared segment cache. False gives it a cache namespace of its own: nobody learns
/// from a hit that it translated a sentence (embargoes), and it pays for every sentence it sends itself.
/// </param>
public sealed record Tenant(
    string Id,
    string DisplayName,
    long MonthlyCharacterQuota,
    int RequestsPerMinute,
    bool ShareCache,
    DateTimeOffset CreatedAt);

/// <summary>One API key of a tenant, without the key: only its hash is ever stored.</summary>
public sealed record TenantApiKey(string KeyId, string TenantId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null);

/// <summary>What a tenant used in one calendar month (UTC).</summary>
/// <param name="BilledCharacters">Characters sent to the provider on its behalf: what the quota limits.</param>
/// <param name="CachedCharacters">Characters served from the cache, a concurrent request or an editor's correction: free.</param>
/// <param name="Requests">Translation and glossary calls accepted.</param>
public sealed record TenantUsage(string TenantId, string Month, long BilledCharacters, long CachedCharacters, long Requests);

/// <summary>The calendar month (UTC) usage is counted in, as "YYYY-MM".</summary>
public static class UsageMonth
{
    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>The tenant a call is made for; null when there is none (no authentication, the admin key, background work).</summary>
public interface ITenantContext
{
    Tenant? Current { get; }
}

/// <summary>Where no caller is a tenant: the CLI, the backfill worker, a server with <c>Auth:Mode</c> None.</summary>
internal sealed class NoTenantContext : ITenantContext
{
    public Tenant? Current => null;
}
