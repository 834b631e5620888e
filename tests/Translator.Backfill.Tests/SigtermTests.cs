using System.Diagnostics;
using System.Runtime.InteropServices;
using Translator.Testing;
using Translator.Testing.StandIns;

namespace Translator.Backfill.Tests;

/// <summary>A worker process told to stop (SIGTERM, as Kubernetes does) finishes the article in hand, then exits.</summary>
public sealed partial class SigtermTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private const int SigTerm = 15;

    [Fact]
    public async Task Work_SigtermWhileTranslating_FinishesTheArticleInHandAndExits()
    {
        using var harness = new BackfillHarness(redis.Server);
        var archive = harness.WriteArchive(
        [
            BackfillHarness.Line("first", "Talks resume", "The leaders met on Tuesday."),
            BackfillHarness.Line("second", "Talks end", "The talks ended on Friday."),
            BackfillHarness.Line("third", "Talks fail", "The talks failed on Sunday."),
        ]);
        await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ko");
        await using var deepL = await DeepLStandIn.StartAsync();
        var gate = new BatchGate();
        deepL.BeforeTranslate = gate.HoldEvery();

        using var worker = StartWorker(harness, deepL);
        var stderr = worker.StandardError.ReadToEndAsync(_ct);
        await gate.Entered.WaitAsync(_ct);
        Assert.Equal(0, Kill(worker.Id, SigTerm));
        gate.Release();
        await worker.WaitForExitAsync(_ct);

        Assert.True(worker.ExitCode == 0, await stderr);
        Assert.Single(Directory.GetFiles(harness.Output, "*.json"));
        var status = await harness.StatusAsync();
        Assert.Equal(1, (int)status["done"]!);
        Assert.Equal(2, (int)status["pending"]!);
        Assert.Equal(0, (int)status["in_progress"]!);
    }

    /// <summary>The worker as a pod runs it: its own process, settings from the environment, DeepL as the provider.</summary>
    private static Process StartWorker(BackfillHarness harness, DeepLStandIn deepL)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "translator-backfill.dll"));
        foreach (var arg in new[] { "work", "--job", harness.Job, "--output", harness.Output })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ConnectionStrings__Redis"] = harness.RedisConnectionString;
        info.Environment["Translation__Provider"] = "DeepL";
        info.Environment["DEEPL_SERVER_URL"] = deepL.Url.ToString();
        info.Environment["DEEPL_AUTH_KEY"] = deepL.AuthKey;
        info.Environment["DeepL__UsagePollInterval"] = "00:00:00";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the worker.");
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }
}
