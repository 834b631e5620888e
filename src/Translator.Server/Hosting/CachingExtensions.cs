using Translator.Redis;

namespace Translator.Server.Hosting;

internal static class CachingExtensions
{
    /// <summary>
    /// Redis as the shared segment cache when <c>ConnectionStrings:Redis</c> is set, with a health check
    /// that reports Degraded (still SERVING over gRPC health) while Redis is unreachable.
    /// </summary>
    public static WebApplicationBuilder AddTranslatorCaching(this WebApplicationBuilder builder)
    {
        if (builder.Services.AddTranslatorRedis(builder.Configuration))
        {
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        }
        return builder;
    }
}
