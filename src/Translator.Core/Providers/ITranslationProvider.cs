using Translator.Core.Languages;

namespace Translator.Core.Providers;

/// <summary>A machine-translation engine behind one small interface: batch in, batch out.</summary>
public interface ITranslationProvider
{
    /// <summary>The name configuration selects it by (<c>Translation:Provider</c>) and responses report.</summary>
    string Name { get; }

    /// <summary>
    /// Model or API version. Part of every cache key, so a provider upgrade never serves translations
    /// made by the previous model as if they were its own.
    /// </summary>
    string Version { get; }

    /// <summary>What one call may carry; the pipeline chunks its batches to fit.</summary>
    ProviderLimits Limits { get; }

    /// <summary>Whether the provider translates from <paramref name="source"/> to <paramref name="target"/> (BCP-47).</summary>
    bool Supports(string source, string target);

    /// <summary>
    /// Whether the provider translates from <paramref name="source"/> into any language, so a request with an
    /// unsupported source is reported on its source language. Providers that do not know say yes.
    /// </summary>
    bool SupportsSource(string source) => true;

    /// <summary>
    /// The language the provider actually writes for <paramref name="target"/>: two targets with the same output
    /// language are one translation paid twice, so a request may not ask for both. By default the primary
    /// language ("ko" for "ko", "ko-KR" and "ko-Kore"); providers that write regional or script varieties override it.
    /// </summary>
    string OutputLanguage(string target) => LanguageTag.PrimaryLanguage(target);

    /// <summary>
    /// Translates every text of the batch; the result has one entry per input text, in order.
    /// Failures are reported as <see cref="ProviderException"/>.
    /// </summary>
    Task<IReadOnlyList<string>> TranslateAsync(ProviderBatch batch, CancellationToken cancellationToken);
}

/// <summary>The most one provider call may carry.</summary>
/// <param name="MaxTexts">Texts per call.</param>
/// <param name="MaxBytes">UTF-8 bytes of all texts per call.</param>
public sealed record ProviderLimits(int MaxTexts, int MaxBytes);

/// <summary>Output register, where the provider supports it for the target language.</summary>
public enum Formality
{
    Default,
    More,
    Less,
}

/// <summary>One text to translate and, optionally, the paragraph around it.</summary>
/// <param name="Text">The segment. May contain protected spans (see <see cref="ProtectedSpans"/>).</param>
/// <param name="Context">
/// The surrounding paragraph, for providers that use context to resolve pronouns and names without
/// translating (or billing) it.
/// </param>
public readonly record struct ProviderText(string Text, string? Context);

/// <summary>One call's worth of texts for one language pair.</summary>
public sealed record ProviderBatch(
    string SourceLanguage,
    string TargetLanguage,
    IReadOnlyList<ProviderText> Texts,
    Formality Formality,
    ProviderGlossary? Glossary = null)
{
    /// <summary>Whether any text carries protected spans, which the provider must pass through untouched.</summary>
    public bool HasProtectedSpans => Texts.Any(t => ProtectedSpans.Contains(t.Text));
}

/// <summary>
/// The glossary in force for a batch's language pair, for providers with a native glossary feature.
/// Our own masking protects the terms either way; a native glossary also steers inflection around them.
/// </summary>
/// <param name="Id">Our glossary's id.</param>
/// <param name="Version">Bumped on every change, so a provider can key its copy by it.</param>
/// <param name="Terms">Source term (and each source variant) to target rendering.</param>
public sealed record ProviderGlossary(string Id, long Version, IReadOnlyList<KeyValuePair<string, string>> Terms);
