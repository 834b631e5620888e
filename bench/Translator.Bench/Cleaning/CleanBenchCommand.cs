using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Translator.Cleaning;
using Translator.Core.Cleaning;
using Translator.Testing;

namespace Translator.Bench.Cleaning;

/// <summary>
/// CPU time per KB of page for the article cleaner: the shared wire copies and the repo's labelled pages as
/// flattened text, and the same labelled pages wrapped in typical HTML (nav, article, aside, footer).
/// Process CPU time is measured, so JIT and GC threads count against the cleaner: an upper bound.
/// </summary>
internal sealed class CleanBenchCommand : IBenchCommand
{
    public string Usage => "[--iterations N]  CPU time per KB of page for article cleaning (text and HTML)";

    public Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length == 2 && args[0] == "--iterations" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var cleaner = new ArticleCleaner();
        var fixtures = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "Translator.Cleaning.Tests", "Fixtures"), "*.txt", SearchOption.AllDirectories)
            .Select(f => File.ReadAllText(f).Split("@@@@ EXPECTED @@@@")[0])
            .ToArray();
        var samples = Directory.GetFiles(Path.Combine(RepositoryPaths.Fixtures, "samples"), "*.txt").Select(File.ReadAllText).ToArray();

        Console.WriteLine($"iterations per page: {iterations}");
        Console.WriteLine("| input | pages | KB per page (UTF-8) | CPU µs per page | CPU ms per KB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Measure("shared wire copies (text)", samples.Select(s => new RawArticle(RawArticleFormat.Text, s)).ToArray());
        Measure("labelled pages (text)", fixtures.Select(s => new RawArticle(RawArticleFormat.Text, s)).ToArray());
        Measure("labelled pages (HTML)", fixtures.Select(s => new RawArticle(RawArticleFormat.Html, AsHtml(s))).ToArray());
        return Task.FromResult(0);

        void Measure(string name, RawArticle[] pages)
        {
            foreach (var page in pages)
            {
                cleaner.Clean(page, CancellationToken.None);
            }
            var process = Process.GetCurrentProcess();
            var before = process.TotalProcessorTime;
            for (var i = 0; i < iterations; i++)
            {
                foreach (var page in pages)
                {
                    cleaner.Clean(page, CancellationToken.None);
                }
            }
            process.Refresh();
            var cpu = process.TotalProcessorTime - before;
            var kb = pages.Sum(p => Encoding.UTF8.GetByteCount(p.Body)) / 1024.0;
            var perPageUs = cpu.TotalMicroseconds / (iterations * pages.Length);
            var perKbMs = cpu.TotalMilliseconds / (iterations * kb);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {pages.Length} | {kb / pages.Length:F1} | {perPageUs:F0} | {perKbMs:F3} |"));
        }
    }

    /// <summary>A page the way a CMS renders it: short lines as navigation, the rest as paragraphs in an article.</summary>
    private static string AsHtml(string text)
    {
        var html = new StringBuilder("<!doctype html><html><head><title>Page</title><script>var x = {\"a\": 1};</script></head><body>");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        html.Append("<nav><ul>");
        foreach (var line in lines.TakeWhile(l => l.Length < 30))
        {
            html.Append("<li><a href=\"/s\">").Append(WebUtility.HtmlEncode(line)).Append("</a></li>");
        }
        html.Append("</ul></nav><main><article>");
        foreach (var line in lines.SkipWhile(l => l.Length < 30))
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }
        return html.Append("</article></main><footer><p>© Example</p></footer></body></html>").ToString();
    }
}
