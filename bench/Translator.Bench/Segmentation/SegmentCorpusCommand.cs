using System.Globalization;
using System.Text;
using Translator.Testing;

namespace Translator.Bench.Segmentation;

/// <summary>Writes the deterministic news corpus the segmentation benchmark runs on (kept out of git).</summary>
internal sealed class SegmentCorpusCommand : IBenchCommand
{
    public string Usage => "OUT [MB]  write OUT: deterministic news paragraphs separated by blank lines (default 8 MB)";

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length is < 1 or > 2)
        {
            Console.Error.WriteLine($"usage: segment-corpus {Usage}");
            return 2;
        }
        var target = (args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8) * 1_000_000L;
        var writer = new StreamWriter(args[0], append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await using (writer.ConfigureAwait(false))
        {
            long written = 0;
            foreach (var paragraph in NewsCorpus.Paragraphs(seed: 2024))
            {
                if (written >= target)
                {
                    break;
                }
                await writer.WriteAsync(paragraph + "\n\n").ConfigureAwait(false);
                written += Encoding.UTF8.GetByteCount(paragraph) + 2;
            }
        }
        Console.WriteLine(args[0]);
        return 0;
    }
}
