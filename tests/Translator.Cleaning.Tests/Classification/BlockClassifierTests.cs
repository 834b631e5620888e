using Translator.Core.Cleaning;

namespace Translator.Cleaning.Tests.Classification;

public class BlockClassifierTests
{
    private static CleanedArticle Classify(params string[] lines) =>
        BlockClassifier.Classify(lines.Select(l => new SourceBlock(l)).ToArray(), null, CancellationToken.None);

    private static CleanedArticle ClassifyContainer(params string[] lines) =>
        BlockClassifier.ClassifyContainer(lines.Select(l => new SourceBlock(l)).ToArray(), null, CancellationToken.None);

    private const string P1 = "The regional council approved the new budget on Thursday after a debate that lasted for most of the afternoon.";
    private const string P2 = "Opposition members said the plan would leave too little money for the repair of rural roads and bridges.";
    private const string P3 = "The budget will be published in full next week, and residents can comment on it until the end of the month.";

    [Fact]
    public void Classify_MenuThenStory_DropsTheMenuAsNavigation()
    {
        var result = Classify("Home", "News", "Sport", "Weather", "Council passes budget after long debate", P1, P2, P3);

        Assert.Equal([P1, P2, P3], result.Paragraphs);
        Assert.Equal("Council passes budget after long debate", result.Title);
        Assert.All(result.Dropped, d => Assert.Equal(DropReason.Navigation, d.Reason));
    }

    [Fact]
    public void Classify_StandfirstShownTwice_KeepsItOnce()
    {
        var result = Classify("Council passes budget after long debate", P1, "By Anna Berg", P1, P2, P3);

        Assert.Equal([P1, P2, P3], result.Paragraphs);
        Assert.Single(result.Dropped, d => d.Text == P1);
        Assert.Equal("By Anna Berg", result.Byline);
    }

    [Fact]
    public void Classify_HeadlineRepeatedAsFirstLine_IsTheTitleNotAParagraph()
    {
        const string headline = "Council passes budget after long debate";
        var result = Classify("Menu", headline, "Politics", headline, P1, P2, P3);

        Assert.Equal(headline, result.Title);
        Assert.DoesNotContain(headline, result.Paragraphs);
        Assert.Contains(result.Dropped, d => d.Reason == DropReason.RepeatedTitle);
    }

    [Theory]
    [InlineData("READ MORE Minister resigns over expenses row [REVEAL]", DropReason.Teaser)]
    [InlineData("The council chamber on Thursday. (AP Photo/Jane Doe)", DropReason.Caption)]
    [InlineData("Sign up to our newsletter and get the top stories in your inbox.", DropReason.Boilerplate)]
    [InlineData("{\"site\":\"Valley Times\"}", DropReason.Markup)]
    [InlineData("Anna Berg is the Times's political correspondent and has covered the council since 2015.", DropReason.AuthorBio)]
    public void Classify_FurnitureInsideTheStory_IsDroppedWithItsReason(string furniture, DropReason reason)
    {
        var result = Classify(P1, P2, furniture, P3);

        Assert.Equal([P1, P2, P3], result.Paragraphs);
        Assert.Equal(reason, Assert.Single(result.Dropped).Reason);
    }

    [Fact]
    public void Classify_ShortQuoteBetweenParagraphs_IsKeptByContext()
    {
        const string quote = "\"It is a fair budget,\" she said.";
        var result = Classify(P1, quote, P2, P3);

        Assert.Equal([P1, quote, P2, P3], result.Paragraphs);
    }

    [Fact]
    public void Classify_ShortQuestionInATeaserListBelowTheStory_IsNotKept()
    {
        var result = Classify(P1, P2, P3, "Most viewed", "Pop star cancels tour dates after losing voice", "Five of the best winter walks", "Why is everyone talking about sourdough again?");

        Assert.Equal([P1, P2, P3], result.Paragraphs);
    }

    [Fact]
    public void Classify_StandfirstAboveTheByline_IsNotBody()
    {
        const string standfirst = "Councillors from every party agreed that the roads will have to wait for another year.";
        var result = Classify("Council passes budget after long debate", standfirst, "By Anna Berg", "12 March 2025", P1, P2, P3);

        Assert.Equal([P1, P2, P3], result.Paragraphs);
        Assert.Contains(result.Dropped, d => d.Text == standfirst && d.Reason == DropReason.OutsideArticle);
        Assert.Equal("By Anna Berg", result.Byline);
    }

    [Fact]
    public void Classify_ShortSentenceAfterAnInlineHeadline_StaysWithTheStory()
    {
        const string sentence = "At first, there was no sign of her.";
        var result = Classify(P1, P2, "Man hurt in crash on the ring road", sentence, "Home", "Contact", "Jobs");

        Assert.Equal([P1, P2, sentence], result.Paragraphs);
    }

    [Fact]
    public void Classify_LastParagraphCutShortByAPaywall_IsKeptButTeaserSummariesAreNot()
    {
        const string cut = "The opposition said it would table amendments at the next meeting, and several members of the ruling group have already signalled that they could support a smaller cut to the road repair fund if the council has…";
        const string summary = "Residents of the valley have waited years for the new bridge, and the council says that the wait will soon be over at last when the…";
        var result = Classify(P1, P2, cut, "To Read the Full Story", "Subscribe Sign In", "Bridge opening set for the spring", summary);

        Assert.Equal([P1, P2, cut], result.Paragraphs);
        Assert.Contains(result.Dropped, d => d.Text == summary && d.Reason == DropReason.Teaser);
    }

    [Fact]
    public void Classify_ProseFooterFarBelowTheStory_IsOutsideTheArticle()
    {
        string[] lines = [P1, P2, P3, .. Enumerable.Range(1, 10).Select(i => $"Section {i}"), "Our newsroom has covered the valley and its people with care and independence for more than a century."];

        var result = Classify(lines);

        Assert.Equal([P1, P2, P3], result.Paragraphs);
        Assert.Equal(DropReason.OutsideArticle, result.Dropped[^1].Reason);
    }

    [Theory]
    [InlineData("Власти города утвердили новый бюджет в четверг после долгого обсуждения на заседании совета.", true)]
    [InlineData("시의회는 목요일 오랜 논의 끝에 새 예산안을 통과시켰다고 밝혔다.", true)]
    [InlineData("市議会は木曜日、長い議論の末に新しい予算案を可決した。", true)]
    [InlineData("Главная Новости Политика Экономика Спорт", false)]
    [InlineData("홈 정치 경제 사회 국제 스포츠", false)]
    [InlineData("トップ ニュース 国際 経済 スポーツ", false)]
    public void Measure_NonEnglishText_TellsProseFromMenus(string text, bool prose)
    {
        var f = BlockFeatures.Measure(text);

        Assert.Equal(prose, f.EndsSentence && f.StopDensity >= 0.2);
    }

    [Theory]
    [InlineData("September 12, 2023")]
    [InlineData("12 сентября 2023")]
    [InlineData("입력 2024.02.05 10:21")]
    [InlineData("2024年1月20日 18:30")]
    [InlineData("Posted: Fri 6:45 PM, Feb 16, 2018 |")]
    [InlineData("Published 1 day ago")]
    public void Measure_DateLine_IsDateOnly(string text) => Assert.True(BlockFeatures.Measure(text).DateOnly);

    [Theory]
    [InlineData("Traders work on the floor of the exchange in New York. REUTERS/Jane Doe")]
    [InlineData("FILE PHOTO: Traders work on the floor of the exchange in New York on Monday")]
    [InlineData("Roughly 13,000 troops remain in the country, 18 years after the invasion [File: Reuters]")]
    [InlineData("An artist's impression of the lander on the surface of the Moon [NASA via AFP]")]
    [InlineData("The president speaks in Lake Charles on Wednesday. Credit... Jane Doe/The Courier")]
    [InlineData("A woman holds a joint at a rally in the city. Researchers looked at the effect of the law. Getty")]
    public void Measure_PhotoCreditAtEitherEnd_IsPhotoCredit(string caption) => Assert.True(BlockFeatures.Measure(caption).PhotoCredit);

    [Theory]
    [InlineData("We loved the show and we will certainly come back next year! 🙂")]
    [InlineData("The ferry is back on the timetable from Monday. 👍🏽")]
    public void Measure_SentenceClosedByAnEmoji_EndsSentence(string text) => Assert.True(BlockFeatures.Measure(text).EndsSentence);

    [Theory]
    [InlineData("The streaming service continued to sign up additional subscribers throughout the day.", 1)]
    [InlineData("Commentators said the advertising market would recover next year.", 1)]
    [InlineData("We use cookies to personalise content. Click here for more information.", 4)]
    public void CountHits_WordInsideALongerWord_IsNotAHit(string text, int hits) =>
        Assert.Equal(hits, BoilerplatePhrases.CountHits(text, BoilerplatePhrases.Furniture));

    [Fact]
    public void Classify_NewsParagraphAboutSubscribers_IsKept()
    {
        const string paragraph = "The company's engineers isolated the problem, the chief executive said, and patched the software as it continued to sign up additional subscribers throughout the day.";
        var result = Classify(P1, paragraph, P2, P3);

        Assert.Equal([P1, paragraph, P2, P3], result.Paragraphs);
    }

    [Fact]
    public void Measure_ParagraphWithBracketedAside_IsNotPhotoCredit() =>
        Assert.False(BlockFeatures.Measure("The council said the plan was final [it was not], and the vote was set for Friday.").PhotoCredit);

    [Fact]
    public void Measure_BioWithHandleAfterTheName_IsBio() =>
        Assert.True(BlockFeatures.Measure("Anna Berg (@annaberg) is an Ideas contributor at the Courier and the host of its daily podcast.").Bio);

    [Fact]
    public void Classify_WireTrailerAfterTheStory_IsDropped()
    {
        const string trailer = "(Reporting by Anna Berg; additional reporting by Jon Roe; Editing by Tom Brown)";
        var result = Classify(P1, P2, P3, trailer);

        Assert.Equal([P1, P2, P3], result.Paragraphs);
        Assert.Contains(result.Dropped, d => d.Text == trailer && d.Reason == DropReason.Boilerplate);
    }

    [Fact]
    public void Classify_LongSummaryBulletAboveAShortOne_JoinsTheStoryAcrossIt()
    {
        const string first = "The council has approved a budget that leaves little money for the repair of rural roads and bridges this year";
        const string second = "Opposition members say the roads will have to wait until next year";
        var result = Classify("Home", "News", "Council passes budget after long debate", "The Courier, 12 March 2025", first, second, P1, P2, P3);

        // The short bullet is a line without a full stop: it has no verdict of its own and stays out.
        Assert.Equal([first, P1, P2, P3], result.Paragraphs);
    }

    [Fact]
    public void Classify_SummaryBulletWithoutFullStopAboveTheStory_IsKept()
    {
        const string bullet = "The council has approved a budget that leaves little money for the repair of rural roads and bridges this year";
        var result = Classify("Home", "News", "Council passes budget after long debate", bullet, P1, P2, P3);

        Assert.Equal([bullet, P1, P2, P3], result.Paragraphs);
    }

    [Fact]
    public void ClassifyContainer_TeasersBelowTheAuthorsBio_AreOutsideTheArticle()
    {
        const string bio = "Anna Berg is a freelance writer living in Leeds";
        const string teaser = "Dozens of fires are spreading across the region, burning more than two million acres of forest and farmland.";
        var result = ClassifyContainer(P1, P2, P3, bio, "A NATIONAL TRAGEDY", teaser);

        Assert.Equal([P1, P2, P3], result.Paragraphs);
        Assert.Equal(DropReason.AuthorBio, result.Dropped.Single(d => d.Text == bio).Reason);
        Assert.Equal(DropReason.OutsideArticle, result.Dropped.Single(d => d.Text == teaser).Reason);
    }

    [Fact]
    public void ClassifyContainer_FiguresWithoutAWord_AreDropped()
    {
        var result = ClassifyContainer(P1, "225.86", "-5.44%", P2, "Continue Reading Below", P3);

        Assert.Equal([P1, P2, P3], result.Paragraphs);
    }

    [Fact]
    public void ClassifyContainer_ProfileOpeningWithItsSubjectsCareer_KeepsTheStory()
    {
        const string opening = "Anna Berg is a writer who has lived in Leeds for forty years and has never once left the county.";
        var result = ClassifyContainer(opening, P1, P2, P3);

        Assert.Equal([opening, P1, P2, P3], result.Paragraphs);
    }

    [Fact]
    public void ToBlocks_HardWrappedParagraph_IsJoinedButMenuLinesStaySeparate()
    {
        var blocks = FlattenedText.ToBlocks("Home\nNews\n\nThe council approved the new budget on Thursday after\na debate that lasted most of the afternoon.\n", CancellationToken.None);

        Assert.Equal(["Home", "News", "The council approved the new budget on Thursday after a debate that lasted most of the afternoon."], blocks.Select(b => b.Text));
    }
}
