using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Translator.Core;
using Translator.Core.Articles;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Bench.Caching;

/// <summary>
/// Characters sent to the provider for a corpus of syndicated copies of one story, translated into ko, ru
/// and ja one after another through the cache, against sending every article whole to the provider.
/// </summary>
internal sealed class CostCommand : IBenchCommand
{
    private static readonly string[] Targets = ["ko", "ru", "ja"];

    public string Usage => "[corpus-dir]  provider characters for syndicated copies vs. whole articles (fails above 2/3)";

    public async Task<int> RunAsync(string[] args)
    {
        var corpus = args.Length > 0 ? args[0] : Path.Combine(RepositoryPaths.Root, "bench", "corpus", "syndicated");
        var provider = new MeteredProvider(new PseudoLocalizationProvider());
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Translation:Provider"] = MeteredProvider.ProviderName })
            .Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddMetrics()
            .AddKeyedSingleton<ITranslationProvider>(MeteredProvider.ProviderName, provider)
            .AddSingleton(new TranslatorCoreServiceCollectionExtensions.ProviderRegistration(MeteredProvider.ProviderName))
            .AddTranslatorCore()
            .BuildServiceProvider();
        var pipeline = services.GetRequiredService<ITranslationPipeline>();

        Console.WriteLine($"| article | whole-article characters (x{Targets.Length}) | characters sent | cache hits / segments |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        long naive = 0, sent = 0;
        foreach (var file in Directory.GetFiles(corpus, "*.txt").Order(StringComparer.Ordinal))
        {
            var article = Read(file);
            var before = provider.Characters;
            var translated = await pipeline.TranslateAllAsync(new TranslationJob(article, "en", Targets), CancellationToken.None);
            var articleNaive = (long)article.Length * Targets.Length;
            var articleSent = provider.Characters - before;
            naive += articleNaive;
            sent += articleSent;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Path.GetFileName(file)} | {articleNaive} | {articleSent} | {translated.Sum(a => a.Stats.CacheHits)} / {translated.Sum(a => a.Stats.Segments)} |"));
        }
        var ratio = (double)sent / naive;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| **total** | **{naive}** | **{sent}** | sent/whole = **{ratio:P1}** |"));
        if (ratio > 2.0 / 3)
        {
            Console.Error.WriteLine("FAIL: the corpus cost more than two-thirds of sending every article whole.");
            return 1;
        }
        return 0;
    }

    /// <summary>First line the title, then paragraphs separated by blank lines (the corpus files' format).</summary>
    internal static SourceArticle Read(string file)
    {
        var text = File.ReadAllText(file);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return new SourceArticle(Path.GetFileName(file), text[..newline].Trim(), ArticleBody.FromText(text[(newline + 1)..]));
    }
}
