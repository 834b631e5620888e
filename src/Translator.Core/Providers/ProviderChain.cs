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

    public ProviderChain(IReadOnlyList<ITranslationProvider> providers, ILogger<ProviderChain> logger)
    {
        if (providers.Count == 0)
        {
            throw new ArgumentException("A provider chain needs at least one provider.", nameof(providers));
        }
        _providers = providers;
        _logger = logger;
    }

    public IReadOnlyList<ITranslationProvider> Providers => _providers;

    /// <summary>The provider that translates the pair when every provider is up.</summary>
    public ITranslationProvider? PreferredFor(string source, string target) =>
        _providers.FirstOrDefault(p => p.Supports(source, target));

    public async Task<ChainResult> TranslateAsync(ProviderBatch batch, CancellationToken cancellationToken)
    {
        ProviderException? last = null;
        foreach (var provider in _providers.Where(p => p.Supports(batch.SourceLanguage, batch.TargetLanguage)))
        {
            try
            {
                return new ChainResult(await provider.TranslateAsync(batch, cancellationToken).ConfigureAwait(false), provider);
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

    [LoggerMessage(EventId = 1101, EventName = "ProviderFallingBack", Level = LogLevel.Warning,
        Message = "Provider {Provider} failed with {Failure}; trying the next provider in the chain")]
    private static partial void LogFallingBack(ILogger logger, string provider, ProviderFailure failure);
}
