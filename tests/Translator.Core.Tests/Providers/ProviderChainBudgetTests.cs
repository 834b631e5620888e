using Microsoft.Extensions.Logging.Abstractions;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Core.Tests.Providers;

public sealed class ProviderChainBudgetTests
{
    private static ProviderBatch Batch(params string[] texts) =>
        new("en", "ko", texts.Select(t => new ProviderText(t, null)).ToArray(), Formality.Default);

    [Fact]
    public async Task TranslateAsync_BatchLargerThanOneBurst_IsSentInPartsThatFitInOrder()
    {
        var provider = new CountingProvider();
        var budget = new RecordingProviderBudget(maxRequestCharacters: 10);
        var chain = new ProviderChain([provider], NullLogger<ProviderChain>.Instance, budget);

        var result = await chain.TranslateAsync(Batch("aaaaaa", "bbbb", "cccccc", "dd"), CancellationToken.None);

        Assert.Equal(["ko:aaaaaa", "ko:bbbb", "ko:cccccc", "ko:dd"], result.Texts);
        Assert.Equal([10L, 8L], budget.Acquired);
        Assert.Equal(2, provider.Batches.Count);
        Assert.All(provider.Batches, b => Assert.True(b.Texts.Sum(t => t.Text.Length) <= 10));
    }

    [Fact]
    public async Task TranslateAsync_BatchWithinOneBurst_IsOneRequestTakingItsCharacters()
    {
        var provider = new CountingProvider();
        var budget = new RecordingProviderBudget(maxRequestCharacters: 100);
        var chain = new ProviderChain([provider], NullLogger<ProviderChain>.Instance, budget);

        await chain.TranslateAsync(Batch("one", "two"), CancellationToken.None);

        Assert.Equal([6L], budget.Acquired);
        Assert.Single(provider.Batches);
    }
}
