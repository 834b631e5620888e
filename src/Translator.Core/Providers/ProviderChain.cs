using Microsoft.Extensions.Logging;

namespace Translator.Core.Providers;

/// <summary>A batch's translation and the provider that made it.</summary>
public sealed record ChainResult(IReadOnlyList<string> Texts, ITranslationProvider Provider);

/// <summary>
/// The configured providers in order of preference. A provider that is down or out of quota hands the
/// batch to the next; any other failure is a real error and surfaces.
/// </summary>
public sealed partial class ProviderChain
{
    private readonly IReadOnlyList<ITranslationProvider> _providers;
    private readonly ILogger<ProviderChain> _logger;
    private readonly IProviderBudget _budget;

    public ProviderChain(IReadOnlyList<ITranslationProvider> providers, ILogger<ProviderChain> logger, IProviderBudget? budget = null)
    {
        if (providers.Count == 0)
        {
            throw new ArgumentException("A provider chain needs at least one provider.", nameof(providers));
        }
        _providers = providers;
        _logger = logger;
        _budget = budget ?? new UnlimitedProviderBudget();
    }

    public IReadOnlyList<ITranslationProvider> Providers => _providers;

    /// <summary>The provider that translates the pair when every provider is up.</summary>
    public ITranslationProvider? PreferredFor(string source, string target) =>
        _providers.FirstOrDefault(p => p.Supports(source, target));

    /// <summary>The provider a translation from <paramref name="source"/> into <paramref name="target"/> goes to first.</summary>
    /// <exception cref="ProviderException">No configured provider translates the pair.</exception>
    public ITranslationProvider RequirePreferredFor(string source, string target) =>
        PreferredFor(source, target)
        ?? throw new ProviderException(string.Join(',', _providers.Select(p => p.Name)), ProviderFailure.UnsupportedLanguage,
            $"No configured provider translates {source} to {target}.");

    public async Task<ChainResult> TranslateAsync(ProviderBatch batch, CancellationToken cancellationToken)
    {
        ProviderException? last = null;
        foreach (var provider in _providers.Where(p => p.Supports(batch.SourceLanguage, batch.TargetLanguage)))
        {
            try
            {
                return new ChainResult(await SendAsync(provider, batch, cancellationToken).ConfigureAwait(false), provider);
            }
            catch (ProviderException ex) when (ex.AllowsFallback)
            {
                LogFallingBack(_logger, provider.Name, ex.Failure);
                last = ex;
            }
        }
        throw last ?? new ProviderException(
            string.Join(',', _providers.Select(p => p.Name)),
            ProviderFailure.UnsupportedLanguage,
            $"No configured provider translates {batch.SourceLanguage} to {batch.TargetLanguage}.");
    }

    /// <summary>
    /// Sends the batch within the shared budget: split so no request carries more than the budget allows in
    /// one burst, each part waiting for its share.
    /// </summary>
    private async Task<IReadOnlyList<string>> SendAsync(ITranslationProvider provider, ProviderBatch batch, CancellationToken cancellationToken)
    {
        var results = new List<string>(batch.Texts.Count);
        foreach (var part in Split(batch, _budget.MaxRequestCharacters))
        {
            await _budget.AcquireAsync(part.Texts.Sum(t => (long)t.Text.Length), cancellationToken).ConfigureAwait(false);
            results.AddRange(await provider.TranslateAsync(part, cancellationToken).ConfigureAwait(false));
        }
        return results;
    }

    private static IEnumerable<ProviderBatch> Split(ProviderBatch batch, long? maxCharacters)
    {
        if (maxCharacters is not { } max || batch.Texts.Sum(t => (long)t.Text.Length) <= max)
        {
            yield return batch;
            yield break;
        }
        var part = new List<ProviderText>();
        long characters = 0;
        foreach (var text in batch.Texts)
        {
            if (part.Count > 0 && characters + text.Text.Length > max)
            {
                yield return batch with { Texts = part };
                part = [];
                characters = 0;
            }
            part.Add(text);
            characters += text.Text.Length;
        }
        yield return batch with { Texts = part };
    }

    [LoggerMessage(EventId = 1101, EventName = "ProviderFallingBack", Level = LogLevel.Warning,
        Message = "Provider {Provider} failed with {Failure}; trying the next provider in the chain")]
    private static partial void LogFallingBack(ILogger logger, string provider, ProviderFailure failure);
}
