using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Translator.Redis;

/// <summary>
/// The service's view of the shared <see cref="IConnectionMultiplexer"/>: connects in the background on
/// first use so a request never waits for a connection, says whether Redis can be used right now, and
/// logs each change between reachable and unreachable once rather than once per request.
/// </summary>
internal sealed partial class RedisConnection
{
    private readonly Task<IConnectionMultiplexer> _connecting;
    private readonly ILogger<RedisConnection> _logger;
    private int _failing;
    private int _disconnected;

    public RedisConnection(IServiceProvider services, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        _connecting = Task.Run(() =>
        {
            var multiplexer = services.GetRequiredService<IConnectionMultiplexer>();
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
        });
    }

    /// <summary>Completes when the multiplexer exists (connected or still trying); for callers that may wait.</summary>
    public Task<IConnectionMultiplexer> Multiplexer => _connecting;

    /// <summary>
    /// The database when Redis is connected; null while unreachable, meaning "carry on without it". While
    /// the first connection is still being made, waits for it at most <paramref name="wait"/>, so the first
    /// requests after start-up use Redis when it is there without ever stalling when it is not.
    /// </summary>
    public async ValueTask<IDatabase?> GetDatabaseAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (!_connecting.IsCompleted)
        {
            await Task.WhenAny(_connecting, Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
        }
        return Connected?.GetDatabase();
    }

    /// <summary>Whether Redis is connected and the last command did not fail.</summary>
    public bool IsHealthy => Connected is not null && Volatile.Read(ref _failing) == 0;

    private IConnectionMultiplexer? Connected =>
        _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected ? _connecting.Result : null;

    public void ReportSuccess()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            LogCommandsRecovered(_logger);
        }
    }

    public void ReportFailure(Exception exception)
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
