using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Translator.Core.Caching;
using Translator.Core.Corrections;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Core.Segmentation;
using Translator.Core.Telemetry;
using Translator.Core.Tenants;

namespace Translator.Core;

public static class TranslatorCoreServiceCollectionExtensions
{
    /// <summary>
    /// The translation core with its embedded defaults: the offline pseudo-localization provider, a
    /// bounded in-memory cache and an in-memory glossary store seeded with the starter glossary. Shared stores
    /// (register an <see cref="IGlossaryStore"/> or <see cref="ITranslationCache"/> first) and real providers replace or join them.
    /// Metrics go to the container's <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (<c>AddMetrics()</c>; every host has one).
    /// </summary>
    public static IServiceCollection AddTranslatorCore(this IServiceCollection services)
    {
        services.AddOptions<TranslatorOptions>()
            .BindConfiguration(TranslatorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TranslatorOptions>, TranslatorOptionsValidation>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TranslatorMetrics>();
        services.TryAddSingleton<ISentenceSegmenter, RuleBasedSentenceSegmenter>();
        services.TryAddSingleton<ArticleSegmenter>();
        services.TryAddSingleton<ITranslationCache, InMemoryTranslationCache>();
        services.TryAddSingleton<SingleFlight>();
        services.TryAddSingleton<ISegmentClaims, ProcessSegmentClaims>();
        services.TryAddSingleton<ICorrectionStore, InMemoryCorrectionStore>();
        services.TryAddSingleton<ICorrectionService, CorrectionService>();
        services.TryAddSingleton<IGlossaryStore, InMemoryGlossaryStore>();
        services.TryAddSingleton<GlossaryManager>();
        services.TryAddSingleton<GlossaryCatalog>();
        services.AddTranslationProvider<PseudoLocalizationProvider>(PseudoLocalizationProvider.ProviderName);
        services.TryAddSingleton<IProviderBudget, UnlimitedProviderBudget>();
        services.TryAddSingleton(sp => new ProviderChain(
            sp.GetRequiredService<IOptions<TranslatorOptions>>().Value.ProviderNames
                .Select(name => sp.GetRequiredKeyedService<ITranslationProvider>(TranslatorOptionsValidation.Canonical(sp, name)))
                .ToArray(),
            sp.GetRequiredService<ILogger<ProviderChain>>(),
            sp.GetRequiredService<IProviderBudget>()));
        // Nobody is a tenant until a host says who calls (the server's API keys); tenants and usage in memory until a shared store replaces them.
        services.TryAddSingleton<ITenantContext, NoTenantContext>();
        services.TryAddSingleton<ITenantStore, InMemoryTenantStore>();
        services.TryAddSingleton<ITenantMeter, InMemoryTenantMeter>();
        services.TryAddSingleton<TenantManager>();
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
}
