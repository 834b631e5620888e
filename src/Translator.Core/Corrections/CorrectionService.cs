using Translator.Core.Caching;
using Translator.Core.Corrections.Xliff;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Core.Segmentation;
using Translator.Core.Tenants;

namespace Translator.Core.Corrections;

/// <summary>Stores editors' corrections so the pipeline serves them over machine output; XLIFF 2.0 out and in.</summary>
public interface ICorrectionService
{
    /// <exception cref="TranslationRequestException">The glossary named does not exist, or a source is more than one sentence.</exception>
    /// <exception cref="CorrectionStoreUnavailableException">The store could not be written.</exception>
    Task<CorrectionReport> SubmitAsync(CorrectionBatch batch, CancellationToken cancellationToken);

    /// <summary>The article translated into the job's one target language (as the pipeline does), as XLIFF 2.0.</summary>
    Task<string> ExportXliffAsync(TranslationJob job, CancellationToken cancellationToken);

    /// <summary>Stores every reviewed or final segment of an XLIFF 2.0 document as a correction.</summary>
    /// <exception cref="XliffFormatException">The document cannot be read; nothing was stored.</exception>
    Task<CorrectionReport> ImportXliffAsync(string content, CancellationToken cancellationToken);
}

/// <summary>Bounds on what editors may submit.</summary>
public static class CorrectionLimits
{
    /// <summary>Longest source or translated sentence: a sentence is far shorter, so this only stops abuse.</summary>
    public const int MaxSentenceCharacters = 10_000;

    /// <summary>Largest XLIFF document accepted for import.</summary>
    public const int MaxXliffCharacters = 2_000_000;
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

internal sealed class CorrectionService(
    GlossaryCatalog glossaries, ICorrectionStore store, ITranslationPipeline pipeline, ISentenceSegmenter segmenter, TimeProvider time,
    ITenantContext tenants) : ICorrectionService
{
    public async Task<string> ExportXliffAsync(TranslationJob job, CancellationToken cancellationToken)
    {
        var translated = (await pipeline.TranslateAllAsync(job, cancellationToken).ConfigureAwait(false)).Single();
        var glossary = await glossaries.ResolveAsync(job.GlossaryId, job.UseDefaultGlossary, cancellationToken).ConfigureAwait(false);
        return XliffWriter.Write(translated, job.SourceLanguage, job.GlossaryId ?? "", glossary, job.Formality);
    }

    public async Task<CorrectionReport> ImportXliffAsync(string content, CancellationToken cancellationToken)
    {
        // Read to the end before storing anything: a document with an error further down stores nothing.
        var files = XliffReader.Read(content, CorrectionLimits.MaxXliffCharacters, cancellationToken);
        var accepted = 0;
        var violations = new List<CorrectionViolation>();
        foreach (var batch in files.Where(f => f.Corrections.Count > 0))
        {
            var report = await SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
            violations.AddRange(report.Violations.Select(v => v with { Index = accepted + v.Index }));
            accepted += report.Accepted;
        }
        return new CorrectionReport(accepted, violations);
    }

    public async Task<CorrectionReport> SubmitAsync(CorrectionBatch batch, CancellationToken cancellationToken)
    {
        // Corrections are keyed by the glossary a translation would use: a named one layers over the default.
        var matcher = await glossaries.ResolveAsync(batch.GlossaryId, useDefault: true, cancellationToken).ConfigureAwait(false);
        var prefix = CorrectionKey.LanguagePrefix(batch.SourceLanguage, batch.TargetLanguage, batch.Formality, tenants.Current?.Id);
        var now = time.GetUtcNow();
        var corrections = new KeyValuePair<string, Correction>[batch.Corrections.Count];
        var violations = new List<CorrectionViolation>();
        for (var i = 0; i < corrections.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (source, translated) = batch.Corrections[i];
            // The pipeline looks sentences up one by one: a correction of two would never be served.
            if (segmenter.Split(source, batch.SourceLanguage).Count is > 1 and var sentences)
            {
                throw new TranslationRequestException($"corrections[{i}].source_text",
                    $"Holds {sentences} sentences; submit one correction per sentence, as SegmentArticle splits them.");
            }
            if (matcher is null)
            {
                corrections[i] = new(CorrectionKey.Create(prefix, ProtectedSegment.NoMatch, SegmentCacheKey.TextHash(source)), new Correction(translated, now));
                continue;
            }
            var matches = matcher.Match(source);
            corrections[i] = new(CorrectionKey.Create(prefix, CorrectionKey.Terms(matcher, matches), SegmentCacheKey.TextHash(source)), new Correction(translated, now));
            var terms = GlossaryProtection.Protect(matcher, source, matches, batch.TargetLanguage);
            violations.AddRange(GlossaryProtection.Verify(terms, translated).Missing
                .Select(missing => new CorrectionViolation(i, matcher.Glossary.Entries[missing.Entry].Term, missing.Rendering)));
        }
        await store.SaveManyAsync(corrections, cancellationToken).ConfigureAwait(false);
        return new CorrectionReport(corrections.Length, violations);
    }
}
