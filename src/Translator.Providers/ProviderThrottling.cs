using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Translator.Core.Providers;
using Translator.Providers.Http;

namespace Translator.Providers;

/// <summary>
/// Tells the shared <see cref="IProviderBudget"/> about every 429 a provider answers, attempt by attempt, so
/// one process being throttled pauses every process on the account instead of each finding out alone.
/// </summary>
internal static class ProviderThrottling
{
    /// <summary>Adds the observer innermost (after the resilience handler) on the named provider clients.</summary>
    public static IServiceCollection AddProviderThrottling(this IServiceCollection services, params string[] clientNames)
    {
        foreach (var name in clientNames)
        {
            services.Configure<HttpClientFactoryOptions>(name, o => o.HttpMessageHandlerBuilderActions.Add(b =>
                b.AdditionalHandlers.Add(new ThrottleObserver(b.Services.GetRequiredService<IProviderBudget>()))));
        }
        return services;
    }

    private sealed class ThrottleObserver(IProviderBudget budget) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await budget.ThrottledAsync(ProviderHttpClientExtensions.RetryAfter(response) ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
            return response;
        }
    }
}
