using System.ComponentModel.DataAnnotations;

namespace Translator.Server.Hosting.Shutdown;

/// <summary>
/// The <c>Shutdown</c> configuration section: how a replica leaves rotation on SIGTERM without failing calls.
/// Kubernetes' <c>terminationGracePeriodSeconds</c> must exceed <see cref="DrainDelay"/> + <see cref="Timeout"/>.
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// How long the server keeps accepting calls while its health reports NOT_SERVING, so readiness probes and
    /// endpoint updates take it out of every load balancer before it stops listening.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long calls already in flight get to finish once the server stops accepting new ones.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
