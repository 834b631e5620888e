using Translator.Core.Providers;
using Translator.Testing.StandIns;
using static Translator.Providers.Tests.ProviderHarness;

namespace Translator.Providers.Tests.LibreTranslate;

public sealed class LibreTranslateProviderTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static ProviderHarness Harness(LibreTranslateStandIn standIn, params (string, string?)[] settings) =>
        Create(null, standIn.Url, [("Translation:Provider", "LibreTranslate"), .. settings]);

    [Fact]
    public async Task TranslateAsync_Batch_SendsOneRequestWithQArrayAndApiKey()
    {
        await using var libre = await LibreTranslateStandIn.StartAsync(apiKey: "libre-key");
        await using var harness = Harness(libre, ("LibreTranslate:ApiKey", "libre-key"));

        var result = await harness.Provider("LibreTranslate").TranslateAsync(Batch("ko", "One.", "Two."), _ct);

        Assert.Equal(["[ko] One.", "[ko] Two."], result);
        var body = Assert.Single(libre.Requests).Body!.Value;
        Assert.Equal("en", body.GetProperty("source").GetString());
        Assert.Equal("text", body.GetProperty("format").GetString());
        Assert.DoesNotContain("libre-key", harness.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateAsync_ProtectedSpans_SentAsHtml()
    {
        await using var libre = await LibreTranslateStandIn.StartAsync();
        await using var harness = Harness(libre);

        await harness.Provider("LibreTranslate").TranslateAsync(Batch("ja", $"{ProtectedSpans.Wrap(0, "Kim")} spoke."), _ct);

        Assert.Equal("html", Assert.Single(libre.Requests).Body!.Value.GetProperty("format").GetString());
    }

    [Fact]
    public async Task TranslateAsync_WrongApiKey_FailsMisconfigured()
    {
        await using var libre = await LibreTranslateStandIn.StartAsync(apiKey: "right");
        await using var harness = Harness(libre, ("LibreTranslate:ApiKey", "wrong"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.Provider("LibreTranslate").TranslateAsync(Batch("ko", "Hi."), _ct));

        Assert.Equal(ProviderFailure.Misconfigured, error.Failure);
        Assert.Single(libre.Requests);
    }

    [Fact]
    public async Task TranslateAsync_ServerOverloaded_RetriedLikeDeepL()
    {
        await using var libre = await LibreTranslateStandIn.StartAsync();
        libre.Enqueue(HttpStandIn.Status(503), HttpStandIn.Status(429));
        await using var harness = Harness(libre);

        var result = await harness.Provider("LibreTranslate").TranslateAsync(Batch("ko", "Hi."), _ct);

        Assert.Equal("[ko] Hi.", Assert.Single(result));
        Assert.Equal(3, libre.Requests.Count);
    }

    [Fact]
    public async Task Supports_OnlyConfiguredLanguages()
    {
        await using var libre = await LibreTranslateStandIn.StartAsync();
        await using var harness = Harness(libre, ("LibreTranslate:Languages", "en,ko"));

        var provider = harness.Provider("LibreTranslate");

        Assert.True(provider.Supports("en", "ko"));
        Assert.False(provider.Supports("en", "ja"));
    }

    [Fact]
    public async Task ValidateOnStart_SelectedWithoutServerUrl_FailsNamingTheKey()
    {
        await using var harness = Create(null, null, ("Translation:Provider", "LibreTranslate"));

        var error = Assert.ThrowsAny<Exception>(harness.ValidateOnStart);

        Assert.Contains("LibreTranslate:ServerUrl", error.Message, StringComparison.Ordinal);
    }
}
