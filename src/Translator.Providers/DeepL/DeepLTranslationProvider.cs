using System.Runtime.ExceptionServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Translator.Core.Languages;
using Translator.Core.Providers;
using Translator.Providers.Http;

namespace Translator.Providers.DeepL;

/// <summary>
/// DeepL's <c>/v2/translate</c>. A batch is split into requests within DeepL's limits (texts and body
/// bytes), sent together — the HTTP pipeline bounds how many are in flight — and reassembled in order.
/// </summary>
internal sealed class DeepLTranslationProvider(
    DeepLClient client,
    DeepLGlossaries glossaries,
    DeepLMetrics metrics,
    IOptions<DeepLOptions> options) : ITranslationProvider
{
    public const string ProviderName = "DeepL";

    /// <summary>JSON overhead of one more string in an array: quotes and comma.</summary>
    private const int TextOverhead = 3;

    private static readonly string[] IgnoreTags = [ProtectedSpans.TagName];

    private readonly DeepLOptions _options = options.Value;

    public string Name => ProviderName;

    public string Version => "v2";

    /// <summary>
    /// Half DeepL's body limit, leaving room for each request's context and JSON; whatever still does not
    /// fit is split again here.
    /// </summary>
    public ProviderLimits Limits { get; } = new(options.Value.MaxTextsPerRequest, options.Value.MaxRequestBytes / 2);

    public bool Supports(string source, string target) =>
        DeepLLanguages.SourceCode(source) is not null && DeepLLanguages.TargetCode(target, _options) is not null;

    public bool SupportsSource(string source) => DeepLLanguages.SourceCode(source) is not null;

    /// <summary>DeepL's target code: "en" and "en-US" are one language (with the default variant), "pt-BR" and "pt-PT" two.</summary>
    public string OutputLanguage(string target) => DeepLLanguages.TargetCode(target, _options) ?? LanguageTag.Normalize(target);

    public async Task<IReadOnlyList<string>> TranslateAsync(ProviderBatch batch, CancellationToken cancellationToken)
    {
        var source = DeepLLanguages.SourceCode(batch.SourceLanguage);
        var target = DeepLLanguages.TargetCode(batch.TargetLanguage, _options);
        if (source is null || target is null)
        {
            throw new ProviderException(Name, ProviderFailure.UnsupportedLanguage,
                $"DeepL does not translate {batch.SourceLanguage} to {batch.TargetLanguage}.");
        }
        if (batch.Texts.Count == 0)
        {
            return [];
        }

        var glossaryId = _options.UseGlossaries && batch.Glossary is { } glossary
            ? await glossaries.GetIdAsync(glossary, source, target, cancellationToken).ConfigureAwait(false)
            : null;
        var xml = batch.HasProtectedSpans;
        var template = new DeepLTranslateRequest
        {
            Text = [],
            // Always sent: DeepL's detection is wrong on short headlines, and glossary_id requires it.
            SourceLang = source,
            TargetLang = target,
            SplitSentences = _options.SplitSentences,
            PreserveFormatting = _options.PreserveFormatting,
            Formality = DeepLLanguages.FormalityFor(target, batch.Formality),
            GlossaryId = glossaryId,
            TagHandling = xml ? "xml" : null,
            IgnoreTags = xml ? IgnoreTags : null,
            ShowBilledCharacters = true,
        };

        try
        {
            return await TranslateChunksAsync(batch, template, xml, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex) when (ex.Failure == ProviderFailure.Rejected && glossaryId is not null)
        {
            // Most likely the DeepL glossary was deleted behind our back: forget it (the next batch
            // recreates it) and translate this one without; a different bug fails again below.
            glossaries.Forget(batch.Glossary!, source, target);
            return await TranslateChunksAsync(batch, template with { GlossaryId = null }, xml, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<string>> TranslateChunksAsync(
        ProviderBatch batch, DeepLTranslateRequest template, bool xml, CancellationToken cancellationToken)
    {
        var texts = batch.Texts.Select(t => new ProviderText(xml ? DeepLMarkup.Escape(t.Text) : t.Text, _options.SendContext ? t.Context : null)).ToArray();
        var results = new string[texts.Length];
        long billed = 0;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Materialized first: a segment too large for any request fails the batch before anything is sent.
        var chunks = Chunk(texts, template).ToList();
        var requests = chunks.Select(async chunk =>
        {
            try
            {
                var response = await client.TranslateAsync(chunk.Body, failed.Token).ConfigureAwait(false);
                if (response.Translations.Count != chunk.Count)
                {
                    throw new ProviderException(Name, ProviderFailure.Rejected,
                        $"DeepL returned {response.Translations.Count} translations for {chunk.Count} texts.");
                }
                for (var j = 0; j < chunk.Count; j++)
                {
                    var text = response.Translations[j].Text;
                    results[chunk.Start + j] = xml ? DeepLMarkup.Unescape(text) : text;
                }
                Interlocked.Add(ref billed, response.Translations.Sum(t => t.BilledCharacters ?? 0));
            }
            catch
            {
                // One failed request fails the batch: stop spending on the others.
                await failed.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }).ToArray();
        try
        {
            await Task.WhenAll(requests).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested
            && requests.Select(r => r.Exception?.InnerException).OfType<ProviderException>().FirstOrDefault() is { } cause)
        {
            // Surface the failure that cancelled the rest, not the cancellations it caused.
            ExceptionDispatchInfo.Throw(cause);
        }
        finally
        {
            metrics.RecordBilled(Interlocked.Read(ref billed), batch.TargetLanguage);
        }
        return results;
    }

    /// <summary>One request's worth: the slice of the batch it carries and its serialized body.</summary>
    private sealed record RequestChunk(int Start, int Count, byte[] Body);

    /// <summary>
    /// Consecutive texts per request, within the text and byte limits. DeepL takes one <c>context</c> per
    /// request, so a request's context is the distinct paragraphs its texts come from, in order: every
    /// text gets its own paragraph (and its neighbours) without splitting a batch per paragraph.
    /// </summary>
    private IEnumerable<RequestChunk> Chunk(ProviderText[] texts, DeepLTranslateRequest template)
    {
        // The empty request plus a worst-case context property: an upper bound that keeps sizes exact enough.
        var baseSize = DeepLClient.Serialize(template).Length + ",\"context\":\"\"".Length;
        var start = 0;
        var size = baseSize;
        var contexts = new List<string>();
        for (var i = 0; i < texts.Length; i++)
        {
            var textSize = Encoded(texts[i].Text) + TextOverhead;
            var context = texts[i].Context;
            var contextSize = context is null || contexts.Contains(context) ? 0 : Encoded(context) + 2;
            if (i > start && (i - start == _options.MaxTextsPerRequest || size + textSize + contextSize > _options.MaxRequestBytes))
            {
                yield return Build(texts, start, i, contexts, template);
                start = i;
                size = baseSize;
                contexts.Clear();
                contextSize = context is null ? 0 : Encoded(context) + 2;
            }
            if (baseSize + textSize > _options.MaxRequestBytes)
            {
                throw new ProviderException(Name, ProviderFailure.Rejected,
                    $"A segment of {textSize} bytes does not fit in DeepL's {_options.MaxRequestBytes}-byte request limit.");
            }
            if (contextSize > 0 && size + textSize + contextSize <= _options.MaxRequestBytes)
            {
                contexts.Add(context!);
                size += contextSize;
            }
            size += textSize;
        }
        yield return Build(texts, start, texts.Length, contexts, template);
    }

    private static RequestChunk Build(ProviderText[] texts, int start, int end, List<string> contexts, DeepLTranslateRequest template) =>
        new(start, end - start, DeepLClient.Serialize(template with
        {
            Text = texts[start..end].Select(t => t.Text).ToArray(),
            Context = contexts.Count == 0 ? null : string.Join('\n', contexts),
        }));

    private static int Encoded(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes.Length;
}
