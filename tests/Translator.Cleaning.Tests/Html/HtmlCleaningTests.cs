using Translator.Core.Cleaning;

namespace Translator.Cleaning.Tests.Html;

public class HtmlCleaningTests
{
    private const string Story = """
        <!doctype html>
        <html><head><title>Dam repairs finish early | The Valley Times</title>
        <meta property="article:published_time" content="2024-04-02T08:00:00Z">
        <script>window.dataLayer = [{"page":"story"}];</script></head>
        <body>
          <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
          <main><article>
            <h1>Dam repairs finish two months early</h1>
            <p class="byline">By Ruth Okonjo</p>
            <figure><img src="dam.jpg" alt=""><figcaption>Workers on the dam wall in March. Photo: Valley Times</figcaption></figure>
            <p>Repairs to the town's reservoir dam have finished two months ahead of schedule, the water company said on Tuesday, ending a summer of restrictions on garden hoses.</p>
            <p>Engineers replaced the spillway gates and sealed cracks in the concrete wall that had been found during an inspection last year.</p>
            <div class="related-stories"><p>Read more: Reservoir levels hit a ten-year low after a dry winter.</p></div>
            <p>The company said the reservoir would be refilled gradually over the next six weeks so that the new seals could be checked under pressure.</p>
            <p>"We are grateful to residents for their patience," a spokesperson said.</p>
          </article></main>
          <aside><h3>Most read</h3><ul><li><a href="/a">Council tax to rise by 4%</a></li><li><a href="/b">New bakery opens on High Street</a></li></ul></aside>
          <footer><p>© 2024 The Valley Times. All rights reserved.</p><p><a href="/privacy">Privacy policy</a></p></footer>
        </body></html>
        """;

    [Fact]
    public void Clean_HtmlPageWithoutADate_ReportsNoPublicationDate()
    {
        var undated = Story.Replace("""<meta property="article:published_time" content="2024-04-02T08:00:00Z">""", "", StringComparison.Ordinal);

        var result = new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Html, undated), CancellationToken.None);

        Assert.NotEmpty(result.Paragraphs);
        Assert.Null(result.PublicationDate);
    }

    [Fact]
    public void Clean_HtmlStory_KeepsTheBodyParagraphsInOrder()
    {
        var result = new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Html, Story), CancellationToken.None);

        Assert.Equal(
        [
            "Repairs to the town's reservoir dam have finished two months ahead of schedule, the water company said on Tuesday, ending a summer of restrictions on garden hoses.",
            "Engineers replaced the spillway gates and sealed cracks in the concrete wall that had been found during an inspection last year.",
            "The company said the reservoir would be refilled gradually over the next six weeks so that the new seals could be checked under pressure.",
            "\"We are grateful to residents for their patience,\" a spokesperson said.",
        ], result.Paragraphs);
    }

    [Fact]
    public void Clean_StoryWithAResultsTable_KeepsEachRowAsOneLine()
    {
        const string rows = "<table><tr><th>Pos</th><th>Team</th><th>Points</th></tr><tr><td>1</td><td>Valley Rovers</td><td>54</td></tr>"
            + "<tr><td>2</td><td>Hill United</td><td>51</td></tr></table>";
        var table = Story.Replace("<p>\"We are grateful", rows + "<p>\"We are grateful", StringComparison.Ordinal);

        var result = new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Html, table), CancellationToken.None);

        Assert.Contains("1 Valley Rovers 54", result.Paragraphs);
        Assert.Contains("2 Hill United 51", result.Paragraphs);
        Assert.DoesNotContain("54", result.Paragraphs);
    }

    [Fact]
    public void Clean_HtmlStory_DropsTheCaptionAndTeaser()
    {
        var result = new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Html, Story), CancellationToken.None);

        Assert.Contains(result.Dropped, d => d.Reason == DropReason.Caption && d.Text.StartsWith("Workers on the dam wall", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Paragraphs, p => p.StartsWith("Read more:", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Paragraphs, p => p.Contains("window.dataLayer", StringComparison.Ordinal));
    }

    [Fact]
    public void Clean_HtmlStory_ReportsTitleAndByline()
    {
        var result = new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Html, Story), CancellationToken.None);

        Assert.NotNull(result.Title);
        Assert.Contains("Dam repairs finish", result.Title, StringComparison.Ordinal);
        Assert.NotNull(result.Byline);
        Assert.Contains("Ruth Okonjo", result.Byline, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_HtmlWithKnownTitle_KeepsTheClientsTitleAndDropsTheHeadlineCopy()
    {
        var html = "<html><body><article><h1>Bridge reopens</h1>"
            + "<p>The old bridge over the river reopened to traffic on Monday after a year of repairs to its steel frame and deck.</p>"
            + "<p>Drivers had faced a twenty-minute detour through the industrial estate while the work was carried out.</p>"
            + "</article></body></html>";

        var result = new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Html, html, KnownTitle: "Bridge reopens"), CancellationToken.None);

        Assert.Equal("Bridge reopens", result.Title);
        Assert.Equal(2, result.Paragraphs.Count);
        Assert.DoesNotContain("Bridge reopens", result.Paragraphs);
    }

    [Theory]
    [InlineData("<p>The council approved the budget.</p>")]
    [InlineData("<html><body><p>The council approved the budget.</p></body></html>")]
    [InlineData("<html><body><h1>Budget passed</h1><p>The council approved the budget.</p></body></html>")]
    public void Clean_OneParagraphBody_KeepsTheParagraph(string html)
    {
        var result = new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Html, html), CancellationToken.None);

        Assert.Equal(["The council approved the budget."], result.Paragraphs);
    }

    [Fact]
    public void Clean_MarkupNestedDeeperThanBrowsersRender_IsReadAsText()
    {
        const string story = "The council approved the new budget on Thursday after a debate that lasted for most of the afternoon.";
        var html = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "<p>" + story + "</p><script>var hidden = 1;</script>";

        var result = new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Html, html), CancellationToken.None);

        Assert.Equal([story], result.Paragraphs);
    }

    [Fact]
    public void Clean_PageOfTwentyFourThousandListItems_FindsNoArticle()
    {
        var html = "<html><body><ul>" + string.Concat(Enumerable.Range(0, 24_000).Select(i => $"<li><a href=\"/{i}\">item {i}</a></li>")) + "</ul></body></html>";

        var result = new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Html, html), CancellationToken.None);

        Assert.Empty(result.Paragraphs);
    }
}
