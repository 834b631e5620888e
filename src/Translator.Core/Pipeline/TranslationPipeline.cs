using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Translator.Core.Caching;
using Translator.Core.Glossary;
using Translator.Core.Languages;
using Translator.Core.Providers;
using Translator.Core.Segmentation;
using Translator.Core.Telemetry;

namespace Translator.Core.Pipeline;

/// <summary>
/// segment → protect glossary terms → look up every segment in the cache (one round trip per language) → send
/// the misses to the provider in batches that fit its limits → restore the renderings → store → assemble, for
/// every target language concurrently. Identical segments within a request are translated once, and a segment
/// that concurrent requests all miss is translated once for all of them (<see cref="SingleFlight"/>).
/// </summary>
internal sealed partial class TranslationPipeline(
    ArticleSegmenter segmenter,
    GlossaryCatalog glossaries,
    ITranslationCache cache,
    SingleFlight singleFlight,
    ProviderChain providers,
    IOptions<TranslatorOptions> options,
    TimeProvider time,
    ILogger<TranslationPipeline> logger) : ITranslationPipeline
{
    public async IAsyncEnumerable<PipelineEvent> TranslateAsync(
        TranslationJob job, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var units = SegmentUnits.From(segmenter.Segment(job.Article, job.SourceLanguage));
        if (units.SegmentCount > options.Value.MaxSegments)
        {
            throw new TranslationRequestException("article",
                $"The article has {units.SegmentCount} segments; at most {options.Value.MaxSegments} are accepted.");
        }
        var glossary = await glossaries.ResolveAsync(job.GlossaryId, job.UseDefaultGlossary, cancellationToken).ConfigureAwait(false);
        var events = Channel.CreateUnbounded<PipelineEvent>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(job, units, glossary, events.Writer, stop);
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

    private async Task ProduceAsync(
        TranslationJob job, SegmentUnits units, GlossaryMatcher? glossary, ChannelWriter<PipelineEvent> writer, CancellationTokenSource stop)
    {
        // Which entry each short form stands for is decided once, over the whole story, for every language.
        var story = glossary is null ? null : SecondReferenceResolver.Resolve(glossary, units.Texts, i => units.LocationsOf(i).Count);
        var all = Task.WhenAll(job.TargetLanguages.Select(target =>
            TranslateIntoAsync(job, target, units, new TargetGlossary(glossary, story, target, units, glossaries.ForProvider(glossary, target)), writer, stop)));
        try
        {
            await all.ConfigureAwait(false);
        }
        catch (Exception) when (all.Exception is { } failures)
        {
            // One language failing cancels the others; report the cause, not the cancellations it caused.
            var cause = failures.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? failures.InnerExceptions[0];
            ExceptionDispatchInfo.Throw(cause);
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task TranslateIntoAsync(
        TranslationJob job, string target, SegmentUnits units, TargetGlossary glossary, ChannelWriter<PipelineEvent> writer, CancellationTokenSource stop)
    {
        var cancellationToken = stop.Token;
        try
        {
            var started = time.GetTimestamp();
            var provider = providers.PreferredFor(job.SourceLanguage, target)
                ?? throw new ProviderException(string.Join(',', providers.Providers.Select(p => p.Name)), ProviderFailure.UnsupportedLanguage,
                    $"No configured provider translates {job.SourceLanguage} to {target}.");
            using var activity = TranslatorTelemetry.ActivitySource.StartActivity("translate language");
            activity?.SetTag(TranslatorTelemetry.SourceLanguageTag, job.SourceLanguage);
            activity?.SetTag(TranslatorTelemetry.TargetLanguageTag, target);
            activity?.SetTag(TranslatorTelemetry.ProviderTag, provider.Name);

            var results = new TranslatedSegment?[units.Texts.Count];
            var keys = units.Texts.Select((text, i) =>
                SegmentCacheKey.Create(provider, job.SourceLanguage, target, job.Formality, glossary.Fingerprint(i), text)).ToArray();

            var cached = await cache.LookUpAsync(keys, units.Texts, target, time, cancellationToken).ConfigureAwait(false);
            var misses = new List<int>();
            for (var i = 0; i < cached.Count; i++)
            {
                if (cached[i] is { } hit)
                {
                    results[i] = new TranslatedSegment(units.Texts[i], glossary.Verify(i, hit.Text), FromCache: true, hit.Provider);
                    await EmitAsync(writer, target, units, i, results[i]!, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    misses.Add(i);
                }
            }

            long providerCharacters = 0;
            using var gate = new SemaphoreSlim(options.Value.MaxConcurrentBatches);
            using var flights = singleFlight.Join(keys, misses);
            async Task TranslateAllAsync(IReadOnlyList<int> indexes)
            {
                var batches = Chunk(indexes, units, provider.Limits).Select(async batch =>
                {
                    await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        var characters = await TranslateBatchAsync(job, target, units, glossary, batch, keys, results, flights, writer, cancellationToken).ConfigureAwait(false);
                        Interlocked.Add(ref providerCharacters, characters);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }).ToArray();
                await Task.WhenAll(batches).ConfigureAwait(false);
            }
            var followed = FollowAsync(target, units, glossary, flights, results, writer, cancellationToken);
            await TranslateAllAsync(flights.Led).ConfigureAwait(false);
            await TranslateAllAsync(await followed.ConfigureAwait(false)).ConfigureAwait(false);

            var article = units.Assemble(target, results!, providerCharacters, glossary.Report());
            TranslatorTelemetry.ArticleDuration.Record(time.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(TranslatorTelemetry.TargetLanguageTag, target));
            await writer.WriteAsync(new ArticleTranslated(article), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <returns>The characters sent to the provider.</returns>
    private async Task<long> TranslateBatchAsync(
        TranslationJob job,
        string target,
        SegmentUnits units,
        TargetGlossary glossary,
        IReadOnlyList<int> batch,
        string[] keys,
        TranslatedSegment?[] results,
        SingleFlight.Flights flights,
        ChannelWriter<PipelineEvent> writer,
        CancellationToken cancellationToken)
    {
        var request = new ProviderBatch(job.SourceLanguage, target,
            batch.Select(i => new ProviderText(glossary.Masked(i), units.ContextOf(i))).ToArray(), job.Formality, glossary.ForProvider);
        var characters = batch.Sum(i => (long)units.Texts[i].Length);

        var started = time.GetTimestamp();
        ChainResult translated;
        using (var activity = TranslatorTelemetry.ActivitySource.StartActivity("provider translate"))
        {
            activity?.SetTag("translator.texts", batch.Count);
            activity?.SetTag("translator.characters", characters);
            translated = await providers.TranslateAsync(request, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(TranslatorTelemetry.ProviderTag, translated.Provider.Name);
        }
        var elapsed = time.GetElapsedTime(started);
        var providerTag = new KeyValuePair<string, object?>(TranslatorTelemetry.ProviderTag, translated.Provider.Name);
        TranslatorTelemetry.ProviderDuration.Record(elapsed.TotalSeconds, providerTag);
        TranslatorTelemetry.ProviderCharacters.Add(characters, providerTag);
        LogBatchTranslated(logger, translated.Provider.Name, target, batch.Count, characters, elapsed.TotalMilliseconds);

        if (translated.Texts.Count != batch.Count)
        {
            throw new ProviderException(translated.Provider.Name, ProviderFailure.Rejected,
                $"Provider returned {translated.Texts.Count} translations for {batch.Count} texts.");
        }

        var now = time.GetUtcNow();
        var entries = new KeyValuePair<string, CachedTranslation>[batch.Count];
        for (var j = 0; j < batch.Count; j++)
        {
            var i = batch[j];
            var text = glossary.Restore(i, translated.Texts[j]);
            results[i] = new TranslatedSegment(units.Texts[i], text, FromCache: false, translated.Provider.Name);
            // Stored under the key of the provider that actually translated, so a fallback's output is
            // never served as the preferred provider's.
            entries[j] = new(translated.Provider == providers.PreferredFor(job.SourceLanguage, target)
                    ? keys[i]
                    : SegmentCacheKey.Create(translated.Provider, job.SourceLanguage, target, job.Formality, glossary.Fingerprint(i), units.Texts[i]),
                new CachedTranslation(text, translated.Provider.Name, now));
        }
        // Paid-for translations are kept even if the caller has gone.
        await cache.SetManyAsync(entries, CancellationToken.None).ConfigureAwait(false);
        for (var j = 0; j < batch.Count; j++)
        {
            flights.Complete(batch[j], entries[j].Value);
        }
        foreach (var i in batch)
        {
            await EmitAsync(writer, target, units, i, results[i]!, cancellationToken).ConfigureAwait(false);
        }
        return characters;
    }

    /// <summary>Waits for the segments other requests are translating and emits them.</summary>
    /// <returns>The segments whose leader gave up, which this request must translate itself.</returns>
    private static async Task<IReadOnlyList<int>> FollowAsync(
        string target,
        SegmentUnits units,
        TargetGlossary glossary,
        SingleFlight.Flights flights,
        TranslatedSegment?[] results,
        ChannelWriter<PipelineEvent> writer,
        CancellationToken cancellationToken)
    {
        var targetTag = new KeyValuePair<string, object?>(TranslatorTelemetry.TargetLanguageTag, target);
        TranslatorTelemetry.Coalesced.Add(flights.Followed.Count, targetTag);
        var orphans = new List<int>();
        foreach (var (i, flight) in flights.Followed)
        {
            if (await flight.WaitAsync(cancellationToken).ConfigureAwait(false) is { } translation)
            {
                TranslatorTelemetry.CharactersSaved.Add(units.Texts[i].Length,
                    new KeyValuePair<string, object?>(TranslatorTelemetry.CacheTag, "single-flight"), targetTag);
                // Checked like a cache hit: the leader's request may have matched other glossary entries.
                results[i] = new TranslatedSegment(units.Texts[i], glossary.Verify(i, translation.Text), FromCache: true, translation.Provider);
                await EmitAsync(writer, target, units, i, results[i]!, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                orphans.Add(i);
            }
        }
        return orphans;
    }

    private static async ValueTask EmitAsync(
        ChannelWriter<PipelineEvent> writer, string target, SegmentUnits units, int textIndex, TranslatedSegment segment, CancellationToken cancellationToken)
    {
        var served = 0;
        foreach (var location in units.LocationsOf(textIndex))
        {
            await writer.WriteAsync(new SegmentTranslated(target, location, segment), cancellationToken).ConfigureAwait(false);
            served++;
        }
        TranslatorTelemetry.Segments.Add(served, new KeyValuePair<string, object?>(TranslatorTelemetry.CacheHitTag, segment.FromCache));
    }

    /// <summary>Groups the misses, in document order, into batches within the provider's limits.</summary>
    private static IEnumerable<IReadOnlyList<int>> Chunk(IReadOnlyList<int> misses, SegmentUnits units, ProviderLimits limits)
    {
        var batch = new List<int>();
        var bytes = 0;
        foreach (var i in misses)
        {
            var size = Encoding.UTF8.GetByteCount(units.Texts[i]);
            if (batch.Count > 0 && (batch.Count == limits.MaxTexts || bytes + size > limits.MaxBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }
            batch.Add(i);
            bytes += size;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    [LoggerMessage(EventId = 1001, EventName = "BatchTranslated", Level = LogLevel.Debug,
        Message = "Provider {Provider} translated {Texts} texts ({Characters} characters) into {TargetLanguage} in {ElapsedMs:F1} ms")]
    private static partial void LogBatchTranslated(ILogger logger, string provider, string targetLanguage, int texts, long characters, double elapsedMs);
}
