using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.Options;

namespace Translator.Server.Hosting.Shutdown;

internal static class ShutdownExtensions
{
    /// <summary>The gRPC health service name that leaves out readiness-only checks (the drain), for liveness probes.</summary>
    public const string LivenessService = "liveness";

    private const string ReadinessOnlyTag = "readiness";

    /// <summary>
    /// Graceful shutdown for rolling updates: NOT_SERVING on the default ("") health service from the stop
    /// signal on, a drain delay while still serving, then <see cref="ShutdownOptions.Timeout"/> for calls in flight.
    /// The <see cref="LivenessService"/> health service stays SERVING meanwhile, so a liveness probe never kills a
    /// draining replica.
    /// </summary>
    public static WebApplicationBuilder AddTranslatorGracefulShutdown(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>()
            .BindConfiguration(ShutdownOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The host's timeout bounds every stopping step together: the drain delay, then the calls in flight.
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.DrainDelay + shutdown.Value.Timeout);
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        builder.Services.AddHealthChecks().AddCheck<DrainingHealthCheck>("draining", tags: [ReadinessOnlyTag]);
        builder.Services.Configure<GrpcHealthChecksOptions>(o =>
            o.Services.Map(LivenessService, check => !check.Tags.Contains(ReadinessOnlyTag)));
        return builder;
    }
}
