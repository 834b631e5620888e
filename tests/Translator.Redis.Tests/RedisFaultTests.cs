using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Translator.Core.Articles;
using Translator.Core.Caching;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Redis.Tests;

/// <summary>Redis crashing, restarting or absent: translation never fails, and caching comes back by itself.</summary>
public sealed class RedisFaultTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync(_ct);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private static TranslationJob Job(string text) => new(new SourceArticle("a1", null, [text]), "en", ["ko", "ja"]);

    private static Task ConnectionLost(IConnectionMultiplexer multiplexer)
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        multiplexer.ConnectionFailed += (_, _) => lost.TrySetResult();
        return lost.Task;
    }

    /// <summary>Completes when the connection that carries commands (not pub/sub) is back.</summary>
    private static Task ConnectionRestored(IConnectionMultiplexer multiplexer)
    {
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                restored.TrySetResult();
            }
        };
        return restored.Task;
    }

    [Fact]
    public async Task TranslateAllAsync_RedisKilledMidRunThenRestarted_EveryRequestSucceedsAndCachingResumes()
    {
        var gate = new BatchGate();
        var provider = new CountingProvider { BeforeBatch = gate.Hold(only: 0) };
        await using var host = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, provider);
        var multiplexer = await host.Multiplexer;
        var lost = ConnectionLost(multiplexer);

        // A request is at the provider when Redis dies; it must still complete (its writes are dropped).
        var inFlight = host.Pipeline.TranslateAllAsync(Job("In flight when Redis died."), _ct);
        await gate.Entered.WaitAsync(_ct);
        await _redis.KillAsync();
        gate.Release();
        Assert.Equal("ko:In flight when Redis died.", (await inFlight)[0].Paragraphs[0].Text);

        await lost.WaitAsync(_ct);
        Assert.Equal(HealthStatus.Degraded, await host.HealthAsync());
        var whileDown = await host.Pipeline.TranslateAllAsync(Job("Translated while Redis is down."), _ct);
        Assert.Equal("ja:Translated while Redis is down.", whileDown[1].Paragraphs[0].Text);

        var restored = ConnectionRestored(multiplexer);
        await _redis.StartAsync(_ct);
        await restored.WaitAsync(_ct);

        await host.Pipeline.TranslateAllAsync(Job("Translated after Redis returned."), _ct);
        Assert.Equal(HealthStatus.Healthy, await host.HealthAsync());
        var key = SegmentCacheKey.Create(provider, "en", "ko", Formality.Default, "-", "Translated after Redis returned.");
        Assert.True(await multiplexer.GetDatabase().KeyExistsAsync(key));

        // And another replica (fresh process, empty in-process tier) is served from Redis.
        var other = new CountingProvider();
        await using var replica = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, other);
        var served = await replica.Pipeline.TranslateAllAsync(Job("Translated after Redis returned."), _ct);
        Assert.Empty(other.Batches);
        Assert.Equal(1, served[0].Stats.CacheHits);
    }

    [Fact]
    public async Task TranslateAllAsync_RedisDownAtStartUp_TranslatesAndStartsCachingWhenItArrives()
    {
        await _redis.StopAsync(_ct);
        var provider = new CountingProvider();
        await using var host = new RedisPipelineHost(_redis.ConnectionString, provider,
            new Dictionary<string, string?> { ["Redis:LocalCacheEntries"] = "0" });

        var articles = await host.Pipeline.TranslateAllAsync(Job("Nobody is listening."), _ct);
        Assert.Equal("ko:Nobody is listening.", articles[0].Paragraphs[0].Text);
        var multiplexer = await host.Multiplexer;
        Assert.False(multiplexer.IsConnected);
        Assert.Equal(HealthStatus.Degraded, await host.HealthAsync());

        var connected = ConnectionRestored(multiplexer);
        await _redis.StartAsync(_ct);
        await connected.WaitAsync(_ct);
        await host.Pipeline.TranslateAllAsync(Job("Somebody is listening."), _ct);
        var again = await host.Pipeline.TranslateAllAsync(Job("Somebody is listening."), _ct);

        Assert.Equal(1, again[0].Stats.CacheHits);
        Assert.Equal(HealthStatus.Healthy, await host.HealthAsync());
    }

    [Fact]
    public async Task TranslateAllAsync_RedisHangs_TranslatesWithoutItAndReportsDegraded()
    {
        var job = Job("Cached before Redis hung.");
        await using (var warm = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider()))
        {
            await warm.Pipeline.TranslateAllAsync(job, _ct);
        }
        var provider = new CountingProvider();
        await using var host = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, provider,
            new Dictionary<string, string?> { ["Redis:OperationTimeout"] = "00:00:00.200" });
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{_redis.ConnectionString},allowAdmin=true");

        // Redis stops answering (connections stay open) for far longer than the operation timeout.
        await admin.GetServers().Single().ExecuteAsync("CLIENT", "PAUSE", "60000", "ALL");
        var articles = await host.Pipeline.TranslateAllAsync(job, _ct);

        // Had the service waited for Redis, the article would have come from the cache.
        Assert.Equal(0, articles[0].Stats.CacheHits);
        Assert.Equal(2, provider.Batches.Count);
        Assert.Equal(HealthStatus.Degraded, await host.HealthAsync());
        // A paused server would hold up the clients' goodbye (QUIT) until their timeouts.
        await _redis.KillAsync();
    }

    [Fact]
    public async Task Outage_ManyRequestsWhileDown_LogsOutageAndRecoveryOnceEach()
    {
        await using var host = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider());
        var multiplexer = await host.Multiplexer;
        var lost = ConnectionLost(multiplexer);

        await _redis.KillAsync();
        await lost.WaitAsync(_ct);
        for (var i = 0; i < 5; i++)
        {
            await host.Pipeline.TranslateAllAsync(Job($"Request {i} while Redis is down."), _ct);
        }
        var restored = ConnectionRestored(multiplexer);
        await _redis.StartAsync(_ct);
        await restored.WaitAsync(_ct);
        await host.Pipeline.TranslateAllAsync(Job("Request after Redis returned."), _ct);

        Assert.Equal(1, host.Logs.Count("RedisConnectionFailed"));
        Assert.Equal(1, host.Logs.Count("RedisConnectionRestored"));
        Assert.Equal(host.Logs.Count("RedisCommandFailed"), host.Logs.Count("RedisCommandsRecovered"));
        Assert.InRange(host.Logs.Count("RedisCommandFailed"), 0, 1);
    }

    [Fact]
    public async Task GetManyAsync_OneRoundTripPerArticlePerLanguagePlusOneForCorrections()
    {
        await using var host = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider(),
            new Dictionary<string, string?> { ["Redis:LocalCacheEntries"] = "0" });
        var job = new TranslationJob(new SourceArticle("a1", "Title.", ["One. Two. Three.", "Four. Five."]), "en", ["ko", "ru", "ja"]);
        await host.Pipeline.TranslateAllAsync(job, _ct);
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{_redis.ConnectionString},allowAdmin=true");
        var server = admin.GetServers().Single();
        var before = await CommandCallsAsync(server);

        await host.Pipeline.TranslateAllAsync(job, _ct);

        var after = await CommandCallsAsync(server);
        // Per language one MGET for the cache; one for the editors' corrections of all three languages.
        Assert.Equal(3 + 1, after.GetValueOrDefault("mget") - before.GetValueOrDefault("mget"));
        Assert.Equal(0, after.GetValueOrDefault("get") - before.GetValueOrDefault("get"));
    }

    private static async Task<Dictionary<string, long>> CommandCallsAsync(IServer server)
    {
        var stats = await server.InfoAsync("commandstats");
        return stats.SelectMany(g => g).ToDictionary(
            kv => kv.Key.Replace("cmdstat_", "", StringComparison.Ordinal),
            kv => long.Parse(kv.Value.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
