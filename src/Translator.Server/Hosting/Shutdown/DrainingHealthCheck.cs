using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Translator.Server.Hosting.Shutdown;

/// <summary>Unhealthy (gRPC NOT_SERVING) while the replica drains, so readiness takes it out of rotation.</summary>
internal sealed class DrainingHealthCheck(ShutdownDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy("Shutting down; finishing the calls in flight.")
            : HealthCheckResult.Healthy());
}
