using Translator.Core.Articles;

namespace Translator.Core.Tests.Articles;

public sealed class ArticleBodyTests
{
    [Fact]
    public void FromText_BlankLinesAndHardWraps_SplitsOnBlankLinesAndJoinsWraps()
    {
        var paragraphs = ArticleBody.FromText("First line\r\nwrapped here.\r\n\r\n  \n\nSecond paragraph.\n \n\n");

        Assert.Equal(["First line wrapped here.", "Second paragraph."], paragraphs);
    }

    [Fact]
    public void FromParagraphs_EmptyEntries_AreDropped()
    {
        Assert.Equal(["One.", "Two."], ArticleBody.FromParagraphs(["One.", "  ", "", " Two. "]));
    }
}
