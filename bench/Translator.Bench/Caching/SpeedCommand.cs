using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Translator.Core.Articles;
using Translator.Core.Pipeline;
using Translator.Protos.V1;
using Translator.Server.Hosting;
using Translator.Testing;

namespace Translator.Bench.Caching;

/// <summary>
/// A fully cached 40-segment article over gRPC (real Kestrel, h2c, loopback) with Redis on loopback:
/// latency and throughput of the server, next to the Redis round trip itself measured in the same run.
/// </summary>
internal sealed class SpeedCommand : IBenchCommand
{
    private const int Segments = 40;

    public string Usage => "[requests=2000] [concurrency=4] [warmup=requests/4]  cached-article latency over gRPC vs. the Redis round trip";

    public async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var warmup = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : requests / 4;
        await using var redis = await RedisServer.StartNewAsync(CancellationToken.None);
        var request = Request();

        Console.WriteLine($"{requests} requests per row after {warmup} warm-up; one target language (ko); {Segments} segments, all cached.");
        Console.WriteLine();
        Console.WriteLine("| what | client p50 ms | client p99 ms | server p50 ms | server p99 ms | articles/s (1 in flight) | articles/s (" + concurrency + " in flight) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        using var server = new ServerDurations();
        foreach (var (label, localEntries) in new[] { ("gRPC, Redis + in-process tier (default)", "20000"), ("gRPC, Redis only (in-process tier off)", "0") })
        {
            await using var app = await StartServerAsync(redis.ConnectionString, localEntries);
            using var channel = GrpcChannel.ForAddress(Address(app));
            var client = new TranslationService.TranslationServiceClient(channel);
            var first = await client.TranslateArticleAsync(request);
            if (first.Translations[0].Stats.Segments != Segments)
            {
                throw new InvalidOperationException($"Expected {Segments} segments, got {first.Translations[0].Stats.Segments}.");
            }
            async Task Call()
            {
                var response = await client.TranslateArticleAsync(request);
                if (response.Translations[0].Stats.CacheHits != Segments)
                {
                    throw new InvalidOperationException("The article was not fully cached.");
                }
            }
            Report(label, await MeasureAsync(Call, requests, warmup, concurrency, server));
            if (localEntries != "0")
            {
                // The same transport with no cache and no translation: what gRPC itself costs for this article.
                var segment = new SegmentArticleRequest { Article = request.Article, SourceLanguage = "en" };
                Report("gRPC SegmentArticle, same article (no cache, no translation)",
                    await MeasureAsync(async () => await client.SegmentArticleAsync(segment), requests, warmup, concurrency, server));

                // The same server's pipeline called directly: what the gRPC layer adds is the difference.
                var pipeline = app.Services.GetRequiredService<ITranslationPipeline>();
                var job = new TranslationJob(new SourceArticle("bench", null, ArticleBody.FromText(request.Article.Text)), "en", ["ko"]);
                Report("pipeline only, no gRPC (in-process tier)", await MeasureAsync(() => pipeline.TranslateAllAsync(job, CancellationToken.None), requests, warmup, concurrency));
            }
        }

        await using var direct = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = direct.GetDatabase();
        var keys = direct.GetServers().Single().Keys(pattern: "tr:v1:*").ToArray();
        if (keys.Length != Segments)
        {
            throw new InvalidOperationException($"Expected {Segments} cached keys in Redis, found {keys.Length}.");
        }
        Report("Redis PING (floor)", await MeasureAsync(() => db.PingAsync(), requests, warmup, concurrency));
        Report($"Redis MGET of the {Segments} keys (floor)", await MeasureAsync(() => db.StringGetAsync(keys), requests, warmup, concurrency));
        return 0;
    }

    private static TranslateArticleRequest Request()
    {
        var paragraphs = Enumerable.Range(1, Segments / 4).Select(p => string.Join(' ', Enumerable.Range(1, 4).Select(s =>
            $"In paragraph {p}, sentence {s} reports that the council debated the harbor rail link and how to pay for it.")));
        return new TranslateArticleRequest
        {
            Article = new Article { Id = "bench", Text = string.Join("\n\n", paragraphs) },
            SourceLanguage = "en",
            TargetLanguages = { "ko" },
        };
    }

    /// <summary>The Pseudo-provider server with Redis (and its in-process tier of <paramref name="localEntries"/> entries).</summary>
    internal static Task<WebApplication> StartServerAsync(string redis, string localEntries) =>
        BenchServer.StartAsync(new Dictionary<string, string?>
        {
            ["Translation:Provider"] = "Pseudo",
            ["ConnectionStrings:Redis"] = redis,
            ["Redis:LocalCacheEntries"] = localEntries,
        });

    private static Uri Address(WebApplication app) => BenchServer.Address(app);

    private sealed record Measurement(double P50Ms, double P99Ms, double? ServerP50Ms, double? ServerP99Ms, double SequentialPerSecond, double ConcurrentPerSecond);

    /// <summary>
    /// ASP.NET Core's own request duration (<c>http.server.request.duration</c>): the server's share of a
    /// call, from request received to response written, without the client's.
    /// </summary>
    private sealed class ServerDurations : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<double> _milliseconds = [];
        private volatile bool _recording;

        public ServerDurations()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
            {
                if (_recording)
                {
                    lock (_milliseconds)
                    {
                        _milliseconds.Add(seconds * 1000);
                    }
                }
            });
            _listener.Start();
        }

        public void Start()
        {
            lock (_milliseconds)
            {
                _milliseconds.Clear();
            }
            _recording = true;
        }

        public double[] Stop()
        {
            _recording = false;
            lock (_milliseconds)
            {
                return [.. _milliseconds.Order()];
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    private static async Task<Measurement> MeasureAsync(Func<Task> call, int requests, int warmup, int concurrency, ServerDurations? server = null)
    {
        // Warm-up lets tiered JIT settle before anything is timed (slower on a loaded machine).
        for (var i = 0; i < warmup; i++)
        {
            await call();
        }
        var latencies = new double[requests];
        server?.Start();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await call();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        var sequential = requests / total.Elapsed.TotalSeconds;
        var serverSide = server?.Stop();

        var remaining = requests;
        total.Restart();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await call();
            }
        }));
        var concurrent = requests / total.Elapsed.TotalSeconds;

        Array.Sort(latencies);
        return new Measurement(Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            serverSide is { Length: > 0 } ? Percentile(serverSide, 0.50) : null,
            serverSide is { Length: > 0 } ? Percentile(serverSide, 0.99) : null,
            sequential, concurrent);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static void Report(string label, Measurement m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {m.P50Ms:F3} | {m.P99Ms:F3} | {m.ServerP50Ms?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"} | {m.ServerP99Ms?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"} | {m.SequentialPerSecond:F0} | {m.ConcurrentPerSecond:F0} |"));
}
