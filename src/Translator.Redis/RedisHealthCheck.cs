using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Translator.Redis;

/// <summary>
/// Degraded (never unhealthy) while Redis is unreachable: the service still translates, only without
/// the shared cache, so it must stay in rotation.
/// </summary>
public sealed class RedisHealthCheck : IHealthCheck
{
    private readonly RedisConnection _redis;

    internal RedisHealthCheck(RedisConnection redis) => _redis = redis;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_redis.IsHealthy
            ? HealthCheckResult.Healthy("Redis is reachable.")
            : HealthCheckResult.Degraded("Redis is unreachable; translating without the shared cache."));
}
