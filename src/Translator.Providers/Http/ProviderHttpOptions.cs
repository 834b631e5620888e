using System.ComponentModel.DataAnnotations;

namespace Translator.Providers.Http;

/// <summary>
/// How a provider's HTTP calls are bounded, retried and cut off (<c>DeepL:Http</c>, <c>LibreTranslate:Http</c>).
/// One shape for every HTTP provider, so each gets the same robustness from the same code.
/// </summary>
public sealed class ProviderHttpOptions
{
    /// <summary>Calls to the provider in flight at once, across all requests of this process.</summary>
    [Range(1, 256)]
    public int MaxParallelRequests { get; set; } = 8;

    /// <summary>
    /// Calls waiting for one of those slots; one more fails at once as unavailable instead of queueing without
    /// bound. The wait counts against <see cref="TotalTimeout"/>.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequests { get; set; } = 256;

    /// <summary>Retries after the first attempt, for 429, 5xx, timeouts and network failures.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First backoff delay; doubles per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest single backoff delay.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The longest <c>Retry-After</c> worth waiting for inside one call; a provider asking for more is
    /// reported as unavailable with its <c>Retry-After</c>, so the client decides.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt's limit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One call's limit, all attempts and backoff included (the caller's deadline applies as well).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Share of failed attempts (5xx, timeouts, network; not 429) within <see cref="CircuitSamplingDuration"/>
    /// that opens the circuit. High, so a storm the retries ride out does not open it; a DeepL that is down does.
    /// </summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.8;

    /// <summary>Attempts within the sampling window before the ratio counts.</summary>
    [Range(2, 10_000)]
    public int CircuitMinimumThroughput { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before letting a probe through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
