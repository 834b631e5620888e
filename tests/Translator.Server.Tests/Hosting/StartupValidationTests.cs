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

        // Start-up may report the failure directly or inside an AggregateException, depending on which
        // service first asks for the options.
        var validation = Assert.Single(Flatten(error).OfType<OptionsValidationException>().DistinctBy(e => e.Message));
        Assert.Contains("Translation:Provider", validation.Message, StringComparison.Ordinal);
        Assert.Contains("Pseudo", validation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_OutOfRangeLimit_Fails()
    {
        using var factory = new TranslatorServerFactory().With("Translation:MaxTargetLanguages", "0");

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.True(Flatten(error).Any(e => e.Message.Contains("MaxTargetLanguages", StringComparison.Ordinal)), error.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("password")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Start_ApiKeyModeWithoutAStrongAdminKey_FailsNamingTheSettingNotTheValue(string? adminKey)
    {
        using var factory = new TranslatorServerFactory().With("Auth:Mode", "ApiKey").With("Auth:AdminKey", adminKey);

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        var validation = Assert.Single(Flatten(error).OfType<OptionsValidationException>().DistinctBy(e => e.Message));
        Assert.Contains("Auth:AdminKey", validation.Message, StringComparison.Ordinal);
        if (adminKey is not null)
        {
            Assert.DoesNotContain(adminKey, validation.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Start_ApiKeyModeWithARandomAdminKey_Starts()
    {
        using var factory = new TranslatorServerFactory().With("Auth:Mode", "ApiKey").With("Auth:AdminKey", "q8Xv2LmN4pR7sT1uW9yZ3aB6cD0eF5gH");

        Assert.NotNull(factory.Server);
    }

    private static IEnumerable<Exception> Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? aggregate.InnerExceptions.SelectMany(Flatten).Prepend(exception)
            : exception.InnerException is { } inner ? Flatten(inner).Prepend(exception) : [exception];
}
