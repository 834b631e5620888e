using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Net.Client;
using Translator.Protos.V1;
using Translator.Testing;

namespace Translator.Bench.Caching;

/// <summary>
/// Articles per second for a fully cached article into ko, ru and ja, side by side with SegmentArticle of the
/// same article, in one process and one run (so the ratio holds on a noisy machine): the server as Program.cs
/// composes it with Redis on loopback, real Kestrel over h2c, and a load generator with one HTTP/2 connection per
/// worker and one call in flight on each (h2load -c N -m 1).
/// </summary>
internal sealed class ThroughputCommand : IBenchCommand
{
    private const string Samples = "../shared/samples/wire-copy-observer.txt,../shared/samples/wire-copy-tabloid.txt";

    public string Usage => "[pages=" + Samples + "] [seconds=5] [connections=4] [rounds=2] [stores=redis|memory] [load=client|h2load]  cached ko,ru,ja vs SegmentArticle";

    public async Task<int> RunAsync(string[] args)
    {
        var pages = (args.Length > 0 ? args[0] : Samples).Split(',');
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var connections = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
        // memory: no Redis at all (in-memory cache and glossary store), to see what the shared stores cost.
        var memory = args.Length > 4 && args[4] == "memory";
        // h2load (Debian's nghttp2-client) sends raw gRPC frames and decodes nothing, so the load generator takes
        // less of the two cores than a .NET client parsing every response.
        var h2load = args.Length > 5 && args[5] == "h2load";
        await using var redis = await RedisServer.StartNewAsync(CancellationToken.None);
        await using var app = await SpeedCommand.StartServerAsync(memory ? "" : redis.ConnectionString, "20000");
        var channels = Enumerable.Range(0, connections).Select(_ => GrpcChannel.ForAddress(BenchServer.Address(app))).ToArray();
        var clients = channels.Select(c => new TranslationService.TranslationServiceClient(c)).ToArray();

        // The pages are cleaned once, as an editor would before sending them, and run together into one article of
        // news-article length; the rows then compare like with like.
        var paragraphs = new List<string>();
        foreach (var page in pages)
        {
            var cleaned = await clients[0].CleanArticleAsync(new CleanArticleRequest { Article = new Article { Text = await File.ReadAllTextAsync(page) } });
            paragraphs.AddRange(cleaned.Paragraphs);
        }
        var article = new Article { Id = "bench", Text = string.Join("\n\n", paragraphs) };
        var translate = new TranslateArticleRequest { Article = article, SourceLanguage = "en", TargetLanguages = { "ko", "ru", "ja" } };
        var basic = new TranslateArticleRequest(translate) { View = TranslationView.Basic };
        var segment = new SegmentArticleRequest { Article = article, SourceLanguage = "en" };
        var first = await clients[0].TranslateArticleAsync(translate);
        var segments = first.Translations[0].Stats.Segments;

        Console.WriteLine($"{string.Join(" + ", pages.Select(Path.GetFileName))}, cleaned: {segments} segments, {article.Text.Length} characters; " +
            $"stores: {(memory ? "in memory" : "Redis + in-process tier")}; {connections} connections, 1 call in flight each, {seconds:0.#} s per row after 2 s warm-up, after one unreported round; {Environment.ProcessorCount} cores; " +
            $"load average at start {LoadAverage()}.");
        Console.WriteLine();
        Console.WriteLine("| round | what | calls | articles/s | p50 ms | p99 ms | ratio to SegmentArticle |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        Check(await clients[0].TranslateArticleAsync(basic), segments);
        var address = BenchServer.Address(app);
        // Round 0 is not reported: tiered compilation takes about 15 s to settle, so the first rows would compare a
        // half-compiled SegmentArticle with a warmer TranslateArticle.
        for (var round = 0; round <= rounds; round++)
        {
            var baseline = h2load
                ? await H2LoadAsync(address, "SegmentArticle", segment, seconds, connections)
                : await MeasureAsync(clients, async c => await c.SegmentArticleAsync(segment), seconds);
            var full = h2load
                ? await H2LoadAsync(address, "TranslateArticle", translate, seconds, connections)
                : await MeasureAsync(clients, async c => Check(await c.TranslateArticleAsync(translate), segments), seconds);
            var basicResult = h2load
                ? await H2LoadAsync(address, "TranslateArticle", basic, seconds, connections)
                : await MeasureAsync(clients, async c => Check(await c.TranslateArticleAsync(basic), segments), seconds);
            if (round > 0)
            {
                Report(round, "SegmentArticle", baseline, baseline);
                Report(round, "TranslateArticle ko,ru,ja, cached, default view (FULL)", full, baseline);
                Report(round, "TranslateArticle ko,ru,ja, cached, BASIC view", basicResult, baseline);
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Load average at end {LoadAverage()}.");
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
        return 0;
    }

    private static void Check(TranslateArticleResponse response, int segments)
    {
        if (response.Translations.Count != 3 || response.Translations.Any(t => t.Stats.CacheHits != segments))
        {
            throw new InvalidOperationException("The article was not fully cached in every language.");
        }
    }

    private sealed record Result(int Calls, double PerSecond, double P50Ms, double P99Ms);

    private static void Report(int round, string what, Result result, Result baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {round} | {what} | {result.Calls} | {result.PerSecond:0} | {result.P50Ms:0.000} | {result.P99Ms:0.000} | {result.PerSecond / baseline.PerSecond:0.000} |"));

    /// <summary>One worker per connection, each with one call in flight, for a warm-up and then <paramref name="seconds"/>.</summary>
    private static async Task<Result> MeasureAsync(TranslationService.TranslationServiceClient[] clients, Func<TranslationService.TranslationServiceClient, Task> call, double seconds)
    {
        await RunAsync(clients, call, TimeSpan.FromSeconds(2), null);
        var latencies = new List<double>[clients.Length];
        var started = Stopwatch.GetTimestamp();
        await RunAsync(clients, call, TimeSpan.FromSeconds(seconds), latencies);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length, all.Length / elapsed, all[all.Length / 2], all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]);
    }

    /// <summary>
    /// <c>h2load -c N -m 1 -D seconds --warm-up-time 2</c> with the request as one gRPC frame; latencies from its
    /// per-request log. Every call's gRPC status was checked beforehand with a real client.
    /// </summary>
    private static async Task<Result> H2LoadAsync(Uri address, string method, Google.Protobuf.IMessage request, double seconds, int connections)
    {
        var body = request.ToByteArray();
        var frame = new byte[5 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), body.Length);
        body.CopyTo(frame, 5);
        var payload = Path.GetTempFileName();
        var log = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(payload, frame);
            var url = new Uri(address, $"/translator.v1.TranslationService/{method}");
            var info = new ProcessStartInfo("h2load", [
                "-c", connections.ToString(CultureInfo.InvariantCulture), "-m", "1",
                "-D", seconds.ToString(CultureInfo.InvariantCulture), "--warm-up-time", "2",
                "-H", "content-type: application/grpc", "-H", "te: trailers",
                "-d", payload, "--log-file", log, url.ToString()])
            {
                RedirectStandardOutput = true,
            };
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || !output.Contains("0 failed", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"h2load failed:\n{output}");
            }
            var latencies = (await File.ReadAllLinesAsync(log))
                .Select(line => line.Split('\t'))
                .Where(columns => columns.Length >= 3 && columns[1] == "200")
                .Select(columns => double.Parse(columns[2], CultureInfo.InvariantCulture) / 1000)
                .Order()
                .ToArray();
            return new Result(latencies.Length, latencies.Length / seconds, latencies[latencies.Length / 2], latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))]);
        }
        finally
        {
            File.Delete(payload);
            File.Delete(log);
        }
    }

    private static Task RunAsync(TranslationService.TranslationServiceClient[] clients, Func<TranslationService.TranslationServiceClient, Task> call, TimeSpan duration, List<double>[]? latencies) =>
        Task.WhenAll(clients.Select(async (client, w) =>
        {
            var mine = new List<double>();
            var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < end)
            {
                var t = Stopwatch.GetTimestamp();
                await call(client);
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            if (latencies is not null)
            {
                latencies[w] = mine;
            }
        }));

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
