using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Review;

/// <summary>Editors' corrections through the real server in memory: stored once, served wherever the sentence recurs.</summary>
public sealed class CorrectionTests : IDisposable
{
    internal const string Corrected = "정상들은 화요일에 만났다.";

    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly CountingProvider _provider = new();
    private readonly TranslatorServerFactory _server;
    private readonly ReviewService.ReviewServiceClient _review;
    private readonly TranslationService.TranslationServiceClient _translation;

    public CorrectionTests()
    {
        _server = new TranslatorServerFactory().WithProvider(_provider);
        var channel = _server.CreateChannel();
        _review = new ReviewService.ReviewServiceClient(channel);
        _translation = new TranslationService.TranslationServiceClient(channel);
    }

    public void Dispose() => _server.Dispose();

    /// <summary>One outlet's copy of a wire story.</summary>
    internal static TranslateArticleRequest Outlet(string text, params string[] targets) => new()
    {
        Article = new Article { Text = text },
        SourceLanguage = "en",
        TargetLanguages = { targets },
    };

    internal static SubmitCorrectionsRequest Correction(string source, string translated, string target = "ko") => new()
    {
        SourceLanguage = "en",
        TargetLanguage = target,
        Corrections = { new SegmentCorrection { SourceText = source, TranslatedText = translated } },
    };

    /// <summary>The one segment whose source contains <paramref name="fragment"/>.</summary>
    internal static TranslatedSegment Segment(TranslatedArticle article, string fragment) =>
        article.Paragraphs.SelectMany(p => p.Segments).Single(s => s.SourceText.Contains(fragment, StringComparison.Ordinal));

    [Fact]
    public async Task SubmitCorrections_SentenceInAnotherOutletsCopy_ServesCorrectionAsHumanInThatLanguageOnly()
    {
        var first = await _translation.TranslateArticleAsync(Outlet("The leaders met on Tuesday. They talked for hours.", "ko"), cancellationToken: _ct);
        Assert.Equal(SegmentOrigin.Provider, Segment(first.Translations[0], "Tuesday").Origin);

        var submitted = await _review.SubmitCorrectionsAsync(Correction("The leaders met on Tuesday.", Corrected), cancellationToken: _ct);
        Assert.Equal(1, submitted.Accepted);
        Assert.Empty(submitted.Violations);

        // Another outlet: other sentences around it and different spacing; the sentence is cached for ko already.
        var other = await _translation.TranslateArticleAsync(
            Outlet("SEOUL (Reuters) - Talks began.  The leaders  met on Tuesday. Nothing was signed.", "ko", "ru"), cancellationToken: _ct);
        var ko = Segment(other.Translations[0], "Tuesday");
        Assert.Equal(Corrected, ko.TranslatedText);
        Assert.Equal(SegmentOrigin.Human, ko.Origin);
        Assert.False(ko.FromCache);
        Assert.Equal("", ko.Provider);
        Assert.Contains(Corrected, other.Translations[0].Paragraphs[0].Text);
        Assert.Equal(SegmentOrigin.Provider, Segment(other.Translations[0], "Talks began.").Origin);
        var ru = Segment(other.Translations[1], "Tuesday");
        Assert.Equal(SegmentOrigin.Provider, ru.Origin);
        Assert.Equal(CountingProvider.Translate(ru.SourceText, "ru"), ru.TranslatedText);
    }

    [Fact]
    public async Task StreamTranslateArticle_CorrectedSentence_StreamsHumanSegment()
    {
        await _review.SubmitCorrectionsAsync(Correction("The leaders met on Tuesday.", Corrected), cancellationToken: _ct);
        var request = new StreamTranslateArticleRequest { Article = new Article { Text = "The leaders met on Tuesday. They talked." }, SourceLanguage = "en", TargetLanguages = { "ko" } };

        var segments = new List<TranslatedSegmentEvent>();
        using var call = _translation.StreamTranslateArticle(request, cancellationToken: _ct);
        await foreach (var e in call.ResponseStream.ReadAllAsync(_ct))
        {
            if (e.Segment is { } segment)
            {
                segments.Add(segment);
            }
        }

        var human = Assert.Single(segments, s => s.Segment.Origin == SegmentOrigin.Human);
        Assert.Equal(0, human.SegmentIndex);
        Assert.Equal(Corrected, human.Segment.TranslatedText);
        Assert.Equal(SegmentOrigin.Provider, Assert.Single(segments, s => s.SegmentIndex == 1).Segment.Origin);
    }

    [Fact]
    public async Task SubmitCorrections_TextWithoutGlossaryRendering_IsAcceptedReportedAndServedWithViolation()
    {
        var submitted = await _review.SubmitCorrectionsAsync(Correction("Kim Jong Un met the envoy.", "김정운이 특사를 만났다."), cancellationToken: _ct);

        Assert.Equal(1, submitted.Accepted);
        var violation = Assert.Single(submitted.Violations);
        Assert.Equal((0, "Kim Jong Un", "김정은"), (violation.Index, violation.Term, violation.ExpectedRendering));

        var translated = (await _translation.TranslateArticleAsync(Outlet("Kim Jong Un met the envoy.", "ko"), cancellationToken: _ct)).Translations[0];
        Assert.Equal("김정운이 특사를 만났다.", translated.Paragraphs[0].Text);
        Assert.Equal("Kim Jong Un", Assert.Single(translated.Glossary.Violations).Term);
    }

    [Fact]
    public async Task PutGlossaryEntry_RenderingChangedAfterCorrection_KeepsCorrectionAndReportsViolation()
    {
        const string sentence = "Kim Jong Un met the envoy.";
        await _review.SubmitCorrectionsAsync(Correction(sentence, "김정은 위원장이 특사를 만났다."), cancellationToken: _ct);
        var before = (await _translation.TranslateArticleAsync(Outlet(sentence, "ko"), cancellationToken: _ct)).Translations[0];
        Assert.Empty(before.Glossary.Violations);

        await new GlossaryService.GlossaryServiceClient(_server.CreateChannel()).PutGlossaryEntryAsync(new PutGlossaryEntryRequest
        {
            GlossaryId = "default",
            Entry = new GlossaryEntry { Term = "Kim Jong Un", Variants = { "Kim Jong-un" }, Renderings = { ["ko"] = "김정운 총비서" } },
        }, cancellationToken: _ct);
        var after = (await _translation.TranslateArticleAsync(Outlet(sentence, "ko"), cancellationToken: _ct)).Translations[0];

        var segment = Assert.Single(after.Paragraphs[0].Segments);
        Assert.Equal(SegmentOrigin.Human, segment.Origin);
        Assert.Equal("김정은 위원장이 특사를 만났다.", segment.TranslatedText);
        var violation = Assert.Single(after.Glossary.Violations);
        Assert.Equal("김정운 총비서", violation.ExpectedRendering);
    }

    [Fact]
    public async Task SubmitCorrections_SourceOfTwoSentences_InvalidArgumentAndNothingStored()
    {
        var request = Correction("The leaders met on Tuesday.", Corrected);
        request.Corrections.Add(new SegmentCorrection { SourceText = "They talked. Nothing was signed.", TranslatedText = "대화했다. 서명은 없었다." });

        var error = await Assert.ThrowsAsync<RpcException>(() => _review.SubmitCorrectionsAsync(request, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("corrections[1].source_text", Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations).Field);
        var translated = await _translation.TranslateArticleAsync(Outlet("The leaders met on Tuesday.", "ko"), cancellationToken: _ct);
        Assert.Equal(SegmentOrigin.Provider, translated.Translations[0].Paragraphs[0].Segments[0].Origin);
    }

    [Fact]
    public async Task SubmitCorrections_InvalidFields_InvalidArgumentNamingEachField()
    {
        var request = new SubmitCorrectionsRequest
        {
            SourceLanguage = "en",
            TargetLanguage = "en-GB",
            Corrections = { new SegmentCorrection { SourceText = " ", TranslatedText = new string('x', 10_001) } },
            Options = new TranslationOptions { Formality = (Formality)42 },
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => _review.SubmitCorrectionsAsync(request, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToArray();
        Assert.Equal(["target_language", "corrections[0].source_text", "corrections[0].translated_text", "options.formality"], fields);
    }
}
