using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;

namespace Translator.Server.Tests.Segmentation;

public sealed class SegmentArticleTests : IDisposable
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly TranslatorServerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<SegmentArticleResponse> SegmentAsync(string language, params string[] paragraphs) =>
        await new TranslationService.TranslationServiceClient(_factory.CreateChannel()).SegmentArticleAsync(
            new SegmentArticleRequest { Article = new Article { Paragraphs = new Paragraphs { Items = { paragraphs } } }, SourceLanguage = language },
            cancellationToken: _ct);

    [Fact]
    public async Task SegmentArticle_WireCopyWithAbbreviations_NeverSplitsANameOrAnAbbreviation()
    {
        var response = await SegmentAsync("en",
            "SEOUL, South Korea (AP) — Navy Adm. Kim Myong Sik watched the launch on Sept. 13, officials said. The U.S. State Department declined to comment.",
            "He later moved to the U.S. He said the flight, tracked by FlightRadar24.com, took 2.5 hours.");

        Assert.Equal(
            ["SEOUL, South Korea (AP) — Navy Adm. Kim Myong Sik watched the launch on Sept. 13, officials said.", "The U.S. State Department declined to comment."],
            response.Paragraphs[0].Segments.Select(s => s.Text));
        Assert.Equal(
            ["He later moved to the U.S.", "He said the flight, tracked by FlightRadar24.com, took 2.5 hours."],
            response.Paragraphs[1].Segments.Select(s => s.Text));
    }

    [Theory]
    [InlineData("ru", "Договор подписан в 1961 г. в Москве. В. В. Путин его продлил.", 2)]
    [InlineData("ja", "官房長官は「断じて容認できない。抗議した」と述べた。会見は短かった。", 2)]
    [InlineData("ko", "그는 “도발을 용납하지 않겠다.”라고 말했다. 회의는 곧 끝났다.", 2)]
    public async Task SegmentArticle_SourceLanguage_SelectsThatLanguagesRules(string language, string paragraph, int sentences)
    {
        var response = await SegmentAsync(language, paragraph);

        var segments = response.Paragraphs[0].Segments;
        Assert.Equal(sentences, segments.Count);
        Assert.All(segments, s => Assert.Equal(s.Text, paragraph.Substring(s.Start, s.Length)));
    }
}
