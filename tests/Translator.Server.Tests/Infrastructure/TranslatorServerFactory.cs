using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Translator.Core;
using Translator.Core.Providers;
using Translator.Testing;
using Translator.Testing.StandIns;

namespace Translator.Server.Tests.Infrastructure;

/// <summary>
/// The real server, in memory. Settings override configuration (like environment variables would);
/// <see cref="ConfigureServices"/> swaps in test doubles.
/// </summary>
public sealed class TranslatorServerFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        // Disposing a test server is not a rolling update: nothing needs the replica to stay up to leave rotation.
        ["Shutdown:DrainDelay"] = "00:00:00",
    };
    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Sets a configuration key ("Translation:Provider") before the server starts.</summary>
    public TranslatorServerFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Uses <paramref name="redis"/> as the shared store and connects at once, so a test does not depend on how
    /// fast the background connect is; starts the host.
    /// </summary>
    public TranslatorServerFactory WithRedis(RedisServer redis)
    {
        With("ConnectionStrings:Redis", redis.ConnectionString);
        if (!Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().IsConnected)
        {
            throw new InvalidOperationException($"The test Redis at {redis.ConnectionString} did not accept a connection.");
        }
        return this;
    }

    /// <summary>Registers a provider under its name and selects it (and any others already selected, in order).</summary>
    public TranslatorServerFactory WithProvider(ITranslationProvider provider)
    {
        _services.Add(s =>
        {
            s.AddKeyedSingleton(provider.Name, provider);
            s.AddSingleton(new TranslatorCoreServiceCollectionExtensions.ProviderRegistration(provider.Name));
        });
        _settings["Translation:Provider"] = _settings.TryGetValue("Translation:Provider", out var existing) && existing is { Length: > 0 } && existing != "Pseudo"
            ? $"{existing},{provider.Name}"
            : provider.Name;
        return this;
    }

    /// <summary>Sends every log entry of every level to <paramref name="recorder"/>.</summary>
    public TranslatorServerFactory WithLogs(LogRecorder recorder)
    {
        _settings["Logging:LogLevel:Default"] = "Trace";
        _services.Add(s => s.AddSingleton<ILoggerProvider>(recorder));
        return this;
    }

    /// <summary>Selects DeepL and points it at the stand-in, as the DeepL settings would.</summary>
    public TranslatorServerFactory WithDeepL(DeepLStandIn deepL) =>
        With("Translation:Provider", "DeepL").With("DEEPL_AUTH_KEY", deepL.AuthKey).With("DEEPL_SERVER_URL", deepL.Url.ToString());

    public TranslatorServerFactory ConfigureServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>
    /// Serves over real Kestrel instead of in memory, for clients that run in another process: the named
    /// endpoints of appsettings.json, each on a free loopback port unless a test set its Url. Returns the
    /// gRPC endpoint's address; <see cref="JsonAddress"/> is the HTTP/JSON one.
    /// </summary>
    public Uri StartKestrel()
    {
        foreach (var endpoint in new[] { GrpcEndpoint, JsonEndpoint })
        {
            _settings.TryAdd($"Kestrel:Endpoints:{endpoint}:Url", "http://127.0.0.1:0");
        }
        UseKestrel();
        // Kestrel updates each endpoint's ListenOptions with the port it bound; the callbacks keep them by name.
        var bound = new Dictionary<string, ListenOptions>(StringComparer.Ordinal);
        _services.Add(s => s.PostConfigure<KestrelServerOptions>(kestrel =>
        {
            foreach (var endpoint in new[] { GrpcEndpoint, JsonEndpoint })
            {
                kestrel.ConfigurationLoader?.Endpoint(endpoint, e => bound[endpoint] = e.ListenOptions);
            }
        }));
        StartServer();
        JsonAddress = AddressOf(JsonEndpoint, bound[JsonEndpoint]);
        return AddressOf(GrpcEndpoint, bound[GrpcEndpoint]);
    }

    /// <summary>The HTTP/JSON endpoint's address, once <see cref="StartKestrel"/> has run.</summary>
    public Uri? JsonAddress { get; private set; }

    private const string GrpcEndpoint = "Grpc";
    private const string JsonEndpoint = "Json";

    private Uri AddressOf(string endpoint, ListenOptions listen) =>
        new($"{(_settings[$"Kestrel:Endpoints:{endpoint}:Url"]!.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "https" : "http")}://127.0.0.1:{listen.IPEndPoint!.Port}");

    /// <summary>A gRPC channel to the in-memory server.</summary>
    public GrpcChannel CreateChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = Server.CreateHandler(),
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }
}
