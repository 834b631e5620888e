using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Translator.Core.Caching;
using Translator.Core.Corrections;
using Translator.Core.Glossary;
using Translator.Core.Providers;
using Translator.Core.Tenants;

namespace Translator.Redis;

public static class TranslatorRedisServiceCollectionExtensions
{
    /// <summary>The connection string that turns Redis on; empty keeps the in-memory cache.</summary>
    public const string ConnectionStringName = "Redis";

    /// <summary>
    /// When <c>ConnectionStrings:Redis</c> is set: one shared <see cref="IConnectionMultiplexer"/> (connecting
    /// in the background, never blocking start-up), the Redis segment cache in place of the in-memory one, and
    /// the Redis glossary and correction stores so every replica sees the same glossaries and corrections, and the
    /// provider budget (<c>ProviderBudget</c>) shared by every replica and backfill worker, and the tenants, key hashes
    /// and usage every replica must agree on.
    /// </summary>
    /// <returns>Whether Redis was configured (and so whether a <see cref="RedisHealthCheck"/> makes sense).</returns>
    public static bool AddTranslatorRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(connectionString);
        }
        catch (ArgumentException)
        {
            // The connection string may hold a password: name the key, not the value.
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not a valid StackExchange.Redis configuration string.");
        }

        services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var configurationOptions = parsed.Clone();
            // A Redis that is down at start-up, or goes away later, must never fail or stall translation:
            // keep retrying in the background and fail commands at once while disconnected.
            configurationOptions.AbortOnConnectFail = false;
            configurationOptions.BacklogPolicy = BacklogPolicy.FailFast;
            configurationOptions.ConnectTimeout = (int)options.ConnectTimeout.TotalMilliseconds;
            configurationOptions.AsyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
            configurationOptions.SyncTimeout = (int)options.OperationTimeout.TotalMilliseconds;
            configurationOptions.ReconnectRetryPolicy = new ExponentialRetry(100, (int)options.MaxReconnectDelay.TotalMilliseconds);
            return ConnectionMultiplexer.Connect(configurationOptions);
        });
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton(sp => new RedisHealthCheck(sp.GetRequiredService<RedisConnection>()));
        services.RemoveAll<ITranslationCache>();
        services.AddSingleton<ITranslationCache, RedisTranslationCache>();
        services.RemoveAll<IGlossaryStore>();
        services.AddSingleton<IGlossaryStore, RedisGlossaryStore>();
        services.RemoveAll<ICorrectionStore>();
        services.AddSingleton<ICorrectionStore, RedisCorrectionStore>();
        services.AddOptions<ProviderBudgetOptions>()
            .BindConfiguration(ProviderBudgetOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.RemoveAll<ITenantStore>();
        services.AddSingleton<ITenantStore, RedisTenantStore>();
        services.RemoveAll<ITenantMeter>();
        services.AddSingleton<ITenantMeter, RedisTenantMeter>();
        services.RemoveAll<IProviderBudget>();
        services.AddSingleton<IProviderBudget, RedisProviderBudget>();
        return true;
    }

    /// <summary>
    /// Segments missed by several processes at once are translated by one of them (<see cref="ISegmentClaims"/>);
    /// the others wait for the shared cache. For throughput workers such as backfill, which may wait; not for the
    /// server, whose interactive requests must never queue behind a worker held back by the budget. Call after
    /// <see cref="AddTranslatorRedis"/> succeeded.
    /// </summary>
    public static IServiceCollection AddTranslatorSegmentClaims(this IServiceCollection services)
    {
        services.RemoveAll<ISegmentClaims>();
        services.AddSingleton<ISegmentClaims, RedisSegmentClaims>();
        return services;
    }
}
