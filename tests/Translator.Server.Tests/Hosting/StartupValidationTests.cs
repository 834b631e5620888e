using Microsoft.Extensions.Options;
using Translator.Server.Tests.Infrastructure;

namespace Translator.Server.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Fact]
    public void Start_UnknownProviderName_FailsNamingTheKeyAndKnownProviders()
    {
        using var factory = new TranslatorServerFactory().With("Translation:Provider", "Nope");

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("Translation:Provider", validation.Message, StringComparison.Ordinal);
        Assert.Contains("Pseudo", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OutOfRangeLimit_Fails()
    {
        using var factory = new TranslatorServerFactory().With("Translation:MaxTargetLanguages", "0");

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("MaxTargetLanguages", error.GetBaseException().Message, StringComparison.Ordinal);
    }
}
