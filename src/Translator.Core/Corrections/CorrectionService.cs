using Translator.Core.Caching;
using Translator.Core.Glossary;
using Translator.Core.Providers;

namespace Translator.Core.Corrections;

/// <summary>Stores editors' corrections so the pipeline serves them over machine output.</summary>
public interface ICorrectionService
{
    /// <exception cref="Pipeline.TranslationRequestException">The glossary named does not exist.</exception>
    /// <exception cref="CorrectionStoreUnavailableException">The store could not be written.</exception>
    Task<CorrectionReport> SubmitAsync(CorrectionBatch batch, CancellationToken cancellationToken);
}

/// <summary>Validated corrections of one language pair (languages normalised, texts non-empty).</summary>
public sealed record CorrectionBatch(
    string SourceLanguage,
    string TargetLanguage,
    IReadOnlyList<SegmentCorrection> Corrections,
    Formality Formality = Formality.Default,
    string? GlossaryId = null);

/// <summary>One sentence and the editor's translation of it.</summary>
public sealed record SegmentCorrection(string SourceText, string TranslatedText);

/// <param name="Violations">Corrections that leave out a glossary rendering; stored anyway, the editor decides.</param>
public sealed record CorrectionReport(int Accepted, IReadOnlyList<CorrectionViolation> Violations);

/// <param name="Index">The correction's position in its batch.</param>
public sealed record CorrectionViolation(int Index, string Term, string ExpectedRendering);

internal sealed class CorrectionService(GlossaryCatalog glossaries, ICorrectionStore store, TimeProvider time) : ICorrectionService
{
    public async Task<CorrectionReport> SubmitAsync(CorrectionBatch batch, CancellationToken cancellationToken)
    {
        var matcher = await glossaries.ResolveAsync(batch.GlossaryId, cancellationToken).ConfigureAwait(false);
        var entries = matcher.Glossary.Entries;
        var prefix = CorrectionKey.LanguagePrefix(batch.SourceLanguage, batch.TargetLanguage, batch.Formality);
        var now = time.GetUtcNow();
        var corrections = new KeyValuePair<string, Correction>[batch.Corrections.Count];
        var violations = new List<CorrectionViolation>();
        for (var i = 0; i < corrections.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (source, translated) = batch.Corrections[i];
            var matches = matcher.Match(source);
            corrections[i] = new(CorrectionKey.Create(prefix, CorrectionKey.Terms(matcher, matches), SegmentCacheKey.TextHash(source)), new Correction(translated, now));
            var terms = GlossaryProtection.Protect(matcher, source, matches, batch.TargetLanguage);
            violations.AddRange(GlossaryProtection.Verify(terms, translated).Missing
                .Select(e => new CorrectionViolation(i, entries[e].Term, entries[e].RenderingFor(batch.TargetLanguage)!)));
        }
        await store.SaveManyAsync(corrections, cancellationToken).ConfigureAwait(false);
        return new CorrectionReport(corrections.Length, violations);
    }
}
