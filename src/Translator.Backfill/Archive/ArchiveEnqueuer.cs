using Translator.Backfill.Jobs;

namespace Translator.Backfill.Archive;

/// <summary>What one enqueue did.</summary>
internal sealed record EnqueueSummary(long Lines, long Enqueued, long Duplicates, long Malformed);

/// <summary>Streams an archive of JSON lines into a job, line by line: an archive of any size is never held in memory.</summary>
internal static class ArchiveEnqueuer
{
    // Enough script calls in flight to hide the round trip, few enough to bound memory.
    private const int InFlight = 256;

    /// <param name="malformed">Told the 1-based line number and what is wrong with each line that is skipped.</param>
    public static async Task<EnqueueSummary> EnqueueAsync(
        BackfillQueue queue, TextReader archive, JobSettings settings, Func<long, string, Task> malformed, CancellationToken cancellationToken)
    {
        await queue.CreateAsync().ConfigureAwait(false);
        long lines = 0, enqueued = 0, duplicates = 0, bad = 0;
        var inFlight = new List<Task<bool>>(InFlight);
        async Task DrainAsync()
        {
            foreach (var added in await Task.WhenAll(inFlight).ConfigureAwait(false))
            {
                _ = added ? enqueued++ : duplicates++;
            }
            inFlight.Clear();
        }

        while (await archive.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lines++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            ArchiveArticle article;
            try
            {
                article = ArchiveArticle.Parse(line);
            }
            catch (ArchiveFormatException ex)
            {
                bad++;
                await malformed(lines, ex.Message).ConfigureAwait(false);
                continue;
            }
            inFlight.Add(queue.EnqueueAsync(article.Id, line, settings));
            if (inFlight.Count == InFlight)
            {
                await DrainAsync().ConfigureAwait(false);
            }
        }
        await DrainAsync().ConfigureAwait(false);
        return new EnqueueSummary(lines, enqueued, duplicates, bad);
    }
}
