using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Translator.Core.Cleaning;

namespace Translator.Cleaning;

public static class ArticleCleaningServiceCollectionExtensions
{
    /// <summary>Registers the article cleaner (HTML via Readability, flattened text via the block classifier).</summary>
    public static IServiceCollection AddArticleCleaning(this IServiceCollection services)
    {
        services.TryAddSingleton<IArticleCleaner, ArticleCleaner>();
        return services;
    }
}
