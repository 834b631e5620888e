using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Translator.Core.Providers;
using Translator.Providers.Http;

namespace Translator.Providers.DeepL;

/// <summary>
/// A small typed client for DeepL's REST API: translate, usage and glossaries. Glossaries use the v3
/// (multilingual) endpoints and drop to v2 (one pair per glossary) on servers without them.
/// </summary>
internal sealed class DeepLClient(IHttpClientFactory clients, ILogger<DeepLClient> logger)
{
    public const string HttpClientName = "DeepL";
    private const string Name = DeepLTranslationProvider.ProviderName;

    private volatile bool _glossariesV2;

    /// <summary>Serialized once, so its size can be checked against DeepL's limit before it is sent.</summary>
    public static byte[] Serialize(DeepLTranslateRequest request) => JsonSerializer.SerializeToUtf8Bytes(request, ProviderHttp.Json);

    public async Task<DeepLTranslateResponse> TranslateAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/translate") { Content = JsonBody(body) };
        return await ReadAsync<DeepLTranslateResponse>(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeepLUsage> GetUsageAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/usage");
        return await ReadAsync<DeepLUsage>(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeepLGlossary>> ListGlossariesAsync(CancellationToken cancellationToken)
    {
        if (!_glossariesV2)
        {
            using var v3 = new HttpRequestMessage(HttpMethod.Get, "v3/glossaries");
            if (await SendV3Async(v3, cancellationToken).ConfigureAwait(false) is { } response)
            {
                using (response)
                {
                    return (await ReadJsonAsync<DeepLGlossaryList>(response, cancellationToken).ConfigureAwait(false)).Glossaries;
                }
            }
        }
        using var v2 = new HttpRequestMessage(HttpMethod.Get, "v2/glossaries");
        return (await ReadAsync<DeepLGlossaryList>(v2, cancellationToken).ConfigureAwait(false)).Glossaries;
    }

    /// <summary>The glossary, or null when DeepL no longer has it.</summary>
    public async Task<DeepLGlossary?> GetGlossaryAsync(string glossaryId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{GlossaryPath}/{Uri.EscapeDataString(glossaryId)}");
        using var response = await ProviderHttp.SendAsync(Client(), request, Name, logger, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadJsonAsync<DeepLGlossary>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a glossary with one dictionary, <paramref name="source"/> → <paramref name="target"/>.</summary>
    public async Task<DeepLGlossary> CreateGlossaryAsync(string name, string source, string target, string tsvEntries, CancellationToken cancellationToken)
    {
        if (!_glossariesV2)
        {
            using var v3 = new HttpRequestMessage(HttpMethod.Post, "v3/glossaries")
            {
                Content = JsonContent.Create(new DeepLCreateGlossaryV3(name, [new DeepLGlossaryDictionary(source, target, tsvEntries, "tsv")]), options: ProviderHttp.Json),
            };
            if (await SendV3Async(v3, cancellationToken).ConfigureAwait(false) is { } response)
            {
                using (response)
                {
                    return await ReadJsonAsync<DeepLGlossary>(response, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        using var v2 = new HttpRequestMessage(HttpMethod.Post, "v2/glossaries")
        {
            Content = JsonContent.Create(new DeepLCreateGlossaryV2(name, source, target, tsvEntries, "tsv"), options: ProviderHttp.Json),
        };
        return await ReadAsync<DeepLGlossary>(v2, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteGlossaryAsync(string glossaryId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{GlossaryPath}/{Uri.EscapeDataString(glossaryId)}");
        // Already gone is what we wanted.
        using var _ = await ProviderHttp.SendAsync(Client(), request, Name, logger, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
    }

    private string GlossaryPath => _glossariesV2 ? "v2/glossaries" : "v3/glossaries";

    /// <summary>Sends a v3 glossary call; null (and v2 from now on) when the server has no v3 endpoints.</summary>
    private async Task<HttpResponseMessage?> SendV3Async(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await ProviderHttp.SendAsync(Client(), request, Name, logger, cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            return response;
        }
        response.Dispose();
        _glossariesV2 = true;
        return null;
    }

    private async Task<T> ReadAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await ProviderHttp.SendAsync(Client(), request, Name, logger, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ProviderHttp.Json, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("Empty body.");
        }
        catch (JsonException ex)
        {
            throw new ProviderException(Name, ProviderFailure.Unavailable, $"DeepL answered {response.RequestMessage?.RequestUri?.AbsolutePath} with an unreadable body.", ex);
        }
    }

    private static ByteArrayContent JsonBody(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private HttpClient Client() => clients.CreateClient(HttpClientName);
}
