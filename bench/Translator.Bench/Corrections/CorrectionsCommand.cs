using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Translator.Bench.Caching;
using Translator.Core;
using Translator.Core.Caching;
using Translator.Core.Corrections;
using Translator.Core.Pipeline;
using Translator.Testing;

namespace Translator.Bench.Corrections;

/// <summary>
/// Cross-outlet reuse of editors' corrections: an editor corrects every Korean sentence of the first copy of the
/// syndicated story once; every later outlet's copy is then translated into ko, ru and ja. Counts, per outlet, the
/// Korean sentences it shares with the corrected copy and how many came back as the editor's text (origin human),
/// and any human text in ru/ja (there must be none: a correction belongs to its language). Fails unless every
/// shared sentence is served corrected and no other language is.
/// </summary>
internal sealed class CorrectionsCommand : IBenchCommand
{
    private static readonly string[] Targets = ["ko", "ru", "ja"];

    public string Usage => "[corpus-dir]  corrections made on one outlet's copy served to the other outlets (fails on any miss)";

    public async Task<int> RunAsync(string[] args)
    {
        var corpus = args.Length > 0 ? args[0] : Path.Combine(RepositoryPaths.Root, "bench", "corpus", "syndicated");
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddMetrics()
            .AddTranslatorCore()
            .BuildServiceProvider();
        var pipeline = services.GetRequiredService<ITranslationPipeline>();
        var corrections = services.GetRequiredService<ICorrectionService>();
        var files = Directory.GetFiles(corpus, "*.txt").Order(StringComparer.Ordinal).ToArray();

        // The editor's pass over the first copy: every Korean sentence rewritten (marked so it can be told apart).
        var first = (await pipeline.TranslateAllAsync(new TranslationJob(CostCommand.Read(files[0]), "en", ["ko"]), CancellationToken.None)).Single();
        var edited = Segments(first).DistinctBy(s => s.SourceText).Select(s => new SegmentCorrection(s.SourceText, "✎ " + s.Text)).ToArray();
        await corrections.SubmitAsync(new CorrectionBatch("en", "ko", edited), CancellationToken.None);
        var corrected = edited.Select(c => SegmentCacheKey.TextHash(c.SourceText)).ToHashSet(StringComparer.Ordinal);

        Console.WriteLine($"Editor corrected {edited.Length} Korean sentences of {Path.GetFileName(files[0])}.");
        Console.WriteLine();
        Console.WriteLine("| outlet | ko segments | shared with the corrected copy | served corrected (ko) | human in ru/ja |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        int totalShared = 0, totalServed = 0, leaked = 0, wrong = 0;
        foreach (var file in files.Skip(1))
        {
            var translated = await pipeline.TranslateAllAsync(new TranslationJob(CostCommand.Read(file), "en", Targets), CancellationToken.None);
            var ko = Segments(translated[0]).ToArray();
            var shared = ko.Count(s => corrected.Contains(SegmentCacheKey.TextHash(s.SourceText)));
            var served = ko.Count(s => s.Origin == SegmentOrigin.Human);
            wrong += ko.Count(s => s.Origin == SegmentOrigin.Human != corrected.Contains(SegmentCacheKey.TextHash(s.SourceText)));
            var other = translated.Skip(1).Sum(a => Segments(a).Count(s => s.Origin == SegmentOrigin.Human));
            (totalShared, totalServed, leaked) = (totalShared + shared, totalServed + served, leaked + other);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Path.GetFileName(file)} | {ko.Length} | {shared} | {served} | {other} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **total** | | **{totalShared}** | **{totalServed}** | **{leaked}** |"));
        if (wrong > 0 || leaked > 0)
        {
            Console.Error.WriteLine($"FAIL: {wrong} Korean segments served with the wrong origin, {leaked} corrections leaked into other languages.");
            return 1;
        }
        return 0;
    }

    private static IEnumerable<TranslatedSegment> Segments(TranslatedArticle article) =>
        (article.Title is { } title ? article.Paragraphs.Prepend(title) : article.Paragraphs).SelectMany(p => p.Segments);
}
