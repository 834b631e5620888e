using Translator.Core.Tenants;

namespace Translator.Server.Access;

/// <summary>The tenant a call was authenticated for, as read from the store for this call.</summary>
internal sealed record TenantFeature(Tenant Tenant);

/// <summary>The current call's tenant, for the core (which knows nothing of HTTP).</summary>
internal sealed class HttpTenantContext(IHttpContextAccessor accessor) : ITenantContext
{
    public Tenant? Current => accessor.HttpContext?.Features.Get<TenantFeature>()?.Tenant;
}
