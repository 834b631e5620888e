using System.Text.Json;
using AngleSharp.Dom;

namespace Translator.Cleaning;

/// <summary>
/// The <c>articleBody</c> a page declares in its JSON-LD (schema.org NewsArticle and kin): the publisher's own
/// statement of the story's text, when it gives one. Pages put HTML or plain text in it, with or without line
/// breaks; what comes back is text, one paragraph a line.
/// </summary>
internal static class JsonLdArticle
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static string? FindBody(IDocument document, CancellationToken cancellationToken)
    {
        string? best = null;
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var json = JsonDocument.Parse(script.TextContent, Options);
                if (Find(json.RootElement) is { Length: > 0 } body && body.Length > (best?.Length ?? 0))
                {
                    best = body;
                }
            }
            catch (JsonException)
            {
                // A page's broken JSON-LD is the page's problem; the structure still tells where the story is.
            }
        }
        return best is null ? null : DeepMarkup.ToText(best, cancellationToken);
    }

    private static string? Find(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("articleBody") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString();
                    }
                    if (Find(property.Value) is { } nested)
                    {
                        return nested;
                    }
                }
                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item) is { } nested)
                    {
                        return nested;
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
