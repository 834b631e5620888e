using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Translator.Core;
using Translator.Core.Providers;
using Translator.Testing;
using Translator.Testing.StandIns;

namespace Translator.Providers.Tests;

public sealed class ProviderThrottlingTests
{
    [Fact]
    public async Task TranslateAsync_ProviderAnswers429_TellsTheSharedBudgetAndStillTranslates()
    {
        await using var deepL = await DeepLStandIn.StartAsync();
        deepL.Enqueue(HttpStandIn.Status(429, retryAfter: "1"));
        var budget = new RecordingProviderBudget();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Translation:Provider"] = "DeepL",
            ["DeepL:UsagePollInterval"] = "00:00:00",
            ["DEEPL_SERVER_URL"] = deepL.Url.ToString(),
            ["DEEPL_AUTH_KEY"] = "stand-in-key:fx",
            ["DeepL:Http:RetryBaseDelay"] = "00:00:00.001",
            ["DeepL:Http:MaxRetryAfter"] = "00:00:02",
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton<IProviderBudget>(budget)
            .AddTranslatorCore()
            .AddTranslationProviders()
            .BuildServiceProvider();

        var result = await services.GetRequiredService<ProviderChain>().TranslateAsync(
            new ProviderBatch("en", "ko", [new ProviderText("Hello.", null)], Formality.Default), CancellationToken.None);

        Assert.Equal([DeepLStandIn.Translate("Hello.", "KO")], result.Texts);
        Assert.Equal([TimeSpan.FromSeconds(1)], budget.Throttled);
        Assert.Equal([6L], budget.Acquired);
    }
}
