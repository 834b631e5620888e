using System.Text.Json;
using Translator.Core;
using Translator.Core.Articles;
using Translator.Core.Cleaning;
using Translator.Core.Languages;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Backfill.Jobs;

namespace Translator.Backfill.Archive;

/// <summary>
/// One line of an archive: <c>{"id": "...", "title": "...", "text": "..."}</c>, with the body as <c>text</c>,
/// <c>html</c> or <c>paragraphs</c>, and an optional <c>source_language</c>.
/// </summary>
internal sealed record ArchiveArticle(string Id, string? Title, RawArticleFormat Format, string Body, IReadOnlyList<string>? Paragraphs, string? SourceLanguage)
{
    public const int MaxIdLength = 256;

    private static readonly string[] BodyNames = ["text", "html", "paragraphs"];

    /// <summary>Reads one line; a line that is not an article throws <see cref="ArchiveFormatException"/> naming what is wrong, never quoting it.</summary>
    public static ArchiveArticle Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new ArchiveFormatException($"not valid JSON (byte {ex.BytePositionInLine ?? 0}).");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArchiveFormatException("not a JSON object.");
            }
            var id = OptionalString(root, "id");
            if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength || id.Any(char.IsControl))
            {
                throw new ArchiveFormatException($"\"id\" must be a non-empty string of at most {MaxIdLength} characters without control characters.");
            }
            var title = OptionalString(root, "title");
            var source = OptionalString(root, "source_language");
            if (source is not null && !LanguageTag.IsWellFormed(source))
            {
                throw new ArchiveFormatException("\"source_language\" is not a BCP-47 language tag.");
            }
            var bodies = BodyNames.Where(name => root.TryGetProperty(name, out _)).ToArray();
            if (bodies.Length != 1)
            {
                throw new ArchiveFormatException("exactly one of \"text\", \"html\" or \"paragraphs\" is required.");
            }
            return bodies[0] switch
            {
                "text" => new ArchiveArticle(id, title, RawArticleFormat.Text, RequiredString(root, "text"), null, source),
                "html" => new ArchiveArticle(id, title, RawArticleFormat.Html, RequiredString(root, "html"), null, source),
                _ => new ArchiveArticle(id, title, RawArticleFormat.Paragraphs, "", ReadParagraphs(root), source),
            };
        }
    }

    /// <summary>A queued article as the pipeline's job: its own source language if it names one, else the job's.</summary>
    public static TranslationJob ToJob(QueuedArticle queued, IArticleCleaner cleaner, TranslatorOptions limits, CancellationToken cancellationToken)
    {
        var article = Parse(queued.Line);
        return new TranslationJob(article.ToSource(cleaner, queued.Settings.Clean, limits, cancellationToken),
            article.SourceLanguage is { } own ? LanguageTag.Normalize(own) : queued.Settings.SourceLanguage,
            queued.Settings.TargetLanguages, Formality.Default, queued.Settings.GlossaryId);
    }

    /// <summary>The article as the pipeline takes it, cleaned like the server cleans (markup always, text and paragraphs when asked).</summary>
    /// <remarks>As in the server, a page to clean is bounded by <see cref="TranslatorOptions.MaxPageBytes"/> and what is
    /// translated (the extracted article, or the text as given) by <see cref="TranslatorOptions.MaxArticleCharacters"/>.</remarks>
    public SourceArticle ToSource(IArticleCleaner cleaner, bool clean, TranslatorOptions limits, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> paragraphs;
        var title = Title;
        var cleaning = clean || Format == RawArticleFormat.Html;
        var rawBytes = System.Text.Encoding.UTF8.GetByteCount(Body) + (Paragraphs?.Sum(System.Text.Encoding.UTF8.GetByteCount) ?? 0);
        if (cleaning && rawBytes > limits.MaxPageBytes)
        {
            throw new ArchiveFormatException($"the page has {rawBytes} bytes; at most {limits.MaxPageBytes} are accepted.");
        }
        if (cleaning)
        {
            var raw = Format == RawArticleFormat.Paragraphs
                ? new RawArticle(RawArticleFormat.Paragraphs, string.Join('\n', Paragraphs!.Select(p => p.ReplaceLineEndings(" "))), Title)
                : new RawArticle(Format, Body, Title);
            var cleaned = cleaner.Clean(raw, cancellationToken);
            paragraphs = cleaned.Paragraphs;
            title = string.IsNullOrEmpty(title) ? cleaned.Title : title;
        }
        else
        {
            paragraphs = Format == RawArticleFormat.Paragraphs ? ArticleBody.FromParagraphs(Paragraphs!) : ArticleBody.FromText(Body);
        }
        if (paragraphs.Count == 0)
        {
            throw new ArchiveFormatException("the article body is empty.");
        }
        var length = (title?.Length ?? 0) + paragraphs.Sum(p => p.Length);
        if (length > limits.MaxArticleCharacters)
        {
            throw new ArchiveFormatException($"the article has {length} characters; at most {limits.MaxArticleCharacters} are accepted.");
        }
        if (paragraphs.Count > limits.MaxParagraphs)
        {
            throw new ArchiveFormatException($"the article has {paragraphs.Count} paragraphs; at most {limits.MaxParagraphs} are accepted.");
        }
        return new SourceArticle(Id, string.IsNullOrEmpty(title) ? null : title, paragraphs);
    }

    private static string? OptionalString(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new ArchiveFormatException($"\"{name}\" must be a string.");

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) ?? throw new ArchiveFormatException($"\"{name}\" must be a string.");

    private static string[] ReadParagraphs(JsonElement root)
    {
        var value = root.GetProperty("paragraphs");
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
        {
            throw new ArchiveFormatException("\"paragraphs\" must be an array of strings.");
        }
        return value.EnumerateArray().Select(p => p.GetString()!).ToArray();
    }
}

/// <summary>An archive line or article that cannot be translated as it stands. The message never quotes article text.</summary>
internal sealed class ArchiveFormatException(string message) : Exception(message);
