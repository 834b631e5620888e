namespace Translator.Backfill.Tests;

public sealed class EstimateTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    /// <summary>Syndicated copies: every story twice under different ids, and a third version mixing two stories' paragraphs.</summary>
    private static string[] SyndicatedArchive()
    {
        var corpus = BackfillHarness.Corpus;
        var lines = new List<string>();
        for (var i = 0; i < corpus.Count; i++)
        {
            lines.Add(BackfillHarness.Line($"wire-{i}", corpus[i].Title, corpus[i].Text));
            lines.Add(BackfillHarness.Line($"reprint-{i}", corpus[i].Title, corpus[i].Text));
            var other = corpus[(i + 1) % corpus.Count].Text.Split("\n\n");
            lines.Add(BackfillHarness.Line($"digest-{i}", "Digest " + i, corpus[i].Text.Split("\n\n")[0] + "\n\n" + string.Join("\n\n", other.Take(2))));
        }
        return [.. lines];
    }

    [Fact]
    public async Task Estimate_BeforeWork_EqualsTheCharactersThenBilled()
    {
        using var harness = new BackfillHarness(redis.Server, settings: new Dictionary<string, string?> { ["ProviderBudget:CharactersPerSecond"] = "1000" });
        var archive = harness.WriteArchive(SyndicatedArchive());
        await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ko,ja");

        var estimate = await harness.RunJsonAsync("estimate", "--job", harness.Job);
        await harness.RunJsonAsync("work", "--job", harness.Job, "--output", harness.Output);

        var billed = (long)(await harness.StatusAsync())["billed_characters"]!;
        Assert.Equal(BackfillHarness.Corpus.Count * 3, (int)estimate["articles"]!);
        Assert.True(billed > 0);
        Assert.Equal(billed, (long)estimate["billable_characters"]!);
        Assert.Equal(Math.Round(billed / 1000.0, 1), (double)estimate["seconds_at_budget"]!, 1);
    }

    [Fact]
    public async Task Estimate_ArticlesNamingGlossaryEntries_CountsTheMaskedTextThePipelineBills()
    {
        using var harness = new BackfillHarness(redis.Server);
        // Names of the starter glossary: the provider is sent each one masked as its rendering, longer than the name.
        var archive = harness.WriteArchive(
        [
            BackfillHarness.Line("names-1", "Talks in Pyongyang", "Jo Chun Ryong met Choe Sun Hui on Monday.\n\nThe talks lasted two hours."),
            BackfillHarness.Line("names-2", "Talks resume", "Choe Sun Hui said the talks would resume.\n\nThe talks lasted two hours."),
        ]);
        await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ko,ru");

        var estimate = await harness.RunJsonAsync("estimate", "--job", harness.Job);
        await harness.RunJsonAsync("work", "--job", harness.Job, "--output", harness.Output);

        var billed = (long)(await harness.StatusAsync())["billed_characters"]!;
        Assert.Equal(billed, (long)estimate["billable_characters"]!);
    }

    [Fact]
    public async Task Estimate_ArchiveAlreadyTranslated_IsZero()
    {
        using var harness = new BackfillHarness(redis.Server);
        var archive = harness.WriteArchive(SyndicatedArchive().Take(4).ToArray());
        await harness.RunJsonAsync("enqueue", "--job", harness.Job, "--input", archive, "--to", "ru");
        var before = await harness.RunJsonAsync("estimate", "--job", harness.Job);
        await harness.RunJsonAsync("work", "--job", harness.Job, "--output", harness.Output);
        var again = harness.Job + "-again";
        await harness.RunJsonAsync("enqueue", "--job", again, "--input", archive, "--to", "ru");

        var after = await harness.RunJsonAsync("estimate", "--job", again);

        Assert.True((long)before["billable_characters"]! > 0);
        Assert.Equal(4, (int)after["articles"]!);
        Assert.Equal(0, (long)after["billable_characters"]!);
    }
}
