using Translator.Core.Providers;
using Translator.Testing.StandIns;
using static Translator.Providers.Tests.ProviderHarness;

namespace Translator.Providers.Tests.DeepL;

public sealed class DeepLResilienceTests : DeepLStandInTests
{
    [Theory]
    [InlineData(429, null)]
    [InlineData(429, "0")]
    [InlineData(500, null)]
    [InlineData(503, null)]
    [InlineData(503, "0")]
    [InlineData(529, null)]
    public async Task TranslateAsync_TransientFailures_RetriedUntilSuccess(int status, string? retryAfter)
    {
        await using var harness = Create(DeepL.Url);
        DeepL.Enqueue(HttpStandIn.Status(status, retryAfter), HttpStandIn.Status(status, retryAfter));

        var result = await harness.DeepL.TranslateAsync(Batch("ko", "Hello."), Ct);

        Assert.Equal("[KO] Hello.", Assert.Single(result));
        Assert.Equal(3, DeepL.Requests.Count);
    }

    [Fact]
    public async Task TranslateAsync_429WithRetryAfter_WaitsAsLongAsAskedBeforeRetrying()
    {
        await using var harness = Create(DeepL.Url);
        // One second is the shortest non-zero Retry-After; the backoff on its own would be milliseconds.
        DeepL.Enqueue(HttpStandIn.Status(429, retryAfter: "1"));

        var result = await harness.DeepL.TranslateAsync(Batch("ko", "Hello."), Ct);

        Assert.Equal("[KO] Hello.", Assert.Single(result));
        var retry = Assert.Single(harness.Logs.Lines, l => l.Event.Name == "ProviderRetrying");
        Assert.Contains("retry 1 in 1000 ms after 429", retry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateAsync_429WithRetryAfterBeyondBound_FailsUnavailableWithThatRetryAfter()
    {
        await using var harness = Create(DeepL.Url);
        DeepL.Enqueue(HttpStandIn.Status(429, retryAfter: "120"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.DeepL.TranslateAsync(Batch("ko", "Hello."), Ct));

        Assert.Equal(ProviderFailure.Unavailable, error.Failure);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.True(error.AllowsFallback);
        Assert.Single(DeepL.Requests);
    }

    [Fact]
    public async Task TranslateAsync_StormOutlastingRetries_FailsUnavailableAfterBoundedAttempts()
    {
        await using var harness = Create(DeepL.Url);
        DeepL.Always = HttpStandIn.Status(503);

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.DeepL.TranslateAsync(Batch("ko", "Hello."), Ct));

        Assert.Equal(ProviderFailure.Unavailable, error.Failure);
        Assert.Equal(1 + 3, DeepL.Requests.Count);
    }

    [Fact]
    public async Task TranslateAsync_QuotaExceeded_FailsQuotaExceededWithoutRetry()
    {
        await using var harness = Create(DeepL.Url);
        DeepL.CharacterLimit = 5;

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.DeepL.TranslateAsync(Batch("ko", "Too long for the quota."), Ct));

        Assert.Equal(ProviderFailure.QuotaExceeded, error.Failure);
        Assert.True(error.AllowsFallback);
        Assert.Single(DeepL.Requests);
    }

    [Fact]
    public async Task TranslateAsync_WrongKey_FailsMisconfiguredWithoutRetryOrLoggingTheKey()
    {
        await using var harness = Create(DeepL.Url, null, ("DeepL:AuthKey", "wrong-secret-key"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.DeepL.TranslateAsync(Batch("ko", "Hello."), Ct));

        Assert.Equal(ProviderFailure.Misconfigured, error.Failure);
        Assert.Single(DeepL.Requests);
        Assert.Equal("DeepL-Auth-Key wrong-secret-key", DeepL.Requests[0].Authorization);
        Assert.DoesNotContain("wrong-secret-key", harness.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateAsync_BadRequest_FailsRejectedWithoutRetryAndLogsDeepLsMessageNotTheText()
    {
        await using var harness = Create(DeepL.Url);
        DeepL.Enqueue(HttpStandIn.Status(400, message: "Value for 'target_lang' not supported"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.DeepL.TranslateAsync(Batch("ko", "Secret article text."), Ct));

        Assert.Equal(ProviderFailure.Rejected, error.Failure);
        Assert.False(error.AllowsFallback);
        Assert.Single(DeepL.Requests);
        var logged = Assert.Single(harness.Logs.Lines, l => l.Event.Name == "ProviderRejectedRequest");
        Assert.Contains("Value for 'target_lang' not supported", logged.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret article text", harness.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateAsync_CircuitOpen_FailsFastWithoutCallingDeepL()
    {
        await using var harness = Create(DeepL.Url, null,
            ("DeepL:Http:CircuitMinimumThroughput", "2"), ("DeepL:Http:CircuitFailureRatio", "1"),
            ("DeepL:Http:CircuitBreakDuration", "00:05:00"), ("DeepL:Http:MaxRetryAttempts", "1"));
        DeepL.Always = HttpStandIn.Status(503);
        await Assert.ThrowsAsync<ProviderException>(() => harness.DeepL.TranslateAsync(Batch("ko", "Hello."), Ct));
        var calls = DeepL.Requests.Count;
        DeepL.Always = null;

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.DeepL.TranslateAsync(Batch("ko", "Hello."), Ct));

        Assert.Equal(ProviderFailure.Unavailable, error.Failure);
        Assert.Equal(calls, DeepL.Requests.Count);
        Assert.NotNull(error.RetryAfter);
    }

    [Fact]
    public async Task TranslateAsync_RateLimitStorm_DoesNotOpenTheCircuit()
    {
        await using var harness = Create(DeepL.Url, null,
            ("DeepL:Http:CircuitMinimumThroughput", "2"), ("DeepL:Http:CircuitFailureRatio", "0.5"),
            ("DeepL:Http:CircuitBreakDuration", "00:05:00"), ("DeepL:Http:MaxRetryAttempts", "6"));
        DeepL.Enqueue(Enumerable.Range(0, 5).Select(_ => HttpStandIn.Status(429)).ToArray());

        var result = await harness.DeepL.TranslateAsync(Batch("ko", "Hello."), Ct);

        Assert.Equal("[KO] Hello.", Assert.Single(result));
        Assert.Equal(6, DeepL.Requests.Count);
    }

    [Fact]
    public async Task TranslateAsync_ManyRequests_NeverMoreInFlightThanConfigured()
    {
        await using var harness = Create(DeepL.Url, null, ("DeepL:Http:MaxParallelRequests", "2"), ("DeepL:MaxTextsPerRequest", "1"));
        var gates = Enumerable.Range(0, 6).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        DeepL.Enqueue(gates.Select(g => HttpStandIn.Hold(g.Task)).ToArray());

        var translation = harness.DeepL.TranslateAsync(Batch("ko", "1.", "2.", "3.", "4.", "5.", "6."), Ct);
        foreach (var gate in gates)
        {
            // Release one held request each time the limit is reached; the rest must be queued, not sent.
            await DeepL.WaitUntilAsync(s => s.InFlight == 2 || translation.IsCompleted || s.Requests.Count == 6, Ct);
            gate.SetResult();
        }

        Assert.Equal(6, (await translation).Count);
        Assert.Equal(2, DeepL.MaxInFlight);
    }

    [Fact]
    public async Task TranslateAsync_CallerCancels_AbortsTheInFlightHttpRequest()
    {
        await using var harness = Create(DeepL.Url);
        DeepL.Enqueue(HttpStandIn.Hold(Task.Delay(Timeout.Infinite, Ct)));
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var translation = harness.DeepL.TranslateAsync(Batch("ko", "Hello."), caller.Token);
        // Recorded: the body is read and the request is about to be held.
        await DeepL.WaitUntilAsync(s => s.Requests.Count == 1 && s.InFlight == 1, Ct);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => translation);
        await DeepL.WaitUntilAsync(s => s.Aborted == 1, Ct);
        Assert.Single(DeepL.Requests);
    }

    [Fact]
    public async Task TranslateAsync_AttemptHangs_TimesOutAbortsAndRetries()
    {
        await using var harness = Create(DeepL.Url, null, ("DeepL:Http:AttemptTimeout", "00:00:01"));
        DeepL.Enqueue(HttpStandIn.Hold(Task.Delay(Timeout.Infinite, Ct)));

        var result = await harness.DeepL.TranslateAsync(Batch("ko", "Hello."), Ct);

        Assert.Equal("[KO] Hello.", Assert.Single(result));
        await DeepL.WaitUntilAsync(s => s.Aborted == 1, Ct);
        Assert.Equal(2, DeepL.Requests.Count);
    }

    [Fact]
    public async Task TranslateAsync_LimiterQueueFull_FailsUnavailableAtOnce()
    {
        await using var harness = Create(DeepL.Url, null, ("DeepL:Http:MaxParallelRequests", "1"), ("DeepL:Http:MaxQueuedRequests", "1"));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DeepL.Enqueue(HttpStandIn.Hold(gate.Task));
        var first = harness.DeepL.TranslateAsync(Batch("ko", "One."), Ct);
        await DeepL.WaitUntilAsync(s => s.InFlight == 1, Ct);

        // One of these takes the only queue place; the other is turned away while the first is still held.
        Task<IReadOnlyList<string>>[] waiting = [harness.DeepL.TranslateAsync(Batch("ko", "Two."), Ct), harness.DeepL.TranslateAsync(Batch("ko", "Three."), Ct)];
        var turnedAway = await Task.WhenAny(waiting).WaitAsync(Ct);

        var error = await Assert.ThrowsAsync<ProviderException>(() => turnedAway);
        Assert.Equal(ProviderFailure.Unavailable, error.Failure);
        gate.SetResult();
        await first;
        Assert.Single(await waiting.Single(t => t != turnedAway));
    }
}
