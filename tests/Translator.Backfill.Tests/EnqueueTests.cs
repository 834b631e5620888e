namespace Translator.Backfill.Tests;

public sealed class EnqueueTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Enqueue_SameArticlesTwice_AddsEachOnce()
    {
        using var harness = new BackfillHarness(redis.Server);
        var (title, text) = BackfillHarness.Corpus[0];
        var archive = harness.WriteArchive(
            BackfillHarness.Line("a-1", title, text),
            BackfillHarness.Line("a-2", title, text),
            BackfillHarness.Line("a-1", title, text));

        var first = await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ko,ja");
        var second = await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ko,ja");

        Assert.Equal(2, (int)first["enqueued"]!);
        Assert.Equal(1, (int)first["duplicates"]!);
        Assert.Equal(0, (int)second["enqueued"]!);
        Assert.Equal(3, (int)second["duplicates"]!);
        var status = await harness.StatusAsync();
        Assert.Equal(2, (int)status["total"]!);
        Assert.Equal(2, (int)status["pending"]!);
        Assert.Equal(0, (int)status["in_progress"]!);
    }

    [Fact]
    public async Task Enqueue_MalformedLines_ReportsLineNumbersAndEnqueuesTheRest()
    {
        using var harness = new BackfillHarness(redis.Server);
        var (title, text) = BackfillHarness.Corpus[0];
        var archive = harness.WriteArchive(
            BackfillHarness.Line("ok-1", title, text),
            "{\"id\": \"broken\", \"text\": ",
            "{\"title\": \"no id\", \"text\": \"body\"}",
            BackfillHarness.Line("ok-2", title, text));

        var (code, stdout, stderr) = await harness.RunAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ru", "--json");

        Assert.Equal(0, code);
        Assert.Contains("line 2: skipped: not valid JSON", stderr, StringComparison.Ordinal);
        Assert.Contains("line 3: skipped: \"id\" must be", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("body", stderr, StringComparison.Ordinal);
        Assert.Contains("\"malformed\":2", stdout, StringComparison.Ordinal);
        Assert.Equal(2, (int)(await harness.StatusAsync())["total"]!);
    }

    [Fact]
    public async Task Enqueue_InvalidTargetLanguage_FailsWithUsageError()
    {
        using var harness = new BackfillHarness(redis.Server);
        var archive = harness.WriteArchive(BackfillHarness.Line("a", "t", "body"));

        var (code, _, stderr) = await harness.RunAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ko,not a tag");

        Assert.NotEqual(0, code);
        Assert.Contains("--to must be", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnknownJob_FailsWithInvalidInput()
    {
        using var harness = new BackfillHarness(redis.Server);

        var (code, _, stderr) = await harness.RunAsync("status", "--job", harness.Job);

        Assert.Equal(BackfillApp.InvalidInput, code);
        Assert.Contains("no job", stderr, StringComparison.Ordinal);
    }
}
