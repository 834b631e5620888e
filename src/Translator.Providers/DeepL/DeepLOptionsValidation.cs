using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Translator.Providers.DeepL;

/// <summary>A missing key stops start-up, but only where DeepL is actually selected.</summary>
internal sealed class DeepLOptionsValidation(IConfiguration configuration) : IValidateOptions<DeepLOptions>
{
    public ValidateOptionsResult Validate(string? name, DeepLOptions options) =>
        string.IsNullOrWhiteSpace(options.AuthKey)
        && ProviderSelection.IsSelected(configuration, DeepLTranslationProvider.ProviderName)
            ? ValidateOptionsResult.Fail(
                $"Translation:Provider names DeepL but no DeepL API key is configured: set {DeepLOptions.SectionName}:{nameof(DeepLOptions.AuthKey)} " +
                $"or the {DeepLOptions.AuthKeyVariable} environment variable.")
            : ValidateOptionsResult.Success;
}
