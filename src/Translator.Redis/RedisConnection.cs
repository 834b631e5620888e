using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Translator.Core.Telemetry;

namespace Translator.Redis;

/// <summary>
/// The service's view of the shared <see cref="IConnectionMultiplexer"/>: connects in the background on
/// first use so a request never waits for a connection, runs every command of the cache and the glossary
/// store under one timeout and one failure rule (<see cref="RunAsync"/>), says whether Redis can be used
/// right now, and logs each change between reachable and unreachable once rather than once per request.
/// </summary>
internal sealed partial class RedisConnection
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connecting;
    private readonly IServiceProvider _services;
    private readonly ILogger<RedisConnection> _logger;
    private readonly TimeSpan _firstConnectionWait;
    private int _failing;
    private int _disconnected;

    public RedisConnection(IServiceProvider services, IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _services = services;
        _logger = logger;
        Timeout = options.Value.OperationTimeout;
        _firstConnectionWait = options.Value.ConnectTimeout + options.Value.OperationTimeout;
        _connecting = new(() => Task.Run(Connect));
    }

    /// <summary>Longest one command may take before the caller carries on without Redis.</summary>
    public TimeSpan Timeout { get; }

    private IConnectionMultiplexer Connect()
    {
        var multiplexer = _services.GetRequiredService<IConnectionMultiplexer>();
        // Reconnection attempts fail repeatedly while Redis is away: log the outage and the recovery once each.
        multiplexer.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive && Interlocked.Exchange(ref _disconnected, 1) == 0)
            {
                LogConnectionFailed(_logger, e.EndPoint, e.FailureType);
            }
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive && Interlocked.Exchange(ref _disconnected, 0) == 1)
            {
                LogConnectionRestored(_logger, e.EndPoint);
            }
        };
        return multiplexer;
    }

    /// <summary>Completes when the multiplexer exists (connected or still trying); for callers that may wait.</summary>
    public Task<IConnectionMultiplexer> Multiplexer => _connecting.Value;

    /// <summary>
    /// Runs one command against the database within <see cref="Timeout"/>. Unreachable Redis, a Redis error or a
    /// timeout is reported (logged once per outage) and returned as <see cref="RedisReply{T}.Failed"/>; only the
    /// caller's own cancellation propagates. Each command is a client span named after
    /// <paramref name="operation"/> (<see cref="RedisTracing"/>).
    /// </summary>
    public Task<RedisReply<T>> RunAsync<T>(string operation, int keys, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken) =>
        RunAsync(operation, keys, command, Timeout, cancellationToken);

    /// <summary>
    /// <see cref="RunAsync{T}(string, int, Func{IDatabase, Task{T}}, CancellationToken)"/> for callers that must not
    /// skip Redis (access fails closed; a budget skipped at start-up lets a fleet of fresh workers burst past the
    /// account's limit together): the first commands of the process wait for a whole first connection attempt
    /// (<see cref="RedisOptions.ConnectTimeout"/>) rather than only <see cref="Timeout"/>.
    /// </summary>
    public Task<RedisReply<T>> RunOnceConnectedAsync<T>(string operation, int keys, Func<IDatabase, Task<T>> command, CancellationToken cancellationToken) =>
        RunAsync(operation, keys, command, _firstConnectionWait, cancellationToken);

    private async Task<RedisReply<T>> RunAsync<T>(
        string operation, int keys, Func<IDatabase, Task<T>> command, TimeSpan connectWait, CancellationToken cancellationToken)
    {
        if (await GetDatabaseAsync(connectWait, cancellationToken).ConfigureAwait(false) is not { } db)
        {
            return RedisReply<T>.Failed(null);
        }
        using var activity = RedisTracing.Start(operation, keys);
        try
        {
            var reply = await command(db).WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            ReportSuccess();
            return new RedisReply<T>(true, reply, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity.RecordFailure(ex);
            ReportFailure(ex);
            return RedisReply<T>.Failed(ex);
        }
    }

    /// <summary>
    /// The database when Redis is connected; null while unreachable, meaning "carry on without it". While
    /// the first connection is still being made, waits for it at most <paramref name="connectWait"/>, so the first
    /// requests after start-up use Redis when it is there without ever stalling when it is not.
    /// </summary>
    private async ValueTask<IDatabase?> GetDatabaseAsync(TimeSpan connectWait, CancellationToken cancellationToken)
    {
        var connecting = _connecting.Value;
        if (!connecting.IsCompleted)
        {
            await Task.WhenAny(connecting, Task.Delay(connectWait, cancellationToken)).ConfigureAwait(false);
        }
        return Connected?.GetDatabase();
    }

    /// <summary>Whether Redis is connected and the last command did not fail.</summary>
    public bool IsHealthy => Connected is not null && Volatile.Read(ref _failing) == 0;

    private IConnectionMultiplexer? Connected =>
        _connecting.IsValueCreated && _connecting.Value.IsCompletedSuccessfully && _connecting.Value.Result.IsConnected ? _connecting.Value.Result : null;

    private void ReportSuccess()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            LogCommandsRecovered(_logger);
        }
    }

    private void ReportFailure(Exception exception)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            LogCommandFailed(_logger, exception);
        }
    }

    [LoggerMessage(EventId = 6001, EventName = "RedisConnectionFailed", Level = LogLevel.Warning,
        Message = "Redis connection to {EndPoint} failed ({FailureType}); translating without the shared cache until it returns")]
    private static partial void LogConnectionFailed(ILogger logger, System.Net.EndPoint? endPoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 6002, EventName = "RedisConnectionRestored", Level = LogLevel.Information,
        Message = "Redis connection to {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, System.Net.EndPoint? endPoint);

    [LoggerMessage(EventId = 6003, EventName = "RedisCommandFailed", Level = LogLevel.Warning,
        Message = "A Redis command failed; treating the cache as empty until commands succeed again")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6004, EventName = "RedisCommandsRecovered", Level = LogLevel.Information,
        Message = "Redis commands succeed again")]
    private static partial void LogCommandsRecovered(ILogger logger);
}

/// <summary>The outcome of one Redis command: its reply, or the failure (null when Redis was unreachable).</summary>
internal readonly record struct RedisReply<T>(bool Succeeded, T? Value, Exception? Failure)
{
    public static RedisReply<T> Failed(Exception? failure) => new(false, default, failure);
}
