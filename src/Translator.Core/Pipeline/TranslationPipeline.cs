using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Translator.Core.Caching;
using Translator.Core.Corrections;
using Translator.Core.Glossary;
using Translator.Core.Providers;
using Translator.Core.Segmentation;
using Translator.Core.Telemetry;
using Translator.Core.Tenants;

namespace Translator.Core.Pipeline;

/// <summary>
/// segment → resolve the glossary → prepare what every language shares (<see cref="PreparedArticle"/>: distinct
/// segments, text hashes, glossary matches with
/// each short form resolved over the whole story) → one <see cref="LanguageRun"/> per target language, concurrently
/// (protect → cache lookup → provider batches → restore → store → stream). Identical segments within a request
/// are translated once, and a segment that concurrent requests all miss is translated once for all of them
/// (<see cref="SingleFlight"/>). A tenant's request is charged to its account (<see cref="TenantCharge"/>): every
/// language reserves what it would send the provider before it calls it.
/// </summary>
internal sealed class TranslationPipeline : ITranslationPipeline
{
    private readonly ArticleSegmenter _segmenter;
    private readonly PipelineServices _services;
    private readonly ITenantContext _tenants;
    private readonly ITenantMeter _meter;

    public TranslationPipeline(
        ArticleSegmenter segmenter,
        GlossaryCatalog glossaries,
        ITranslationCache cache,
        ICorrectionStore corrections,
        SingleFlight singleFlight,
        ISegmentClaims claims,
        ProviderChain providers,
        IOptions<TranslatorOptions> options,
        TranslatorMetrics metrics,
        TimeProvider time,
        ITenantContext tenants,
        ITenantMeter meter,
        ILogger<TranslationPipeline> logger)
    {
        _segmenter = segmenter;
        _tenants = tenants;
        _meter = meter;
        _services = new PipelineServices(glossaries, cache, corrections, singleFlight, claims, providers, options.Value, metrics, time, logger);
    }

    public async IAsyncEnumerable<PipelineEvent> TranslateAsync(
        TranslationJob job, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var article = await PrepareAsync(job, cancellationToken).ConfigureAwait(false);
        var events = Channel.CreateUnbounded<PipelineEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var charge = Charge(job);
        var corrections = CorrectionLookup.Start(_services.Corrections, article, job, charge?.TenantId, stop.Token);
        var producer = RunAllAsync(job, article, corrections, events.Writer, stop, charge);
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
            await producer.ConfigureAwait(false);
        }
        finally
        {
            // The consumer may leave early (client gone): stop the provider work it no longer wants.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<TranslatedArticle>> TranslateAllAsync(TranslationJob job, CancellationToken cancellationToken)
    {
        var article = await PrepareAsync(job, cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var charge = Charge(job);
        try
        {
            // No per-segment events: the caller wants the assembled articles only.
            var corrections = CorrectionLookup.Start(_services.Corrections, article, job, charge?.TenantId, stop.Token);
            return await Failures.WhenAllAsync(job.TargetLanguages.Select(target => StartRun(job, article, target, corrections, null, stop, charge))).ConfigureAwait(false);
        }
        finally
        {
            await (charge?.SettleAsync() ?? Task.CompletedTask).ConfigureAwait(false);
        }
    }

    /// <summary>The caller's tenant account for this request; null when the call is nobody's.</summary>
    private TenantCharge? Charge(TranslationJob job) =>
        TenantCharge.For(_tenants.Current, _meter, _services.Metrics, _services.Time, job.TargetLanguages.Count);

    /// <summary>The work every target language shares, done once.</summary>
    private async Task<PreparedArticle> PrepareAsync(TranslationJob job, CancellationToken cancellationToken)
    {
        var segmented = _segmenter.Segment(job.Article, job.SourceLanguage);
        var segments = segmented.Paragraphs.Sum(p => p.Segments.Count) + (segmented.Title is null ? 0 : 1);
        if (segments > _services.Options.MaxSegments)
        {
            throw new TranslationRequestException("article",
                $"The article has {segments} segments; at most {_services.Options.MaxSegments} are accepted.");
        }
        var glossary = await _services.Glossaries.ResolveAsync(job.GlossaryId, job.UseDefaultGlossary, cancellationToken).ConfigureAwait(false);
        return PreparedArticle.From(segmented, glossary);
    }

    private async Task RunAllAsync(
        TranslationJob job, PreparedArticle article, CorrectionLookup corrections, ChannelWriter<PipelineEvent> events, CancellationTokenSource stop, TenantCharge? charge)
    {
        try
        {
            await Failures.WhenAllAsync(job.TargetLanguages.Select(async target =>
            {
                var translated = await StartRun(job, article, target, corrections, events, stop, charge).ConfigureAwait(false);
                await events.WriteAsync(new ArticleTranslated(translated), stop.Token).ConfigureAwait(false);
            })).ConfigureAwait(false);
        }
        finally
        {
            await (charge?.SettleAsync() ?? Task.CompletedTask).ConfigureAwait(false);
            events.TryComplete();
        }
    }

    private Task<TranslatedArticle> StartRun(
        TranslationJob job, PreparedArticle article, string target, CorrectionLookup corrections, ChannelWriter<PipelineEvent>? events, CancellationTokenSource stop,
        TenantCharge? charge)
    {
        try
        {
            return new LanguageRun(_services, job, article, target, corrections, events, stop, charge).RunAsync();
        }
        catch (Exception ex)
        {
            // No provider for the pair: the other languages stop too.
            stop.Cancel();
            return Task.FromException<TranslatedArticle>(ex);
        }
    }
}
