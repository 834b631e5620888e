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

    /// <summary>Translates into every target language and returns the articles in the job's target-language order.</summary>
    Task<IReadOnlyList<TranslatedArticle>> TranslateAllAsync(TranslationJob job, CancellationToken cancellationToken);
}
