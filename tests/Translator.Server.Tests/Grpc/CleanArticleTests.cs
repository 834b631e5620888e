using Google.Rpc;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Grpc;

public sealed class CleanArticleTests : IDisposable
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly TranslatorServerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private TranslationService.TranslationServiceClient Client() => new(_factory.CreateChannel());

    private static string Sample(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "samples", name));

    [Fact]
    public async Task CleanArticle_ObserverCopy_ReturnsTheStoryAndAuditableDrops()
    {
        var response = await Client().CleanArticleAsync(
            new CleanArticleRequest { Article = new Article { Text = Sample("wire-copy-observer.txt") } }, cancellationToken: _ct);

        Assert.Equal("North Korea’s Kim is in Russia to meet Putin, as both are locked in standoffs with the West", response.Title);
        Assert.Equal("SEOUL, South Korea (AP)", response.Dateline);
        Assert.Equal("September 12, 2023", response.PublicationDate);
        Assert.Equal(9, response.Paragraphs.Count);
        Assert.StartsWith("SEOUL, South Korea (AP) —", response.Paragraphs[0], StringComparison.Ordinal);
        Assert.Contains(response.Dropped, d => d.Reason == DropReason.Caption);
        Assert.Contains(response.Dropped, d => d.Reason == DropReason.Navigation);
        Assert.DoesNotContain(response.Dropped, d => d.Reason == DropReason.Unspecified);
    }

    [Fact]
    public async Task CleanArticle_Html_DropsCaptionAndReturnsParagraphs()
    {
        const string html = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Bridge reopens after repairs</h1>"
            + "<figure><figcaption>The bridge on Monday. Photo: City Desk</figcaption></figure>"
            + "<p>The old bridge over the river reopened to traffic on Monday after a year of repairs to its steel frame and deck.</p>"
            + "<p>Drivers had faced a twenty-minute detour through the industrial estate while the work was carried out.</p>"
            + "</article></body></html>";

        var response = await Client().CleanArticleAsync(new CleanArticleRequest { Article = new Article { Html = html } }, cancellationToken: _ct);

        Assert.Equal(2, response.Paragraphs.Count);
        Assert.StartsWith("The old bridge", response.Paragraphs[0], StringComparison.Ordinal);
        Assert.Contains(response.Dropped, d => d.Reason == DropReason.Caption);
    }

    [Fact]
    public async Task CleanArticle_PageLargerThanGrpcsDefaultLimit_IsCleaned()
    {
        // 4.5 MB: over gRPC's default 4 MB receive limit and far over the article limit, under the page limit.
        var html = StoryInMenus(4_500_000);

        var response = await Client().CleanArticleAsync(new CleanArticleRequest { Article = new Article { Html = html } }, cancellationToken: _ct);

        Assert.Equal(3, response.Paragraphs.Count);
        Assert.StartsWith("The old bridge", response.Paragraphs[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CleanArticle_PageOverThePageLimit_ReturnsInvalidArgumentNamingTheField()
    {
        var html = StoryInMenus((5 * 1024 * 1024) + 1);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client().CleanArticleAsync(new CleanArticleRequest { Article = new Article { Html = html } }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "article.html");
    }

    private static string StoryInMenus(int bytes)
    {
        var page = new System.Text.StringBuilder("<html><body><article>"
            + "<p>The old bridge over the river reopened to traffic on Monday after a year of repairs to its steel frame and deck.</p>"
            + "<p>Drivers had faced a twenty-minute detour through the industrial estate while the work was carried out.</p>"
            + "<p>The council said the bridge would be inspected again in the spring, when the river is at its highest.</p></article>");
        for (var i = 0; page.Length < bytes - 20; i++)
        {
            page.Append("<nav><ul><li><a href='/s'>Section ").Append(i % 10).Append("</a></li></ul></nav>");
        }
        page.Append("</body></html>");
        return page.ToString().PadRight(bytes, ' ');
    }

    [Fact]
    public async Task CleanArticle_NoArticle_ReturnsInvalidArgumentNamingTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client().CleanArticleAsync(new CleanArticleRequest(), cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Contains(badRequest.FieldViolations, v => v.Field == "article");
    }

    [Fact]
    public async Task TranslateArticle_CleanTrue_TranslatesOnlyTheArticle()
    {
        var request = new TranslateArticleRequest
        {
            Article = new Article { Id = "tabloid", Text = Sample("wire-copy-tabloid.txt") },
            SourceLanguage = "en",
            TargetLanguages = { "ko" },
            Clean = true,
        };

        var cleaned = await Client().TranslateArticleAsync(request, cancellationToken: _ct);
        request.Clean = false;
        var raw = await Client().TranslateArticleAsync(request, cancellationToken: _ct);

        var translation = Assert.Single(cleaned.Translations);
        Assert.Equal(20, translation.Paragraphs.Count);
        // The request carried no title: the cleaner found the headline, and it was translated as the title.
        Assert.StartsWith("⟦ko⟧", translation.Title, StringComparison.Ordinal);
        Assert.Equal("", raw.Translations[0].Title);
        var sources = translation.Paragraphs.SelectMany(p => p.Segments).Select(s => s.SourceText).ToArray();
        Assert.DoesNotContain(sources, s => s.Contains("READ MORE", StringComparison.Ordinal) || s.Contains("sign-up", StringComparison.Ordinal));
        Assert.True(raw.Translations[0].Paragraphs.Count > translation.Paragraphs.Count);
    }

    [Fact]
    public async Task StreamTranslateArticle_CleanTrue_CompletesWithOnlyTheArticle()
    {
        var request = new StreamTranslateArticleRequest
        {
            Article = new Article { Text = Sample("wire-copy-observer.txt") },
            SourceLanguage = "en",
            TargetLanguages = { "ja" },
            Clean = true,
        };

        using var call = Client().StreamTranslateArticle(request, cancellationToken: _ct);
        TranslatedArticle? completed = null;
        while (await call.ResponseStream.MoveNext(_ct))
        {
            completed ??= call.ResponseStream.Current.Completed;
        }

        Assert.NotNull(completed);
        Assert.Equal(9, completed.Paragraphs.Count);
    }
}
