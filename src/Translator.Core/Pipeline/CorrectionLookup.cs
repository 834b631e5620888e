using Translator.Core.Corrections;

namespace Translator.Core.Pipeline;

/// <summary>
/// The editors' corrections for every target language of one request, read in one round trip when the request starts
/// (a shared store costs a round trip per read, and most requests find no corrections at all). Each
/// <see cref="LanguageRun"/> takes its own language's slice.
/// </summary>
internal sealed class CorrectionLookup
{
    private readonly Task<IReadOnlyList<Correction?>> _all;
    private readonly IReadOnlyList<string> _targets;
    private readonly int _perLanguage;

    private CorrectionLookup(Task<IReadOnlyList<Correction?>> all, IReadOnlyList<string> targets, int perLanguage)
    {
        _all = all;
        _targets = targets;
        _perLanguage = perLanguage;
    }

    /// <param name="tenantId">The tenant whose editors' corrections apply; null without a tenant.</param>
    public static CorrectionLookup Start(ICorrectionStore store, PreparedArticle article, TranslationJob job, string? tenantId, CancellationToken cancellationToken)
    {
        var perLanguage = article.Texts.Count;
        if (store.IsKnownEmpty)
        {
            return new CorrectionLookup(Task.FromResult<IReadOnlyList<Correction?>>(new Correction?[perLanguage * job.TargetLanguages.Count]), job.TargetLanguages, perLanguage);
        }
        var keys = new string[perLanguage * job.TargetLanguages.Count];
        for (var t = 0; t < job.TargetLanguages.Count; t++)
        {
            CorrectionKey.ForArticle(article, job, job.TargetLanguages[t], tenantId).CopyTo(keys, t * perLanguage);
        }
        return new CorrectionLookup(store.GetManyAsync(keys, cancellationToken).AsTask(), job.TargetLanguages, perLanguage);
    }

    /// <returns>One entry per distinct text of the article (null: no correction) for <paramref name="target"/>.</returns>
    public async Task<ArraySegment<Correction?>> ForAsync(string target)
    {
        var all = await _all.ConfigureAwait(false);
        var offset = IndexOf(target) * _perLanguage;
        return all is Correction?[] array
            ? new ArraySegment<Correction?>(array, offset, _perLanguage)
            : new ArraySegment<Correction?>(all.Skip(offset).Take(_perLanguage).ToArray());
    }

    private int IndexOf(string target)
    {
        for (var t = 0; t < _targets.Count; t++)
        {
            if (_targets[t] == target)
            {
                return t;
            }
        }
        throw new ArgumentException("Not a target language of this request.", nameof(target));
    }
}
