using System.Security.Cryptography;
using System.Text;
using Translator.Core.Cleaning;
using Translator.Testing;

namespace Translator.Cleaning.Tests.Samples;

/// <summary>
/// The two shared wire copies (copied into <c>tests/Fixtures/samples</c>) must come out exactly as the story:
/// each expected paragraph is pinned by its first and last words, and the whole body by a SHA-256 of the
/// paragraphs joined with newlines.
/// </summary>
public class SharedSampleTests
{
    [Fact]
    public void Clean_TabloidCopy_ReturnsExactlyTheStoryParagraphs()
    {
        var result = Clean("wire-copy-tabloid.txt");

        Assert.Equal("Kim Jong-un arrives in Russia in heavily armoured train to meet Putin", result.Title);
        AssertParagraphs(result, "2513df40c8adbdf4f11b4f752585f8f6d731ef9ad5bee6adf2735961b4e1a6a3",
        [
            ("North Korean dictator", "with Vladimir Putin."),
            ("Aboard the infamous", "stopping at Ussuriysk."),
            ("Unlike other official", "going to happen."),
            ("It had been", "a different direction."),
            ("Kim is expected", "war in Ukraine."),
            ("North Korea’s official", "government and military."),
            ("After decades of", "Ukraine in 2022."),
            ("The bond has", "of diplomatic isolation."),
            ("South Korea’s military", "obtained the information."),
            ("Later on Tuesday,", "north of Vladivostok."),
            ("Officials identified in", "willing to give."),
            ("Kim is apparently", "Korea’s Unification Ministry."),
            ("North Korea may", "Ukraine, analysts say."),
            ("Also identified in", "ballistic missile submarines."),
            ("Experts say North", "such sensitive technologies."),
            ("Kim Jong Un", "Russian news agencies."),
            ("Kim’s delegation also", "Pak Jong Chon."),
            ("Putin arrived in", "north of Pyongyang."),
            ("Peskov said Putin", "in Kim’s honour."),
            ("Kim is making", "than three years."),
        ]);
        Assert.Contains(result.Dropped, d => d.Reason == DropReason.Teaser && d.Text.StartsWith("READ MORE", StringComparison.Ordinal));
        Assert.Contains(result.Dropped, d => d.Reason == DropReason.Boilerplate && d.Text.StartsWith("We use your sign-up", StringComparison.Ordinal));
    }

    [Fact]
    public void Clean_ObserverCopy_ReturnsExactlyTheStoryParagraphs()
    {
        var result = Clean("wire-copy-observer.txt");

        Assert.Equal("North Korea’s Kim is in Russia to meet Putin, as both are locked in standoffs with the West", result.Title);
        Assert.Equal("SEOUL, South Korea (AP)", result.Dateline);
        Assert.Equal("September 12, 2023", result.PublicationDate);
        AssertParagraphs(result, "de00220c2e7f7b26f26148035abc3e253598c67a7e5c26b44cf8539990dd4c38",
        [
            ("SEOUL, South Korea", "with the West."),
            ("Kim is expected", "war in Ukraine."),
            ("This meeting is", "war has drained."),
            ("Any arms deal", "in the past."),
            ("North Korea’s official", "government and military."),
            ("His final destination", "an economic forum."),
            ("But Kremlin spokesman", "ethnic Korean population."),
            ("Kim is apparently", "according to Peskov."),
            ("Kim is making", "Ukraine in 2022."),
        ]);
        Assert.Contains(result.Dropped, d => d.Reason == DropReason.Caption && d.Text.EndsWith("(AP Photo/Ng Han Guan)", StringComparison.Ordinal));
        Assert.Contains(result.Dropped, d => d.Reason == DropReason.RepeatedTitle);
    }

    private static CleanedArticle Clean(string sample)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "samples", sample));
        return new ArticleCleaner().Clean(new RawArticle(RawArticleFormat.Text, text), CancellationToken.None);
    }

    private static void AssertParagraphs(CleanedArticle result, string sha256, (string First, string Last)[] expected)
    {
        Assert.Equal(expected.Length, result.Paragraphs.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i].First + " ", result.Paragraphs[i], StringComparison.Ordinal);
            Assert.EndsWith(" " + expected[i].Last, result.Paragraphs[i], StringComparison.Ordinal);
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', result.Paragraphs))));
        Assert.Equal(sha256, hash);
    }
}
