using System.Text;
using Translator.Core.Cleaning;

namespace Translator.Cleaning.Tests.Safety;

/// <summary>A call whose client has gone stops cleaning: the work on a page of megabytes does not run on.</summary>
public class CancellationTests
{
    private const string Paragraph =
        "The regional council approved the new budget on Thursday after a debate that lasted for most of the afternoon.";

    [Theory]
    [InlineData(RawArticleFormat.Html)]
    [InlineData(RawArticleFormat.Text)]
    public void Clean_AlreadyCancelled_Throws(RawArticleFormat format)
    {
        var page = new RawArticle(format, Page(format, 1000));

        Assert.ThrowsAny<OperationCanceledException>(() => new ArticleCleaner().Clean(page, new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData(RawArticleFormat.Html)]
    [InlineData(RawArticleFormat.Text)]
    public void Clean_CancelledWhileCleaningAFiveMegabytePage_StopsWithTheCancellation(RawArticleFormat format)
    {
        var page = new RawArticle(format, Page(format, 5 * 1024 * 1024));
        var cleaner = new ArticleCleaner();
        using var cts = new CancellationTokenSource();

        // The client gives up 20 ms into the call, while the cleaner is at work (a 5 MB page takes far longer): a
        // cleaner that did not watch the token would finish and return. The canceller is a thread of its own, not a
        // timer, whose callback waits for a pool thread that the suite's parallel tests may all be holding. How soon
        // the cleaner stops is measured by the clean-scale bench (bench/results/cleaning.md), not here: a
        // wall-clock bound in a unit test fails on a loaded machine.
        var client = new Thread(() =>
        {
            Thread.Sleep(20);
            cts.Cancel();
        });
        client.Start();
        Assert.ThrowsAny<OperationCanceledException>(() => cleaner.Clean(page, cts.Token));
        client.Join();
    }

    private static string Page(RawArticleFormat format, int bytes)
    {
        var page = new StringBuilder(bytes + 1024);
        var i = 0;
        while (page.Length < bytes)
        {
            page.Append(format == RawArticleFormat.Html ? $"<div class=\"c{i % 7}\"><p>{Paragraph}</p><ul><li><a href=\"/s{i}\">Section {i}</a></li></ul></div>" : $"{Paragraph}\nSection {i}\n");
            i++;
        }
        return format == RawArticleFormat.Html ? $"<html><body>{page}</body></html>" : page.ToString();
    }
}
