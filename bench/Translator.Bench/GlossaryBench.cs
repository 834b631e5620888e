using System.Diagnostics;
using Translator.Core.Glossary;

namespace Translator.Bench;

/// <summary>
/// Cost of glossary protection per segment (match + mask), since it runs on every segment of every request:
/// the starter glossary and a synthetic 10,000-entry one, on a segment with two names and one with none.
/// </summary>
internal sealed class GlossaryBench : IBenchCommand
{
    private const string WithNames = "Kim Jong Un's train crossed the border at Khasan on Tuesday, the Korean Central News Agency said, after talks with officials in Vladivostok.";
    private const string WithoutNames = "The delegation crossed the border on Tuesday after two days of talks, officials said, and is expected back early next week.";

    public string Usage => "[iterations]  glossary protection cost per segment";

    public Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        var starter = DefaultGlossary.Load();
        var large = starter with
        {
            Entries = [.. starter.Entries, .. Enumerable.Range(0, 10_000 - starter.Entries.Count)
                .Select(i => new GlossaryEntry($"Synthetic Person {i:D5}", [$"Synthetic-Person-{i:D5}"], new Dictionary<string, string> { ["ko"] = $"합성 {i}" }))],
        };
        foreach (var (name, glossary) in new[] { ("starter (23 entries)", starter), ("10,000 entries", large) })
        {
            var compile = Stopwatch.StartNew();
            var matcher = new GlossaryMatcher(glossary);
            compile.Stop();
            Console.WriteLine($"{name}: compile {compile.Elapsed.TotalMilliseconds:F1} ms");
            foreach (var (label, text) in new[] { ("2-4 names", WithNames), ("no names", WithoutNames) })
            {
                Measure(matcher, text, iterations / 10);
                var ns = Measure(matcher, text, iterations);
                Console.WriteLine($"  {label,-10} {text.Length} chars: {ns:F0} ns/segment");
            }
        }
        return Task.FromResult(0);
    }

    private static double Measure(GlossaryMatcher matcher, string text, int iterations)
    {
        var sink = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            sink += GlossaryProtection.Protect(matcher, text, matcher.Match(text), "ko").Masked.Length;
        }
        watch.Stop();
        GC.KeepAlive(sink);
        return watch.Elapsed.TotalNanoseconds / iterations;
    }
}
