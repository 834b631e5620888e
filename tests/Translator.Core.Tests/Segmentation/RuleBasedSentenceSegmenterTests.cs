using Translator.Core.Segmentation;
using Translator.Testing;
using Xunit;

namespace Translator.Core.Tests.Segmentation;

/// <summary>News-copy cases for each hazard named in the issue; expected sentences are separated by " | ".</summary>
public sealed class RuleBasedSentenceSegmenterTests
{
    private readonly RuleBasedSentenceSegmenter segmenter = new();

    [Theory]
    // Titles and ranks.
    [InlineData("en", "Navy Adm. Kim Myong Sik said so. Lt. Col. Ann Park and Sgt. Lee agreed.", "Navy Adm. Kim Myong Sik said so. | Lt. Col. Ann Park and Sgt. Lee agreed.")]
    [InlineData("en", "Gov. Ron Baker met Sen. Jo Ito, Rep. Al Ruiz and the Rev. Tim Cho at St. Paul's.", "Gov. Ron Baker met Sen. Jo Ito, Rep. Al Ruiz and the Rev. Tim Cho at St. Paul's.")]
    [InlineData("en", "Mr. Moon and Dr. Ha spoke. Gen. Ward did not.", "Mr. Moon and Dr. Ha spoke. | Gen. Ward did not.")]
    // Initialisms: inside a sentence, and really ending one.
    [InlineData("en", "A U.S. State Department envoy flew to the U.K. and the E.U. summit in Washington, D.C. on Friday.", "A U.S. State Department envoy flew to the U.K. and the E.U. summit in Washington, D.C. on Friday.")]
    [InlineData("en", "The family moved to the U.S. He said the U.N. Security Council would meet.", "The family moved to the U.S. | He said the U.N. Security Council would meet.")]
    // Months, days, times, numbers.
    [InlineData("en", "The talks began Sept. 12 and end Tues. at 9 a.m. local time. Officials did not comment.", "The talks began Sept. 12 and end Tues. at 9 a.m. local time. | Officials did not comment.")]
    [InlineData("en", "It ranked No. 1 in Jan. 2024. It fell in Feb.", "It ranked No. 1 in Jan. 2024. | It fell in Feb.")]
    [InlineData("en", "The plane landed at 10:30 p.m. The crew was safe.", "The plane landed at 10:30 p.m. | The crew was safe.")]
    // Initials versus Korean names.
    [InlineData("en", "J. R. R. Tolkien wrote it. Kim Jong Un read it. K. Jong did not.", "J. R. R. Tolkien wrote it. | Kim Jong Un read it. | K. Jong did not.")]
    // Decimals, prices, model names, domains and addresses.
    [InlineData("en", "Inflation rose 3.5% to a $1.2 billion gap. The An-148 was tracked by FlightRadar24.com. Write to desk@example.org for details.", "Inflation rose 3.5% to a $1.2 billion gap. | The An-148 was tracked by FlightRadar24.com. | Write to desk@example.org for details.")]
    [InlineData("en", "Version 2.0.1 shipped. See https://news.example.com/a.b?c=1. Then it crashed.", "Version 2.0.1 shipped. | See https://news.example.com/a.b?c=1. | Then it crashed.")]
    // Ellipses.
    [InlineData("en", "He paused… Then he left. She waited... and waited.", "He paused… | Then he left. | She waited... and waited.")]
    // Quotations and parentheses closing after the terminal.
    [InlineData("en", "\"We will respond,\" he told a briefing. \"It is over.\" Then he left.", "\"We will respond,\" he told a briefing. | \"It is over.\" | Then he left.")]
    [InlineData("en", "He spoke at a briefing.” Then “Nobody knows,” she said. (The ministry declined to comment.) Talks resume Monday.", "He spoke at a briefing.” | Then “Nobody knows,” she said. | (The ministry declined to comment.) | Talks resume Monday.")]
    [InlineData("en", "\"Why now?\" asked one official. 'Because,' said another.", "\"Why now?\" asked one official. | 'Because,' said another.")]
    // Sentences starting with digits, quotes or lower case brands.
    [InlineData("en", "Casualties rose. 24 people died. iPhone sales fell. eBay said nothing.", "Casualties rose. | 24 people died. | iPhone sales fell. | eBay said nothing.")]
    // Lists and headlines without a final stop.
    [InlineData("en", "The demands:\n- a ceasefire\n- aid access", "The demands: | - a ceasefire | - aid access")]
    [InlineData("en", "North Korea fires missile toward Japan", "North Korea fires missile toward Japan")]
    // Dateline leads.
    [InlineData("en", "SEOUL, South Korea (AP) — North Korea fired a missile on Tuesday, the South's military said. Japan protested.", "SEOUL, South Korea (AP) — North Korea fired a missile on Tuesday, the South's military said. | Japan protested.")]
    // Other Latin-script languages use the English rules.
    [InlineData("fr-FR", "Le président a parlé. Il est parti!", "Le président a parlé. | Il est parti!")]
    // Russian.
    [InlineData("ru", "В. В. Путин прибыл в г. Москва, т. е. в столицу. Он выступил на ул. Тверской.", "В. В. Путин прибыл в г. Москва, т. е. в столицу. | Он выступил на ул. Тверской.")]
    [InlineData("ru", "Это было в 1999 г. Затем всё изменилось. Дома, машины и т. д. Всё сгорело.", "Это было в 1999 г. | Затем всё изменилось. | Дома, машины и т. д. | Всё сгорело.")]
    [InlineData("ru-RU", "«Мы готовы», — сказал он. «Когда?» — спросили его. Музей им. Пушкина открыт.", "«Мы готовы», — сказал он. | «Когда?» — спросили его. | Музей им. Пушкина открыт.")]
    [InlineData("ru", "Рост составил 3,5 % в 2020–2021 гг. Инфляция снизилась! Почему?", "Рост составил 3,5 % в 2020–2021 гг. | Инфляция снизилась! | Почему?")]
    // Japanese.
    [InlineData("ja", "北朝鮮がミサイルを発射した。日本政府は抗議した！本当か？", "北朝鮮がミサイルを発射した。 | 日本政府は抗議した！ | 本当か？")]
    [InlineData("ja", "彼は「準備はできた。いつでも行く。」と述べた。会見は終わった。", "彼は「準備はできた。いつでも行く。」と述べた。 | 会見は終わった。")]
    [InlineData("ja-JP", "『終わりだ。』彼はそう言った。価格は3.5%上昇した。", "『終わりだ。』 | 彼はそう言った。 | 価格は3.5%上昇した。")]
    // Korean.
    [InlineData("ko", "북한이 미사일을 발사했다. 합참은 이를 확인했다! 왜 지금인가?", "북한이 미사일을 발사했다. | 합참은 이를 확인했다! | 왜 지금인가?")]
    [InlineData("ko-KR", "그는 \"곧 가겠다.\"고 말했다. 미국은 U.S. 국무부를 통해 3.5% 인상을 발표했다.", "그는 \"곧 가겠다.\"고 말했다. | 미국은 U.S. 국무부를 통해 3.5% 인상을 발표했다.")]
    public void Split_NewsCopy_ReturnsExpectedSentences(string language, string paragraph, string expected)
    {
        var spans = segmenter.Split(paragraph, language);

        SegmentationAssert.Reassembles(paragraph, spans);
        Assert.Equal(expected.Split(" | "), SegmentationAssert.Texts(paragraph, spans));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Split_BlankParagraph_ReturnsNoSpans(string paragraph) => Assert.Empty(segmenter.Split(paragraph, "en"));

    [Fact]
    public void Split_SharedSamplesAndGeneratedParagraphs_ReassembleExactly()
    {
        var samples = Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "samples"), "*.txt");
        Assert.NotEmpty(samples);
        var paragraphs = samples
            .SelectMany(f => File.ReadAllText(f).Split(["\n\n", "\r\n\r\n"], StringSplitOptions.None))
            .Concat(NewsCorpus.Paragraphs(seed: 7).Take(2_000))
            .ToList();
        var languages = new[] { "en", "ru", "ja", "ko" };
        var multiSentence = 0;
        foreach (var paragraph in paragraphs)
        {
            foreach (var language in languages)
            {
                var spans = segmenter.Split(paragraph, language);
                SegmentationAssert.Reassembles(paragraph, spans);
                multiSentence += spans.Count > 1 ? 1 : 0;
            }
        }
        Assert.True(multiSentence > paragraphs.Count, "the property must be exercised on paragraphs that actually split");
    }
}
