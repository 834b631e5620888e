using System.ComponentModel.DataAnnotations;

namespace Translator.Server.Hosting.Connections;

/// <summary>
/// The <c>ConnectionRecycling</c> configuration section, after gRPC's MaxConnectionAge/MaxConnectionAgeGrace:
/// Kestrel has no such limit, and without one a client's long-lived HTTP/2 connection never moves to a new replica.
/// </summary>
public sealed class ConnectionRecyclingOptions
{
    public const string SectionName = "ConnectionRecycling";

    /// <summary>
    /// After this long (±10 % so a fleet's connections do not all turn over at once) the server sends GOAWAY:
    /// the client opens a new connection, which its resolver or the proxy may place on another replica.
    /// Unset: connections are never recycled.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan? MaxAge { get; set; }

    /// <summary>How long calls begun before the GOAWAY may run on after it before the connection is closed under them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(10);
}
