using System.Security.Cryptography;
using System.Text;
using Translator.Core.Caching;
using Translator.Core.Glossary;
using Translator.Core.Providers;
using Translator.Core.Segmentation;
using Translator.Core.Telemetry;

namespace Translator.Core.Pipeline;

/// <summary>What translating a set of articles would bill, worked out without calling a provider.</summary>
public interface ITranslationEstimator
{
    /// <summary>
    /// Adds one article to <paramref name="estimate"/>: the characters of every segment the cache does not hold
    /// and no earlier article of the estimate already counted (that one's translation will be cached by then).
    /// </summary>
    ValueTask AddAsync(TranslationEstimate estimate, TranslationJob job, CancellationToken cancellationToken);
}

/// <summary>A running estimate over many articles.</summary>
public sealed class TranslationEstimate
{
    // 128 bits of each counted cache key: memory stays ~40 bytes a segment for archives of millions.
    internal HashSet<UInt128> Counted { get; } = [];

    private readonly Dictionary<string, long> _billable = new(StringComparer.Ordinal);

    public long Articles { get; internal set; }

    /// <summary>Segments of every article (repeats included), as the pipeline counts them.</summary>
    public long Segments { get; internal set; }

    /// <summary>Characters the provider would bill, by target language.</summary>
    public IReadOnlyDictionary<string, long> BillableCharactersByLanguage => _billable;

    public long BillableCharacters => _billable.Values.Sum();

    internal void Bill(string target, long characters) =>
        _billable[target] = _billable.GetValueOrDefault(target) + characters;

    internal bool FirstTime(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Counted.Add(BitConverter.ToUInt128(hash));
    }
}

/// <summary>
/// Segments and protects each article exactly as <see cref="TranslationPipeline"/> does and looks its cache keys
/// up, so a segment is billable exactly when the pipeline would send it to the provider.
/// </summary>
internal sealed class TranslationEstimator(
    ArticleSegmenter segmenter, GlossaryCatalog glossaries, ITranslationCache cache, ProviderChain providers, TranslatorMetrics metrics)
    : ITranslationEstimator
{
    public async ValueTask AddAsync(TranslationEstimate estimate, TranslationJob job, CancellationToken cancellationToken)
    {
        var glossary = await glossaries.ResolveAsync(job.GlossaryId, job.UseDefaultGlossary, cancellationToken).ConfigureAwait(false);
        var article = PreparedArticle.From(segmenter.Segment(job.Article, job.SourceLanguage), glossary);
        estimate.Articles++;
        estimate.Segments += article.SegmentCount;
        foreach (var target in job.TargetLanguages)
        {
            var provider = providers.RequirePreferredFor(job.SourceLanguage, target);
            var protectedTexts = new TargetGlossary(article, target, glossaries.ForProvider(glossary, target), metrics);
            var articleKeys = SegmentCacheKey.ForArticle(
                SegmentCacheKey.LanguagePrefix(provider, job.SourceLanguage, target, job.Formality), protectedTexts, article.Hashes);
            var fresh = new List<int>();
            var keys = new List<string>();
            for (var i = 0; i < articleKeys.Length; i++)
            {
                var key = articleKeys[i];
                if (estimate.FirstTime(key))
                {
                    fresh.Add(i);
                    keys.Add(key);
                }
            }
            var cached = await cache.GetManyAsync(keys, cancellationToken).ConfigureAwait(false);
            // What the pipeline sends and counts: the text with its glossary terms masked, not the source as written.
            estimate.Bill(target, fresh.Where((_, j) => cached[j] is null).Sum(i => (long)protectedTexts.Masked(i).Length));
        }
    }
}
