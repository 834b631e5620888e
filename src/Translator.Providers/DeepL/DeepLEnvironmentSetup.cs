using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Translator.Providers.DeepL;

/// <summary>
/// Fills <see cref="DeepLOptions.AuthKey"/> and <see cref="DeepLOptions.ServerUrl"/> from
/// <c>DEEPL_AUTH_KEY</c> / <c>DEEPL_SERVER_URL</c> (the names DeepL's own SDKs use) when the
/// <c>DeepL</c> section leaves them unset.
/// </summary>
internal sealed class DeepLEnvironmentSetup(IConfiguration configuration) : IPostConfigureOptions<DeepLOptions>
{
    public void PostConfigure(string? name, DeepLOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.AuthKey))
        {
            options.AuthKey = configuration[DeepLOptions.AuthKeyVariable];
        }
        if (string.IsNullOrWhiteSpace(options.ServerUrl))
        {
            options.ServerUrl = configuration[DeepLOptions.ServerUrlVariable];
        }
    }
}
