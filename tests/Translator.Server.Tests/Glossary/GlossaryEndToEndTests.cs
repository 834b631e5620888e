using Google.Rpc;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Glossary;

/// <summary>Through the real server with no set-up: the starter glossary is in force from the first request.</summary>
public sealed class GlossaryEndToEndTests : IDisposable
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly TranslatorServerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>The reference: spellings seen in copy and the ko/ru/ja rendering of each name.</summary>
    private static readonly (string[] Spellings, Dictionary<string, string> Renderings)[] Reference =
        File.ReadAllLines(Path.Combine(RepositoryPaths.Shared, "reference", "names.tsv"))
            .Where(l => !l.StartsWith('#'))
            .Skip(1)
            .Select(l => l.Split('\t'))
            .Select(row =>
            {
                var spellings = row[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Prepend(row[0]).ToList();
                // Spellings the file does not list but copy uses: possessives, capitals, hyphens for spaces.
                spellings.Add(row[0] + "'s");
                spellings.Add(row[0] + "’s");
                spellings.Add(row[0].ToUpperInvariant());
                spellings.Add(row[0].Replace(' ', '-'));
                return (spellings.Distinct().ToArray(), new Dictionary<string, string> { ["ko"] = row[2], ["ru"] = row[3], ["ja"] = row[4] });
            })
            .ToArray();

    [Fact]
    public async Task TranslateArticle_EveryStarterNameInEverySpelling_EveryOccurrenceHasTheReferenceRendering()
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

        var response = await new TranslationService.TranslationServiceClient(_factory.CreateChannel()).TranslateArticleAsync(request, cancellationToken: _ct);

        foreach (var translation in response.Translations)
        {
            var segments = translation.Paragraphs.SelectMany(p => p.Segments).ToArray();
            Assert.Equal(sentences.Length, segments.Length);
            for (var i = 0; i < sentences.Length; i++)
            {
                var (spellings, renderings) = Reference[sentences[i].Entry];
                var text = segments[i].TranslatedText;
                Assert.True(text.Contains(renderings[translation.TargetLanguage], StringComparison.Ordinal),
                    $"{translation.TargetLanguage}: \"{sentences[i].Text}\" became \"{text}\"");
                Assert.DoesNotContain(spellings[0], text, StringComparison.OrdinalIgnoreCase);
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
        var channel = _factory.CreateChannel();
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

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new TranslationService.TranslationServiceClient(_factory.CreateChannel()).TranslateArticleAsync(request, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("glossary_id", error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }
}
