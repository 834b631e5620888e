using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Translator.Providers.LibreTranslate;

/// <summary>A missing server address stops start-up, but only where LibreTranslate is actually selected.</summary>
internal sealed class LibreTranslateOptionsValidation(IConfiguration configuration) : IValidateOptions<LibreTranslateOptions>
{
    public ValidateOptionsResult Validate(string? name, LibreTranslateOptions options) =>
        string.IsNullOrWhiteSpace(options.ServerUrl) && ProviderSelection.IsSelected(configuration, LibreTranslateProvider.ProviderName)
            ? ValidateOptionsResult.Fail("Translation:Provider names LibreTranslate but LibreTranslate:ServerUrl is not set.")
            : ValidateOptionsResult.Success;
}
