using Microsoft.Extensions.Time.Testing;
using Translator.Core.Tenants;

namespace Translator.Core.Tests.Tenants;

public sealed class InMemoryTenantMeterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 10, 0, 30, TimeSpan.Zero));

    [Fact]
    public async Task TryReserve_ConcurrentRequestsPastTheQuota_NeverBillMoreThanIt()
    {
        var meter = new InMemoryTenantMeter(_time);

        var granted = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => meter.TryReserveAsync("acme", "2026-12", 10, 200, CancellationToken.None))));

        Assert.Equal(20, granted.Count(g => g));
        Assert.Equal(200, (await meter.GetUsageAsync("acme", "2026-12", CancellationToken.None)).BilledCharacters);
    }

    [Fact]
    public async Task TryReserve_OtherTenantAtItsQuota_IsUnaffected()
    {
        var meter = new InMemoryTenantMeter(_time);
        await meter.TryReserveAsync("full", "2026-12", 100, 100, CancellationToken.None);

        Assert.False(await meter.TryReserveAsync("full", "2026-12", 1, 100, CancellationToken.None));
        Assert.True(await meter.TryReserveAsync("other", "2026-12", 100, 100, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcceptRequest_PastTheMinutesLimit_RefusesUntilTheNextMinute()
    {
        var meter = new InMemoryTenantMeter(_time);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await meter.TryAcceptRequestAsync("acme", "2026-12", 3, CancellationToken.None));
        }

        var refused = await meter.TryAcceptRequestAsync("acme", "2026-12", 3, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));
        var nextMinute = await meter.TryAcceptRequestAsync("acme", "2026-12", 3, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(30), refused);
        Assert.Null(nextMinute);
        Assert.Equal(4, (await meter.GetUsageAsync("acme", "2026-12", CancellationToken.None)).Requests);
    }
}
