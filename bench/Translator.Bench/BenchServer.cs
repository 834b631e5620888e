using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using StackExchange.Redis;
using Translator.Server.Hosting;

namespace Translator.Bench;

/// <summary>The server as Program.cs composes it (minus telemetry export), on real Kestrel over h2c.</summary>
internal static class BenchServer
{
    public static async Task<WebApplication> StartAsync(IDictionary<string, string?> settings)
    {
        var redis = settings.TryGetValue("ConnectionStrings:Redis", out var connection) ? connection : null;
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.AddTranslatorServices();
        builder.AddTranslatorAccess();
        builder.AddTranslatorCaching();
        var app = builder.Build();
        app.UseTranslatorAccess();
        app.MapTranslatorEndpoints();
        await app.StartAsync();
        // Connect now rather than on the first request, so warm-up measures nothing but warm-up.
        if (!string.IsNullOrEmpty(redis))
        {
            _ = app.Services.GetRequiredService<IConnectionMultiplexer>();
        }
        return app;
    }

    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
}
