using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;

namespace Translator.Server.Tests.Segmentation;

/// <summary>The registered segmenter, reached through the real server's SegmentArticle RPC.</summary>
public sealed class SegmentArticleTests : IDisposable
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly TranslatorServerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("en",
        "SEOUL, South Korea (AP) — Navy Adm. Kim Myong Sik said the U.S. State Department was told at 9 a.m. Tuesday. \"We will respond,\" he told a briefing. Then he left.\n\nThe family moved to the U.S. He said the An-148 was tracked by FlightRadar24.com. Prices rose 3.5% to $1.2 billion.",
        "SEOUL, South Korea (AP) — Navy Adm. Kim Myong Sik said the U.S. State Department was told at 9 a.m. Tuesday. | \"We will respond,\" he told a briefing. | Then he left.",
        "The family moved to the U.S. | He said the An-148 was tracked by FlightRadar24.com. | Prices rose 3.5% to $1.2 billion.")]
    [InlineData("ru",
        "В. В. Путин прибыл в г. Москва, т. е. в столицу. «Мы готовы», — сказал он.\n\nЭто было в 1999 г. Затем всё изменилось.",
        "В. В. Путин прибыл в г. Москва, т. е. в столицу. | «Мы готовы», — сказал он.",
        "Это было в 1999 г. | Затем всё изменилось.")]
    [InlineData("ja",
        "北朝鮮がミサイルを発射した。彼は「準備はできた。いつでも行く。」と述べた。\n\n日本政府は抗議した！",
        "北朝鮮がミサイルを発射した。 | 彼は「準備はできた。いつでも行く。」と述べた。",
        "日本政府は抗議した！")]
    [InlineData("ko",
        "북한이 미사일을 발사했다. 그는 \"곧 가겠다.\"고 말했다.\n\n왜 지금인가?",
        "북한이 미사일을 발사했다. | 그는 \"곧 가겠다.\"고 말했다.",
        "왜 지금인가?")]
    public async Task SegmentArticle_NewsCopyInSourceLanguage_ReturnsSentencesWithExactOffsets(
        string language, string text, string firstParagraph, string secondParagraph)
    {
        var client = new TranslationService.TranslationServiceClient(_factory.CreateChannel());

        var response = await client.SegmentArticleAsync(
            new SegmentArticleRequest { Article = new Article { Id = "seg-1", Text = text }, SourceLanguage = language },
            cancellationToken: _ct);

        Assert.Equal(2, response.Paragraphs.Count);
        Assert.Equal(firstParagraph.Split(" | "), response.Paragraphs[0].Segments.Select(s => s.Text));
        Assert.Equal(secondParagraph.Split(" | "), response.Paragraphs[1].Segments.Select(s => s.Text));
        foreach (var paragraph in response.Paragraphs)
        {
            Assert.All(paragraph.Segments, s => Assert.Equal(s.Text, paragraph.Text.Substring(s.Start, s.Length)));
        }
    }
}
