namespace Translator.Core.Pipeline;

/// <summary>Translates articles segment by segment: segment, look up, translate the misses, store, assemble.</summary>
public interface ITranslationPipeline
{
    /// <summary>
    /// Streams each segment as soon as it is ready, for all target languages concurrently, and one
    /// <see cref="ArticleTranslated"/> per language after its last segment. Segments arrive in no
    /// guaranteed order; their <see cref="SegmentLocation"/> places them.
    /// </summary>
    IAsyncEnumerable<PipelineEvent> TranslateAsync(TranslationJob job, CancellationToken cancellationToken);
}

public static class TranslationPipelineExtensions
{
    /// <summary>Runs the pipeline to the end and returns the articles in the job's target-language order.</summary>
    public static async Task<IReadOnlyList<TranslatedArticle>> TranslateAllAsync(
        this ITranslationPipeline pipeline, TranslationJob job, CancellationToken cancellationToken)
    {
        var done = new Dictionary<string, TranslatedArticle>(StringComparer.Ordinal);
        await foreach (var e in pipeline.TranslateAsync(job, cancellationToken).ConfigureAwait(false))
        {
            if (e is ArticleTranslated translated)
            {
                done[translated.TargetLanguage] = translated.Article;
            }
        }
        return job.TargetLanguages.Select(t => done[t]).ToArray();
    }
}
