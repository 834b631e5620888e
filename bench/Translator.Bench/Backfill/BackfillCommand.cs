using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using StackExchange.Redis;
using Translator.Protos.V1;
using Translator.Testing;
using Translator.Testing.StandIns;

namespace Translator.Bench.Backfill;

/// <summary>
/// The backfill end to end: a synthetic syndicated archive built from the shared wire copy and the
/// repository's syndicated corpus, enqueued, estimated, then worked by three <c>translator-backfill</c>
/// processes against a DeepL stand-in that enforces characters per second (429 beyond), one of them
/// SIGKILLed mid-run and restarted, while an in-process server answers interactive calls on the same
/// budget. Then the same archive again as a new job.
/// </summary>
internal sealed class BackfillCommand : IBenchCommand
{
    public string Usage => "[articles=600] [charactersPerSecond=6000] [output.md]: multi-process backfill against a rate-limited DeepL stand-in";

    public async Task<int> RunAsync(string[] args)
    {
        var articles = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 600;
        var cps = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 6000;
        var resultPath = args.Length > 2 ? args[2] : Path.Combine(RepositoryPaths.Root, "bench", "results", "backfill.md");
        var worker = WorkerDll();
        var work = Directory.CreateTempSubdirectory("backfill-bench-").FullName;
        try
        {
            await using var redis = await RedisServer.StartNewAsync(CancellationToken.None);
            await using var deepL = await DeepLStandIn.StartAsync();
            deepL.LimitRate(cps);
            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
                ["Translation:Provider"] = "DeepL",
                ["DEEPL_SERVER_URL"] = deepL.Url.ToString(),
                ["DEEPL_AUTH_KEY"] = deepL.AuthKey,
                ["DeepL:UsagePollInterval"] = "00:00:00",
                ["ProviderBudget:CharactersPerSecond"] = cps.ToString(CultureInfo.InvariantCulture),
                ["Backfill:ClaimIdle"] = "00:00:05",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            var archive = Path.Combine(work, "archive.jsonl");
            await File.WriteAllLinesAsync(archive, SyntheticArchive(articles));
            const string languages = "ko,ru,ja";

            var enqueue = await RunAsync(worker, settings, "enqueue", "--job", "bench", "--input", archive, "--to", languages, "--json");
            var estimate = await RunAsync(worker, settings, "estimate", "--job", "bench", "--json");
            var estimated = (long)estimate["billable_characters"]!;
            Console.WriteLine($"enqueued {enqueue["enqueued"]}, estimate {estimated} characters, {estimate["seconds_at_budget"]} s at budget");

            var app = await BenchServer.StartAsync(settings);
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            var db = multiplexer.GetDatabase();
            var output = Path.Combine(work, "out");
            var started = Stopwatch.GetTimestamp();
            var workers = Enumerable.Range(0, 3).Select(_ => Start(worker, settings, "work", "--job", "bench", "--output", output)).ToList();
            using var interactiveStop = new CancellationTokenSource();
            var interactive = InteractiveAsync(BenchServer.Address(app), interactiveStop.Token);

            // Kill one worker with SIGKILL once a fifth of the archive is done, and start its replacement.
            while (await db.SetLengthAsync("backfill:{bench}:done") < articles / 5)
            {
                await Task.Delay(100);
            }
            workers[0].Kill();
            await workers[0].WaitForExitAsync();
            var killedAt = await db.SetLengthAsync("backfill:{bench}:done");
            workers.Add(Start(worker, settings, "work", "--job", "bench", "--output", output));
            foreach (var w in workers.Skip(1))
            {
                await w.WaitForExitAsync();
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            // From the workers' start to the provider's last translation: the tail after it is workers exiting.
            var providerBound = TimeProvider.System.GetElapsedTime(started, deepL.LastTranslatedAt);
            await interactiveStop.CancelAsync();
            var latencies = await interactive;
            await app.StopAsync();

            var status = await RunAsync(worker, settings, "status", "--job", "bench", "--json");
            var billed = (long)status["billed_characters"]!;
            var files = Directory.GetFiles(output, "*.json");
            var ids = files.Select(f => (string)JsonNode.Parse(File.ReadAllText(f))!["id"]!).ToArray();
            var exactlyOnce = ids.Length == articles && ids.Distinct(StringComparer.Ordinal).Count() == articles;
            var leftovers = Directory.GetFiles(output, "*.tmp").Length;
            var providerCharacters = deepL.CharacterCount;
            var utilisation = providerCharacters / (providerBound.TotalSeconds * cps);
            var rate429 = (double)deepL.RateLimited / deepL.TranslateRequestCount;

            // The same archive as a new job: everything is cached.
            var beforeRerun = deepL.CharacterCount;
            await RunAsync(worker, settings, "enqueue", "--job", "bench-again", "--input", archive, "--to", languages, "--json");
            var rerun = await RunAsync(worker, settings, "work", "--job", "bench-again", "--output", Path.Combine(work, "again"), "--json");
            var rerunProvider = deepL.CharacterCount - beforeRerun;

            var report = new StringBuilder()
                .AppendLine("# Backfill benchmark")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet build src/Translator.Backfill && dotnet run --project bench/Translator.Bench -- backfill {articles} {cps.ToString(CultureInfo.InvariantCulture)}` (Debug build)")
                .AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Archive: {articles} synthetic articles into {languages}, paragraphs drawn from a shared pool (wire copy in ../shared/samples and bench/corpus/syndicated), so most sentences recur across articles as in a syndicated archive. DeepL stand-in enforcing {cps} characters/s (2 s burst, 429 beyond); `ProviderBudget__CharactersPerSecond={cps}`. Three worker processes; worker 1 SIGKILLed once {killedAt} articles were done, and a replacement started; an in-process server answered a fresh 20-segment article every 1.5 s throughout, on the same budget. 2 shared cores.")
                .AppendLine()
                .AppendLine("| measure | value | target |")
                .AppendLine("|---|---|---|")
                .AppendLine(CultureInfo.InvariantCulture, $"| articles written / distinct ids | {files.Length} / {ids.Distinct(StringComparer.Ordinal).Count()} (exactly once: {exactlyOnce}, temp files left: {leftovers}) | {articles} |")
                .AppendLine(CultureInfo.InvariantCulture, $"| done / failed | {status["done"]} / {status["failed"]} | {articles} / 0 |")
                .AppendLine(CultureInfo.InvariantCulture, $"| elapsed (workers) / provider-bound phase | {elapsed.TotalSeconds:F1} s / {providerBound.TotalSeconds:F1} s | |")
                .AppendLine(CultureInfo.InvariantCulture, $"| provider characters (backfill + interactive) | {providerCharacters} | |")
                .AppendLine(CultureInfo.InvariantCulture, $"| utilisation = provider characters / (provider-bound s × budget) | {utilisation:F3} | ≥ 0.9 |")
                .AppendLine(CultureInfo.InvariantCulture, $"| 429s / provider requests | {deepL.RateLimited} / {deepL.TranslateRequestCount} = {rate429:P2} | < 1 % |")
                .AppendLine(CultureInfo.InvariantCulture, $"| estimate before the run / backfill billed | {estimated} / {billed} ({(estimated - billed) * 100.0 / Math.Max(1, billed):+0.00;-0.00} %) | within 2 % |")
                .AppendLine(CultureInfo.InvariantCulture, $"| re-run as a new job: billed (status) / provider characters | {rerun["billed_characters"]} / {rerunProvider} | 0 |")
                .AppendLine(CultureInfo.InvariantCulture, $"| interactive calls: count / failed / p50 / p95 / max | {latencies.Count} / {latencies.Count(l => l is null)} / {P(latencies, 0.5):F0} ms / {P(latencies, 0.95):F0} ms / {P(latencies, 1):F0} ms | p95 < 3 s, none failed |");
            await File.WriteAllTextAsync(resultPath, report.ToString());
            Console.WriteLine(report);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static double P(IReadOnlyList<double?> latencies, double q)
    {
        var ok = latencies.Where(l => l is not null).Select(l => l!.Value).Order().ToArray();
        return ok.Length == 0 ? double.NaN : ok[Math.Min(ok.Length - 1, (int)Math.Ceiling(q * ok.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(q * ok.Length) - 1)];
    }

    /// <summary>A fresh 20-segment article every 1.5 s through the server; null for a failed call.</summary>
    private static async Task<List<double?>> InteractiveAsync(Uri server, CancellationToken stop)
    {
        using var channel = GrpcChannel.ForAddress(server);
        var client = new TranslationService.TranslationServiceClient(channel);
        var latencies = new List<double?>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var paragraphs = Enumerable.Range(0, 4).Select(p => string.Join(" ", Enumerable.Range(0, 5).Select(s =>
                $"Interactive desk note {i}-{p}-{s} says the harbor council met again on the rail link.")));
            var request = new TranslateArticleRequest
            {
                Article = new Article { Id = $"live-{i}", Text = string.Join("\n\n", paragraphs) },
                SourceLanguage = "en",
                TargetLanguages = { "ko" },
            };
            var started = Stopwatch.GetTimestamp();
            try
            {
                await client.TranslateArticleAsync(request, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Grpc.Core.RpcException)
            {
                latencies.Add(null);
            }
            try
            {
                await Task.Delay(1500, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return latencies;
    }

    /// <summary>
    /// Articles of 5 paragraphs each drawn (seeded) from a pool of real paragraphs, so sentences recur across
    /// articles; each has its own title.
    /// </summary>
    private static IEnumerable<string> SyntheticArchive(int count)
    {
        var shared = Directory.GetFiles(Path.Combine(BenchPaths.Shared, "samples"), "wire-copy-*.txt")
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "bench", "corpus", "syndicated"), "*.txt"))
            .SelectMany(File.ReadAllLines)
            .Select(l => l.Trim())
            .Where(l => l.Length >= 80 && l.Contains(". ", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var random = new Random(10);
        for (var i = 0; i < count; i++)
        {
            var paragraphs = Enumerable.Range(0, 5).Select(_ => shared[random.Next(shared.Length)]).ToArray();
            yield return JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = $"archive/{i:D5}",
                ["title"] = $"Archive story {i}: {string.Join(' ', paragraphs[0].Split(' ').Take(6))}",
                ["paragraphs"] = paragraphs,
            });
        }
    }

    private static string WorkerDll()
    {
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var path = Path.Combine(RepositoryPaths.Root, "src", "Translator.Backfill", "bin", configuration, "net10.0", "translator-backfill.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new InvalidOperationException("Build src/Translator.Backfill first.");
    }

    /// <summary>The worker with the settings as environment variables, as a pod would have them.</summary>
    private static ProcessStartInfo StartInfo(string dll, IDictionary<string, string?> settings, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return info;
    }

    private static Process Start(string dll, IDictionary<string, string?> settings, params string[] args)
    {
        var info = StartInfo(dll, settings, args);
        var process = Process.Start(info)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task<JsonObject> RunAsync(string dll, IDictionary<string, string?> settings, params string[] args)
    {
        var info = StartInfo(dll, settings, args);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"translator-backfill {args[0]} exited {process.ExitCode}: {await stderr}");
        }
        return JsonNode.Parse(await stdout)!.AsObject();
    }
}
