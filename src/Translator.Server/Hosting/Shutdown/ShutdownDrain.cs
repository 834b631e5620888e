using Microsoft.Extensions.Options;

namespace Translator.Server.Hosting.Shutdown;

/// <summary>
/// On shutdown (SIGTERM raises <see cref="IHostApplicationLifetime.ApplicationStopping"/>) the replica turns
/// NOT_SERVING at once, then holds the host's stop for <see cref="ShutdownOptions.DrainDelay"/> while it still
/// serves. <see cref="StoppingAsync"/> runs before any hosted service's StopAsync, so the web server is still
/// listening throughout the delay; after it, Kestrel sends GOAWAY and waits for the calls in flight.
/// </summary>
internal sealed partial class ShutdownDrain(
    IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options, TimeProvider time, ILogger<ShutdownDrain> logger)
    : IHostedLifecycleService
{
    private CancellationTokenRegistration _stopping;
    private long _drainStartedTimestamp;
    private volatile bool _draining;

    /// <summary>True from the moment the application began stopping.</summary>
    public bool IsDraining => _draining;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(BeginDrain);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        BeginDrain();
        // Counted from the stop signal, not from here, so the delay is the same however the host got here.
        var remaining = options.Value.DrainDelay - time.GetElapsedTime(Interlocked.Read(ref _drainStartedTimestamp));
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            await Task.Delay(remaining, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout fired first: stop now rather than overrun it.
        }
    }

    private void BeginDrain()
    {
        if (Interlocked.CompareExchange(ref _drainStartedTimestamp, time.GetTimestamp(), 0) == 0)
        {
            _draining = true;
            LogDraining(logger, options.Value.DrainDelay);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _stopping.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2201, EventName = "ShutdownDraining", Level = LogLevel.Information,
        Message = "Shutting down: health is NOT_SERVING; still serving for {DrainDelay} before closing connections")]
    private static partial void LogDraining(ILogger logger, TimeSpan drainDelay);
}
