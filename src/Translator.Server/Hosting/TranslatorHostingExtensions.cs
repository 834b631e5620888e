using Translator.Cleaning;
using Translator.Core;
using Translator.Providers;
using Translator.Server.Grpc;

namespace Translator.Server.Hosting;

internal static class TranslatorHostingExtensions
{
    /// <summary>The gRPC surface, health, reflection, the translation core and its real providers.</summary>
    public static IServiceCollection AddTranslator(this IServiceCollection services)
    {
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<TranslationErrorInterceptor>();
            // Bounds the request before any of it is parsed: 200,000 characters of CJK text is ~600 KB.
            o.MaxReceiveMessageSize = 4 * 1024 * 1024;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck("translator", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        services.AddSingleton<TranslateRequestMapper>();
        services.AddTranslatorCore();
        services.AddArticleCleaning();
        services.AddTranslationProviders();
        services.AddHostedService<DefaultGlossarySeeding>();
        return services;
    }

    public static WebApplication MapTranslatorEndpoints(this WebApplication app)
    {
        app.MapGrpcService<TranslationGrpcService>();
        app.MapGrpcService<GlossaryGrpcService>();
        app.MapGrpcService<ReviewGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
