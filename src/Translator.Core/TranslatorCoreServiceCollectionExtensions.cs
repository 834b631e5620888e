using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Translator.Core.Caching;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Core.Segmentation;

namespace Translator.Core;

public static class TranslatorCoreServiceCollectionExtensions
{
    /// <summary>
    /// The translation core with its embedded defaults: the offline pseudo-localization provider, a
    /// bounded in-memory cache and an in-memory glossary store seeded with the starter glossary. Shared stores
    /// (register an <see cref="IGlossaryStore"/> or <see cref="ITranslationCache"/> first) and real providers replace or join them.
    /// </summary>
    public static IServiceCollection AddTranslatorCore(this IServiceCollection services)
    {
        services.AddOptions<TranslatorOptions>()
            .BindConfiguration(TranslatorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TranslatorOptions>, ProviderNamesValidation>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISentenceSegmenter, RuleBasedSentenceSegmenter>();
        services.TryAddSingleton<ArticleSegmenter>();
        services.TryAddSingleton<ITranslationCache, InMemoryTranslationCache>();
        services.TryAddSingleton<SingleFlight>();
        services.TryAddSingleton<IGlossaryStore, InMemoryGlossaryStore>();
        services.TryAddSingleton<GlossaryManager>();
        services.TryAddSingleton<GlossaryCatalog>();
        services.AddTranslationProvider<PseudoLocalizationProvider>(PseudoLocalizationProvider.ProviderName);
        services.TryAddSingleton<IProviderBudget, UnlimitedProviderBudget>();
        services.TryAddSingleton(sp => new ProviderChain(
            sp.GetRequiredService<IOptions<TranslatorOptions>>().Value.ProviderNames
                .Select(name => sp.GetRequiredKeyedService<ITranslationProvider>(ProviderNamesValidation.Canonical(sp, name)))
                .ToArray(),
            sp.GetRequiredService<ILogger<ProviderChain>>(),
            sp.GetRequiredService<IProviderBudget>()));
        services.TryAddSingleton<ITranslationPipeline, TranslationPipeline>();
        services.TryAddSingleton<ITranslationEstimator, TranslationEstimator>();
        return services;
    }

    /// <summary>Registers a provider under the name <c>Translation:Provider</c> selects it by.</summary>
    public static IServiceCollection AddTranslationProvider<TProvider>(this IServiceCollection services, string name)
        where TProvider : class, ITranslationProvider
    {
        services.TryAddKeyedSingleton<ITranslationProvider, TProvider>(name);
        if (!services.Any(d => d.ImplementationInstance is ProviderRegistration r && r.Name == name))
        {
            services.AddSingleton(new ProviderRegistration(name));
        }
        return services;
    }

    /// <summary>Marks a provider name as registered, so configuration can be checked at start-up.</summary>
    public sealed record ProviderRegistration(string Name);

    private sealed class ProviderNamesValidation(IEnumerable<ProviderRegistration> registrations) : IValidateOptions<TranslatorOptions>
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
            services.GetServices<ProviderRegistration>().First(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)).Name;
    }
}
