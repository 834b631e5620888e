using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Translator.Core.Providers;

namespace Translator.Redis.Tests;

public sealed class RedisProviderBudgetTests(RedisFixture redis) : IClassFixture<RedisFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => redis.Inspect.KeyDeleteAsync([RedisProviderBudget.BucketKey, RedisProviderBudget.PauseKey]);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A process's budget (server replica or worker) on the fixture's Redis.</summary>
    private RedisProviderBudget Budget(double charactersPerSecond, double requestsPerSecond = 0, bool background = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.Server.ConnectionString,
            ["ProviderBudget:CharactersPerSecond"] = charactersPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ProviderBudget:RequestsPerSecond"] = requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(TimeProvider.System);
        services.AddTranslatorRedis(configuration);
        services.PostConfigure<ProviderBudgetOptions>(o => o.Background = background);
        return (RedisProviderBudget)services.BuildServiceProvider().GetRequiredService<IProviderBudget>();
    }

    [Fact]
    public async Task TryTake_WithinBurst_IsGrantedAtOnce()
    {
        var budget = Budget(charactersPerSecond: 1000);

        Assert.Equal(TimeSpan.Zero, await budget.TryTakeAsync(1500, CancellationToken.None));
    }

    [Fact]
    public async Task TryTake_BeyondTheBurstAnotherProcessTook_WaitsForTheRefill()
    {
        var first = Budget(charactersPerSecond: 1000);
        var second = Budget(charactersPerSecond: 1000);
        // The whole bucket: two seconds of budget less the arrival slack.
        Assert.Equal(TimeSpan.Zero, await first.TryTakeAsync(1600, CancellationToken.None));

        var wait = await second.TryTakeAsync(1000, CancellationToken.None);

        // 1000 characters at 1000/s, less whatever refilled since the first take.
        Assert.InRange(wait.TotalMilliseconds, 500, 1000);
    }

    [Fact]
    public async Task TryTake_TheProvidersWholeBurstAtOnce_WaitsForTheSlack()
    {
        var budget = Budget(charactersPerSecond: 1000);
        Assert.Equal(TimeSpan.Zero, await budget.TryTakeAsync(1600, CancellationToken.None));

        // The provider itself would take 400 more at once; the bucket keeps them for arrivals bunched by jitter.
        Assert.True(await budget.TryTakeAsync(400, CancellationToken.None) > TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task TryTake_RequestsPerSecondExhausted_Waits()
    {
        var budget = Budget(charactersPerSecond: 0, requestsPerSecond: 2);
        // 2/s with a burst of 2 s less the slack: 3.2 requests.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TimeSpan.Zero, await budget.TryTakeAsync(10, CancellationToken.None));
        }

        Assert.True(await budget.TryTakeAsync(10, CancellationToken.None) > TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task TryTake_BucketDownToTheInteractiveReserve_WaitsForBackgroundButNotInteractive()
    {
        var backfill = Budget(charactersPerSecond: 1000, background: true);
        var server = Budget(charactersPerSecond: 1000);
        // Capacity 1600 (two seconds less the arrival slack), reserve 25% = 400: background may take 1200.
        Assert.Equal(TimeSpan.Zero, await backfill.TryTakeAsync(1100, CancellationToken.None));

        var backgroundWait = await backfill.TryTakeAsync(300, CancellationToken.None);
        var interactiveWait = await server.TryTakeAsync(300, CancellationToken.None);

        Assert.True(backgroundWait > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, interactiveWait);
    }

    [Fact]
    public async Task Throttled_InOneProcess_PausesEveryProcess()
    {
        var throttled = Budget(charactersPerSecond: 1000);
        var other = Budget(charactersPerSecond: 1000);

        await throttled.ThrottledAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(await other.TryTakeAsync(1, CancellationToken.None) > TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void MaxRequestCharacters_CharacterBudget_IsTheBurstLessSlackAndReserve()
    {
        Assert.Equal(1200, Budget(charactersPerSecond: 1000).MaxRequestCharacters);
        Assert.Null(Budget(charactersPerSecond: 0, requestsPerSecond: 5).MaxRequestCharacters);
    }

    [Fact]
    public async Task TryTake_Unlimited_NeverWaits()
    {
        var budget = Budget(charactersPerSecond: 0);

        Assert.Equal(TimeSpan.Zero, await budget.TryTakeAsync(1_000_000, CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await budget.TryTakeAsync(1_000_000, CancellationToken.None));
    }
}
