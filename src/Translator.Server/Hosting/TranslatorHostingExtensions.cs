using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;
using Translator.Cleaning;
using Translator.Core;
using Translator.Providers;
using Translator.Server.Grpc;

namespace Translator.Server.Hosting;

internal static class TranslatorHostingExtensions
{
    /// <summary>Room in a request for everything but the page: title, languages, glossary id, options.</summary>
    private const int RequestEnvelopeBytes = 64 * 1024;

    /// <summary>The gRPC surface, health, reflection, the translation core, article cleaning and the real providers.</summary>
    public static WebApplicationBuilder AddTranslatorServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddGrpc(o => o.Interceptors.Add<TranslationErrorInterceptor>());
        // Bounds the request before any of it is parsed: the largest page to clean plus room for the other
        // fields. gRPC's own default (4 MB) would refuse a page the options accept.
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<TranslatorOptions>>(
            (grpc, translator) => grpc.MaxReceiveMessageSize = translator.Value.MaxPageBytes + RequestEnvelopeBytes);
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck("translator", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        services.AddSingleton<TranslateRequestValidator>();
        services.AddSingleton<ArticleIntake>();
        services.AddSingleton<TranslateRequestMapper>();
        services.AddTranslatorCore();
        services.AddArticleCleaning();
        services.AddTranslationProviders();
        services.AddHostedService<DefaultGlossarySeeding>();
        return builder;
    }

    public static WebApplication MapTranslatorEndpoints(this WebApplication app)
    {
        app.MapGrpcService<TranslationGrpcService>();
        app.MapGrpcService<GlossaryGrpcService>();
        app.MapGrpcService<ReviewGrpcService>();
        app.MapGrpcService<AdminGrpcService>();
        // Probes and tooling carry no key.
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        return app;
    }
}
