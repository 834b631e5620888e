using OpenTelemetry.Metrics;

namespace Translator.Server.Hosting;

internal static class PrometheusExtensions
{
    /// <summary>Serves the metrics for Prometheus to scrape at <c>/metrics</c>. Off unless set to true.</summary>
    public const string EnabledKey = "Telemetry:Prometheus:Enabled";

    /// <summary>
    /// The only port <c>/metrics</c> answers on, when set: a plain HTTP/1.1 endpoint beside the h2c gRPC one
    /// (Prometheus scrapes over HTTP/1.1), which a NetworkPolicy can open to the monitoring namespace alone.
    /// </summary>
    public const string PortKey = "Telemetry:Prometheus:Port";

    public static WebApplicationBuilder AddTranslatorPrometheus(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<bool>(EnabledKey))
        {
            // Adds a reader to the one MeterProvider AddTranslatorTelemetry configures: same meters, same views.
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddPrometheusExporter());
        }
        return builder;
    }

    public static WebApplication MapTranslatorPrometheus(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(EnabledKey))
        {
            // Prometheus carries no key; the port (a NetworkPolicy) is what guards it.
            var scrape = app.MapPrometheusScrapingEndpoint().AllowAnonymous();
            if (app.Configuration.GetValue<int?>(PortKey) is { } port)
            {
                scrape.RequireHost($"*:{port}").WithMetadata(ScrapeEndpoint.Instance);
                // The port speaks HTTP/1.1, so the HTTP/JSON API would answer there too: the NetworkPolicy opens it
                // to monitoring for metrics, not for translation. Runs after routing has chosen the endpoint.
                app.Use((context, next) =>
                {
                    if (context.Connection.LocalPort == port && context.GetEndpoint()?.Metadata.GetMetadata<ScrapeEndpoint>() is null)
                    {
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                        return Task.CompletedTask;
                    }
                    return next(context);
                });
            }
        }
        return app;
    }

    /// <summary>Marks the scrape endpoint, the one thing the metrics port serves.</summary>
    private sealed class ScrapeEndpoint
    {
        public static readonly ScrapeEndpoint Instance = new();
    }
}
