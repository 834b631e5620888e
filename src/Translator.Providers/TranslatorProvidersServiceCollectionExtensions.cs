using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Translator.Core;
using Translator.Providers.DeepL;
using Translator.Providers.Http;
using Translator.Providers.LibreTranslate;

namespace Translator.Providers;

public static class TranslatorProvidersServiceCollectionExtensions
{
    /// <summary>Every real provider, each selectable by name in <c>Translation:Provider</c>.</summary>
    public static IServiceCollection AddTranslationProviders(this IServiceCollection services) =>
        services.AddDeepLProvider().AddLibreTranslateProvider()
            .AddProviderThrottling(DeepLClient.HttpClientName, LibreTranslateProvider.ProviderName);

    /// <summary>DeepL (<c>DeepL</c> section, <c>DEEPL_AUTH_KEY</c>, <c>DEEPL_SERVER_URL</c>).</summary>
    public static IServiceCollection AddDeepLProvider(this IServiceCollection services)
    {
        services.AddOptions<DeepLOptions>()
            .BindConfiguration(DeepLOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<DeepLOptions>, DeepLEnvironmentSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeepLOptions>, DeepLOptionsValidation>());
        services.AddProviderHttpClient(DeepLClient.HttpClientName, (sp, client) =>
        {
            var options = sp.GetRequiredService<IOptions<DeepLOptions>>().Value;
            client.BaseAddress = WithTrailingSlash(options.BaseAddress);
            if (!string.IsNullOrWhiteSpace(options.AuthKey))
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"DeepL-Auth-Key {options.AuthKey}");
            }
        });
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DeepLClient>();
        services.TryAddSingleton<DeepLGlossaries>();
        services.TryAddSingleton<DeepLMetrics>();
        if (!services.Any(d => d.ServiceType == typeof(DeepLUsageMonitor)))
        {
            services.AddSingleton<DeepLUsageMonitor>();
            services.AddHostedService(sp => sp.GetRequiredService<DeepLUsageMonitor>());
        }
        return services.AddTranslationProvider<DeepLTranslationProvider>(DeepLTranslationProvider.ProviderName);
    }

    /// <summary>LibreTranslate (<c>LibreTranslate</c> section).</summary>
    public static IServiceCollection AddLibreTranslateProvider(this IServiceCollection services)
    {
        services.AddOptions<LibreTranslateOptions>()
            .BindConfiguration(LibreTranslateOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LibreTranslateOptions>, LibreTranslateOptionsValidation>());
        services.AddProviderHttpClient(LibreTranslateProvider.ProviderName, (sp, client) =>
        {
            var url = sp.GetRequiredService<IOptions<LibreTranslateOptions>>().Value.ServerUrl;
            if (!string.IsNullOrWhiteSpace(url))
            {
                client.BaseAddress = WithTrailingSlash(new Uri(url));
            }
        });
        return services.AddTranslationProvider<LibreTranslateProvider>(LibreTranslateProvider.ProviderName);
    }

    /// <summary>Relative paths ("v2/translate") resolve under a base with a path only when it ends in '/'.</summary>
    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
