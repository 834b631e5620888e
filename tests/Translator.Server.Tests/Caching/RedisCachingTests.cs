using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Translator.Protos.V1;
using Translator.Server.Tests.Grpc;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Caching;

/// <summary>The server with <c>ConnectionStrings:Redis</c> set, against a real redis-server.</summary>
public sealed class RedisCachingTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync(_ct);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private TranslatorServerFactory Server(CountingProvider provider)
    {
        return new TranslatorServerFactory().WithProvider(provider).WithRedis(_redis);
    }

    [Fact]
    public async Task TranslateArticle_AfterServerRestart_IsServedFromRedisWithoutProviderCharacters()
    {
        var first = new CountingProvider();
        using (var server = Server(first))
        {
            await new TranslationService.TranslationServiceClient(server.CreateChannel())
                .TranslateArticleAsync(TranslationServiceTests.Request("ko", "ja"), cancellationToken: _ct);
        }
        Assert.NotEmpty(first.Batches);

        var second = new CountingProvider();
        using var restarted = Server(second);
        var response = await new TranslationService.TranslationServiceClient(restarted.CreateChannel())
            .TranslateArticleAsync(TranslationServiceTests.Request("ko", "ja"), cancellationToken: _ct);

        Assert.Empty(second.Batches);
        Assert.All(response.Translations, t =>
        {
            Assert.Equal(0, t.Stats.ProviderCharacters);
            Assert.Equal(t.Stats.Segments, t.Stats.CacheHits);
        });
    }

    [Theory]
    [InlineData("Redis:OperationTimeout", "00:00:00", "OperationTimeout")]
    [InlineData("Redis:LocalCacheEntries", "-1", "LocalCacheEntries")]
    [InlineData("ConnectionStrings:Redis", "127.0.0.1:1,notAnOption=1", "ConnectionStrings:Redis")]
    public void Start_BadRedisSetting_FailsNamingIt(string key, string value, string named)
    {
        using var factory = new TranslatorServerFactory().With("ConnectionStrings:Redis", _redis.ConnectionString).With(key, value);

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        // The whole chain, however the host wraps the failure: the key is named, the value never echoed.
        // On failure the message is the whole start-up failure: this test has failed once under load with another error.
        Assert.True(error.ToString().Contains(named, StringComparison.Ordinal), error.ToString());
        Assert.DoesNotContain("notAnOption", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_RedisKilled_ReportsDegradedButKeepsServingTranslations()
    {
        using var server = Server(new CountingProvider());
        var multiplexer = server.Services.GetRequiredService<IConnectionMultiplexer>();
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        multiplexer.ConnectionFailed += (_, _) => lost.TrySetResult();
        var client = new TranslationService.TranslationServiceClient(server.CreateChannel());
        await client.TranslateArticleAsync(TranslationServiceTests.Request("ko"), cancellationToken: _ct);

        await _redis.KillAsync();
        await lost.Task.WaitAsync(_ct);

        var report = await server.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(_ct);
        Assert.Equal(HealthStatus.Degraded, report.Entries["redis"].Status);
        var health = await new Health.HealthClient(server.CreateChannel()).CheckAsync(new HealthCheckRequest(), cancellationToken: _ct);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var response = await client.TranslateArticleAsync(TranslationServiceTests.Request("ru"), cancellationToken: _ct);
        Assert.Equal(5, response.Translations[0].Stats.Segments);
    }
}
