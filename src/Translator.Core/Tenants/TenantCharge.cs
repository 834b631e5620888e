using Translator.Core.Telemetry;

namespace Translator.Core.Tenants;

/// <summary>
/// One request's provider characters on a tenant's account. Every target language reports what it may send the
/// provider once its cache lookup is done (<see cref="ReserveAsync"/>); when the last one has, the sum is reserved
/// against the quota in one atomic step, so a request that would pass the quota is refused before any of its
/// languages calls the provider, and concurrent requests on any replica can never together pass it. What was
/// reserved and not sent is given back once, when the request ends (<see cref="SettleAsync"/>), whether it
/// succeeded or not.
/// </summary>
internal sealed class TenantCharge
{
    private readonly Tenant _tenant;
    private readonly ITenantMeter _meter;
    private readonly TranslatorMetrics _metrics;
    private readonly string _month;
    private readonly TaskCompletionSource _reservation = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _languagesToReport;
    private long _requested;
    private long _spent;
    private long _cached;

    private TenantCharge(Tenant tenant, ITenantMeter meter, TranslatorMetrics metrics, TimeProvider time, int languages)
    {
        _tenant = tenant;
        _meter = meter;
        _metrics = metrics;
        _month = UsageMonth.Of(time.GetUtcNow());
        _languagesToReport = languages;
    }

    /// <returns>Null when the call is nobody's (no tenants, the admin key, background work): nothing is counted.</returns>
    public static TenantCharge? For(Tenant? tenant, ITenantMeter meter, TranslatorMetrics metrics, TimeProvider time, int languages) =>
        tenant is null ? null : new TenantCharge(tenant, meter, metrics, time, languages);

    public string TenantId => _tenant.Id;

    /// <summary>The tenant's own segment-cache namespace, or null when it shares the cache.</summary>
    public string? CacheNamespace => _tenant.ShareCache ? null : _tenant.Id;

    /// <summary>Called once by each target language before it calls the provider; returns when the whole request's characters are reserved.</summary>
    /// <exception cref="TenantQuotaExceededException">The request would pass the tenant's quota; nothing was reserved.</exception>
    public async Task ReserveAsync(long characters, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _requested, characters);
        if (Interlocked.Decrement(ref _languagesToReport) == 0)
        {
            try
            {
                var total = Interlocked.Read(ref _requested);
                if (total > 0 && !await _meter.TryReserveAsync(_tenant.Id, _month, total, _tenant.MonthlyCharacterQuota, cancellationToken).ConfigureAwait(false))
                {
                    throw new TenantQuotaExceededException(_tenant.Id, _tenant.MonthlyCharacterQuota, total);
                }
                _reservation.TrySetResult();
            }
            catch (Exception ex)
            {
                _reservation.TrySetException(ex);
            }
        }
        await _reservation.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What one language sent the provider and what it served without it; called once per language as it ends.</summary>
    public void Record(long spent, long cached)
    {
        Interlocked.Add(ref _spent, spent);
        Interlocked.Add(ref _cached, cached);
    }

    /// <summary>Gives back what was reserved and not sent, and counts the free characters; once, after every language has ended.</summary>
    public async Task SettleAsync()
    {
        var spent = Interlocked.Read(ref _spent);
        var cached = Interlocked.Read(ref _cached);
        // The account must come out right even when the caller has gone: no cancellation here.
        if (_reservation.Task.IsCompletedSuccessfully && Interlocked.Read(ref _requested) - spent is var unspent and > 0)
        {
            await _meter.ReleaseAsync(_tenant.Id, _month, unspent, CancellationToken.None).ConfigureAwait(false);
        }
        if (cached > 0)
        {
            await _meter.AddCachedAsync(_tenant.Id, _month, cached, CancellationToken.None).ConfigureAwait(false);
        }
        _metrics.TenantCharged(_tenant.Id, spent, cached);
    }
}
