using Translator.Core.Languages;

namespace Translator.Core.Tests.Languages;

public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("ko")]
    [InlineData("pt-BR")]
    [InlineData("zh-Hant-TW")]
    [InlineData("es-419")]
    [InlineData("sr-Latn")]
    public void IsWellFormed_ValidTag_ReturnsTrue(string tag) => Assert.True(LanguageTag.IsWellFormed(tag));

    [Theory]
    [InlineData("")]
    [InlineData("e")]
    [InlineData("english")]
    [InlineData("en_US")]
    [InlineData("en-")]
    [InlineData("x-private")]
    [InlineData("ko ")]
    public void IsWellFormed_MalformedTag_ReturnsFalse(string tag) => Assert.False(LanguageTag.IsWellFormed(tag));

    [Theory]
    [InlineData("EN", "en")]
    [InlineData("pt-br", "pt-BR")]
    [InlineData("ZH-HANT-tw", "zh-Hant-TW")]
    public void Normalize_AnyCasing_ReturnsCanonicalCasing(string tag, string expected) => Assert.Equal(expected, LanguageTag.Normalize(tag));

    [Theory]
    [InlineData("ja", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("ko", false)]
    [InlineData("ru", false)]
    public void JoinsSentencesWithoutSpace_ByLanguage_MatchesItsWritingSystem(string tag, bool expected) =>
        Assert.Equal(expected, LanguageTag.JoinsSentencesWithoutSpace(tag));
}
