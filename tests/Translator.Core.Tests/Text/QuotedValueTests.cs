using Translator.Core.Text;

namespace Translator.Core.Tests.Text;

public sealed class QuotedValueTests
{
    [Theory]
    [InlineData("ko", "\"ko\"")]
    [InlineData("a\nb\r\tc", "\"a\\nb\\r\\tc\"")]
    [InlineData("bell\u0007 rtl\u202e", "\"bell\\u0007 rtl\\u202E\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("김정은", "\"김정은\"")]
    public void Of_Value_QuotesAndEscapesControlAndFormatCharacters(string value, string expected) =>
        Assert.Equal(expected, QuotedValue.Of(value));

    [Fact]
    public void Of_LongValue_ShowsOnlyAShortPrefix()
    {
        var quoted = QuotedValue.Of("EMBARGOED " + new string('x', 10_000));

        Assert.Equal("\"EMBARGOED " + new string('x', QuotedValue.MaxCharacters - 10) + "\"...", quoted);
    }

    [Fact]
    public void Of_SurrogatePairAtTheCut_IsNeverSplit()
    {
        var quoted = QuotedValue.Of(new string('a', QuotedValue.MaxCharacters - 1) + "😀😀");

        Assert.EndsWith("a😀\"...", quoted, StringComparison.Ordinal);
    }
}
