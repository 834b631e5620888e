using System.Text.Json.Nodes;
using StackExchange.Redis;
using Translator.Backfill.Jobs;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Backfill.Tests;

public sealed class WorkTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Work_EnqueuedArchive_WritesOneFilePerArticleAndReportsDone()
    {
        using var harness = new BackfillHarness(redis.Server);
        var archive = harness.WriteArchive(BackfillHarness.Corpus.Select((a, i) => BackfillHarness.Line($"story/{i}", a.Title, a.Text)).ToArray());
        await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ko,ja");

        var summary = await harness.RunJsonAsync("work", "--job", harness.Job, "--output", harness.Output);

        Assert.Equal(BackfillHarness.Corpus.Count, (int)summary["done"]!);
        var files = Directory.GetFiles(harness.Output);
        Assert.Equal(BackfillHarness.Corpus.Count, files.Length);
        Assert.All(files, f => Assert.DoesNotContain("/", Path.GetFileName(f), StringComparison.Ordinal));
        var first = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(harness.Output, Work.ArticleOutput.FileName("story/0"))))!;
        Assert.Equal("story/0", (string)first["id"]!);
        var translations = first["translations"]!.AsArray();
        Assert.Equal(["ko", "ja"], translations.Select(t => (string)t!["target_language"]!));
        Assert.Equal(CountingProvider.Translate(BackfillHarness.Corpus[0].Title, "ko"), (string)translations[0]!["title"]!);
        Assert.NotEmpty(translations[0]!["paragraphs"]!.AsArray());
        var status = await harness.StatusAsync();
        Assert.Equal(BackfillHarness.Corpus.Count, (int)status["done"]!);
        Assert.Equal(0, (int)status["pending"]! + (int)status["in_progress"]! + (int)status["failed"]!);
        Assert.Equal(harness.Provider.Characters, (long)status["billed_characters"]!);
    }

    [Fact]
    public async Task Work_SameArchiveAsNewJob_BillsNothing()
    {
        using var harness = new BackfillHarness(redis.Server);
        var archive = harness.WriteArchive(BackfillHarness.Corpus.Take(2).Select((a, i) => BackfillHarness.Line($"rerun-{i}", a.Title, a.Text)).ToArray());
        await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ru");
        await harness.RunJsonAsync("work", "--job", harness.Job, "--output", harness.Output);
        var billedBefore = harness.Provider.Characters;
        var rerun = harness.Job + "-again";

        await harness.RunJsonAsync("enqueue", "--job", rerun, "--input", archive, "--to", "ru");
        var summary = await harness.RunJsonAsync("work", "--job", rerun, "--output", Path.Combine(harness.Directory, "again"));

        Assert.True(billedBefore > 0);
        Assert.Equal(2, (int)summary["done"]!);
        Assert.Equal(0, (long)summary["billed_characters"]!);
        Assert.Equal(billedBefore, harness.Provider.Characters);
    }

    [Fact]
    public async Task Work_ArticleHeldByDeadWorker_IsClaimedAndWrittenOnce()
    {
        using var harness = new BackfillHarness(redis.Server, settings: new Dictionary<string, string?> { ["Backfill:ClaimIdle"] = "00:00:00.200" });
        var archive = harness.WriteArchive(BackfillHarness.Corpus.Take(3).Select((a, i) => BackfillHarness.Line($"held-{i}", a.Title, a.Text)).ToArray());
        await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ko");
        var db = harness.Database();
        var queue = new BackfillQueue(db.Multiplexer, harness.Job);
        // A worker takes an article and dies before acknowledging it.
        var held = await db.StreamReadGroupAsync(queue.StreamKey, BackfillQueue.GroupName, "dead-worker", StreamPosition.NewMessages, count: 1);
        Assert.Single(held);

        var summary = await harness.RunJsonAsync("work", "--job", harness.Job, "--output", harness.Output);

        Assert.Equal(3, (int)summary["done"]!);
        Assert.Equal(3, Directory.GetFiles(harness.Output).Length);
        Assert.True(File.Exists(Path.Combine(harness.Output, $"{(string)held[0]["id"]!}.json")));
        var status = await harness.StatusAsync();
        Assert.Equal(3, (int)status["done"]!);
        Assert.Equal(0, (int)status["in_progress"]!);
    }

    [Fact]
    public async Task Work_ProviderKeepsFailing_RecordsFailedWithReasonAfterMaxAttempts()
    {
        var provider = new CountingProvider { Fail = _ => new ProviderException("Counting", ProviderFailure.Unavailable, "Provider unavailable (503).") };
        using var harness = new BackfillHarness(redis.Server, provider, new Dictionary<string, string?> { ["Backfill:MaxAttempts"] = "3" });
        var archive = harness.WriteArchive(BackfillHarness.Line("doomed", "Title", "One sentence."), BackfillHarness.Line("also-doomed", "Title 2", "Another sentence."));
        await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ko");

        var summary = await harness.RunJsonAsync("work", "--job", harness.Job, "--output", harness.Output);

        Assert.Equal(2, (int)summary["failed"]!);
        Assert.Equal(4, (int)summary["retried"]!);
        Assert.Equal(6, provider.Batches.Count);
        Assert.Empty(Directory.GetFiles(harness.Output));
        var status = await harness.StatusAsync();
        Assert.Equal(2, (int)status["failed"]!);
        Assert.Equal(0, (int)status["pending"]!);
        var failures = await new BackfillQueue(harness.Database().Multiplexer, harness.Job).FailuresAsync();
        Assert.Contains("Unavailable", failures["doomed"], StringComparison.Ordinal);
        Assert.Contains("after 3 attempts", failures["doomed"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_ArticleWithEmptyBody_FailsAtOnceAndTheJobGoesOn()
    {
        using var harness = new BackfillHarness(redis.Server);
        var (title, text) = BackfillHarness.Corpus[1];
        var archive = harness.WriteArchive(BackfillHarness.Line("empty", "Title", "   "), BackfillHarness.Line("fine", title, text));
        await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ja");

        var summary = await harness.RunJsonAsync("work", "--job", harness.Job, "--output", harness.Output);

        Assert.Equal(1, (int)summary["done"]!);
        Assert.Equal(1, (int)summary["failed"]!);
        Assert.Equal(0, (int)summary["retried"]!);
        Assert.True(File.Exists(Path.Combine(harness.Output, "fine.json")));
        Assert.False(File.Exists(Path.Combine(harness.Output, "empty.json")));
        var failures = await new BackfillQueue(harness.Database().Multiplexer, harness.Job).FailuresAsync();
        Assert.Contains("body is empty", failures["empty"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_UnknownJob_FailsWithInvalidInput()
    {
        using var harness = new BackfillHarness(redis.Server);

        var (code, _, stderr) = await harness.RunAsync("work", "--job", harness.Job, "--output", harness.Output);

        Assert.Equal(BackfillApp.InvalidInput, code);
        Assert.Contains("enqueue an archive first", stderr, StringComparison.Ordinal);
    }
}
