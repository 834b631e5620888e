using Translator.Backfill.Jobs;

namespace Translator.Backfill.Tests;

public sealed class ProgressBarTests
{
    [Fact]
    public void Render_HalfwayAtTwoArticlesPerSecond_ShowsBarRateBilledAndEta()
    {
        var status = new JobStatus(Total: 10, Done: 4, Failed: 1, Pending: 3, InProgress: 2, BilledCharacters: 12345);

        var line = ProgressBar.Render(status, finishedWhileWatching: 5, seconds: 2.5);

        Assert.Equal("[" + new string('#', 15) + new string('.', 15) + "] 5/10 (1 failed) 2.0 articles/s, 12,345 characters billed, ETA 00:00:03", line);
    }

    [Fact]
    public void Render_NothingFinishedYet_HasNoEta()
    {
        var line = ProgressBar.Render(new JobStatus(4, 0, 0, 4, 0, 0), finishedWhileWatching: 0, seconds: 1);

        Assert.EndsWith("0.0 articles/s, 0 characters billed, ETA --:--:--", line, StringComparison.Ordinal);
        Assert.StartsWith("[" + new string('.', 30) + "] 0/4", line, StringComparison.Ordinal);
    }
}
