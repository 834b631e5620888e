namespace Translator.Core.Tenants;

/// <summary>Usage and request rates of one process; replicas that must agree use a shared meter.</summary>
internal sealed class InMemoryTenantMeter(TimeProvider time) : ITenantMeter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Tenant, string Month), Counts> _usage = [];
    private readonly Dictionary<string, (long Minute, int Calls)> _minutes = new(StringComparer.Ordinal);

    public Task<bool> TryReserveAsync(string tenantId, string month, long characters, long quota, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var counts = CountsOf(tenantId, month);
            if (quota > 0 && counts.Billed + characters > quota)
            {
                return Task.FromResult(false);
            }
            counts.Billed += characters;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string tenantId, string month, long characters, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CountsOf(tenantId, month).Billed -= characters;
        }
        return Task.CompletedTask;
    }

    public Task AddCachedAsync(string tenantId, string month, long characters, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            CountsOf(tenantId, month).Cached += characters;
        }
        return Task.CompletedTask;
    }

    public Task<TimeSpan?> TryAcceptRequestAsync(string tenantId, string month, int requestsPerMinute, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var minute = now / 60_000;
        lock (_gate)
        {
            var calls = _minutes.TryGetValue(tenantId, out var window) && window.Minute == minute ? window.Calls : 0;
            if (requestsPerMinute > 0 && calls >= requestsPerMinute)
            {
                return Task.FromResult<TimeSpan?>(TimeSpan.FromMilliseconds((minute + 1) * 60_000 - now));
            }
            _minutes[tenantId] = (minute, calls + 1);
            CountsOf(tenantId, month).Requests++;
            return Task.FromResult<TimeSpan?>(null);
        }
    }

    public Task<TenantUsage> GetUsageAsync(string tenantId, string month, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var counts = _usage.GetValueOrDefault((tenantId, month));
            return Task.FromResult(new TenantUsage(tenantId, month, counts?.Billed ?? 0, counts?.Cached ?? 0, counts?.Requests ?? 0));
        }
    }

    private Counts CountsOf(string tenantId, string month)
    {
        if (!_usage.TryGetValue((tenantId, month), out var counts))
        {
            counts = new Counts();
            _usage[(tenantId, month)] = counts;
        }
        return counts;
    }

    private sealed class Counts
    {
        public long Billed;
        public long Cached;
        public long Requests;
    }
}
