using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Grpc;

public sealed class TranslationServiceTests : IDisposable
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly TranslatorServerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private TranslationService.TranslationServiceClient Client() => new(_factory.CreateChannel());

    internal static TranslateArticleRequest Request(params string[] targets) => new()
    {
        Article = new Article
        {
            Id = "wire-1",
            Title = "Leaders meet in Vladivostok",
            Text = "The leaders met on Tuesday. They talked for 3 hours.\n\nA second paragraph followed.\n\nThe third paragraph ends it.",
        },
        SourceLanguage = "en",
        TargetLanguages = { targets },
    };

    [Fact]
    public async Task TranslateArticle_ThreeTargets_ReturnsEveryParagraphPerLanguage()
    {
        var response = await Client().TranslateArticleAsync(Request("ko", "ru", "ja"), cancellationToken: _ct);

        Assert.Equal("wire-1", response.ArticleId);
        Assert.Equal(["ko", "ru", "ja"], response.Translations.Select(t => t.TargetLanguage));
        foreach (var translation in response.Translations)
        {
            Assert.Equal(3, translation.Paragraphs.Count);
            Assert.StartsWith($"⟦{translation.TargetLanguage}⟧", translation.Title, StringComparison.Ordinal);
            Assert.Equal(["The leaders met on Tuesday.", "They talked for 3 hours."],
                translation.Paragraphs[0].Segments.Select(s => s.SourceText));
            // The pseudo provider keeps numbers intact.
            Assert.Contains("3", translation.Paragraphs[0].Segments[1].TranslatedText, StringComparison.Ordinal);
            Assert.All(translation.Paragraphs.SelectMany(p => p.Segments), s => Assert.Equal("Pseudo", s.Provider));
            Assert.Equal(5, translation.Stats.Segments);
        }
    }

    [Fact]
    public async Task TranslateArticle_SameArticleTwice_SecondIsFullyCached()
    {
        var client = Client();
        await client.TranslateArticleAsync(Request("ko"), cancellationToken: _ct);

        var second = await client.TranslateArticleAsync(Request("ko"), cancellationToken: _ct);

        var stats = second.Translations[0].Stats;
        Assert.Equal(stats.Segments, stats.CacheHits);
        Assert.Equal(0, stats.ProviderCharacters);
    }

    [Fact]
    public async Task StreamTranslateArticle_ThreeTargets_StreamsEverySegmentThenOneCompletionPerLanguage()
    {
        using var call = Client().StreamTranslateArticle(new StreamTranslateArticleRequest
        {
            Article = Request().Article,
            SourceLanguage = "en",
            TargetLanguages = { "ko", "ru", "ja" },
        }, cancellationToken: _ct);

        var segments = new List<TranslatedSegmentEvent>();
        var completed = new List<TranslatedArticle>();
        await foreach (var message in call.ResponseStream.ReadAllAsync(_ct))
        {
            if (message.EventCase == StreamTranslateArticleResponse.EventOneofCase.Segment)
            {
                Assert.DoesNotContain(completed, c => c.TargetLanguage == message.Segment.TargetLanguage);
                segments.Add(message.Segment);
            }
            else
            {
                completed.Add(message.Completed);
            }
        }

        Assert.Equal(["ja", "ko", "ru"], completed.Select(c => c.TargetLanguage).Order());
        Assert.Equal(3 * 5, segments.Count);
        Assert.Contains(segments, s => s.Part == ArticlePart.Title);
        var koParagraph2 = segments.Single(s => s.TargetLanguage == "ko" && s.Part == ArticlePart.Body && s.ParagraphIndex == 2);
        Assert.Equal("The third paragraph ends it.", koParagraph2.Segment.SourceText);
    }

    [Fact]
    public async Task SegmentArticle_Text_ReturnsSegmentsWithOffsetsIntoTheParagraph()
    {
        var response = await Client().SegmentArticleAsync(new SegmentArticleRequest { Article = Request().Article, SourceLanguage = "en" }, cancellationToken: _ct);

        Assert.Equal(3, response.Paragraphs.Count);
        var first = response.Paragraphs[0];
        Assert.All(first.Segments, s => Assert.Equal(s.Text, first.Text.Substring(s.Start, s.Length)));
        Assert.Equal(2, first.Segments.Count);
    }

    public static TheoryData<string, Action<TranslateArticleRequest>> InvalidRequests => new()
    {
        { "target_languages", r => r.TargetLanguages.Clear() },
        { "target_languages[0]", r => { r.TargetLanguages.Clear(); r.TargetLanguages.Add("not a tag"); } },
        { "target_languages[0]", r => { r.TargetLanguages.Clear(); r.TargetLanguages.Add("xx"); } },
        { "target_languages[1]", r => { r.TargetLanguages.Clear(); r.TargetLanguages.Add("ko"); r.TargetLanguages.Add("en-GB"); } },
        { "target_languages[1]", r => { r.TargetLanguages.Clear(); r.TargetLanguages.Add("ko"); r.TargetLanguages.Add("KO"); } },
        { "target_languages", r => { r.TargetLanguages.Clear(); r.TargetLanguages.Add(Enumerable.Repeat("ko", 11)); } },
        { "source_language", r => r.SourceLanguage = "" },
        { "source_language", r => r.SourceLanguage = "english!" },
        // Well-formed but not translatable: the source is at fault, not the first target.
        { "source_language", r => r.SourceLanguage = "xx" },
        // One output language requested three ways would be three paid translations of the same text.
        { "target_languages[1]", r => { r.TargetLanguages.Clear(); r.TargetLanguages.Add(["ko", "ko-KR"]); } },
        { "target_languages[2]", r => { r.TargetLanguages.Clear(); r.TargetLanguages.Add(["ko", "ru", "ko-Kore"]); } },
        { "article", r => r.Article = null },
        { "article.text", r => r.Article.Text = " \n\n  " },
        { "article", r => r.Article.ClearBody() },
        { "article.text", r => r.Article.Text = new string('a', 200_001) },
        { "glossary_id", r => r.GlossaryId = "bad id with spaces" },
        { "options.formality", r => r.Options = new TranslationOptions { Formality = (Formality)42 } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task TranslateArticle_InvalidField_ReturnsInvalidArgumentNamingTheField(string field, Action<TranslateArticleRequest> corrupt)
    {
        var request = Request("ko");
        corrupt(request);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client().TranslateArticleAsync(request, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Contains(badRequest.FieldViolations, v => v.Field == field && v.Description.Length > 0);
    }

    [Fact]
    public async Task TranslateArticle_SourceNotTranslatable_OnlySourceLanguageIsReported()
    {
        var request = Request("ko", "ru");
        request.SourceLanguage = "xx";

        var error = await Assert.ThrowsAsync<RpcException>(() => Client().TranslateArticleAsync(request, cancellationToken: _ct).ResponseAsync);

        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("source_language", violation.Field);
    }

    [Fact]
    public async Task TranslateArticle_ValueWithLineBreaksAndControls_EchoedEscapedNeverRaw()
    {
        var request = Request("ko\nINFO forged log line\u0007\u202e");

        var error = await Assert.ThrowsAsync<RpcException>(() => Client().TranslateArticleAsync(request, cancellationToken: _ct).ResponseAsync);

        var description = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Description;
        Assert.Contains("\\n", description, StringComparison.Ordinal);
        Assert.DoesNotContain(description, c => char.IsControl(c) || c == '\u202e');
        Assert.DoesNotContain(error.Status.Detail, c => char.IsControl(c) || c == '\u202e');
    }

    [Fact]
    public async Task TranslateArticle_ValueWithLineBreak_ReachesTheLogEscapedOnly()
    {
        var logs = new LogRecorder();
        using var factory = new TranslatorServerFactory().WithLogs(logs);
        var client = new TranslationService.TranslationServiceClient(factory.CreateChannel());

        await Assert.ThrowsAsync<RpcException>(() => client.TranslateArticleAsync(Request("ko\nINFO forged log line"), cancellationToken: _ct).ResponseAsync);

        // grpc-dotnet logs the status detail: the value is there, escaped, and cannot start a line of its own.
        Assert.Contains(logs.Entries, e => e.Text.Contains("INFO forged", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Text.Contains("\nINFO forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TranslateArticle_SeveralInvalidFields_ReportsThemAllAtOnce()
    {
        var request = Request();
        request.SourceLanguage = "";

        var error = await Assert.ThrowsAsync<RpcException>(() => Client().TranslateArticleAsync(request, cancellationToken: _ct).ResponseAsync);

        var fields = error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).ToArray();
        Assert.Contains("source_language", fields);
        Assert.Contains("target_languages", fields);
    }

    [Fact]
    public async Task TranslateArticle_OversizedArticle_ErrorDoesNotEchoArticleText()
    {
        var request = Request("ko");
        request.Article.Text = "EMBARGOED " + new string('a', 200_000);

        var error = await Assert.ThrowsAsync<RpcException>(() => Client().TranslateArticleAsync(request, cancellationToken: _ct).ResponseAsync);

        Assert.DoesNotContain("EMBARGOED", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_RunningServer_ReportsServing()
    {
        var health = new Health.HealthClient(_factory.CreateChannel());

        var response = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: _ct);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task TranslateArticle_BasicView_ReturnsParagraphsAndStatsWithoutSegments()
    {
        var full = await Client().TranslateArticleAsync(Request("ko"), cancellationToken: _ct);
        var basic = await Client().TranslateArticleAsync(new TranslateArticleRequest(Request("ko")) { View = TranslationView.Basic }, cancellationToken: _ct);

        Assert.NotEmpty(full.Translations[0].Paragraphs[0].Segments);
        Assert.All(basic.Translations[0].Paragraphs, p => Assert.Empty(p.Segments));
        Assert.Equal(full.Translations[0].Paragraphs.Select(p => p.Text), basic.Translations[0].Paragraphs.Select(p => p.Text));
        Assert.Equal(full.Translations[0].Title, basic.Translations[0].Title);
        Assert.Equal(full.Translations[0].Stats.Segments, basic.Translations[0].Stats.Segments);
    }

    [Fact]
    public async Task TranslateArticle_UnknownView_IsInvalidArgumentOnView()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client().TranslateArticleAsync(new TranslateArticleRequest(Request("ko")) { View = (TranslationView)99 }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("view", error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Field);
    }
}
