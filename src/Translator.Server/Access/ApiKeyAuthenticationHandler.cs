using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Translator.Core.Telemetry;
using Translator.Core.Tenants;

namespace Translator.Server.Access;

/// <summary>
/// <c>authorization: Bearer &lt;key&gt;</c>: the admin key, or a tenant's key looked up by its hash on every call
/// (so a revoked key is refused by the next call on every replica). A call without the header is anonymous, which
/// the policies refuse (UNAUTHENTICATED) everywhere but health and reflection. The tenant id, never the key, tags
/// the call's span and request metrics.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<AccessOptions> access,
    TenantManager tenants) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string BearerPrefix = "Bearer ";
    // Keys are 47 characters; anything far longer is not a key and is not hashed.
    private const int MaxKeyLength = 512;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (access.Value.Mode != AccessMode.ApiKey)
        {
            return AuthenticateResult.NoResult();
        }
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var key = header[BearerPrefix.Length..].Trim();
        if (key.Length is 0 or > MaxKeyLength)
        {
            return AuthenticateResult.Fail("Malformed bearer token.");
        }
        if (IsAdminKey(key))
        {
            return Success(new Claim(ClaimTypes.Role, AccessPolicies.AdminRole));
        }
        (Tenant Tenant, string KeyId)? found;
        try
        {
            found = await tenants.AuthenticateAsync(key, Context.RequestAborted);
        }
        catch (TenantStoreUnavailableException ex)
        {
            // Fail closed: a key that cannot be checked is not accepted.
            LogStoreUnavailable(Logger, ex);
            return AuthenticateResult.Fail("The tenant store is unavailable.");
        }
        if (found is not var (tenant, keyId))
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        Context.Features.Set(new TenantFeature(tenant));
        Activity.Current?.SetTag(TranslatorTelemetry.TenantTag, tenant.Id);
        Context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new(TranslatorTelemetry.TenantTag, tenant.Id));
        return Success(new Claim(AccessPolicies.TenantClaim, tenant.Id), new Claim(AccessPolicies.KeyIdClaim, keyId));
    }

    private bool IsAdminKey(string key) =>
        access.Value.AdminKey is { Length: > 0 } admin
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(admin)));

    private static AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    [LoggerMessage(EventId = 7001, EventName = "TenantStoreUnavailable", Level = LogLevel.Warning,
        Message = "An API key could not be checked: the tenant store is unavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);
}
