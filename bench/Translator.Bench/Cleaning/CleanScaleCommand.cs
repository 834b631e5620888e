using System.Diagnostics;
using System.Globalization;
using System.Text;
using Translator.Cleaning;
using Translator.Core.Cleaning;

namespace Translator.Bench.Cleaning;

/// <summary>
/// Clean time against page size, on generated pages that stress the cleaner: the 24,000-item list page of
/// issue 11/17, and pages of 1.25, 2.5 and 5 MB (a real-looking story inside ever more menus, teasers and
/// comments), as HTML and as flattened text. Linear work shows as a flat ms-per-MB column. Then how long a
/// cleaning call runs on after its token is cancelled.
/// </summary>
internal sealed class CleanScaleCommand : IBenchCommand
{
    private const string Story =
        "The regional council approved the new budget on Thursday after a debate that lasted for most of the afternoon, "
        + "and opposition members said the plan would leave too little money for the repair of rural roads and bridges.";

    public string Usage => "[--runs N]  clean time vs page size (24,000-item list, 1.25-5 MB pages) and cancellation latency";

    public Task<int> RunAsync(string[] args)
    {
        var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var cleaner = new ArticleCleaner();
        Console.WriteLine($"best of {runs} runs per page, one thread; process CPU time (JIT and GC threads included) and wall clock");
        Console.WriteLine();
        Console.WriteLine("| page | format | size (MB, UTF-8) | CPU ms | CPU ms per MB | wall ms | paragraphs kept |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        Measure("24,000-item list", RawArticleFormat.Html, ListPage(24_000, html: true));
        Measure("24,000-item list", RawArticleFormat.Text, ListPage(24_000, html: false));
        foreach (var mb in new[] { 1.25, 2.5, 5.0 })
        {
            Measure($"story in furniture, {mb} MB", RawArticleFormat.Html, BusyPage(mb, html: true));
            Measure($"story in furniture, {mb} MB", RawArticleFormat.Text, BusyPage(mb, html: false));
        }
        Measure("one deep nest, 100,000 levels", RawArticleFormat.Html, string.Concat(Enumerable.Repeat("<div>", 100_000)) + "<p>" + Story + "</p>");

        Console.WriteLine();
        Console.WriteLine("| 5 MB page, cancelled after | format | ms from cancel to OperationCanceledException (worst of runs) |");
        Console.WriteLine("| ---: | --- | ---: |");
        foreach (var format in new[] { RawArticleFormat.Html, RawArticleFormat.Text })
        {
            var page = new RawArticle(format, BusyPage(5, format == RawArticleFormat.Html));
            foreach (var after in new[] { 20, 100, 300 })
            {
                var worst = 0.0;
                for (var r = 0; r < runs; r++)
                {
                    using var cts = new CancellationTokenSource();
                    long cancelledAt = 0;
                    using var registration = cts.Token.Register(() => cancelledAt = Stopwatch.GetTimestamp());
                    cts.CancelAfter(after);
                    try
                    {
                        cleaner.Clean(page, cts.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        worst = Math.Max(worst, Stopwatch.GetElapsedTime(cancelledAt).TotalMilliseconds);
                    }
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {after} ms | {format} | {worst:F1} |"));
            }
        }
        return Task.FromResult(0);

        void Measure(string name, RawArticleFormat format, string body)
        {
            var page = new RawArticle(format, body);
            double best = double.MaxValue, bestWall = double.MaxValue;
            var kept = 0;
            var process = Process.GetCurrentProcess();
            for (var r = 0; r < runs; r++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                kept = cleaner.Clean(page, CancellationToken.None).Paragraphs.Count;
                bestWall = Math.Min(bestWall, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                process.Refresh();
                best = Math.Min(best, (process.TotalProcessorTime - cpu).TotalMilliseconds);
            }
            var mb = Encoding.UTF8.GetByteCount(body) / (1024.0 * 1024);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {format} | {mb:F2} | {best:F0} | {best / mb:F0} | {bestWall:F0} | {kept} |"));
        }
    }

    /// <summary>A page that is nothing but a list of short links, the shape that was quadratic.</summary>
    private static string ListPage(int items, bool html)
    {
        var page = new StringBuilder(html ? "<html><body><ul>" : "");
        for (var i = 0; i < items; i++)
        {
            page.Append(html ? "<li>item " : "item ").Append(i).Append(html ? "</li>" : "\n");
        }
        return page.Append(html ? "</ul></body></html>" : "").ToString();
    }

    /// <summary>A story of ten paragraphs inside menus, teaser boxes and comment threads, grown to the size asked.</summary>
    private static string BusyPage(double megabytes, bool html)
    {
        var target = (int)(megabytes * 1024 * 1024);
        var page = new StringBuilder(target + 4096);
        page.Append(html ? "<html><head><title>Council passes budget | Valley Times</title></head><body><main><article><h1>Council passes budget</h1>" : "Council passes budget | Valley Times\n\nCouncil passes budget\n\n");
        for (var i = 0; i < 10; i++)
        {
            page.Append(html ? "<p>" : "").Append(Story).Append(html ? "</p>" : "\n\n");
        }
        page.Append(html ? "</article></main>" : "");
        for (var block = 0; page.Length < target; block++)
        {
            page.Append(html ? "<nav><ul>" : "");
            for (var i = 0; i < 20; i++)
            {
                page.Append(html ? "<li><a href=\"/s\">Section " : "Section ").Append(i).Append(html ? "</a></li>" : "\n");
            }
            page.Append(html ? "</ul></nav><div class=\"comments\">" : "\n");
            for (var i = 0; i < 5; i++)
            {
                page.Append(html ? "<div class=\"comment\"><p>" : "").Append("Reader ").Append(block).Append(" wrote: ").Append(Story).Append(html ? "</p></div>" : "\n");
            }
            page.Append(html ? "</div>" : "\n");
        }
        return page.Append(html ? "</body></html>" : "").ToString();
    }
}
