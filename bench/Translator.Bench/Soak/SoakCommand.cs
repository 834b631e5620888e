using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Translator.Protos.V1;

namespace Translator.Bench.Soak;

/// <summary>
/// Mixed valid and hostile traffic for a fixed time against one real server process on loopback (h2c), with the
/// server's RSS and thread count sampled from /proc. Passes when every valid call succeeded, every hostile call got
/// the status it should, and the server's memory and threads settled instead of growing.
/// </summary>
internal sealed class SoakCommand : IBenchCommand
{
    public string Usage => "[minutes=3] [concurrency=4]  mixed valid + hostile traffic against one server process; RSS and threads over time";

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    public async Task<int> RunAsync(string[] args)
    {
        var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        var port = FreePort();
        using var server = StartServer(port);
        try
        {
            // Valid and hostile clients on their own connections, as they are in production: Kestrel answers a
            // connection that keeps sending an over-size message's frames after its stream was reset with
            // GOAWAY (ENHANCE_YOUR_CALM), which ends every call on that connection.
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            using var hostile = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            using var oversize = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            await WaitUntilServingAsync(channel);
            var stats = new Stats();
            var stop = DateTime.UtcNow.AddMinutes(minutes);
            var samples = new List<(TimeSpan At, long RssKb, int Threads, long Calls)>();
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkAsync(channel, hostile, oversize, w, stop, stats))).ToArray();
            while (DateTime.UtcNow < stop)
            {
                samples.Add((clock.Elapsed, ReadStatus(server.Id, "VmRSS:"), (int)ReadStatus(server.Id, "Threads:"), stats.Total));
                await Task.WhenAny(Task.WhenAll(workers), Task.Delay(TimeSpan.FromSeconds(10)));
            }
            await Task.WhenAll(workers);
            samples.Add((clock.Elapsed, ReadStatus(server.Id, "VmRSS:"), (int)ReadStatus(server.Id, "Threads:"), stats.Total));
            return Report(minutes, concurrency, stats, samples);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task WorkAsync(GrpcChannel channel, GrpcChannel hostileChannel, GrpcChannel oversizeChannel, int worker, DateTime stop, Stats stats)
    {
        var translation = new TranslationService.TranslationServiceClient(channel);
        var hostile = new TranslationService.TranslationServiceClient(hostileChannel);
        var glossary = new GlossaryService.GlossaryServiceClient(hostileChannel);
        var invoker = hostileChannel.CreateCallInvoker();
        var oversize = new TranslationService.TranslationServiceClient(oversizeChannel);
        var malformed = new Method<byte[], byte[]>(MethodType.Unary, "translator.v1.TranslationService", "TranslateArticle", Raw, Raw);
        var deepTbx = "<tbx xml:lang=\"en\"><text><body>" + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</body></text></tbx>";
        var oversized = Article(new string('x', 5 * 1024 * 1024));
        for (var i = worker; DateTime.UtcNow < stop; i++)
        {
            switch (i % 10)
            {
                case < 5:
                    // A few recurring stories (cache hits) and a fresh one now and then (provider calls).
                    var story = i % 3 == 0 ? $"Fresh story {i}." : $"Recurring story {i % 7}.";
                    await stats.ValidAsync("TranslateArticle", async () =>
                    {
                        var response = await translation.TranslateArticleAsync(Translate(story));
                        return response.Translations.Count == 2;
                    });
                    break;
                case 5:
                    await stats.ValidAsync("StreamTranslateArticle", async () =>
                    {
                        using var call = translation.StreamTranslateArticle(new StreamTranslateArticleRequest
                        {
                            Article = Article($"Streamed story {i % 5}. Kim Jong Un met Vladimir Putin.\n\nThey talked."),
                            SourceLanguage = "en",
                            TargetLanguages = { "ko", "ja" },
                        });
                        var completed = 0;
                        await foreach (var message in call.ResponseStream.ReadAllAsync())
                        {
                            completed += message.EventCase == StreamTranslateArticleResponse.EventOneofCase.Completed ? 1 : 0;
                        }
                        return completed == 2;
                    });
                    break;
                case 6:
                    var invalid = Translate("Duplicate targets.");
                    invalid.TargetLanguages.Add(["ko-KR", "ko-Kore\n"]);
                    await stats.HostileAsync("invalid fields", StatusCode.InvalidArgument, () => hostile.TranslateArticleAsync(invalid).ResponseAsync);
                    break;
                case 7:
                    await stats.HostileAsync("invalid UTF-8 (CESU-8)", StatusCode.InvalidArgument,
                        () => invoker.AsyncUnaryCall(malformed, null, new CallOptions(), [0x12, 6, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80]).ResponseAsync);
                    break;
                case 8:
                    await stats.HostileAsync("TBX nested 100,000 deep", StatusCode.InvalidArgument, () => glossary.ImportGlossaryAsync(new ImportGlossaryRequest
                    {
                        GlossaryId = $"deep{worker}", SourceLanguage = "en", Format = GlossaryFormat.Tbx, Content = deepTbx,
                    }).ResponseAsync);
                    break;
                default:
                    // Kestrel closes a connection that keeps streaming refused messages (GOAWAY): the calls caught on it
                    // end UNAVAILABLE, which only that client sees.
                    await stats.HostileAsync("5 MB request (own connection)", StatusCode.ResourceExhausted,
                        () => oversize.TranslateArticleAsync(new TranslateArticleRequest { Article = oversized, SourceLanguage = "en", TargetLanguages = { "ko" } }).ResponseAsync,
                        alsoFine: StatusCode.Unavailable);
                    // The pseudo provider often finishes inside 1 ms: OK is as good an answer as DEADLINE_EXCEEDED.
                    await stats.HostileAsync("1 ms deadline", StatusCode.DeadlineExceeded,
                        () => hostile.TranslateArticleAsync(Translate($"Deadline story {i}."), deadline: DateTime.UtcNow.AddMilliseconds(1)).ResponseAsync,
                        alsoFine: StatusCode.OK);
                    break;
            }
        }
    }

    private static Article Article(string text) => new() { Id = "soak", Text = text };

    private static TranslateArticleRequest Translate(string story) => new()
    {
        Article = Article($"{story} Kim Jong Un met Vladimir Putin in Vladivostok. They talked for 3 hours.\n\nThe U.S. said nothing."),
        SourceLanguage = "en",
        TargetLanguages = { "ko", "ru" },
    };

    private static int Report(double minutes, int concurrency, Stats stats, List<(TimeSpan At, long RssKb, int Threads, long Calls)> samples)
    {
        Console.WriteLine($"{minutes} min, {concurrency} client tasks, each sending valid calls on one connection and hostile calls on two others, server: `Translator.Server` process (Pseudo provider, in-memory cache), loopback h2c.");
        Console.WriteLine();
        Console.WriteLine("| call | expected | count | as expected |");
        Console.WriteLine("| --- | --- | ---: | ---: |");
        foreach (var (name, (expected, count, ok)) in stats.Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"| {name} | {expected} | {count} | {ok} |");
        }
        Console.WriteLine();
        Console.WriteLine("| elapsed s | server RSS MB | server threads | calls so far |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");
        foreach (var (at, rss, threads, calls) in samples)
        {
            Console.WriteLine($"| {at.TotalSeconds:0} | {rss / 1024.0:0.0} | {threads} | {calls} |");
        }
        // Settled: after the first minute's warm-up, the last sample is within 20% of the post-warm-up peak
        // (memory) and 8 threads (thread pool) of the post-warm-up minimum.
        var settled = samples.Where(s => s.At > TimeSpan.FromSeconds(60)).ToArray();
        var failures = stats.Rows.Sum(r => r.Value.Count - r.Value.Ok);
        var rssStable = settled.Length < 2 || settled[^1].RssKb <= settled.Min(s => s.RssKb) * 1.2;
        var threadsStable = settled.Length < 2 || settled[^1].Threads <= settled.Min(s => s.Threads) + 8;
        Console.WriteLine();
        Console.WriteLine($"calls not as expected: {failures}; RSS stable after warm-up: {rssStable}; threads stable after warm-up: {threadsStable}");
        return failures == 0 && rssStable && threadsStable ? 0 : 1;
    }

    private static Process StartServer(int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Translator.Server.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        // Drained so a full pipe never blocks the server.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine($"server: {line}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(GrpcChannel channel)
    {
        var client = new TranslationService.TranslationServiceClient(channel);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.SegmentArticleAsync(new SegmentArticleRequest { Article = Article("Ready?"), SourceLanguage = "en" });
                return;
            }
            catch (RpcException) when (attempt < 100)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A number from /proc/PID/status (kB for VmRSS).</summary>
    private static long ReadStatus(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private sealed class Stats
    {
        private readonly Lock _gate = new();

        public Dictionary<string, (string Expected, long Count, long Ok)> Rows { get; } = [];

        public long Total
        {
            get
            {
                lock (_gate)
                {
                    return Rows.Values.Sum(r => r.Count);
                }
            }
        }

        public async Task ValidAsync(string name, Func<Task<bool>> call)
        {
            bool ok;
            try
            {
                ok = await call();
            }
            catch (RpcException ex)
            {
                Console.Error.WriteLine($"valid {name} failed: {ex.StatusCode} {ex.Status.Detail}");
                ok = false;
            }
            Record(name, "OK", ok);
        }

        public async Task HostileAsync(string name, StatusCode expected, Func<Task> call, StatusCode? alsoFine = null)
        {
            StatusCode actual;
            try
            {
                await call();
                actual = StatusCode.OK;
            }
            catch (RpcException ex)
            {
                actual = ex.StatusCode;
            }
            var ok = actual == expected || actual == alsoFine;
            if (!ok)
            {
                Console.Error.WriteLine($"hostile {name}: {actual}, expected {expected}");
            }
            Record(name, alsoFine is { } fine ? $"{expected} or {fine}" : expected.ToString(), ok);
        }

        private void Record(string name, string expected, bool ok)
        {
            lock (_gate)
            {
                var (_, count, good) = Rows.GetValueOrDefault(name, (expected, 0, 0));
                Rows[name] = (expected, count + 1, good + (ok ? 1 : 0));
            }
        }
    }
}
