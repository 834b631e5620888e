using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Translator.Core.Caching;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Testing;

namespace Translator.Core.Tests.Pipeline;

/// <summary>The core as the host wires it, with test providers in place of real ones.</summary>
internal sealed class PipelineHarness : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="configure">Registers replacements before the core's defaults (which are only tried).</param>
    public PipelineHarness(IReadOnlyList<ITranslationProvider> providers, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Translation:Provider"] = string.Join(',', providers.Select(p => p.Name)),
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddMetrics();
        foreach (var provider in providers)
        {
            services.AddKeyedSingleton(provider.Name, provider);
            services.AddSingleton(new TranslatorCoreServiceCollectionExtensions.ProviderRegistration(provider.Name));
        }
        configure?.Invoke(services);
        services.AddTranslatorCore();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public PipelineHarness(ITranslationProvider provider, IDictionary<string, string?>? settings = null)
        : this([provider], settings)
    {
    }

    public ITranslationPipeline Pipeline => _services.GetRequiredService<ITranslationPipeline>();

    public ITranslationCache Cache => _services.GetRequiredService<ITranslationCache>();

    public GlossaryManager Glossaries => _services.GetRequiredService<GlossaryManager>();

    public IServiceProvider Services => _services;

    /// <summary>This harness's meters, for a <see cref="MetricRecorder"/> that sees only its measurements.</summary>
    public IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();
}
