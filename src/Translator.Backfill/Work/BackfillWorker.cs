using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Translator.Backfill.Archive;
using Translator.Backfill.Jobs;
using Translator.Core;
using Translator.Core.Cleaning;
using Translator.Core.Pipeline;
using Translator.Core.Providers;

namespace Translator.Backfill.Work;

/// <summary>What a worker did before the queue ran dry or it was asked to stop.</summary>
internal sealed record WorkSummary(int Done, int Retried, int Failed, long BilledCharacters);

/// <summary>
/// Takes articles from a job one at a time (new ones first, then ones a dead worker abandoned), translates
/// each into every target language with the pipeline, writes its file, and only then acknowledges it.
/// </summary>
internal sealed partial class BackfillWorker(
    ITranslationPipeline pipeline,
    IArticleCleaner cleaner,
    IOptions<TranslatorOptions> limits,
    IOptions<BackfillOptions> options,
    TimeProvider time,
    ILogger<BackfillWorker> logger)
{
    /// <summary>Works until the job has nothing left to take and nothing held by other workers, or until <paramref name="stop"/>.</summary>
    /// <param name="stop">Stops taking articles; the article in hand is finished first (a SIGTERM).</param>
    public async Task<WorkSummary> RunAsync(BackfillQueue queue, string outputDirectory, CancellationToken stop)
    {
        Directory.CreateDirectory(outputDirectory);
        var consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        int done = 0, retried = 0, failed = 0;
        long billed = 0;
        while (!stop.IsCancellationRequested)
        {
            var article = await queue.TakeNewAsync(consumer).ConfigureAwait(false)
                ?? await queue.TakeAbandonedAsync(consumer, options.Value.ClaimIdle).ConfigureAwait(false);
            if (article is null)
            {
                if (await queue.InProgressAsync().ConfigureAwait(false) == 0)
                {
                    break;
                }
                // Other workers hold the rest: wait for them to finish, or for their articles to be claimable.
                try
                {
                    await Task.Delay(options.Value.IdlePoll, time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                continue;
            }

            var outcome = await ProcessAsync(queue, article, outputDirectory).ConfigureAwait(false);
            billed += outcome.Billed;
            switch (outcome.Result)
            {
                case Result.Done: done++; break;
                case Result.Retried: retried++; break;
                default: failed++; break;
            }
        }
        return new WorkSummary(done, retried, failed, billed);
    }

    private enum Result
    {
        Done,
        Retried,
        Failed,
    }

    private async Task<(Result Result, long Billed)> ProcessAsync(BackfillQueue queue, QueuedArticle article, string outputDirectory)
    {
        // The article in hand is always finished, even when the worker is asked to stop.
        var cancellationToken = CancellationToken.None;
        long billed = 0;
        try
        {
            var job = ArchiveArticle.ToJob(article, cleaner, limits.Value, cancellationToken);
            var translations = await pipeline.TranslateAllAsync(job, cancellationToken).ConfigureAwait(false);
            billed = translations.Sum(t => t.Stats.ProviderCharacters);
            await ArticleOutput.WriteAsync(outputDirectory, article.ArticleId, translations, cancellationToken).ConfigureAwait(false);
            await queue.CompleteAsync(article, billed).ConfigureAwait(false);
            return (Result.Done, billed);
        }
        catch (Exception ex) when (ex is ArchiveFormatException or TranslationRequestException)
        {
            // Bad input: another attempt would fail the same way.
            LogArticleFailed(logger, article.ArticleId, article.Attempt + 1, ex.GetType().Name);
            await queue.FailAsync(article, ex.Message, billed).ConfigureAwait(false);
            return (Result.Failed, billed);
        }
        catch (Exception ex) when (ex is ProviderException or IOException or UnauthorizedAccessException)
        {
            if (article.Attempt + 1 < options.Value.MaxAttempts)
            {
                LogArticleRetrying(logger, article.ArticleId, article.Attempt + 1, ex.GetType().Name);
                await queue.RetryAsync(article, billed).ConfigureAwait(false);
                return (Result.Retried, billed);
            }
            LogArticleFailed(logger, article.ArticleId, article.Attempt + 1, ex.GetType().Name);
            var reason = ex is ProviderException provider
                ? $"provider {provider.Provider} failed ({provider.Failure}) after {article.Attempt + 1} attempts: {provider.Message}"
                : $"could not write the output after {article.Attempt + 1} attempts ({ex.GetType().Name}).";
            await queue.FailAsync(article, reason, billed).ConfigureAwait(false);
            return (Result.Failed, billed);
        }
    }

    [LoggerMessage(EventId = 7001, EventName = "BackfillArticleRetrying", Level = LogLevel.Warning,
        Message = "Article {ArticleId} failed on attempt {Attempt} ({Error}); queued again")]
    private static partial void LogArticleRetrying(ILogger logger, string articleId, int attempt, string error);

    [LoggerMessage(EventId = 7002, EventName = "BackfillArticleFailed", Level = LogLevel.Warning,
        Message = "Article {ArticleId} failed on attempt {Attempt} ({Error}); recorded as failed")]
    private static partial void LogArticleFailed(ILogger logger, string articleId, int attempt, string error);
}
