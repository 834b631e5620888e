using Translator.Core.Glossary;
using Translator.Testing;

namespace Translator.Redis.Tests;

public sealed class RedisGlossaryStoreTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync(_ct);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private static Glossary Desk(long version, string rendering) =>
        new("desk", "Desk", "en", version, [new GlossaryEntry("Khasan", [], new Dictionary<string, string> { ["ko"] = rendering })]);

    [Fact]
    public async Task TrySaveAsync_CompareAndSwapAcrossReplicas_OnlyTheExpectedVersionWins()
    {
        await using var a = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider());
        await using var b = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider());

        Assert.True(await a.Glossaries.TrySaveAsync(Desk(1, "하산"), 0, _ct));
        Assert.False(await b.Glossaries.TrySaveAsync(Desk(1, "하산역"), 0, _ct)); // exists already
        Assert.True(await b.Glossaries.TrySaveAsync(Desk(2, "하산역"), 1, _ct));
        Assert.False(await a.Glossaries.TrySaveAsync(Desk(2, "하산읍"), 1, _ct)); // stale: b moved it on

        var seenByA = await a.Glossaries.GetAsync("desk", _ct);
        Assert.Equal(2, seenByA!.Version);
        Assert.Equal("하산역", seenByA.Entries[0].Renderings["ko"]);
    }

    [Fact]
    public async Task DeleteAsync_Stored_IsGoneForEveryReplicaAndFromTheList()
    {
        await using var a = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider());
        await using var b = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider());
        await a.Glossaries.TrySaveAsync(Desk(1, "하산"), 0, _ct);
        Assert.Contains(await b.Glossaries.ListAsync(_ct), g => g.Id == "desk");

        Assert.True(await b.Glossaries.DeleteAsync("desk", _ct));

        Assert.Null(await a.Glossaries.GetAsync("desk", _ct));
        Assert.DoesNotContain(await a.Glossaries.ListAsync(_ct), g => g.Id == "desk");
        Assert.False(await a.Glossaries.DeleteAsync("desk", _ct));
    }

    [Fact]
    public async Task GetAsync_RedisDown_ServesLastSeenCopyAndRefusesWrites()
    {
        await using var host = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider());
        await host.Glossaries.TrySaveAsync(Desk(1, "하산"), 0, _ct);
        await host.Glossaries.GetAsync("desk", _ct);

        await _redis.KillAsync();

        Assert.Equal("하산", (await host.Glossaries.GetAsync("desk", _ct))!.Entries[0].Renderings["ko"]);
        await Assert.ThrowsAsync<GlossaryStoreUnavailableException>(() => host.Glossaries.GetAsync("never-seen", _ct));
        await Assert.ThrowsAsync<GlossaryStoreUnavailableException>(() => host.Glossaries.TrySaveAsync(Desk(2, "하산역"), 1, _ct));
    }
}
