using Grpc.Core;
using StackExchange.Redis;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Caching;

/// <summary>Two replicas sharing one Redis: a glossary edit on one applies on the other's next request.</summary>
public sealed class RedisGlossaryReplicaTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync(_ct);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private TranslatorServerFactory Replica()
    {
        return new TranslatorServerFactory().WithRedis(_redis);
    }

    private static TranslateArticleRequest Request() => new()
    {
        Article = new Article { Text = "Jo Chun Ryong spoke in Pyongyang." },
        SourceLanguage = "en",
        TargetLanguages = { "ko" },
    };

    [Fact]
    public async Task TranslateArticle_RedisFlushedUnderTheServer_StillAppliesTheDefaultGlossary()
    {
        using var server = Replica();
        var translate = new TranslationService.TranslationServiceClient(server.CreateChannel());
        await translate.TranslateArticleAsync(Request(), cancellationToken: _ct);
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{_redis.ConnectionString},allowAdmin=true"))
        {
            // What a new Redis, a failover to an empty replica or an operator's flush looks like to the service.
            await admin.GetServer(admin.GetEndPoints()[0]).FlushAllDatabasesAsync();
        }

        // Another spelling, so the segment is not a hit of the in-process tier and the glossary must match afresh.
        var response = await translate.TranslateArticleAsync(new TranslateArticleRequest(Request()) { Article = new Article { Text = "JO CHUN-RYONG spoke again." } },
            cancellationToken: _ct);

        var report = response.Translations[0].Glossary;
        Assert.Equal("default", report.GlossaryId);
        Assert.Equal("Jo Chun Ryong", Assert.Single(report.Applied).Term);
        Assert.Contains("조춘룡", response.Translations[0].Paragraphs[0].Text, StringComparison.Ordinal);
        var stored = await new GlossaryService.GlossaryServiceClient(server.CreateChannel())
            .GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "default" }, cancellationToken: _ct);
        Assert.Contains(stored.Glossary.Entries, e => e.Term == "Jo Chun Ryong");
    }

    [Fact]
    public async Task PutGlossaryEntry_OnOneReplica_AppliesOnTheOtherReplicasNextRequest()
    {
        using var a = Replica();
        using var b = Replica();
        var translateOnB = new TranslationService.TranslationServiceClient(b.CreateChannel());
        var before = (await translateOnB.TranslateArticleAsync(Request(), cancellationToken: _ct)).Translations[0].Paragraphs[0].Text;
        Assert.Contains("조춘룡", before, StringComparison.Ordinal);

        var glossaryOnA = new GlossaryService.GlossaryServiceClient(a.CreateChannel());
        var entry = (await glossaryOnA.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "default" }, cancellationToken: _ct))
            .Glossary.Entries.Single(e => e.Term == "Jo Chun Ryong");
        entry.Renderings["ko"] = "조춘룡 비서";
        await glossaryOnA.PutGlossaryEntryAsync(new PutGlossaryEntryRequest { GlossaryId = "default", Entry = entry }, cancellationToken: _ct);

        var after = (await translateOnB.TranslateArticleAsync(Request(), cancellationToken: _ct)).Translations[0].Paragraphs[0].Text;
        Assert.Contains("조춘룡 비서", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGlossary_OnOneReplica_IsListedAndUsableOnTheOther()
    {
        using var a = Replica();
        using var b = Replica();
        await new GlossaryService.GlossaryServiceClient(a.CreateChannel()).CreateGlossaryAsync(new CreateGlossaryRequest
        {
            Glossary = new Protos.V1.Glossary
            {
                Id = "desk",
                Name = "Desk",
                SourceLanguage = "en",
                Entries = { new GlossaryEntry { Term = "Khasan", Renderings = { ["ko"] = "하산역" } } },
            },
        }, cancellationToken: _ct);

        var listed = await new GlossaryService.GlossaryServiceClient(b.CreateChannel()).ListGlossariesAsync(new ListGlossariesRequest(), cancellationToken: _ct);
        var request = Request();
        request.Article.Text = "The train reached Khasan.";
        request.GlossaryId = "desk";
        var translated = await new TranslationService.TranslationServiceClient(b.CreateChannel()).TranslateArticleAsync(request, cancellationToken: _ct);

        Assert.Contains(listed.Glossaries, g => g.Id == "desk");
        Assert.Contains("하산역", translated.Translations[0].Paragraphs[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateArticle_RedisDown_StillRendersNamesAndGlossaryEditsFailAsUnavailable()
    {
        using var replica = Replica();
        var channel = replica.CreateChannel();
        await new TranslationService.TranslationServiceClient(channel).TranslateArticleAsync(Request(), cancellationToken: _ct);
        await _redis.KillAsync();

        var whileDown = await new TranslationService.TranslationServiceClient(channel).TranslateArticleAsync(Request(), cancellationToken: _ct);
        var edit = await Assert.ThrowsAsync<RpcException>(() => new GlossaryService.GlossaryServiceClient(channel).PutGlossaryEntryAsync(
            new PutGlossaryEntryRequest { GlossaryId = "default", Entry = new GlossaryEntry { Term = "Khasan", Renderings = { ["ko"] = "하산" } } },
            cancellationToken: _ct).ResponseAsync);

        Assert.Contains("조춘룡", whileDown.Translations[0].Paragraphs[0].Text, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unavailable, edit.StatusCode);
    }
}
