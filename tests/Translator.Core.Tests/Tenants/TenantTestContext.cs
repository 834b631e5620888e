using Translator.Core.Tenants;

namespace Translator.Core.Tests.Tenants;

/// <summary>The caller a test says it is, in place of the server's authenticated one.</summary>
internal sealed class TenantTestContext : ITenantContext
{
    public Tenant? Current { get; set; }

    public static Tenant Tenant(string id, long quota = 0, bool shareCache = true) =>
        new(id, id, quota, 0, shareCache, DateTimeOffset.UnixEpoch);
}
