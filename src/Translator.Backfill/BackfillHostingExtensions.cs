using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Translator.Backfill.Jobs;
using Translator.Backfill.Work;
using Translator.Cleaning;
using Translator.Core;
using Translator.Core.Providers;
using Translator.Providers;
using Translator.Redis;

namespace Translator.Backfill;

internal static class BackfillHostingExtensions
{
    /// <summary>
    /// The server's translation stack as a library (core, cleaning, the real providers, the Redis cache and
    /// glossary store) plus the backfill worker. Redis is required: it is the queue, the progress and the cache.
    /// </summary>
    public static IHostApplicationBuilder AddBackfill(this IHostApplicationBuilder builder)
    {
        // stdout carries the commands' output (--json); logs go to stderr.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddTranslatorCore();
        builder.Services.AddArticleCleaning();
        builder.Services.AddTranslationProviders();
        if (!builder.Services.AddTranslatorRedis(builder.Configuration))
        {
            throw new BackfillConfigurationException(
                $"ConnectionStrings:{TranslatorRedisServiceCollectionExtensions.ConnectionStringName} (ConnectionStrings__Redis) is required: Redis holds the backfill queue, its progress and the shared cache.");
        }
        // Workers that miss the same sentence at once pay for it once.
        builder.Services.AddTranslatorSegmentClaims();
        builder.Services.AddOptions<BackfillOptions>()
            .BindConfiguration(BackfillOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Backfill takes only what interactive traffic leaves of the shared provider budget.
        builder.Services.PostConfigure<ProviderBudgetOptions>(o => o.Background = true);
        builder.Services.AddSingleton<BackfillWorker>();
        builder.Services.AddSingleton<JobEstimator>();
        return builder;
    }
}

/// <summary>Configuration the backfill cannot run without; the message names the setting, never a secret.</summary>
internal sealed class BackfillConfigurationException(string message) : Exception(message);
