using Translator.Core.Providers;

namespace Translator.Core.Tests.Providers;

public sealed class PseudoLocalizationProviderTests
{
    [Fact]
    public void Localize_Text_IsMarkedWithTargetAndAccented()
    {
        var result = PseudoLocalizationProvider.Localize("Hello", "ko");

        Assert.Equal("⟦ko⟧ Ĥéĺĺö", result);
    }

    [Fact]
    public void Localize_NumbersAndPunctuation_StayIntact()
    {
        var result = PseudoLocalizationProvider.Localize("Up 3.5% to $1,200 on 2024-05-01.", "ru");

        Assert.Contains("3.5% ", result, StringComparison.Ordinal);
        Assert.Contains("$1,200", result, StringComparison.Ordinal);
        Assert.Contains("2024-05-01.", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Localize_ProtectedSpan_PassesThroughUntouched()
    {
        var span = ProtectedSpans.Wrap(1, "Jo Chun Ryong");

        var result = PseudoLocalizationProvider.Localize($"Secretary {span} spoke.", "ja");

        Assert.Contains(span, result, StringComparison.Ordinal);
        Assert.DoesNotContain("Secretary", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Supports_KnownAndUnknownLanguages_AnswersByPrimarySubtag()
    {
        var provider = new PseudoLocalizationProvider();

        Assert.True(provider.Supports("en", "pt-BR"));
        Assert.False(provider.Supports("en", "xx"));
    }
}
