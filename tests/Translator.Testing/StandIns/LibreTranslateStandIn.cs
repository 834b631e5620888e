using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Translator.Testing.StandIns;

/// <summary>
/// LibreTranslate's <c>POST /translate</c> (JSON, <c>q</c> as an array): checks the API key when one is
/// configured, the batch limit and the languages; translates by prefixing "[target] ".
/// </summary>
public sealed class LibreTranslateStandIn : HttpStandIn
{
    private static readonly HashSet<string> Languages = new(StringComparer.Ordinal) { "en", "ko", "ja", "ru", "de", "fr", "es", "zh" };

    private LibreTranslateStandIn(string? apiKey, int batchLimit)
    {
        ApiKey = apiKey;
        BatchLimit = batchLimit;
    }

    public string? ApiKey { get; }

    public int BatchLimit { get; }

    public static async Task<LibreTranslateStandIn> StartAsync(string? apiKey = null, int batchLimit = 25)
    {
        var standIn = new LibreTranslateStandIn(apiKey, batchLimit);
        await standIn.StartServerAsync();
        return standIn;
    }

    public static string Translate(string text, string target) => $"[{target}] {text}";

    protected override object ErrorBodyFor(string message) => new { error = message };

    protected override void Map(WebApplication app) => app.MapPost("/translate", async context =>
    {
        var (_, json) = await RecordAsync(context);
        if (await RunScriptAsync(context))
        {
            return;
        }
        if (json is not { ValueKind: JsonValueKind.Object } body)
        {
            await ErrorAsync(context, 400, "Invalid request");
            return;
        }
        if (ApiKey is not null && (!body.TryGetProperty("api_key", out var key) || key.GetString() != ApiKey))
        {
            await ErrorAsync(context, 403, "Invalid API key");
            return;
        }
        if (!body.TryGetProperty("q", out var q) || q.ValueKind != JsonValueKind.Array || q.GetArrayLength() == 0)
        {
            await ErrorAsync(context, 400, "Invalid request: missing q parameter");
            return;
        }
        if (q.GetArrayLength() > BatchLimit)
        {
            await ErrorAsync(context, 400, $"Invalid request: request ({q.GetArrayLength()}) exceeds text limit ({BatchLimit})");
            return;
        }
        var source = body.TryGetProperty("source", out var s) ? s.GetString() : null;
        var target = body.TryGetProperty("target", out var t) ? t.GetString() : null;
        if (source is null || !Languages.Contains(source) || target is null || !Languages.Contains(target))
        {
            await ErrorAsync(context, 400, "Language not supported");
            return;
        }
        if (body.TryGetProperty("format", out var format) && format.GetString() is not ("text" or "html"))
        {
            await ErrorAsync(context, 400, "Invalid format");
            return;
        }
        await WriteJsonAsync(context, 200, new { translatedText = q.EnumerateArray().Select(x => Translate(x.GetString()!, target)) });
    });
}
