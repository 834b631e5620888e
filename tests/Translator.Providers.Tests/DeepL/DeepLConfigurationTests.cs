using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Translator.Core.Providers;
using Translator.Providers.DeepL;
using Translator.Testing.StandIns;
using static Translator.Providers.Tests.ProviderHarness;

namespace Translator.Providers.Tests.DeepL;

public sealed class DeepLConfigurationTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task ValidateOnStart_DeepLSelectedWithoutKey_FailsNamingTheSettings()
    {
        await using var harness = Create(null, null, ("Translation:Provider", "DeepL,Pseudo"));

        var error = Assert.Throws<OptionsValidationException>(harness.ValidateOnStart);

        Assert.Contains("DeepL:AuthKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("DEEPL_AUTH_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateOnStart_DeepLNotSelectedWithoutKey_Succeeds()
    {
        await using var harness = Create(null, null, ("Translation:Provider", "Pseudo"));

        harness.ValidateOnStart();
    }

    [Theory]
    [InlineData("abc:fx", null, DeepLOptions.FreeUrl)]
    [InlineData("abc", null, DeepLOptions.ProUrl)]
    [InlineData("abc:fx", "http://127.0.0.1:9/deepl", "http://127.0.0.1:9/deepl")]
    public void BaseAddress_FromKeyAndServerUrl(string key, string? serverUrl, string expected)
    {
        var options = new DeepLOptions { AuthKey = key, ServerUrl = serverUrl };

        Assert.Equal(new Uri(expected), options.BaseAddress);
    }

    [Fact]
    public async Task DeepLSection_TakesPrecedenceOverEnvironmentVariables()
    {
        await using var harness = Create(new Uri("http://127.0.0.1:9"), null, ("DeepL:AuthKey", "from-section"));

        var options = harness.Services.GetRequiredService<IOptions<DeepLOptions>>().Value;

        Assert.Equal("from-section", options.AuthKey);
        Assert.Equal(new Uri("http://127.0.0.1:9"), options.BaseAddress);
    }

    [Fact]
    public async Task Chain_DeepLOutOfQuota_FallsBackToNextProviderAndSaysWhichTranslated()
    {
        await using var deepL = await DeepLStandIn.StartAsync();
        deepL.CharacterLimit = 0;
        await using var harness = Create(deepL.Url, null, ("Translation:Provider", "DeepL,Pseudo"));
        var chain = harness.Services.GetRequiredService<ProviderChain>();

        var result = await chain.TranslateAsync(Batch("ko", "Hello."), _ct);

        Assert.Equal("Pseudo", result.Provider.Name);
        Assert.Single(deepL.Requests);
        Assert.Single(harness.Logs.Lines, l => l.Event.Name == "ProviderFallingBack");
    }

    [Fact]
    public async Task Chain_DeepLRejectsRequest_DoesNotFallBack()
    {
        await using var deepL = await DeepLStandIn.StartAsync();
        deepL.Enqueue(HttpStandIn.Status(400));
        await using var harness = Create(deepL.Url, null, ("Translation:Provider", "DeepL,Pseudo"));
        var chain = harness.Services.GetRequiredService<ProviderChain>();

        var error = await Assert.ThrowsAsync<ProviderException>(() => chain.TranslateAsync(Batch("ko", "Hello."), _ct));

        Assert.Equal("DeepL", error.Provider);
        Assert.Equal(ProviderFailure.Rejected, error.Failure);
    }

    [Fact]
    public async Task Usage_Refreshed_ExposedAsGaugesAndLogged()
    {
        await using var deepL = await DeepLStandIn.StartAsync();
        deepL.CharacterLimit = 1000;
        await using var harness = Create(deepL.Url);
        using var metrics = new MetricCapture(harness.Services);
        await harness.DeepL.TranslateAsync(Batch("ko", "0123456789"), _ct);

        await harness.Services.GetRequiredService<DeepLUsageMonitor>().RefreshAsync(_ct);

        Assert.Equal(10, metrics.Observe("translator.provider.usage.characters"));
        Assert.Equal(1000, metrics.Observe("translator.provider.usage.limit"));
        Assert.Contains(harness.Logs.Lines, l => l.Event.Name == "DeepLUsage" && l.Text.Contains("10 of 1000", StringComparison.Ordinal));
    }
}
