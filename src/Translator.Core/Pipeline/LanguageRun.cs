using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Translator.Core.Caching;
using Translator.Core.Corrections;
using Translator.Core.Glossary;
using Translator.Core.Languages;
using Translator.Core.Providers;
using Translator.Core.Telemetry;
using Translator.Core.Tenants;

namespace Translator.Core.Pipeline;

/// <summary>
/// One target language of one request, start to finish, reading top to bottom:
/// cache lookup → join the single flights → reserve the misses on the tenant's account → batch the misses to the
/// provider → restore the renderings → store → stream each segment → assemble. It owns the language's state (keys, results, flights, the batch gate); any
/// failure cancels the whole request at once, so sibling batches and languages stop spending.
/// </summary>
internal sealed partial class LanguageRun
{
    private readonly PipelineServices _services;
    private readonly TranslationJob _job;
    private readonly PreparedArticle _article;
    private readonly string _target;
    private readonly ITranslationProvider _provider;
    private readonly TargetGlossary _glossary;
    private readonly CorrectionLookup _corrections;
    private readonly ChannelWriter<PipelineEvent>? _events;
    private readonly CancellationTokenSource _stop;
    private readonly TenantCharge? _charge;
    private readonly CancellationToken _cancellationToken;
    private readonly string _keyPrefix;
    private readonly string[] _keys;
    private readonly TranslatedSegment?[] _results;
    private long _providerCharacters;

    /// <param name="events">Where each segment is streamed as it is ready; null when only the assembled article is wanted.</param>
    /// <param name="stop">The request's cancellation, which a failure here triggers for every language.</param>
    /// <param name="charge">The tenant's account the provider characters go on; null when the call is nobody's.</param>
    public LanguageRun(
        PipelineServices services,
        TranslationJob job,
        PreparedArticle article,
        string target,
        CorrectionLookup corrections,
        ChannelWriter<PipelineEvent>? events,
        CancellationTokenSource stop,
        TenantCharge? charge)
    {
        _services = services;
        _job = job;
        _article = article;
        _target = target;
        _corrections = corrections;
        _events = events;
        _stop = stop;
        _cancellationToken = stop.Token;
        _charge = charge;
        _provider = services.Providers.RequirePreferredFor(job.SourceLanguage, target);
        _glossary = new TargetGlossary(article, target, services.Glossaries.ForProvider(article.Glossary, target), services.Metrics);
        _keyPrefix = SegmentCacheKey.LanguagePrefix(_provider, job.SourceLanguage, target, job.Formality, charge?.CacheNamespace);
        _keys = SegmentCacheKey.ForArticle(_keyPrefix, _glossary, article.Hashes);
        _results = new TranslatedSegment?[article.Texts.Count];
    }

    public async Task<TranslatedArticle> RunAsync()
    {
        var started = _services.Time.GetTimestamp();
        using var activity = TranslatorTelemetry.ActivitySource.StartActivity("translate language");
        activity?.SetTag(TranslatorTelemetry.SourceLanguageTag, _job.SourceLanguage);
        activity?.SetTag(TranslatorTelemetry.TargetLanguageTag, _target);
        activity?.SetTag(TranslatorTelemetry.ProviderTag, _provider.Name);
        activity?.SetTag(TranslatorTelemetry.TenantTag, _charge?.TenantId);
        try
        {
            var misses = await LookUpAsync().ConfigureAwait(false);
            using var flights = _services.SingleFlight.Join(_keys, misses);
            if (_charge is not null)
            {
                // Every miss, followed ones included: a leader that gives up leaves its segments to this request.
                await _charge.ReserveAsync(misses.Sum(i => (long)_glossary.Masked(i).Length), _cancellationToken).ConfigureAwait(false);
            }
            var followed = FollowAsync(flights);
            await TranslateClaimedAsync(flights).ConfigureAwait(false);
            await TranslateAsync(await followed.ConfigureAwait(false), flights).ConfigureAwait(false);

            var translated = _article.Assemble(_target, _results!, Interlocked.Read(ref _providerCharacters), _glossary.Report());
            _services.Metrics.ArticleTranslated(_target, _services.Time.GetElapsedTime(started));
            return translated;
        }
        catch (Exception ex)
        {
            activity.RecordFailure(ex);
            await _stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _charge?.Record(Interlocked.Read(ref _providerCharacters), FreeCharacters());
        }
    }

    /// <summary>The source characters of the distinct segments served without this request's provider calls.</summary>
    private long FreeCharacters()
    {
        long free = 0;
        for (var i = 0; i < _results.Length; i++)
        {
            free += _results[i] is { Origin: not SegmentOrigin.Provider } ? _article.Texts[i].Length : 0;
        }
        return free;
    }

    /// <summary>Every distinct segment in one round trip; hits are verified and streamed at once.</summary>
    /// <returns>The segments neither an editor's correction nor the cache had.</returns>
    private async Task<List<int>> LookUpAsync()
    {
        var started = _services.Time.GetTimestamp();
        // Editors' corrections win over machine output, cached or not; read for every language alongside the cache, not after it.
        var cached = await _services.Cache.GetManyAsync(_keys, _cancellationToken).ConfigureAwait(false);
        var corrected = await _corrections.ForAsync(_target).ConfigureAwait(false);
        var elapsed = _services.Time.GetElapsedTime(started);
        var misses = new List<int>();
        var human = 0;
        long saved = 0;
        for (var i = 0; i < cached.Count; i++)
        {
            if (corrected[i] is { } correction)
            {
                human++;
                await EmitAsync(i, TranslatedSegment.Corrected(_article.Texts[i], _glossary.Verify(i, correction.Text))).ConfigureAwait(false);
            }
            else if (cached[i] is { } hit)
            {
                saved += _article.Texts[i].Length;
                await EmitAsync(i, new TranslatedSegment(_article.Texts[i], _glossary.Verify(i, hit.Text), FromCache: true, hit.Provider)).ConfigureAwait(false);
            }
            else
            {
                misses.Add(i);
            }
        }
        _services.Metrics.CacheLookedUp(_services.Cache.Name, _target, cached.Count - misses.Count - human, misses.Count, saved, elapsed);
        return misses;
    }

    /// <summary>
    /// Translates the segments this process leads, less those another process has claimed (<see cref="ISegmentClaims"/>):
    /// those are waited for in the shared cache meanwhile, and taken over if their claim is given up or lapses.
    /// </summary>
    private async Task TranslateClaimedAsync(SingleFlight.Flights flights)
    {
        if (flights.Led.Count == 0)
        {
            return;
        }
        var (mine, elsewhere) = await ClaimAsync(flights.Led).ConfigureAwait(false);
        var claimed = new List<int>(mine);
        var awaited = AwaitElsewhereAsync(elsewhere, flights, claimed);
        try
        {
            await TranslateAsync(mine, flights).ConfigureAwait(false);
            await TranslateAsync(await awaited.ConfigureAwait(false), flights).ConfigureAwait(false);
        }
        finally
        {
            // A failure here has cancelled the request; the wait ends with it and is not left unobserved.
            await awaited.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            // Translated or failed, the claims go: a waiting process then finds the translation, or takes over.
            List<string> keys;
            lock (claimed)
            {
                keys = claimed.Select(i => _keys[i]).ToList();
            }
            await _services.Claims.ReleaseAsync(keys, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<(List<int> Mine, List<int> Elsewhere)> ClaimAsync(IReadOnlyList<int> segments)
    {
        var granted = await _services.Claims.ClaimAsync(segments.Select(i => _keys[i]).ToArray(), _cancellationToken).ConfigureAwait(false);
        var mine = new List<int>(segments.Count);
        var elsewhere = new List<int>();
        for (var j = 0; j < segments.Count; j++)
        {
            (granted[j] ? mine : elsewhere).Add(segments[j]);
        }
        return (mine, elsewhere);
    }

    /// <summary>
    /// Polls the shared cache, backing off, for segments another process is translating; streams each as it lands.
    /// </summary>
    /// <param name="claimed">Where the segments whose claim this process took over are added (for release).</param>
    /// <returns>The segments whose claim this process took over, which it must translate itself.</returns>
    private async Task<List<int>> AwaitElsewhereAsync(List<int> waiting, SingleFlight.Flights flights, List<int> claimed)
    {
        var takenOver = new List<int>();
        var delay = ClaimPollFirst;
        while (waiting.Count > 0)
        {
            await Task.Delay(delay, _services.Time, _cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < ClaimPollMax ? delay * 2 : ClaimPollMax;
            var found = await _services.Cache.GetManyAsync(waiting.Select(i => _keys[i]).ToArray(), _cancellationToken).ConfigureAwait(false);
            var missing = new List<int>();
            for (var j = 0; j < waiting.Count; j++)
            {
                var i = waiting[j];
                if (found[j] is { } hit)
                {
                    flights.Complete(i, hit);
                    await EmitTranslatedElsewhereAsync(i, hit).ConfigureAwait(false);
                }
                else
                {
                    missing.Add(i);
                }
            }
            // Still missing: its claim may have been given up (the other process failed) or lapsed (it died).
            var (mine, elsewhere) = missing.Count > 0 ? await ClaimAsync(missing).ConfigureAwait(false) : ([], []);
            lock (claimed)
            {
                claimed.AddRange(mine);
            }
            takenOver.AddRange(mine);
            waiting = elsewhere;
        }
        return takenOver;
    }

    private static readonly TimeSpan ClaimPollFirst = TimeSpan.FromMilliseconds(50);
    // Short: a backfill worker's article waits on this, and most claimed sentences land within a batch's round trip.
    private static readonly TimeSpan ClaimPollMax = TimeSpan.FromMilliseconds(250);

    /// <summary>Waits for the segments other requests are translating and streams them.</summary>
    /// <returns>The segments whose leader gave up, which this request must translate itself.</returns>
    private async Task<IReadOnlyList<int>> FollowAsync(SingleFlight.Flights flights)
    {
        _services.Metrics.Coalesced(_target, flights.Followed.Count);
        var orphans = new List<int>();
        foreach (var (i, flight) in flights.Followed)
        {
            if (await flight.WaitAsync(_cancellationToken).ConfigureAwait(false) is { } translation)
            {
                await EmitTranslatedElsewhereAsync(i, translation).ConfigureAwait(false);
            }
            else
            {
                orphans.Add(i);
            }
        }
        return orphans;
    }

    /// <summary>Sends the segments to the provider in batches (<see cref="BatchPlan"/>), at most <c>MaxConcurrentBatches</c> at a time.</summary>
    private async Task TranslateAsync(IReadOnlyList<int> segments, SingleFlight.Flights flights)
    {
        if (segments.Count == 0)
        {
            return;
        }
        using var gate = new SemaphoreSlim(_services.Options.MaxConcurrentBatches);
        var batches = BatchPlan.Create(segments, _article, _glossary, _provider.Limits)
            .Select(batch => RunBatchAsync(batch, gate, flights))
            .ToArray();
        await Failures.WhenAllAsync(batches).ConfigureAwait(false);
    }

    private async Task RunBatchAsync(IReadOnlyList<int> batch, SemaphoreSlim gate, SingleFlight.Flights flights)
    {
        await gate.WaitAsync(_cancellationToken).ConfigureAwait(false);
        try
        {
            await TranslateBatchAsync(batch, flights).ConfigureAwait(false);
        }
        catch
        {
            // Fail fast: the batches still waiting for the gate, and the other languages, stop now.
            await _stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task TranslateBatchAsync(IReadOnlyList<int> batch, SingleFlight.Flights flights)
    {
        var (outputs, by) = batch.Count == 1 && TextSplitter.IsOversize(_glossary.Masked(batch[0]), _provider.Limits.MaxBytes)
            ? await TranslateInPiecesAsync(batch[0]).ConfigureAwait(false)
            : await CallProviderAsync(batch.Select(i => new ProviderText(_glossary.Masked(i), _article.ContextOf(i))).ToArray()).ConfigureAwait(false);
        if (outputs.Count != batch.Count)
        {
            throw new ProviderException(by.Name, ProviderFailure.Rejected, $"Provider returned {outputs.Count} translations for {batch.Count} texts.");
        }

        var now = _services.Time.GetUtcNow();
        var entries = new KeyValuePair<string, CachedTranslation>[batch.Count];
        var segments = new TranslatedSegment[batch.Count];
        for (var j = 0; j < batch.Count; j++)
        {
            var i = batch[j];
            var text = _glossary.Restore(i, outputs[j]);
            segments[j] = new TranslatedSegment(_article.Texts[i], text, FromCache: false, by.Name);
            // Stored under the key of the provider that actually translated, so a fallback's output is
            // never served as the preferred provider's.
            var key = by == _provider
                ? _keys[i]
                : SegmentCacheKey.Create(SegmentCacheKey.LanguagePrefix(by, _job.SourceLanguage, _target, _job.Formality, _charge?.CacheNamespace),
                    _glossary.Fingerprint(i), _article.Hashes[i]);
            entries[j] = new(key, new CachedTranslation(text, by.Name, now));
        }
        // Paid-for translations are kept even if the caller has gone.
        await _services.Cache.SetManyAsync(entries, CancellationToken.None).ConfigureAwait(false);
        for (var j = 0; j < batch.Count; j++)
        {
            flights.Complete(batch[j], entries[j].Value);
            await EmitAsync(batch[j], segments[j]).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A segment larger than one provider call: its pieces (<see cref="TextSplitter"/>) go in calls of their own and
    /// the translations are rejoined as the source was (with a space where it had whitespace).
    /// </summary>
    private async Task<(IReadOnlyList<string> Texts, ITranslationProvider Provider)> TranslateInPiecesAsync(int textIndex)
    {
        var pieces = TextSplitter.Split(_glossary.Masked(textIndex), _provider.Limits.MaxBytes);
        var calls = await Failures.WhenAllAsync(pieces.Select(p => CallProviderAsync([new ProviderText(p.Text, null)]))).ConfigureAwait(false);
        var space = LanguageTag.JoinsSentencesWithoutSpace(_target) ? "" : " ";
        var joined = new StringBuilder();
        for (var k = 0; k < pieces.Count; k++)
        {
            joined.Append(k > 0 && pieces[k].SpaceBefore ? space : "").Append(calls[k].Texts[0]);
        }
        // A piece a fallback translated makes the whole segment the fallback's, for the cache key's sake.
        var by = calls.Select(c => c.Provider).FirstOrDefault(p => p != _provider) ?? _provider;
        return ([joined.ToString()], by);
    }

    private async Task<(IReadOnlyList<string> Texts, ITranslationProvider Provider)> CallProviderAsync(ProviderText[] texts)
    {
        var request = new ProviderBatch(_job.SourceLanguage, _target, texts, _job.Formality, _glossary.ForProvider);
        long characters = 0;
        foreach (var text in texts)
        {
            characters += text.Text.Length;
        }
        var started = _services.Time.GetTimestamp();
        ChainResult translated;
        using (var activity = TranslatorTelemetry.ActivitySource.StartActivity("provider translate"))
        {
            activity?.SetTag("translator.texts", texts.Length);
            activity?.SetTag("translator.characters", characters);
            try
            {
                translated = await _services.Providers.TranslateAsync(request, _cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                activity.RecordFailure(ex);
                throw;
            }
            activity?.SetTag(TranslatorTelemetry.ProviderTag, translated.Provider.Name);
        }
        var elapsed = _services.Time.GetElapsedTime(started);
        _services.Metrics.ProviderCall(translated.Provider.Name, characters, elapsed);
        Interlocked.Add(ref _providerCharacters, characters);
        LogBatchTranslated(_services.Logger, translated.Provider.Name, _target, texts.Length, characters, elapsed.TotalMilliseconds);
        return (translated.Texts, translated.Provider);
    }

    /// <summary>Streams a segment another request (or process) paid for, and counts it as saved.</summary>
    private ValueTask EmitTranslatedElsewhereAsync(int textIndex, CachedTranslation translation)
    {
        _services.Metrics.SavedBySingleFlight(_target, _article.Texts[textIndex].Length);
        // Checked like a cache hit: the leader's request may have matched other glossary entries.
        return EmitAsync(textIndex, new TranslatedSegment(_article.Texts[textIndex], _glossary.Verify(textIndex, translation.Text), FromCache: true, translation.Provider));
    }

    private async ValueTask EmitAsync(int textIndex, TranslatedSegment segment)
    {
        _results[textIndex] = segment;
        var locations = _article.LocationsOf(textIndex);
        if (_events is not null)
        {
            foreach (var location in locations)
            {
                await _events.WriteAsync(new SegmentTranslated(_target, location, segment), _cancellationToken).ConfigureAwait(false);
            }
        }
        _services.Metrics.SegmentsServed(locations.Count, segment.FromCache);
    }

    [LoggerMessage(EventId = 1001, EventName = "BatchTranslated", Level = LogLevel.Debug,
        Message = "Provider {Provider} translated {Texts} texts ({Characters} characters) into {TargetLanguage} in {ElapsedMs:F1} ms")]
    private static partial void LogBatchTranslated(ILogger logger, string provider, string targetLanguage, int texts, long characters, double elapsedMs);
}
