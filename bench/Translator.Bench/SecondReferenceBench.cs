using System.Diagnostics;
using Translator.Core.Glossary;
using Translator.Testing;

namespace Translator.Bench;

/// <summary>
/// Whether resolving short forms stays linear in the story: the two wire copies (tests/Fixtures/samples) repeated 1 to
/// 64 times as one story, and a worst case where every sentence names one of two Kims in full and then says "Kim"
/// (a tie at every step). Linear means the time per character stays flat as the story grows.
/// </summary>
internal sealed class SecondReferenceBench : IBenchCommand
{
    public string Usage => "[iterations]  short-form resolution time per character as a story grows";

    public Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var matcher = new GlossaryMatcher(DefaultGlossary.Load());
        var wire = Directory.GetFiles(Path.Combine(RepositoryPaths.Fixtures, "samples"), "*.txt")
            .SelectMany(File.ReadAllLines).Where(l => l.Length > 0).ToArray();
        string[] tieStep = ["Kim Jong Un spoke.", "Kim nodded.", "Kim Myong Sik spoke.", "Kim saluted, and Kim’s aides and the Kim-Putin talks went on."];
        // About the size of the wire copies, so both start from a story of the same length.
        var tie = Enumerable.Repeat(tieStep, 130).SelectMany(x => x).ToArray();
        foreach (var (name, unit) in new[] { ("wire copies", wire), ("tie at every step", tie) })
        {
            double? first = null;
            foreach (var copies in new[] { 1, 4, 16, 64 })
            {
                var story = Enumerable.Repeat(unit, copies).SelectMany(x => x).ToArray();
                var characters = story.Sum(s => s.Length);
                Measure(matcher, story, Math.Max(1, iterations / copies));
                var ns = Measure(matcher, story, Math.Max(1, iterations / copies)) / characters;
                first ??= ns;
                Console.WriteLine($"{name,-18} x{copies,-3} {characters,8} chars: {ns,7:F1} ns/char (x{ns / first.Value:F2} of x1)");
            }
        }
        return Task.FromResult(0);
    }

    private static double Measure(GlossaryMatcher matcher, string[] story, int iterations)
    {
        var sink = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            sink += SecondReferenceResolver.Resolve(matcher, story, _ => 1).Matches.Count;
        }
        watch.Stop();
        GC.KeepAlive(sink);
        return watch.Elapsed.TotalNanoseconds / iterations;
    }
}
