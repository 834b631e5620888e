using Microsoft.Extensions.Configuration;
using Translator.Core;

namespace Translator.Providers;

/// <summary>
/// Whether <c>Translation:Provider</c> names a provider, read straight from configuration: provider
/// options are validated alongside <see cref="TranslatorOptions"/>, and asking that for its validated
/// value would fold its own errors into theirs.
/// </summary>
internal static class ProviderSelection
{
    public static bool IsSelected(IConfiguration configuration, string provider)
    {
        var options = new TranslatorOptions();
        configuration.GetSection(TranslatorOptions.SectionName).Bind(options);
        return options.ProviderNames.Contains(provider, StringComparer.OrdinalIgnoreCase);
    }
}
