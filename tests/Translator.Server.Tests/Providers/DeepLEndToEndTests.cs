using Google.Rpc;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Grpc;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing.StandIns;

namespace Translator.Server.Tests.Providers;

/// <summary>The whole server with <c>Translation:Provider=DeepL</c>, talking to the DeepL stand-in over HTTP.</summary>
public sealed class DeepLEndToEndTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private DeepLStandIn _deepL = null!;

    public async Task InitializeAsync() => _deepL = await DeepLStandIn.StartAsync();

    public async Task DisposeAsync() => await _deepL.DisposeAsync();

    private TranslatorServerFactory Server(string provider = "DeepL") => new TranslatorServerFactory()
        .With("Translation:Provider", provider)
        .With("DEEPL_AUTH_KEY", _deepL.AuthKey)
        .With("DEEPL_SERVER_URL", _deepL.Url.ToString())
        .With("DeepL:Http:RetryBaseDelay", "00:00:00.001")
        .With("DeepL:Http:RetryMaxDelay", "00:00:00.005");

    private static TranslationService.TranslationServiceClient Client(TranslatorServerFactory factory) => new(factory.CreateChannel());

    [Fact]
    public async Task TranslateArticle_DeepLSelected_TranslatesKoRuJaThroughDeepL()
    {
        using var factory = Server();

        var response = await Client(factory).TranslateArticleAsync(TranslationServiceTests.Request("ko", "ru", "ja"), cancellationToken: _ct);

        foreach (var (translation, code) in response.Translations.Zip(new[] { "KO", "RU", "JA" }))
        {
            Assert.All(translation.Paragraphs.SelectMany(p => p.Segments), s =>
            {
                Assert.Equal("DeepL", s.Provider);
                Assert.Equal(DeepLStandIn.Translate(s.SourceText, code), s.TranslatedText);
            });
        }
        Assert.All(_deepL.TranslateRequests, r => Assert.Equal("EN", r.GetProperty("source_lang").GetString()));
        // The first paragraph's two sentences travel with their paragraph as context.
        Assert.Contains(_deepL.TranslateRequests, r => r.TryGetProperty("context", out var c)
            && c.GetString()!.Contains("The leaders met on Tuesday. They talked for 3 hours.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TranslateArticle_SentenceLargerThanADeepLRequest_IsSplitAtWordsAndRejoined()
    {
        using var factory = Server();
        // 199,998 characters, one sentence: no punctuation anywhere, so only word boundaries can split it.
        var words = string.Join(' ', Enumerable.Range(0, 40_000).Select(i => $"w{i % 1000:D3}"));
        var request = new TranslateArticleRequest
        {
            Article = new Article { Text = words },
            SourceLanguage = "en",
            TargetLanguages = { "ko" },
        };

        var response = await Client(factory).TranslateArticleAsync(request, cancellationToken: _ct);

        var segment = Assert.Single(Assert.Single(response.Translations[0].Paragraphs).Segments);
        Assert.Equal(words, segment.SourceText);
        Assert.Equal(words, segment.TranslatedText.Replace("[KO] ", "", StringComparison.Ordinal));
        Assert.True(_deepL.TranslateRequests.Count >= 2);
        Assert.All(_deepL.Requests, r => Assert.True(r.BodyBytes <= DeepLStandIn.MaxBodyBytes));
    }

    [Fact]
    public async Task TranslateArticle_DeepL429And503Storm_StillSucceeds()
    {
        using var factory = Server();
        _deepL.Enqueue(HttpStandIn.Status(503), HttpStandIn.Status(429), HttpStandIn.Status(503), HttpStandIn.Status(429, retryAfter: "0"));

        var response = await Client(factory).TranslateArticleAsync(TranslationServiceTests.Request("ko"), cancellationToken: _ct);

        Assert.All(response.Translations[0].Paragraphs.SelectMany(p => p.Segments), s => Assert.Equal("DeepL", s.Provider));
    }

    [Fact]
    public async Task TranslateArticle_DeepLQuotaExhausted_ReturnsResourceExhausted()
    {
        _deepL.CharacterLimit = 0;
        using var factory = Server();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client(factory).TranslateArticleAsync(TranslationServiceTests.Request("ko"), cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>()!;
        Assert.Equal("PROVIDER_QUOTA_EXCEEDED", info.Reason);
        Assert.Equal("DeepL", info.Metadata["provider"]);
    }

    [Fact]
    public async Task TranslateArticle_DeepLOutOfQuotaWithFallback_PseudoTranslatesAndResponseSaysSo()
    {
        _deepL.CharacterLimit = 0;
        using var factory = Server("DeepL,Pseudo");

        var response = await Client(factory).TranslateArticleAsync(TranslationServiceTests.Request("ko"), cancellationToken: _ct);

        Assert.All(response.Translations[0].Paragraphs.SelectMany(p => p.Segments), s => Assert.Equal("Pseudo", s.Provider));
    }

    [Fact]
    public async Task TranslateArticle_LanguageDeepLLacks_InvalidArgumentNamingItWithoutCallingDeepL()
    {
        using var factory = Server();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client(factory).TranslateArticleAsync(TranslationServiceTests.Request("ko", "vi"), cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations);
        Assert.Equal("target_languages[1]", violation.Field);
        Assert.Contains("\"vi\"", violation.Description, StringComparison.Ordinal);
        Assert.Empty(_deepL.TranslateRequests);
    }

    [Fact]
    public async Task TranslateArticle_ClientCancels_AbortsTheDeepLRequestInFlight()
    {
        // Without native glossaries, so the held request is the translate call itself and not the glossary
        // upload the default glossary would trigger first.
        using var factory = Server().With("DeepL:UseGlossaries", "false");
        _deepL.Always = HttpStandIn.Hold(Task.Delay(Timeout.Infinite, _ct));
        using var client = CancellationTokenSource.CreateLinkedTokenSource(_ct);

        using var call = Client(factory).TranslateArticleAsync(TranslationServiceTests.Request("ko"), cancellationToken: client.Token);
        // Two calls: the opening batch (title and first paragraph) and the rest.
        await _deepL.WaitUntilAsync(_ => _deepL.TranslateRequests.Count == 2 && _deepL.InFlight == 2, _ct);
        await client.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        await _deepL.WaitUntilAsync(s => s.Aborted == 2, _ct);
    }

    [Fact]
    public void Start_DeepLSelectedWithoutKey_FailsNamingTheSettings()
    {
        // Explicitly empty, so a key in the machine's environment cannot mask the check.
        using var factory = new TranslatorServerFactory().With("Translation:Provider", "DeepL").With("DEEPL_AUTH_KEY", "");

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("DEEPL_AUTH_KEY", error.GetBaseException().Message, StringComparison.Ordinal);
    }
}
