using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Translator.Core.Tenants;
using Translator.Server.Access;

namespace Translator.Server.Hosting;

internal static class AccessExtensions
{
    /// <summary>
    /// <c>Auth:Mode</c> None (default) lets every call through as today. ApiKey: ASP.NET Core authentication with
    /// bearer keys (<see cref="ApiKeyAuthenticationHandler"/>) and policies — a valid key for every endpoint not marked
    /// anonymous (the fallback policy), the admin key for the admin service; the caller's tenant reaches the core
    /// through <see cref="ITenantContext"/> and its calls are metered (<see cref="TenantRequestInterceptor"/>).
    /// </summary>
    public static WebApplicationBuilder AddTranslatorAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccessOptions>()
            .BindConfiguration(AccessOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccessOptions>, AccessOptionsValidation>());
        // The core of AddAuthentication without its data protection, which would create and store a key ring that
        // no part of this service uses (bearer keys need no cookies or protected payloads).
        services.AddAuthenticationCore(o =>
        {
            o.DefaultScheme = ApiKeyAuthenticationHandler.SchemeName;
            o.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        });
        services.AddWebEncoders();
        services.TryAddTransient<ApiKeyAuthenticationHandler>();
        services.AddAuthorization();
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AccessOptions>>((authorization, access) =>
        {
            if (access.Value.Mode == AccessMode.ApiKey)
            {
                var caller = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build();
                authorization.AddPolicy(AccessPolicies.Caller, caller);
                authorization.AddPolicy(AccessPolicies.Admin, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                    .RequireRole(AccessPolicies.AdminRole));
                // Anything mapped later and not marked anonymous needs a key too.
                authorization.FallbackPolicy = caller;
            }
            else
            {
                // No keys: every call is the operator's, as before tenants existed.
                var open = new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build();
                authorization.AddPolicy(AccessPolicies.Caller, open);
                authorization.AddPolicy(AccessPolicies.Admin, open);
            }
        });
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Singleton<ITenantContext, HttpTenantContext>());
        // After the error interceptor (added first, so outermost), which turns a refusal into RESOURCE_EXHAUSTED.
        services.Configure<GrpcServiceOptions>(o => o.Interceptors.Add<TenantRequestInterceptor>());
        return builder;
    }

    public static WebApplication UseTranslatorAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
