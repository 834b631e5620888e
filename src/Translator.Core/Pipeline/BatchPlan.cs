using System.Text;
using Translator.Core.Glossary;
using Translator.Core.Providers;

namespace Translator.Core.Pipeline;

/// <summary>
/// Groups a language's missed segments, in document order, into provider batches: the first holds only the
/// title and first paragraph, so a streamed article starts as soon as one short call returns; the rest are as
/// large as the provider's limits (texts and UTF-8 bytes per call) allow, so the whole takes no more calls than
/// it must. A segment larger than one call is a batch of its own (the run splits it).
/// </summary>
internal static class BatchPlan
{
    public static IEnumerable<IReadOnlyList<int>> Create(IReadOnlyList<int> segments, PreparedArticle article, TargetGlossary glossary, ProviderLimits limits)
    {
        var opening = article.OpeningTexts;
        var batch = new List<int>();
        var bytes = 0;
        var inOpening = segments.Count > 0 && segments[0] < opening;
        foreach (var i in segments)
        {
            var size = Encoding.UTF8.GetByteCount(glossary.Masked(i));
            var closesOpening = inOpening && i >= opening;
            if (batch.Count > 0 && (closesOpening || batch.Count == limits.MaxTexts || bytes + size > limits.MaxBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }
            inOpening &= !closesOpening;
            batch.Add(i);
            bytes += size;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }
}
