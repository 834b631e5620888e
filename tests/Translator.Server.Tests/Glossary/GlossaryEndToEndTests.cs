using Google.Rpc;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;
using Translator.Testing.StandIns;

namespace Translator.Server.Tests.Glossary;

/// <summary>Through the real server with no set-up: the starter glossary is in force from the first request.</summary>
public sealed class GlossaryEndToEndTests : IAsyncLifetime
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private DeepLStandIn _deepL = null!;

    public async Task InitializeAsync() => _deepL = await DeepLStandIn.StartAsync();

    public async Task DisposeAsync() => await _deepL.DisposeAsync();

    /// <summary>The server as shipped, translating with the given provider (DeepL: the stand-in over HTTP).</summary>
    private TranslatorServerFactory Server(string provider = "Pseudo") => provider == "DeepL"
        ? new TranslatorServerFactory().WithDeepL(_deepL)
        : new TranslatorServerFactory();

    /// <summary>The reference: spellings seen in copy and the ko/ru/ja rendering of each name.</summary>
    /// <summary>The reference names with the spellings copy uses: listed variants, possessives, capitals, hyphens for spaces.</summary>
    private static readonly (string[] Spellings, IReadOnlyDictionary<string, string> Renderings)[] Reference =
        ReferenceName.Load()
            .Select(n => (
                new[] { n.English, n.English + "'s", n.English + "’s", n.English.ToUpperInvariant(), n.English.Replace(' ', '-') }
                    .Concat(n.Variants).Distinct().ToArray(),
                n.Renderings))
            .ToArray();

    [Theory]
    [InlineData("Pseudo")]
    [InlineData("DeepL")]
    public async Task TranslateArticle_EveryStarterNameInEverySpelling_EveryOccurrenceHasTheReferenceRendering(string provider)
    {
        // One name per sentence, so each translated segment must hold exactly its name's rendering.
        var sentences = Reference.SelectMany((r, i) => r.Spellings.Select(s => (Entry: i, Text: $"Officials said {s} was mentioned again.")))
            .ToArray();
        var request = new TranslateArticleRequest
        {
            Article = new Article { Id = "names", Paragraphs = new Paragraphs { Items = { sentences.Chunk(5).Select(c => string.Join(' ', c.Select(s => s.Text))) } } },
            SourceLanguage = "en",
            TargetLanguages = { "ko", "ru", "ja" },
        };

        using var factory = Server(provider);

        var response = await new TranslationService.TranslationServiceClient(factory.CreateChannel()).TranslateArticleAsync(request, cancellationToken: _ct);

        foreach (var translation in response.Translations)
        {
            var segments = translation.Paragraphs.SelectMany(p => p.Segments).ToArray();
            Assert.Equal(sentences.Length, segments.Length);
            Assert.All(segments, s => Assert.Equal(provider, s.Provider));
            for (var i = 0; i < sentences.Length; i++)
            {
                var renderings = Reference[sentences[i].Entry].Renderings;
                var text = segments[i].TranslatedText;
                Assert.True(text.Contains(renderings[translation.TargetLanguage], StringComparison.Ordinal),
                    $"{translation.TargetLanguage}: \"{sentences[i].Text}\" became \"{text}\"");
                Assert.DoesNotContain("<x", text, StringComparison.Ordinal);
            }
            var report = translation.Glossary;
            Assert.Equal("default", report.GlossaryId);
            Assert.Empty(report.Violations);
            Assert.Equal(Reference.Length, report.Applied.Count);
            Assert.Equal(sentences.Length, report.Applied.Sum(a => a.Occurrences));
        }
    }

    [Fact]
    public async Task TranslateArticle_AfterGlossaryServiceEdit_NextRequestUsesTheNewRendering()
    {
        using var factory = Server();
        var channel = factory.CreateChannel();
        var translator = new TranslationService.TranslationServiceClient(channel);
        var glossaries = new GlossaryService.GlossaryServiceClient(channel);
        var request = new TranslateArticleRequest
        {
            Article = new Article { Text = "Pyongyang replied. The talks continue." },
            SourceLanguage = "en",
            TargetLanguages = { "ko" },
        };
        var before = (await translator.TranslateArticleAsync(request, cancellationToken: _ct)).Translations[0];
        var entry = (await glossaries.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "default" }, cancellationToken: _ct))
            .Glossary.Entries.Single(e => e.Term == "Pyongyang");
        entry.Renderings["ko"] = "평양직할시";

        await glossaries.PutGlossaryEntryAsync(new PutGlossaryEntryRequest { GlossaryId = "default", Entry = entry }, cancellationToken: _ct);
        var after = (await translator.TranslateArticleAsync(request, cancellationToken: _ct)).Translations[0];

        Assert.StartsWith("⟦ko⟧ 평양 ", before.Paragraphs[0].Segments[0].TranslatedText, StringComparison.Ordinal);
        Assert.StartsWith("⟦ko⟧ 평양직할시 ", after.Paragraphs[0].Segments[0].TranslatedText, StringComparison.Ordinal);
        Assert.False(after.Paragraphs[0].Segments[0].FromCache);
        Assert.True(after.Paragraphs[0].Segments[1].FromCache);
        Assert.Equal(before.Glossary.GlossaryVersion + 1, after.Glossary.GlossaryVersion);
    }

    [Fact]
    public async Task TranslateArticle_UnknownGlossaryId_InvalidArgumentOnGlossaryId()
    {
        var request = new TranslateArticleRequest
        {
            Article = new Article { Text = "Pyongyang replied." },
            SourceLanguage = "en",
            TargetLanguages = { "ko" },
            GlossaryId = "nope",
        };

        using var factory = Server();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new TranslationService.TranslationServiceClient(factory.CreateChannel()).TranslateArticleAsync(request, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("glossary_id", error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }
}
