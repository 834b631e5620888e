using Translator.Core.Glossary;
using static Translator.Core.Tests.Glossary.GlossaryTestData;

namespace Translator.Core.Tests.Glossary;

public sealed class GlossaryMatcherTests
{
    private static readonly GlossaryMatcher Names = Matcher(
        Entry("Kim Jong Un", "김정은", "Kim Jong-un"),
        Entry("Choe Sun Hui", "최선희", "Choe Son Hui"),
        Entry("Korean Central News Agency", "조선중앙통신", "KCNA"),
        Entry("Korean", "한국의"),
        Entry("Khasan", "하산"),
        Entry("Pyongyang", "평양"));

    [Fact]
    public void Match_Variants_FindEverySpelling()
    {
        Assert.Equal(["Choe Son Hui", "Choe Sun Hui", "KCNA"], Found(Names, "Choe Son Hui met Choe Sun Hui, KCNA said."));
        Assert.All(Names.Match("Choe Son Hui met Choe Sun Hui"), m => Assert.Equal(1, m.Entry));
    }

    [Theory]
    [InlineData("Kim Jong-Un spoke.")]
    [InlineData("Kim-Jong-un spoke.")]
    [InlineData("Kim Jong\u2011un spoke.")]
    [InlineData("Kim  Jong\nUn spoke.")]
    [InlineData("KIM JONG UN spoke.")]
    public void Match_HyphenSpaceAndCaseVariants_MatchTheEntry(string text)
    {
        var match = Assert.Single(Names.Match(text));
        Assert.Equal(0, match.Entry);
        Assert.Equal(0, match.Start);
        Assert.Equal(text.IndexOf(" spoke", StringComparison.Ordinal), match.Length);
    }

    [Theory]
    [InlineData("Kim Jong Un's sister", "Kim Jong Un")]
    [InlineData("Kim Jong Un’s sister", "Kim Jong Un")]
    [InlineData("Kim Jong-un's sister", "Kim Jong-un")]
    [InlineData("Pyongyang’s streets", "Pyongyang")]
    public void Match_Possessive_MatchesTheNameAndLeavesTheParticle(string text, string name)
    {
        Assert.Equal([name], Found(Names, text));
    }

    [Theory]
    [InlineData("Khasanov arrived.")]
    [InlineData("Khasanж arrived.")]
    [InlineData("Khasané arrived.")]
    [InlineData("Khasan\u0301 arrived.")]
    [InlineData("UnKhasan arrived.")]
    [InlineData("Khasan2 arrived.")]
    [InlineData("북Khasan arrived.")]
    public void Match_LettersDigitsOrMarksAdjacent_DoesNotMatch(string text)
    {
        Assert.Empty(Names.Match(text));
    }

    [Theory]
    [InlineData("(Khasan)")]
    [InlineData("«Khasan»")]
    [InlineData("Khasan.")]
    [InlineData("\"Khasan\"")]
    [InlineData("Khasan")]
    public void Match_PunctuationAround_Matches(string text)
    {
        Assert.Equal(["Khasan"], Found(Names, text));
    }

    [Fact]
    public void Match_LongerTermStartingAtSamePlace_LongestWins()
    {
        const string text = "The Korean Central News Agency and the Korean press.";

        Assert.Equal(["Korean Central News Agency", "Korean"], Found(Names, text));
        Assert.Equal([2, 3], Names.Match(text).Select(m => m.Entry));
    }

    [Fact]
    public void Match_OverlappingTerms_LeftmostWinsDeterministically()
    {
        var matcher = Matcher(Entry("Pak Jong", "A"), Entry("Jong Chon", "B"));

        var matches = matcher.Match("Pak Jong Chon visited.");

        var only = Assert.Single(matches);
        Assert.Equal((0, 8, 0), (only.Start, only.Length, only.Entry));
    }

    [Fact]
    public void Match_PartialPrefixOfTerm_DoesNotMatchOrSkipAShorterTerm()
    {
        var matcher = Matcher(Entry("Korean", "X"), Entry("Korean Central News Agency", "Y"));

        Assert.Equal(["Korean"], Found(matcher, "Korean Central bank"));
    }

    [Fact]
    public void Match_CaseSensitiveEntry_MatchesOnlyItsCase()
    {
        var matcher = Matcher(new GlossaryEntry("US", [], new Dictionary<string, string> { ["ko"] = "미국" }, CaseSensitive: true));

        Assert.Equal(["US"], Found(matcher, "The US and us."));
    }

    [Fact]
    public void Match_CaseSensitiveAndInsensitiveSameSpelling_PrefersExactCase()
    {
        var matcher = Matcher(
            new GlossaryEntry("Us", [], new Dictionary<string, string> { ["ko"] = "A" }),
            new GlossaryEntry("US", [], new Dictionary<string, string> { ["ko"] = "B" }, CaseSensitive: true));

        Assert.Equal([1, 0], matcher.Match("US us").Select(m => m.Entry));
    }

    [Fact]
    public void Match_NoTerms_ReturnsEmpty()
    {
        Assert.Empty(Matcher().Match("Kim Jong Un"));
        Assert.Empty(Names.Match(""));
    }
}
