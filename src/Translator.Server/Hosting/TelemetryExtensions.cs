using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Translator.Core.Telemetry;

namespace Translator.Server.Hosting;

internal static class TelemetryExtensions
{
    /// <summary>
    /// Traces and metrics for ASP.NET Core, gRPC, outgoing HTTP and the pipeline's own stages, exported
    /// over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddTranslatorTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(TranslatorTelemetry.Name))
            .WithTracing(t => t
                .AddSource(TranslatorTelemetry.Name)
                // Request paths carry only the RPC name; nothing from the message body is recorded.
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(TranslatorTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
        return builder;
    }
}
