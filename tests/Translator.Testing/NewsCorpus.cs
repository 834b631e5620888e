using System.Text;

namespace Translator.Testing;

/// <summary>
/// Deterministic news-like paragraphs built from hazard-laden sentence parts (titles, initialisms,
/// prices, quotes, datelines), for the reassembly property test and the segmentation benchmark.
/// </summary>
public static class NewsCorpus
{
    private static readonly string[] Subjects =
    [
        "Navy Adm. Kim Myong Sik", "Lt. Col. Ann Park", "Sen. Maria Lopez", "the U.S. State Department",
        "Gov. J. R. Baker", "Dr. Lee Hyun-woo", "the U.N. Security Council", "Mr. Tanaka", "officials in Washington, D.C.",
        "the company's chief executive", "Rep. Tom O'Neill", "Sgt. First Class Diaz", "Prof. Elena Petrova",
    ];

    private static readonly string[] Verbs =
    [
        "said on Tues.", "told reporters at 9 a.m.", "announced a $1.2 billion plan", "warned of a 3.5% drop",
        "confirmed the An-148 was tracked by FlightRadar24.com", "declined to comment", "met envoys from the E.U.",
        "signed the No. 2 agreement on Sept. 12", "wrote to press@example.org", "visited St. Louis",
    ];

    private static readonly string[] Tails =
    [
        "after talks in the U.K.", "despite criticism", "according to a statement", "in a rare move",
        "(the ministry called it routine.)", "as markets fell 2.1 percent", "citing security concerns", "",
    ];

    private static readonly string[] Quotes =
    [
        "\"We will respond firmly,\" he told a briefing.", "“Nobody expected this,” she said.",
        "\"Why now?\" asked one lawmaker.", "'It is over,' an aide said.",
    ];

    private static readonly string[] Datelines = ["SEOUL, South Korea (AP) — ", "WASHINGTON (Reuters) — ", "TOKYO — ", ""];

    /// <summary>An endless, repeatable sequence of paragraphs for <paramref name="seed"/>.</summary>
    public static IEnumerable<string> Paragraphs(int seed)
    {
#pragma warning disable CA5394 // Reproducible test data, not security.
        var random = new Random(seed);
        var builder = new StringBuilder();
        while (true)
        {
            builder.Clear();
            builder.Append(Datelines[random.Next(Datelines.Length)]);
            var sentences = random.Next(2, 7);
            for (var s = 0; s < sentences; s++)
            {
                if (s > 0)
                {
                    builder.Append(' ');
                }
                if (random.Next(5) == 0)
                {
                    builder.Append(Quotes[random.Next(Quotes.Length)]);
                    continue;
                }
                var subject = Subjects[random.Next(Subjects.Length)];
                builder.Append(Capitalise(subject))
                    .Append(' ').Append(Verbs[random.Next(Verbs.Length)]);
                var tail = Tails[random.Next(Tails.Length)];
                if (tail.Length > 0)
                {
                    builder.Append(' ').Append(tail);
                }
                if (!tail.EndsWith(".)", StringComparison.Ordinal))
                {
                    builder.Append(random.Next(10) == 0 ? "!" : ".");
                }
            }
            yield return builder.ToString();
        }
#pragma warning restore CA5394
    }

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
