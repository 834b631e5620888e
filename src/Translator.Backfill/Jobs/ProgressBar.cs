using System.Globalization;

namespace Translator.Backfill.Jobs;

/// <summary>A one-line live view of a job for a terminal: a bar, articles/s, characters billed and an ETA.</summary>
internal static class ProgressBar
{
    private const int Width = 30;

    public static async Task RunAsync(BackfillQueue queue, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var first = await queue.StatusAsync().ConfigureAwait(false);
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        var status = first;
        do
        {
            status = await queue.StatusAsync().ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started).TotalSeconds;
            await output.WriteAsync("\r" + Render(status, status.Done + status.Failed - first.Done - first.Failed, elapsed)).ConfigureAwait(false);
            if (status.Pending + status.InProgress == 0)
            {
                break;
            }
        }
        while (await Next(tick, cancellationToken).ConfigureAwait(false));
        await output.WriteLineAsync().ConfigureAwait(false);
    }

    /// <summary>The line for a status, given the articles finished since watching began and the seconds watched.</summary>
    public static string Render(JobStatus status, long finishedWhileWatching, double seconds)
    {
        var finished = status.Done + status.Failed;
        var fraction = status.Total == 0 ? 1 : (double)finished / status.Total;
        var filled = (int)Math.Round(fraction * Width);
        var rate = seconds > 0 ? finishedWhileWatching / seconds : 0;
        var left = status.Pending + status.InProgress;
        var eta = rate > 0 ? TimeSpan.FromSeconds(Math.Ceiling(left / rate)).ToString("c", CultureInfo.InvariantCulture) : "--:--:--";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {finished}/{status.Total} ({status.Failed} failed) {rate:F1} articles/s, {status.BilledCharacters:N0} characters billed, ETA {eta}");
    }

    private static async Task<bool> Next(PeriodicTimer tick, CancellationToken cancellationToken)
    {
        try
        {
            return await tick.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
