using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Translator.Backfill.Archive;
using Translator.Backfill.Jobs;
using Translator.Backfill.Work;
using Translator.Core;
using Translator.Core.Languages;

namespace Translator.Backfill;

/// <summary>The <c>translator-backfill</c> command line: enqueue an archive, work a job, watch it.</summary>
internal static class BackfillApp
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int InvalidInput = 2;
    public const int Unavailable = 3;

    /// <summary>
    /// SIGTERM cancels the command's token and the worker finishes the article in hand; the process is only
    /// ended for it after this long (the longest one article may take, <c>Translation:MaxCallDuration</c>'s default).
    /// </summary>
    public static InvocationConfiguration Invocation { get; } = new() { ProcessTerminationTimeout = TimeSpan.FromMinutes(10) };

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="configureHost">Lets tests add configuration and services to every command's host.</param>
    public static RootCommand Build(Action<HostApplicationBuilder>? configureHost = null, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;

        var job = new Option<string>("--job") { Description = "Job id: letters, digits, '-', '_', '.'.", Required = true, Recursive = true };
        job.Validators.Add(r =>
        {
            if (!BackfillQueue.IsValidJobId(r.GetValueOrDefault<string>() ?? ""))
            {
                r.AddError($"--job must be 1 to {BackfillQueue.MaxJobIdLength} letters, digits, '-', '_' or '.'.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print one JSON object to stdout.", Recursive = true };

        var input = new Option<FileInfo>("--input") { Description = "Archive: JSON lines, one article each.", Required = true };
        var to = new Option<string>("--to") { Description = "Target languages, comma-separated BCP-47 tags (e.g. ko,ru,ja).", Required = true };
        to.Validators.Add(r =>
        {
            var tags = Split(r.GetValueOrDefault<string>() ?? "");
            if (tags.Length == 0 || tags.Any(t => !LanguageTag.IsWellFormed(t)))
            {
                r.AddError("--to must be one or more comma-separated BCP-47 language tags.");
            }
        });
        var from = new Option<string>("--from") { Description = "Language of articles without a source_language.", DefaultValueFactory = _ => "en" };
        from.Validators.Add(r =>
        {
            if (!LanguageTag.IsWellFormed(r.GetValueOrDefault<string>()))
            {
                r.AddError("--from must be a BCP-47 language tag.");
            }
        });
        var glossary = new Option<string?>("--glossary") { Description = "Glossary id." };
        var clean = new Option<bool>("--clean") { Description = "Cut each article out of its scraped page first (HTML is always cleaned)." };
        var enqueue = new Command("enqueue", "Add an archive's articles to a job (an id already in the job is skipped).") { input, to, from, glossary, clean };
        enqueue.SetAction((parse, ct) => RunAsync(configureHost, errors, async services =>
        {
            var settings = new JobSettings(LanguageTag.Normalize(parse.GetValue(from)!),
                Split(parse.GetValue(to)!).Select(LanguageTag.Normalize).Distinct().ToArray(), parse.GetValue(glossary), parse.GetValue(clean));
            var queue = Queue(services, parse.GetValue(job)!);
            EnqueueSummary summary;
            using (var reader = new StreamReader(parse.GetValue(input)!.FullName))
            {
                summary = await ArchiveEnqueuer.EnqueueAsync(queue, reader, settings,
                    (line, problem) => errors.WriteLineAsync($"line {line.ToString(CultureInfo.InvariantCulture)}: skipped: {problem}"), ct);
            }
            await Print(output, parse.GetValue(json), summary,
                $"{summary.Enqueued} articles enqueued, {summary.Duplicates} already in the job, {summary.Malformed} malformed lines skipped.");
            return Success;
        }));

        var outputDirectory = new Option<DirectoryInfo>("--output") { Description = "Directory for the <id>.json files.", Required = true };
        var work = new Command("work", "Translate the job's articles until none are left; SIGTERM finishes the article in hand.") { outputDirectory };
        work.SetAction((parse, ct) => RunAsync(configureHost, errors, async services =>
        {
            if (await ExistingQueueAsync(services, parse.GetValue(job)!, errors) is not { } queue)
            {
                return InvalidInput;
            }
            var summary = await services.GetRequiredService<BackfillWorker>().RunAsync(queue, parse.GetValue(outputDirectory)!.FullName, ct);
            await Print(output, parse.GetValue(json), summary,
                $"{summary.Done} articles done, {summary.Retried} retried, {summary.Failed} failed, {summary.BilledCharacters} characters billed.");
            return Success;
        }));

        var estimate = new Command("estimate", "Without calling the provider: the characters the job's unfinished articles would bill after the cache, and the time at the budget.");
        estimate.SetAction((parse, ct) => RunAsync(configureHost, errors, async services =>
        {
            if (await ExistingQueueAsync(services, parse.GetValue(job)!, errors) is not { } queue)
            {
                return InvalidInput;
            }
            var e = await services.GetRequiredService<JobEstimator>().EstimateAsync(queue, ct);
            await Print(output, parse.GetValue(json), e,
                $"{e.Articles} articles, {e.Segments} segments, {e.BillableCharacters} billable characters ("
                + string.Join(", ", e.BillableCharactersByLanguage.Select(l => $"{l.Key} {l.Value}"))
                + $"), {e.SecondsAtBudget} s at the budget");
            return Success;
        }));

        var status = new Command("status", "Show a job's progress (live when stdout is a terminal).");
        status.SetAction((parse, ct) => RunAsync(configureHost, errors, async services =>
        {
            if (await ExistingQueueAsync(services, parse.GetValue(job)!, errors) is not { } queue)
            {
                return InvalidInput;
            }
            if (parse.GetValue(json) || stdout is not null || Console.IsOutputRedirected)
            {
                var s = await queue.StatusAsync();
                await Print(output, parse.GetValue(json), s, StatusLine(s));
                return Success;
            }
            await ProgressBar.RunAsync(queue, output, services.GetRequiredService<TimeProvider>(), ct);
            return Success;
        }));

        return new RootCommand("Archive backfill: translates archives with many workers sharing one queue, cache and provider budget in Redis.")
        {
            Options = { job, json },
            Subcommands = { enqueue, estimate, work, status },
        };
    }

    public static string StatusLine(JobStatus s) =>
        $"total {s.Total}, done {s.Done}, failed {s.Failed}, pending {s.Pending}, in progress {s.InProgress}, billed characters {s.BilledCharacters}";

    private static BackfillQueue Queue(IServiceProvider services, string jobId) =>
        new(services.GetRequiredService<IConnectionMultiplexer>(), jobId);

    /// <summary>The job's queue, or null (and an error on stderr) when nothing was ever enqueued into it.</summary>
    private static async Task<BackfillQueue?> ExistingQueueAsync(IServiceProvider services, string jobId, TextWriter errors)
    {
        var queue = Queue(services, jobId);
        if (await queue.ExistsAsync())
        {
            return queue;
        }
        await errors.WriteLineAsync($"error: no job {jobId}: enqueue an archive first.");
        return null;
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Task Print<T>(TextWriter output, bool json, T value, string text) =>
        output.WriteLineAsync(json ? JsonSerializer.Serialize(value, Json) : text);

    private static async Task<int> RunAsync(Action<HostApplicationBuilder>? configureHost, TextWriter errors, Func<IServiceProvider, Task<int>> command)
    {
        IHost host;
        try
        {
            var builder = Host.CreateApplicationBuilder();
            // First, so a test's configuration and services are in place when the defaults are added around them.
            configureHost?.Invoke(builder);
            builder.AddBackfill();
            host = builder.Build();
            await host.StartAsync();
        }
        catch (Exception ex) when (ex is BackfillConfigurationException or OptionsValidationException)
        {
            await errors.WriteLineAsync($"error: {ex.Message}");
            return Usage;
        }
        try
        {
            return await command(host.Services);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            await errors.WriteLineAsync("error: Redis is unavailable; try again when it is back.");
            return Unavailable;
        }
        catch (IOException ex)
        {
            await errors.WriteLineAsync($"error: {ex.Message}");
            return InvalidInput;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }
    }
}
