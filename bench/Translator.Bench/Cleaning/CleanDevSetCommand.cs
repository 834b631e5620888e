using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Translator.Cleaning;
using Translator.Core.Cleaning;
using Translator.Testing;

namespace Translator.Bench.Cleaning;

/// <summary>
/// Runs the article-extraction development set (../shared/cleaning/benchmark-dev) through the cleaner, as HTML
/// and as flattened text, and scores it with the benchmark's own metric: per page, precision and recall of
/// word 4-shingles (multiset, normalised so every page weighs the same), averaged over pages; F1 from the means.
/// The anchors' figures are read from the set's README and printed beside ours.
/// </summary>
internal sealed partial class CleanDevSetCommand : IBenchCommand
{
    private const int ShingleSize = 4;

    public string Usage => "[--pages] [--output DIR]  F1/P/R of the cleaner on the extraction development set (HTML and text); DIR gets the outputs in the scorer's format (DIR/dropped: every dropped block with its reason)";

    public Task<int> RunAsync(string[] args)
    {
        var verbose = args.Contains("--pages");
        var outputAt = Array.IndexOf(args, "--output");
        var outputDir = outputAt >= 0 && outputAt + 1 < args.Length ? args[outputAt + 1] : null;
        var dir = Path.Combine(BenchPaths.Shared, "cleaning", "benchmark-dev");
        var truth = ReadBodies(Path.Combine(dir, "ground-truth.json"));
        var flattened = ReadBodies(Path.Combine(dir, "flattened-text.json"));
        var keys = truth.Keys.Order(StringComparer.Ordinal).ToArray();
        var html = keys.ToDictionary(k => k, k => ReadGzip(Path.Combine(dir, "html", k + ".html.gz")));
        var cleaner = new ArticleCleaner();

        Console.WriteLine($"development set: {keys.Length} pages, {html.Values.Sum(h => h.Length) / keys.Length / 1024} K characters of HTML per page on average");
        Console.WriteLine();
        Console.WriteLine("| extractor | F1 | P | R | pages refused or empty | CPU ms per page |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var anchor in Anchors(Path.Combine(BenchPaths.Shared, "cleaning", "README.md")))
        {
            Console.WriteLine(anchor);
        }
        Score("this cleaner, HTML", RawArticleFormat.Html, html);
        Score("this cleaner, flattened text", RawArticleFormat.Text, flattened);
        SyndicatedCopies(cleaner);
        return Task.FromResult(0);

        void Score(string name, RawArticleFormat format, IReadOnlyDictionary<string, string> input)
        {
            var perPage = new List<(string Key, double P, double R, bool HasP, bool HasR)>();
            var outputs = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            var dropped = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var empty = 0;
            var process = Process.GetCurrentProcess();
            var cpu = TimeSpan.Zero;
            foreach (var key in keys)
            {
                process.Refresh();
                var before = process.TotalProcessorTime;
                var cleaned = cleaner.Clean(new RawArticle(format, input[key]), CancellationToken.None);
                process.Refresh();
                cpu += process.TotalProcessorTime - before;
                var body = string.Join("\n\n", cleaned.Paragraphs);
                outputs[key] = new Dictionary<string, string>(StringComparer.Ordinal) { ["articleBody"] = body };
                dropped[key] = cleaned.Dropped.Select(d => $"{d.Reason}\t{d.Text}").ToArray();
                empty += cleaned.Paragraphs.Count == 0 ? 1 : 0;
                var (tp, fp, fn) = Match(truth[key], body);
                perPage.Add((key, tp / Math.Max(tp + fp, 1e-12), tp / Math.Max(tp + fn, 1e-12), tp + fp > 0, tp + fn > 0));
                if (verbose)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{format} {key[..12]} P {perPage[^1].P:F3} R {perPage[^1].R:F3}"));
                }
            }
            if (outputDir is not null)
            {
                Directory.CreateDirectory(outputDir);
                File.WriteAllText(Path.Combine(outputDir, $"{format.ToString().ToLowerInvariant()}.json"), JsonSerializer.Serialize(outputs));
                // In a folder of its own: the scorer reads every JSON file beside the outputs as one.
                Directory.CreateDirectory(Path.Combine(outputDir, "dropped"));
                File.WriteAllText(Path.Combine(outputDir, "dropped", $"{format.ToString().ToLowerInvariant()}.json"), JsonSerializer.Serialize(dropped));
            }
            var p = perPage.Where(x => x.HasP).Average(x => x.P);
            var r = perPage.Where(x => x.HasR).Average(x => x.R);
            var f1 = 2 * p * r / (p + r);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {f1:F3} | {p:F3} | {r:F3} | {empty} | {cpu.TotalMilliseconds / keys.Length:F1} |"));
        }
    }

    /// <summary>
    /// The syndicated copies in bench/corpus are stories as outlets print them (headline line, then paragraphs):
    /// cleaned as flattened text, every paragraph must come back whole and nothing else, the headline as title.
    /// Runs of spaces count as one: the cleaner collapses them.
    /// </summary>
    private static void SyndicatedCopies(ArticleCleaner cleaner)
    {
        Console.WriteLine();
        Console.WriteLine("| syndicated copy (bench/corpus) | paragraphs | precision | recall | title |");
        Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "bench", "corpus", "syndicated"), "*.txt").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file).Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).Where(l => l.Length > 0).ToArray();
            var cleaned = cleaner.Clean(new RawArticle(RawArticleFormat.Text, File.ReadAllText(file)), CancellationToken.None);
            var expected = lines[1..].ToHashSet(StringComparer.Ordinal);
            var right = cleaned.Paragraphs.Count(expected.Contains);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Path.GetFileName(file)} | {expected.Count} | {(double)right / Math.Max(1, cleaned.Paragraphs.Count):F3} | {(double)right / expected.Count:F3} | {(cleaned.Title == lines[0] ? "right" : "WRONG")} |"));
        }
    }

    /// <summary>The benchmark's shingle matching: counts are compared per shingle, then normalised by their sum.</summary>
    private static (double Tp, double Fp, double Fn) Match(string truth, string prediction)
    {
        var expected = Shingles(truth);
        var predicted = Shingles(prediction);
        double tp = 0, fp = 0, fn = 0;
        foreach (var key in expected.Keys.Union(predicted.Keys))
        {
            var t = expected.GetValueOrDefault(key);
            var p = predicted.GetValueOrDefault(key);
            tp += Math.Min(t, p);
            fp += Math.Max(0, p - t);
            fn += Math.Max(0, t - p);
        }
        var sum = tp + fp + fn;
        if (sum == 0)
        {
            // Both empty: the scorer counts it as perfect.
            return (1, 0, 0);
        }
        return (tp / sum, fp / sum, fn / sum);
    }

    private static Dictionary<string, int> Shingles(string text)
    {
        var tokens = Word().Matches(text).Select(m => m.Value).ToArray();
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        // Like the scorer, a text shorter than a shingle is one shorter shingle.
        for (var i = 0; i < Math.Max(1, tokens.Length - ShingleSize + 1); i++)
        {
            var shingle = string.Join('\u0001', tokens.Skip(i).Take(ShingleSize));
            if (shingle.Length > 0)
            {
                result[shingle] = result.GetValueOrDefault(shingle) + 1;
            }
        }
        return result;
    }

    private static Dictionary<string, string> ReadBodies(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        return json.RootElement.EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.TryGetProperty("articleBody", out var body) ? body.GetString() ?? "" : "", StringComparer.Ordinal);
    }

    private static string ReadGzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The README's table rows (extractor | F1 | P | R), with blank cells for the columns we add.</summary>
    private static IEnumerable<string> Anchors(string readme) =>
        File.ReadLines(readme)
            .Where(l => l.StartsWith('|') && !l.StartsWith("| ---", StringComparison.Ordinal) && !l.StartsWith("| extractor", StringComparison.Ordinal))
            .Select(l => l.TrimEnd() + "  |  |");

    // Python's \w in the scorer: letters, digits and underscore in any script.
    [GeneratedRegex(@"[\p{L}\p{N}_]+")]
    private static partial Regex Word();
}
