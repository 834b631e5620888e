using System.Diagnostics;
using System.Text;
using Translator.Core.Segmentation;

namespace Translator.Bench.Segmentation;

/// <summary>
/// Segments every paragraph of a file (paragraphs separated by blank lines) repeatedly for a few seconds
/// and prints the throughput in MB/s of UTF-8 input on its last line.
/// </summary>
internal sealed class SegmentCommand : IBenchCommand
{
    public string Usage => "FILE [LANG] [SECONDS]  sentence segmentation throughput (MB/s on the last line)";

    public Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine($"usage: segment {Usage}");
            return Task.FromResult(2);
        }
        var language = args.Length > 1 ? args[1] : "en";
        var seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var text = File.ReadAllText(args[0]);
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var megabytes = Encoding.UTF8.GetByteCount(text) / 1e6;
        ISentenceSegmenter segmenter = new RuleBasedSentenceSegmenter();

        var sentences = Pass(segmenter, paragraphs, language); // warm-up, and the count to report
        var passes = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Pass(segmenter, paragraphs, language);
            passes++;
        }
        var rate = megabytes * passes / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"file: {args[0]} ({megabytes:F2} MB, {paragraphs.Length} paragraphs, {sentences} sentences), language {language}");
        Console.WriteLine($"passes: {passes} in {clock.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"translator segmenter: {rate:F1} MB/s");
        return Task.FromResult(0);
    }

    private static int Pass(ISentenceSegmenter segmenter, string[] paragraphs, string language)
    {
        var count = 0;
        foreach (var paragraph in paragraphs)
        {
            count += segmenter.Split(paragraph, language).Count;
        }
        return count;
    }
}
