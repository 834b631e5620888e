using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Translator.Core.Languages;
using Translator.Core.Providers;
using Translator.Providers.Http;

namespace Translator.Providers.LibreTranslate;

/// <summary>
/// A self-hosted LibreTranslate server (<c>POST /translate</c> with <c>q</c> as an array). No context or
/// native glossary: protected spans travel as HTML (<c>format=html</c>) so the markup survives.
/// </summary>
internal sealed class LibreTranslateProvider(
    IHttpClientFactory clients,
    IOptions<LibreTranslateOptions> options,
    ILogger<LibreTranslateProvider> logger) : ITranslationProvider
{
    public const string ProviderName = "LibreTranslate";

    private readonly LibreTranslateOptions _options = options.Value;

    public string Name => ProviderName;

    public string Version => "1";

    public ProviderLimits Limits { get; } = new(options.Value.MaxTextsPerRequest, options.Value.MaxBytesPerRequest);

    public bool Supports(string source, string target) => Code(source) is not null && Code(target) is not null;

    public bool SupportsSource(string source) => Code(source) is not null;

    public async Task<IReadOnlyList<string>> TranslateAsync(ProviderBatch batch, CancellationToken cancellationToken)
    {
        var source = Code(batch.SourceLanguage);
        var target = Code(batch.TargetLanguage);
        if (source is null || target is null)
        {
            throw new ProviderException(Name, ProviderFailure.UnsupportedLanguage,
                $"LibreTranslate is not configured for {batch.SourceLanguage} to {batch.TargetLanguage}.");
        }
        if (batch.Texts.Count == 0)
        {
            return [];
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "translate")
        {
            Content = JsonContent.Create(new TranslateRequest(
                batch.Texts.Select(t => t.Text).ToArray(), source, target, batch.HasProtectedSpans ? "html" : "text",
                string.IsNullOrEmpty(_options.ApiKey) ? null : _options.ApiKey), options: ProviderHttp.Json),
        };
        using var response = await ProviderHttp.SendAsync(clients.CreateClient(ProviderName), request, Name, logger, cancellationToken).ConfigureAwait(false);
        TranslateResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<TranslateResponse>(ProviderHttp.Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new ProviderException(Name, ProviderFailure.Unavailable, "LibreTranslate answered with an unreadable body.", ex);
        }
        if (body?.TranslatedText is not { } translated || translated.Count != batch.Texts.Count)
        {
            throw new ProviderException(Name, ProviderFailure.Rejected,
                $"LibreTranslate returned {body?.TranslatedText?.Count ?? 0} translations for {batch.Texts.Count} texts.");
        }
        return translated;
    }

    private string? Code(string tag)
    {
        var primary = LanguageTag.PrimaryLanguage(tag);
        return _options.LanguageCodes.Contains(primary, StringComparer.OrdinalIgnoreCase) ? primary : null;
    }

    internal sealed record TranslateRequest(
        [property: JsonPropertyName("q")] IReadOnlyList<string> Q,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("api_key")] string? ApiKey);

    internal sealed record TranslateResponse([property: JsonPropertyName("translatedText")] IReadOnlyList<string>? TranslatedText);
}
