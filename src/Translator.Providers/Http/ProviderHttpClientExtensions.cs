using System.Threading.RateLimiting;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Translator.Providers.Http;

internal static partial class ProviderHttpClientExtensions
{
    /// <summary>
    /// A named <see cref="HttpClient"/> for a provider, behind one resilience pipeline configured from
    /// <c>{name}:Http</c>, outermost first:
    /// total timeout → concurrency limit (bounded queue) → retry (429/5xx/timeouts/network, exponential backoff
    /// with jitter, honouring Retry-After) → circuit breaker → attempt timeout.
    /// The total timeout is outermost so time spent waiting for a slot counts; the limiter is outside the retry
    /// so a call backing off keeps its slot instead of letting others pile on.
    /// </summary>
    public static IHttpClientBuilder AddProviderHttpClient(
        this IServiceCollection services, string name, Action<IServiceProvider, HttpClient> configure)
    {
        services.AddOptions<ProviderHttpOptions>(name)
            .BindConfiguration($"{name}:Http")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var builder = services.AddHttpClient(name, (sp, client) =>
        {
            // The pipeline owns every timeout; HttpClient's own would cut across it.
            client.Timeout = Timeout.InfiniteTimeSpan;
            configure(sp, client);
        });
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptionsMonitor<ProviderHttpOptions>>().Get(name);
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProviderHttpClientExtensions).FullName!);
            pipeline
                .AddTimeout(o.TotalTimeout)
                .AddConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = o.MaxParallelRequests, QueueLimit = o.MaxQueuedRequests })
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = o.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = o.RetryBaseDelay,
                    MaxDelay = o.RetryMaxDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && !(args.Outcome.Result is { } response && RetryAfter(response) > o.MaxRetryAfter)),
                    OnRetry = args =>
                    {
                        LogRetrying(logger, name, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds,
                            args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name);
                        return ValueTask.CompletedTask;
                    },
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    // 429 means "alive but throttling": Retry-After handles it, and a rate-limit storm must
                    // not turn into failed calls. The breaker counts real failures (5xx, timeouts, network).
                    ShouldHandle = args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
                    FailureRatio = o.CircuitFailureRatio,
                    MinimumThroughput = o.CircuitMinimumThroughput,
                    SamplingDuration = o.CircuitSamplingDuration,
                    BreakDuration = o.CircuitBreakDuration,
                })
                .AddTimeout(o.AttemptTimeout);
        });
        return builder;
    }

    /// <summary>The delay a response's <c>Retry-After</c> asks for, if any.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero,
            _ => null,
        };

    [LoggerMessage(EventId = 3002, EventName = "ProviderRetrying", Level = LogLevel.Warning,
        Message = "{Provider} retry {Attempt} in {DelayMs:F0} ms after {Outcome}")]
    private static partial void LogRetrying(ILogger logger, string provider, int attempt, double delayMs, string? outcome);
}
