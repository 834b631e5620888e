using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Translator.Core;
using Translator.Core.Providers;

namespace Translator.Providers.DeepL;

/// <summary>
/// Reads DeepL's <c>/v2/usage</c> periodically while DeepL is a configured provider: feeds the usage
/// gauges and writes one log line, so quota exhaustion is visible before it fails requests.
/// </summary>
internal sealed partial class DeepLUsageMonitor(
    DeepLClient client,
    DeepLMetrics metrics,
    IOptions<DeepLOptions> options,
    IOptions<TranslatorOptions> translator,
    TimeProvider time,
    ILogger<DeepLUsageMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.UsagePollInterval;
        if (interval <= TimeSpan.Zero || !translator.Value.ProviderNames.Contains(DeepLTranslationProvider.ProviderName, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (ProviderException ex)
            {
                LogUsageUnavailable(logger, ex, ex.Failure);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<DeepLUsage> RefreshAsync(CancellationToken cancellationToken)
    {
        var usage = await client.GetUsageAsync(cancellationToken).ConfigureAwait(false);
        metrics.RecordUsage(usage);
        LogUsage(logger, usage.CharacterCount, usage.CharacterLimit,
            usage.CharacterLimit > 0 ? 100.0 * usage.CharacterCount / usage.CharacterLimit : 0);
        return usage;
    }

    [LoggerMessage(EventId = 3201, EventName = "DeepLUsage", Level = LogLevel.Information,
        Message = "DeepL usage: {Used} of {Limit} characters this billing period ({Percent:F1}%)")]
    private static partial void LogUsage(ILogger logger, long used, long limit, double percent);

    [LoggerMessage(EventId = 3202, EventName = "DeepLUsageUnavailable", Level = LogLevel.Warning,
        Message = "Could not read DeepL usage ({Failure})")]
    private static partial void LogUsageUnavailable(ILogger logger, Exception exception, ProviderFailure failure);
}
