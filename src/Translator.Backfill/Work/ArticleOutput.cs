using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Translator.Core.Pipeline;

namespace Translator.Backfill.Work;

/// <summary>Writes one article's translations to <c>DIR/&lt;id&gt;.json</c>, atomically.</summary>
internal static class ArticleOutput
{
    private const int MaxNameLength = 100;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// An id as a file name: kept as it is when it is already a plain name, otherwise its unsafe characters
    /// replaced and a hash of the whole id appended, so two ids never share a file.
    /// </summary>
    public static string FileName(string articleId)
    {
        var plain = articleId.Length <= MaxNameLength && articleId[0] != '.'
            && articleId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        if (plain)
        {
            return articleId + ".json";
        }
        var safe = new string(articleId.Take(MaxNameLength).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(articleId)))[..16];
        return $"{safe}~{hash}.json";
    }

    /// <summary>
    /// Writes to a temporary file in the same directory, flushes it to disk, then renames it over the final
    /// name: a reader (or a worker killed half-way) never sees a partial file, and a second delivery of the
    /// same article replaces the file rather than adding one.
    /// </summary>
    public static async Task WriteAsync(string directory, string articleId, IReadOnlyList<TranslatedArticle> translations, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, FileName(articleId));
        var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
        var document = new OutputDocument(articleId, translations.Select(t =>
            new OutputTranslation(t.TargetLanguage, t.Title?.Text, t.Paragraphs.Select(p => p.Text).ToArray())).ToArray());
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, document, Json, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private sealed record OutputDocument(string Id, IReadOnlyList<OutputTranslation> Translations);

    private sealed record OutputTranslation(
        string TargetLanguage,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Title,
        IReadOnlyList<string> Paragraphs);
}
