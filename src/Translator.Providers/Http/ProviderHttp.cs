using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using Translator.Core.Providers;

namespace Translator.Providers.Http;

/// <summary>
/// Sends one provider request through its resilient client and turns every way it can fail into a
/// <see cref="ProviderException"/> a caller can act on. Shared by all HTTP providers.
/// </summary>
internal static partial class ProviderHttp
{
    /// <summary>
    /// For request bodies: non-ASCII text stays as UTF-8 rather than \u escapes, which keeps bodies (and
    /// their measured size) close to the text's own size. Bodies are never embedded in HTML. Metadata comes
    /// from the source-generated <see cref="ProviderJsonContext"/> only: no reflection, and a DTO missing
    /// from it fails the first test that sends it.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = ProviderJsonContext.Default,
    };

    /// <summary>The longest provider error message written to the log.</summary>
    private const int MaxLoggedMessage = 300;

    /// <summary>
    /// Sends the request; returns the response when it succeeded (2xx, or one of <paramref name="accept"/>),
    /// otherwise throws a <see cref="ProviderException"/>. A cancelled caller gets its cancellation.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        string provider,
        ILogger logger,
        CancellationToken cancellationToken,
        params HttpStatusCode[] accept)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException ex)
        {
            throw new ProviderException(provider, ProviderFailure.Unavailable,
                $"{provider} circuit is open after repeated failures; failing fast.", ex, ex.RetryAfter);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or HttpRequestException or RateLimiterRejectedException or OperationCanceledException)
        {
            throw new ProviderException(provider, ProviderFailure.Unavailable,
                $"{provider} did not answer {request.RequestUri?.AbsolutePath}: {ex.GetType().Name}.", ex);
        }

        if (response.IsSuccessStatusCode || accept.Contains(response.StatusCode))
        {
            return response;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var path = request.RequestUri?.AbsolutePath;
            var retryAfter = ProviderHttpClientExtensions.RetryAfter(response);
            var failure = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ProviderFailure.Misconfigured,
                HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => ProviderFailure.Unavailable,
                // DeepL's "quota exceeded".
                (HttpStatusCode)456 => ProviderFailure.QuotaExceeded,
                _ when status >= 500 => ProviderFailure.Unavailable,
                _ => ProviderFailure.Rejected,
            };
            if (failure is ProviderFailure.Rejected)
            {
                // A request the provider refuses is our bug: keep its explanation (never the article text we sent).
                var message = await ReadMessageAsync(response, cancellationToken).ConfigureAwait(false);
                LogRejected(logger, provider, status, path, message);
            }
            throw new ProviderException(provider, failure, $"{provider} answered {status} to {path}.", retryAfter: retryAfter);
        }
    }

    /// <summary>The provider's error explanation: DeepL's <c>message</c>, LibreTranslate's <c>error</c>.</summary>
    private static async Task<string> ReadMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(
                await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            var message = root.ValueKind == JsonValueKind.Object
                && (root.TryGetProperty("message", out var m) || root.TryGetProperty("error", out m))
                && m.ValueKind == JsonValueKind.String
                    ? m.GetString() ?? ""
                    : "";
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                message = $"{message} ({detail.GetString()})";
            }
            return message.Length <= MaxLoggedMessage ? message : message[..MaxLoggedMessage];
        }
        catch (JsonException)
        {
            return "(no JSON error body)";
        }
    }

    [LoggerMessage(EventId = 3001, EventName = "ProviderRejectedRequest", Level = LogLevel.Error,
        Message = "{Provider} rejected a request with {Status} on {Path}: {ProviderMessage}. This is a bug in how the request was built.")]
    private static partial void LogRejected(ILogger logger, string provider, int status, string? path, string providerMessage);
}
