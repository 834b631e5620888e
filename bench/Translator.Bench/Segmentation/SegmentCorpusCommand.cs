using System.Text;

namespace Translator.Bench.Segmentation;

/// <summary>
/// Writes a deterministic corpus of news-like paragraphs (the hard cases the segmenter must get right,
/// mixed with plain wire sentences) of the requested size, for the throughput comparison.
/// </summary>
internal sealed class SegmentCorpusCommand : IBenchCommand
{
    private static readonly string[] Sentences =
    [
        "North Korea fired a ballistic missile into the sea off its east coast on Tuesday, South Korea's military said.",
        "Navy Adm. Kim Myong Sik attended the launch with Lt. Col. Pak Jong Chon.",
        "The U.S. State Department said it was consulting closely with allies.",
        "He later moved to the U.S. He said he never looked back.",
        "Exports rose 3.5% to $1.2 billion in the first quarter, the ministry said.",
        "The summit was held on Sept. 13 at the Vostochny spaceport in Russia's Far East.",
        "\"We will respond firmly,\" the ministry said in a statement carried by KCNA.",
        "Officials called it \"a routine briefing.\" Then they left without taking questions.",
        "Tracking data from FlightRadar24.com showed the Air Koryo An-148 landing in Vladivostok.",
        "The missile was launched at 7:10 a.m. local time and flew about 600 kilometers.",
        "Kim Jong Un's sister, Kim Yo Jong, issued a separate statement late on Monday.",
        "Talks in Washington, D.C. on Friday ended without an agreement.",
        "He is the No. 2 official in the ruling party's secretariat.",
        "Choe Son Hui, the foreign minister, met Sergei Lavrov for two hours.",
        "Analysts said the timing was not a coincidence.",
        "Why now? Because the window is closing, one former official said.",
        "The Unification Ministry in Seoul declined to comment on the report.",
        "Samsung Electronics Co. shares rose 2.1 percent in early trading.",
    ];

    public string Usage => "OUT [MEGABYTES]  write a deterministic news-paragraph corpus for `segment`";

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine($"usage: segment-corpus {Usage}");
            return 2;
        }
        var target = (args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8) * 1_000_000;
        var random = new Random(20261123);
        var corpus = new StringBuilder(target + 1024);
        while (corpus.Length < target)
        {
            var count = random.Next(1, 6);
            for (var i = 0; i < count; i++)
            {
                corpus.Append(Sentences[random.Next(Sentences.Length)]).Append(i + 1 < count ? " " : "\n\n");
            }
        }
        await File.WriteAllTextAsync(args[0], corpus.ToString());
        Console.WriteLine($"wrote {Encoding.UTF8.GetByteCount(corpus.ToString()) / 1e6:F1} MB to {args[0]}");
        return 0;
    }
}
