using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;

namespace Translator.Server.Hosting.Connections;

/// <summary>
/// Kestrel connection middleware that asks each connection to close gracefully once it reaches its age: the same
/// request Kestrel makes of every connection at shutdown (<see cref="IConnectionLifetimeNotificationFeature.RequestClose"/>),
/// which over HTTP/2 is a GOAWAY that lets the streams in flight finish. Past the grace the connection is aborted.
/// </summary>
internal sealed partial class ConnectionRecycling(IOptions<ConnectionRecyclingOptions> options, TimeProvider time, ILogger<ConnectionRecycling> logger)
{
    private const double Jitter = 0.1;

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (options.Value.MaxAge is not { } maxAge || connection.Features.Get<IConnectionLifetimeNotificationFeature>() is not { } lifetime)
        {
            await next(connection);
            return;
        }
        var age = maxAge * (1 + Jitter * (2 * Random.Shared.NextDouble() - 1));
        using var goAway = time.CreateTimer(_ =>
        {
            LogRecycling(logger, connection.ConnectionId);
            lifetime.RequestClose();
        }, null, age, Timeout.InfiniteTimeSpan);
        using var abort = time.CreateTimer(_ =>
        {
            LogGraceElapsed(logger, connection.ConnectionId);
            connection.Abort(new ConnectionAbortedException("The connection outlived its maximum age and grace."));
        }, null, age + options.Value.Grace, Timeout.InfiniteTimeSpan);
        await next(connection);
    };

    [LoggerMessage(EventId = 2301, EventName = "ConnectionRecycling", Level = LogLevel.Debug,
        Message = "Connection {ConnectionId} reached its maximum age; asking the client to reconnect")]
    private static partial void LogRecycling(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 2302, EventName = "ConnectionAgeGraceElapsed", Level = LogLevel.Warning,
        Message = "Connection {ConnectionId} still had calls in flight after its maximum age and grace; closing it")]
    private static partial void LogGraceElapsed(ILogger logger, string connectionId);
}
