using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Translator.Core;
using Translator.Core.Caching;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Redis.Tests;

/// <summary>
/// One service instance as the host wires it with Redis configured: its own container, multiplexer,
/// in-process tier and pipeline. Disposing it and building another is a service restart.
/// </summary>
internal sealed class RedisPipelineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="configure">Changes to the composition after Redis is added, as a host's own registrations would.</param>
    public RedisPipelineHost(
        string connectionString, ITranslationProvider provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        Logs = new LogRecorder();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Translation:Provider"] = provider.Name,
                ["ConnectionStrings:Redis"] = connectionString,
                // Generous, so a loaded test machine never turns a healthy Redis into a timed-out one;
                // the test of a hanging Redis sets its own.
                ["Redis:OperationTimeout"] = "00:00:05",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.AddProvider(Logs))
            .AddMetrics()
            .AddKeyedSingleton(provider.Name, provider)
            .AddSingleton(new TranslatorCoreServiceCollectionExtensions.ProviderRegistration(provider.Name))
            .AddTranslatorCore();
        Assert.True(services.AddTranslatorRedis(configuration));
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        // What ValidateOnStart does in a host.
        _ = _services.GetRequiredService<IOptions<RedisOptions>>().Value;
    }

    /// <summary>A host whose Redis connection is up, so its first request already uses Redis.</summary>
    public static async Task<RedisPipelineHost> ConnectedAsync(
        string connectionString, ITranslationProvider provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var host = new RedisPipelineHost(connectionString, provider, settings, configure);
        Assert.True((await host.Multiplexer).IsConnected);
        return host;
    }

    /// <summary>What the service logged.</summary>
    public LogRecorder Logs { get; }

    /// <summary>A service of the composition, for tests of one part.</summary>
    public T Service<T>() where T : notnull => _services.GetRequiredService<T>();

    public ITranslationPipeline Pipeline => _services.GetRequiredService<ITranslationPipeline>();

    public ITranslationCache Cache => _services.GetRequiredService<ITranslationCache>();

    public IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public IGlossaryStore Glossaries => _services.GetRequiredService<IGlossaryStore>();

    /// <summary>The service's own multiplexer, once created (it connects in the background).</summary>
    public Task<IConnectionMultiplexer> Multiplexer => _services.GetRequiredService<RedisConnection>().Multiplexer;

    public async Task<HealthStatus> HealthAsync() =>
        (await _services.GetRequiredService<RedisHealthCheck>().CheckHealthAsync(new HealthCheckContext())).Status;

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
