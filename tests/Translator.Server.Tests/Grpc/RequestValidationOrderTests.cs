using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Translator.Core.Cleaning;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;

namespace Translator.Server.Tests.Grpc;

/// <summary>The request's fields are validated before its page is read: a malformed request costs no cleaning.</summary>
public sealed class RequestValidationOrderTests : IDisposable
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly CountingCleaner _cleaner = new();
    private readonly TranslatorServerFactory _factory;

    public RequestValidationOrderTests()
    {
        _factory = new TranslatorServerFactory().ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<IArticleCleaner>(_cleaner)));
    }

    public void Dispose() => _factory.Dispose();

    private static TranslateArticleRequest Page(params string[] targets) => new()
    {
        Article = new Article { Html = "<html><body><article><p>The leaders met on Tuesday in the port city.</p></article></body></html>" },
        SourceLanguage = "en",
        TargetLanguages = { targets },
    };

    [Fact]
    public async Task TranslateArticle_PageWithBadTargetLanguage_RefusedWithoutCleaning()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new TranslationService.TranslationServiceClient(_factory.CreateChannel()).TranslateArticleAsync(Page("not a tag"), cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(0, _cleaner.Calls);
    }

    [Fact]
    public async Task TranslateArticle_ValidPage_CleanedOnce()
    {
        await new TranslationService.TranslationServiceClient(_factory.CreateChannel()).TranslateArticleAsync(Page("ko"), cancellationToken: _ct);

        Assert.Equal(1, _cleaner.Calls);
    }

    private sealed class CountingCleaner : IArticleCleaner
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => "counting";

        public CleanedArticle Clean(RawArticle article, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return new CleanedArticle(null, null, null, null, [article.Body.Length > 0 ? "The leaders met on Tuesday in the port city." : ""], []);
        }
    }
}
