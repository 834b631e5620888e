using Translator.Core.Glossary;
using Translator.Testing;

namespace Translator.Redis.Tests;

public sealed class RedisShortFormTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync(_ct);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task GetAsync_EntryWithShortForms_AnotherReplicaReadsTheShortFormsAndTheirRenderings()
    {
        await using var a = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider());
        await using var b = await RedisPipelineHost.ConnectedAsync(_redis.ConnectionString, new CountingProvider());
        var putin = new GlossaryEntry("Vladimir Putin", [], new Dictionary<string, string> { ["ko"] = "블라디미르 푸틴" },
            ShortForms: ["Putin"], ShortRenderings: new Dictionary<string, string> { ["ko"] = "푸틴" });

        Assert.True(await a.Glossaries.TrySaveAsync(new Glossary("desk", "Desk", "en", 1, [putin]), 0, _ct));

        var read = (await b.Glossaries.GetAsync("desk", _ct))!.Entries.Single();
        Assert.Equal(["Putin"], read.ShortForms);
        Assert.Equal("푸틴", read.ShortRenderings["ko"]);
    }
}
