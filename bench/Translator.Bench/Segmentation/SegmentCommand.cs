using System.Diagnostics;
using System.Globalization;
using Translator.Core.Segmentation;

namespace Translator.Bench.Segmentation;

/// <summary>Segments a file of blank-line-separated paragraphs repeatedly and reports throughput.</summary>
internal sealed class SegmentCommand : IBenchCommand
{
    private static readonly TimeSpan MeasureFor = TimeSpan.FromSeconds(5);

    public string Usage => "FILE [LANGUAGE]  sentence-segment FILE (paragraphs split by blank lines); last line is MB/s";

    public Task<int> RunAsync(string[] args)
    {
        if (args.Length is < 1 or > 2)
        {
            Console.Error.WriteLine($"usage: segment {Usage}");
            return Task.FromResult(2);
        }
        var language = args.Length == 2 ? args[1] : "en";
        var bytes = new FileInfo(args[0]).Length;
        var paragraphs = SplitParagraphs(File.ReadAllText(args[0]));
        var segmenter = new RuleBasedSentenceSegmenter();

        // Warm-up lets tiered JIT reach its optimised code before the clock starts.
        var sentences = Pass(segmenter, paragraphs, language);
        Pass(segmenter, paragraphs, language);

        var passes = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < MeasureFor)
        {
            Pass(segmenter, paragraphs, language);
            passes++;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var mbPerSecond = bytes * (double)passes / seconds / 1_000_000;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"file: {bytes / 1_000_000.0:F2} MB, {paragraphs.Length} paragraphs, {sentences} sentences, {passes} passes in {seconds:F2} s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mbPerSecond:F1} MB/s"));
        return Task.FromResult(0);
    }

    internal static string[] SplitParagraphs(string text) =>
        text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int Pass(RuleBasedSentenceSegmenter segmenter, string[] paragraphs, string language)
    {
        var count = 0;
        foreach (var paragraph in paragraphs)
        {
            count += segmenter.Split(paragraph, language).Count;
        }
        return count;
    }
}
