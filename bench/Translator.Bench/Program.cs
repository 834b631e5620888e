using Translator.Bench;
using Translator.Bench.Caching;
using Translator.Bench.Cleaning;
using Translator.Bench.Corrections;
using Translator.Bench.Segmentation;
using Translator.Bench.Soak;

// Each benchmark is a sub-command; results files in bench/ record the command that produced them.
var commands = new Dictionary<string, IBenchCommand>(StringComparer.OrdinalIgnoreCase)
{
    ["cost"] = new CostCommand(),
    ["speed"] = new SpeedCommand(),
    ["throughput"] = new ThroughputCommand(),
    ["streaming"] = new StreamingCommand(),
    ["clean"] = new CleanBenchCommand(),
    ["clean-dev"] = new CleanDevSetCommand(),
    ["clean-scale"] = new CleanScaleCommand(),
    ["corrections"] = new CorrectionsCommand(),
    ["glossary"] = new GlossaryBench(),
    ["second-references"] = new SecondReferenceBench(),
    ["segment"] = new SegmentCommand(),
    ["segment-corpus"] = new SegmentCorpusCommand(),
    ["soak"] = new SoakCommand(),
    ["backfill"] = new Translator.Bench.Backfill.BackfillCommand(),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: Translator.Bench <command> [args]");
    foreach (var (name, c) in commands)
    {
        Console.Error.WriteLine($"  {name,-12} {c.Usage}");
    }
    return 2;
}
return await command.RunAsync(args[1..]);
