using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Translator.Core;

/// <summary><c>Translation:Provider</c> names only registered providers, checked at start-up.</summary>
internal sealed class TranslatorOptionsValidation(IEnumerable<TranslatorCoreServiceCollectionExtensions.ProviderRegistration> registrations) : IValidateOptions<TranslatorOptions>
{
    public ValidateOptionsResult Validate(string? name, TranslatorOptions options)
    {
        var known = registrations.Select(r => r.Name).ToArray();
        var names = options.ProviderNames;
        if (names.Count == 0)
        {
            return ValidateOptionsResult.Fail($"Translation:Provider names no provider. Known providers: {string.Join(", ", known)}.");
        }
        var unknown = names.Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase)).ToArray();
        return unknown.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Translation:Provider names unknown provider(s) {string.Join(", ", unknown)}. Known providers: {string.Join(", ", known)}.");
    }

    /// <summary>The registered spelling of a configured name (configuration is case-insensitive, keys are not).</summary>
    public static string Canonical(IServiceProvider services, string name) =>
        services.GetServices<TranslatorCoreServiceCollectionExtensions.ProviderRegistration>().First(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)).Name;
}
