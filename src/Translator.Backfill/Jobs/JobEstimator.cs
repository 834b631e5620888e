using Microsoft.Extensions.Options;
using Translator.Backfill.Archive;
using Translator.Core;
using Translator.Core.Cleaning;
using Translator.Core.Pipeline;
using Translator.Core.Providers;

namespace Translator.Backfill.Jobs;

/// <summary>The <c>estimate</c> output: what the job's unfinished articles would bill after the cache, and how long that takes.</summary>
internal sealed record JobEstimate(long Articles, long Segments, long BillableCharacters, double SecondsAtBudget, IReadOnlyDictionary<string, long> BillableCharactersByLanguage);

/// <summary>Estimates a job's unfinished articles (the queue) without calling the provider.</summary>
internal sealed class JobEstimator(ITranslationEstimator estimator, IArticleCleaner cleaner, IOptions<TranslatorOptions> limits, IOptions<ProviderBudgetOptions> budget)
{
    public async Task<JobEstimate> EstimateAsync(BackfillQueue queue, CancellationToken cancellationToken)
    {
        var estimate = new TranslationEstimate();
        await foreach (var article in queue.ReadAllAsync().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            TranslationJob job;
            try
            {
                job = ArchiveArticle.ToJob(article, cleaner, limits.Value, cancellationToken);
            }
            catch (ArchiveFormatException)
            {
                // It will fail without reaching the provider: it bills nothing.
                continue;
            }
            await estimator.AddAsync(estimate, job, cancellationToken).ConfigureAwait(false);
        }
        return new JobEstimate(estimate.Articles, estimate.Segments, estimate.BillableCharacters,
            Math.Round(budget.Value.SecondsFor(estimate.BillableCharacters), 1), estimate.BillableCharactersByLanguage);
    }
}
