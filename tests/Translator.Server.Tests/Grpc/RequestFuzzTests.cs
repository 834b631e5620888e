using CsCheck;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Grpc;

/// <summary>
/// Generated requests, valid and hostile, through the real server in memory: every answer is a translation or
/// INVALID_ARGUMENT, never UNKNOWN or INTERNAL. Fixed seed and case count.
/// </summary>
public sealed class RequestFuzzTests : IDisposable
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token;
    private readonly TranslatorServerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static readonly string[] Tags =
        ["en", "ko", "ko-KR", "ko-Kore", "ru", "ja", "pt-BR", "zh-Hant", "EN", "xx", "", " ", "en-", "ko\n", "not a tag", "x-private", "zh-Hant-TW-1901", "ja\u0000"];

    private static readonly string[] GlossaryIds = ["", "default", "missing", "bad id", "a.b-c_d", new string('g', 200), "\n"];

    private static readonly string[] Words =
        ["Kim Jong Un", "met", "Putin", ".", "!", "?", " ", "\n", "\n\n", "\r\n", "\t", "<p>", "</p>", "<script>x</script>", "&amp;", "\u0000", "\u202e", "😀", "。", "U.S.", "⟦ko⟧", "\uFFFF", "\"", "|"];

    private static Gen<string> Pick(string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    /// <summary>A valid value six times in ten, so requests get past validation often enough to exercise translation.</summary>
    private static Gen<T> Mostly<T>(T valid, Gen<T> any) => Gen.Int[0, 9].SelectMany(i => i < 6 ? Gen.Const(valid) : any);

    private static readonly Gen<string> Text = Pick(Words).Array[0, 40].Select(w => string.Concat(w));

    private static readonly Gen<TranslateArticleRequest> Requests =
        Gen.Select(Mostly("en", Pick(Tags)), Mostly(["ru", "ja"], Pick(Tags).Array[0, 4]), Mostly("", Pick(GlossaryIds)), Text, Gen.Int[0, 3], Gen.Bool, Gen.Int[-1, 3],
            (source, targets, glossary, text, body, clean, formality) =>
            {
                var article = new Article { Id = "fuzz", Title = text.Length > 10 ? text[..10] : text };
                switch (body)
                {
                    case 0: article.Text = text; break;
                    case 1: article.Html = text; break;
                    case 2: article.Paragraphs = new Paragraphs { Items = { text.Split('\n') } }; break;
                }
                return new TranslateArticleRequest
                {
                    Article = article,
                    SourceLanguage = source,
                    TargetLanguages = { targets },
                    GlossaryId = glossary,
                    Clean = clean,
                    Options = new TranslationOptions { Formality = (Formality)formality },
                };
            });

    [Fact]
    public async Task TranslateAndSegment_GeneratedRequests_AnswerOkOrInvalidArgumentOnly()
    {
        var client = new TranslationService.TranslationServiceClient(_factory.CreateChannel());
        var outcomes = new Dictionary<StatusCode, int>();

        await Properties.ForAllAsync(Requests, 300, async request =>
        {
            var translate = await StatusOf(client.TranslateArticleAsync(request, cancellationToken: _ct).ResponseAsync);
            Assert.True(translate is StatusCode.OK or StatusCode.InvalidArgument, $"TranslateArticle answered {translate}");
            outcomes[translate] = outcomes.GetValueOrDefault(translate) + 1;
            var segment = await StatusOf(client.SegmentArticleAsync(
                new SegmentArticleRequest { Article = request.Article, SourceLanguage = request.SourceLanguage }, cancellationToken: _ct).ResponseAsync);
            Assert.True(segment is StatusCode.OK or StatusCode.InvalidArgument, $"SegmentArticle answered {segment}");
        });

        // Both paths are exercised: a generator that only produced rejects would prove nothing.
        Assert.True(outcomes.GetValueOrDefault(StatusCode.OK) >= 10, $"only {outcomes.GetValueOrDefault(StatusCode.OK)} requests translated");
        Assert.True(outcomes.GetValueOrDefault(StatusCode.InvalidArgument) >= 10);
    }

    private static async Task<StatusCode> StatusOf(Task call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
