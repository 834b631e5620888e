using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Translator.Core;
using Translator.Core.Tenants;

namespace Translator.Redis.Tests;

/// <summary>Tenants, keys and usage in Redis as two replicas (two containers, two connections) see them.</summary>
public sealed class RedisTenantTests(RedisFixture redis) : IClassFixture<RedisFixture>, IDisposable
{
    private static int _tenants;
    private readonly List<ServiceProvider> _replicas = [];

    public void Dispose() => _replicas.ForEach(r => r.Dispose());

    /// <summary>A replica's services on the fixture's Redis.</summary>
    private ServiceProvider Replica()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.Server.ConnectionString,
            // These tests are about atomicity across replicas, not timeouts: a loaded machine must not turn a slow
            // connection or command into a failure.
            ["Redis:OperationTimeout"] = "00:00:10",
            ["Redis:ConnectTimeout"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddMetrics().AddSingleton<IConfiguration>(configuration);
        services.AddTranslatorRedis(configuration);
        services.AddTranslatorCore();
        var replica = services.BuildServiceProvider();
        _replicas.Add(replica);
        return replica;
    }

    private static string NewTenantId() => $"tenant-{Interlocked.Increment(ref _tenants)}";

    private static string Month => UsageMonth.Of(TimeProvider.System.GetUtcNow());

    [Fact]
    public async Task TryReserve_ConcurrentOnTwoReplicas_NeverBillsPastTheQuota()
    {
        var a = Replica().GetRequiredService<ITenantMeter>();
        var b = Replica().GetRequiredService<ITenantMeter>();
        var tenant = NewTenantId();

        var granted = await Task.WhenAll(Enumerable.Range(0, 60)
            .Select(i => (i % 2 == 0 ? a : b).TryReserveAsync(tenant, Month, 10, 250, CancellationToken.None)));

        Assert.Equal(25, granted.Count(g => g));
        Assert.Equal(250, (await b.GetUsageAsync(tenant, Month, CancellationToken.None)).BilledCharacters);
    }

    [Fact]
    public async Task Release_AfterReserve_GivesTheCharactersBack()
    {
        var meter = Replica().GetRequiredService<ITenantMeter>();
        var tenant = NewTenantId();
        await meter.TryReserveAsync(tenant, Month, 100, 100, CancellationToken.None);

        await meter.ReleaseAsync(tenant, Month, 40, CancellationToken.None);

        Assert.True(await meter.TryReserveAsync(tenant, Month, 40, 100, CancellationToken.None));
        Assert.False(await meter.TryReserveAsync(tenant, Month, 1, 100, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcceptRequest_AcrossTwoReplicas_RefusesPastTheSharedLimit()
    {
        var a = Replica().GetRequiredService<ITenantMeter>();
        var b = Replica().GetRequiredService<ITenantMeter>();
        var tenant = NewTenantId();
        const int limit = 4;

        // Calls alternate between the replicas until one is refused; a minute that turns meanwhile can at most
        // double what is accepted, never refuse early.
        var accepted = 0;
        TimeSpan? refused = null;
        for (var i = 0; i < 2 * limit + 1 && refused is null; i++)
        {
            refused = await (i % 2 == 0 ? a : b).TryAcceptRequestAsync(tenant, Month, limit, CancellationToken.None);
            accepted += refused is null ? 1 : 0;
        }

        Assert.NotNull(refused);
        Assert.InRange(refused.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        Assert.InRange(accepted, limit, 2 * limit);
        Assert.Equal(accepted, (await a.GetUsageAsync(tenant, Month, CancellationToken.None)).Requests);
    }

    [Fact]
    public async Task RevokeKey_OnOneReplica_IsRefusedByTheOthersNextAuthentication()
    {
        var a = Replica().GetRequiredService<TenantManager>();
        var b = Replica().GetRequiredService<TenantManager>();
        var tenant = NewTenantId();
        await a.CreateAsync(tenant, "Desk", 0, 0, shareCache: true, CancellationToken.None);
        var (record, key) = await a.CreateKeyAsync(tenant, CancellationToken.None);
        Assert.Equal(tenant, (await b.AuthenticateAsync(key, CancellationToken.None))?.Tenant.Id);

        await a.RevokeKeyAsync(record.KeyId, CancellationToken.None);

        Assert.Null(await b.AuthenticateAsync(key, CancellationToken.None));
        Assert.NotNull(Assert.Single(await b.ListKeysAsync(tenant, CancellationToken.None)).RevokedAt);
    }

    [Fact]
    public async Task CreateKey_StoresTheHashNeverTheKey()
    {
        var manager = Replica().GetRequiredService<TenantManager>();
        var tenant = NewTenantId();
        await manager.CreateAsync(tenant, "Desk", 0, 0, shareCache: true, CancellationToken.None);

        var (_, key) = await manager.CreateKeyAsync(tenant, CancellationToken.None);

        var server = redis.Inspect.Multiplexer.GetServer(redis.Inspect.Multiplexer.GetEndPoints()[0]);
        await foreach (var stored in server.KeysAsync(pattern: "tr:*"))
        {
            Assert.DoesNotContain(key, (string)stored!, StringComparison.Ordinal);
            if (await redis.Inspect.KeyTypeAsync(stored) == StackExchange.Redis.RedisType.String)
            {
                Assert.DoesNotContain(key, (string?)await redis.Inspect.StringGetAsync(stored) ?? "", StringComparison.Ordinal);
            }
        }
        Assert.True(await redis.Inspect.KeyExistsAsync("tr:apikey:v1:" + ApiKeys.Hash(key)));
    }

    [Fact]
    public async Task UpdateTenant_OnOneReplica_IsWhatTheOtherReadsNext()
    {
        var a = Replica().GetRequiredService<TenantManager>();
        var b = Replica().GetRequiredService<TenantManager>();
        var tenant = NewTenantId();
        await a.CreateAsync(tenant, "Desk", 1000, 0, shareCache: true, CancellationToken.None);

        await a.UpdateAsync(tenant, t => t with { MonthlyCharacterQuota = 5 }, CancellationToken.None);

        Assert.Equal(5, (await b.GetAsync(tenant, CancellationToken.None)).MonthlyCharacterQuota);
        Assert.Contains(await b.ListAsync(CancellationToken.None), t => t.Id == tenant);
    }
}
