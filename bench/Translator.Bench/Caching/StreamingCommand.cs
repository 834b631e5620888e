using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Translator.Protos.V1;
using Translator.Testing.StandIns;

namespace Translator.Bench.Caching;

/// <summary>
/// When a streamed article's segments arrive, through DeepL (the stand-in, answering after a fixed latency plus a
/// latency per character, as real providers take longer for longer requests): the first segment of each language
/// against the round trip of a one-paragraph request, and the whole article. Every iteration uses a new stand-in
/// and a new server (empty cache, DeepL glossaries created on first use), so nothing is cached.
/// </summary>
internal sealed class StreamingCommand : IBenchCommand
{
    private const string Samples = "../shared/samples/wire-copy-observer.txt,../shared/samples/wire-copy-tabloid.txt";
    private static readonly string[] Targets = ["ko", "ru", "ja"];

    public string Usage => "[pages=" + Samples + "] [iterations=5] [latencyMs=100] [perCharacterMs=0.1]  first-segment and whole-article times through DeepL";

    public async Task<int> RunAsync(string[] args)
    {
        var pages = (args.Length > 0 ? args[0] : Samples).Split(',');
        var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var latency = TimeSpan.FromMilliseconds(args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 100);
        var perCharacter = TimeSpan.FromMilliseconds(args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0.1);

        var onePara = new List<double>();
        var first = new List<double>();
        var whole = new List<double>();
        Article? article = null;
        for (var n = 0; n < iterations; n++)
        {
            await using var deepL = await DeepLStandIn.StartAsync();
            deepL.Latency = latency;
            deepL.LatencyPerCharacter = perCharacter;
            await using var app = await BenchServer.StartAsync(new Dictionary<string, string?>
            {
                ["Translation:Provider"] = "DeepL",
                ["DEEPL_AUTH_KEY"] = deepL.AuthKey,
                ["DEEPL_SERVER_URL"] = deepL.Url.ToString(),
                ["DeepL:UsagePollInterval"] = "00:00:00",
            });
            using var channel = GrpcChannel.ForAddress(BenchServer.Address(app));
            var client = new TranslationService.TranslationServiceClient(channel);
            article ??= await ArticleAsync(client, pages);

            // The same server answers a one-paragraph article first (its DeepL glossaries get created here, as on any
            // first use), then the whole article. The paragraph is the article's first with its words in reverse
            // order: as long, and sharing no segment with the article, so nothing of the article is cached.
            var paragraph = new Article { Id = "one", Text = string.Join(' ', article.Text.Split("\n\n")[0].Split(' ').Reverse()) };
            var (_, onePassage) = await StreamAsync(client, paragraph);
            var (firsts, done) = await StreamAsync(client, article);
            onePara.Add(onePassage);
            first.Add(firsts.Values.Max());
            whole.Add(done);
        }

        Console.WriteLine($"{string.Join(" + ", pages.Select(Path.GetFileName))}, cleaned: {article!.Text.Length} characters into {string.Join(',', Targets)}; " +
            $"DeepL stand-in latency {latency.TotalMilliseconds:0} ms + {perCharacter.TotalMilliseconds:0.###} ms per character; {iterations} iterations, medians; " +
            $"load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}.");
        Console.WriteLine();
        Console.WriteLine("| what | median ms | min ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Row("one-paragraph request, whole stream (the round trip)", onePara);
        Row("article: first segment of the slowest language", first);
        Row("article: every language completed", whole);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first segment / one-paragraph round trip = {Median(first) / Median(onePara):0.00} (goal <= 1.5)"));
        return 0;
    }

    private static async Task<Article> ArticleAsync(TranslationService.TranslationServiceClient client, string[] pages)
    {
        var paragraphs = new List<string>();
        foreach (var page in pages)
        {
            paragraphs.AddRange((await client.CleanArticleAsync(new CleanArticleRequest { Article = new Article { Text = await File.ReadAllTextAsync(page) } })).Paragraphs);
        }
        return new Article { Id = "bench", Text = string.Join("\n\n", paragraphs) };
    }

    /// <returns>Milliseconds to each language's first segment, and to the last completion.</returns>
    private static async Task<(Dictionary<string, double> First, double Done)> StreamAsync(TranslationService.TranslationServiceClient client, Article article)
    {
        var request = new StreamTranslateArticleRequest { Article = article, SourceLanguage = "en", TargetLanguages = { Targets } };
        var firsts = new Dictionary<string, double>();
        var started = Stopwatch.GetTimestamp();
        using var call = client.StreamTranslateArticle(request);
        await foreach (var e in call.ResponseStream.ReadAllAsync())
        {
            if (e.Segment is { } segment && !firsts.ContainsKey(segment.TargetLanguage))
            {
                firsts[segment.TargetLanguage] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
        return (firsts, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static void Row(string what, List<double> values) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {Median(values):0} | {values.Min():0} | {values.Max():0} |"));
}
