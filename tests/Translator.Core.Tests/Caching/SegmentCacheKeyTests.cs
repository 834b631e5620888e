using Translator.Core.Caching;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Core.Tests.Caching;

public sealed class SegmentCacheKeyTests
{
    private static readonly CountingProvider Provider = new();

    private static string Key(string text, string target = "ko", Formality formality = Formality.Default, string glossary = "-") =>
        SegmentCacheKey.Create(Provider, "en", target, formality, glossary, text);

    [Theory]
    [InlineData("He said \u201Cno\u201D.", "He said \"no\".")]
    [InlineData("Kim Jong Un\u2019s visit", "Kim Jong Un's visit")]
    [InlineData("Two  spaces\tand tab", "Two spaces and tab")]
    [InlineData("Caf\u0065\u0301", "Caf\u00E9")]
    public void Create_MeaningPreservingVariant_GivesSameKey(string variant, string canonical) =>
        Assert.Equal(Key(canonical), Key(variant));

    [Fact]
    public void Create_AnythingThatChangesOutput_GivesDifferentKey()
    {
        var baseline = Key("Text.");

        Assert.NotEqual(baseline, Key("Text!"));
        Assert.NotEqual(baseline, Key("text."));
        Assert.NotEqual(baseline, Key("Text.", target: "ja"));
        Assert.NotEqual(baseline, Key("Text.", formality: Formality.More));
        Assert.NotEqual(baseline, Key("Text.", glossary: "g1"));
    }

    [Fact]
    public void Create_Always_KeepsCustomerTextOutOfTheKey()
    {
        var key = Key("Embargoed sentence about Pyongyang.");

        Assert.StartsWith("tr:v1:Counting:test:en:ko:", key, StringComparison.Ordinal);
        Assert.DoesNotContain("Pyongyang", key, StringComparison.Ordinal);
    }
}
