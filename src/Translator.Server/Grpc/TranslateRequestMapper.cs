using Microsoft.Extensions.Options;
using Translator.Core;
using Translator.Core.Articles;
using Translator.Core.Cleaning;
using Translator.Core.Languages;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Protos.V1;
using CoreFormality = Translator.Core.Providers.Formality;
using ProtoFormality = Translator.Protos.V1.Formality;

namespace Translator.Server.Grpc;

/// <summary>
/// Validates translate requests field by field and maps them to the core's <see cref="TranslationJob"/>.
/// Every problem is collected, so a client learns all of them from one call.
/// </summary>
internal sealed class TranslateRequestMapper(IOptions<TranslatorOptions> options, ProviderChain providers, IArticleCleaner cleaner)
{
    private const int MaxGlossaryIdLength = 128;

    public TranslationJob ToJob(TranslateArticleRequest request) =>
        ToJob(request.Article, request.Clean, request.SourceLanguage, request.TargetLanguages, request.GlossaryId, request.Options);

    public TranslationJob ToJob(StreamTranslateArticleRequest request) =>
        ToJob(request.Article, request.Clean, request.SourceLanguage, request.TargetLanguages, request.GlossaryId, request.Options);

    /// <summary>An XLIFF export is a translation into one language (its problems are reported under <c>target_languages[0]</c>).</summary>
    public TranslationJob ToJob(ExportXliffRequest request) =>
        ToJob(request.Article, false, request.SourceLanguage, [request.TargetLanguage], request.GlossaryId, request.Options);

    /// <summary>Validates a page for <c>CleanArticle</c> and cleans it.</summary>
    public CleanedArticle ToCleanedArticle(CleanArticleRequest request)
    {
        var violations = new List<FieldViolation>();
        var article = request.Article;
        if (article is null)
        {
            violations.Add(new("article", "Required."));
        }
        else if (WithinLength(article, BodyField(article), violations) && article.BodyCase == Article.BodyOneofCase.None)
        {
            violations.Add(new("article", "The article body is empty."));
        }
        return violations.Count > 0 ? throw RpcErrors.InvalidArgument(violations) : cleaner.Clean(ToRaw(article!));
    }

    /// <summary>Validates an article and its language for the RPCs that do not translate.</summary>
    public SourceArticle ToArticle(Article? article, string sourceLanguage)
    {
        var violations = new List<FieldViolation>();
        var source = ValidateArticle(article, clean: false, violations);
        ValidateSourceLanguage(sourceLanguage, violations);
        return violations.Count > 0 ? throw RpcErrors.InvalidArgument(violations) : source!;
    }

    private TranslationJob ToJob(
        Article? article, bool clean, string sourceLanguage, IReadOnlyList<string> targetLanguages, string glossaryId, TranslationOptions? translationOptions)
    {
        var violations = new List<FieldViolation>();
        var source = ValidateArticle(article, clean, violations);
        var sourceOk = ValidateSourceLanguage(sourceLanguage, violations);
        var targets = ValidateTargets(sourceOk ? LanguageTag.Normalize(sourceLanguage) : null, targetLanguages, violations);
        if (glossaryId.Length > MaxGlossaryIdLength || glossaryId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            violations.Add(new("glossary_id", $"Must be at most {MaxGlossaryIdLength} characters of letters, digits, '-', '_' or '.'."));
        }
        var formality = (translationOptions?.Formality ?? ProtoFormality.Unspecified) switch
        {
            ProtoFormality.Unspecified => CoreFormality.Default,
            ProtoFormality.More => CoreFormality.More,
            ProtoFormality.Less => CoreFormality.Less,
            var unknown => Invalid(violations, "options.formality", $"Unknown formality value {(int)unknown}.", CoreFormality.Default),
        };
        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }
        return new TranslationJob(source!, LanguageTag.Normalize(sourceLanguage), targets, formality,
            glossaryId.Length == 0 ? null : glossaryId);
    }

    private SourceArticle? ValidateArticle(Article? article, bool clean, List<FieldViolation> violations)
    {
        if (article is null)
        {
            violations.Add(new("article", "Required."));
            return null;
        }
        var limits = options.Value;
        var field = BodyField(article);
        if (!WithinLength(article, field, violations))
        {
            return null;
        }
        var title = article.Title;
        IReadOnlyList<string> paragraphs;
        // A page is never translated as it is: markup is always cleaned, text and paragraphs when asked.
        if (article.BodyCase != Article.BodyOneofCase.None && (clean || article.BodyCase == Article.BodyOneofCase.Html))
        {
            var cleaned = cleaner.Clean(ToRaw(article));
            paragraphs = cleaned.Paragraphs;
            title = title.Length > 0 ? title : cleaned.Title ?? "";
        }
        else
        {
            paragraphs = article.BodyCase switch
            {
                Article.BodyOneofCase.Text => ArticleBody.FromText(article.Text),
                Article.BodyOneofCase.Paragraphs => ArticleBody.FromParagraphs(article.Paragraphs.Items),
                _ => [],
            };
        }
        if (paragraphs.Count == 0)
        {
            violations.Add(new(field, "The article body is empty."));
            return null;
        }
        if (paragraphs.Count > limits.MaxParagraphs)
        {
            violations.Add(new(field, $"The article has {paragraphs.Count} paragraphs; at most {limits.MaxParagraphs} are accepted."));
            return null;
        }
        return new SourceArticle(article.Id, title, paragraphs);
    }

    private bool WithinLength(Article article, string field, List<FieldViolation> violations)
    {
        var max = options.Value.MaxArticleCharacters;
        var rawLength = article.Title.Length + article.Text.Length + article.Html.Length
            + (article.Paragraphs?.Items.Sum(p => p.Length) ?? 0);
        if (rawLength > max)
        {
            violations.Add(new(field, $"The article has {rawLength} characters; at most {max} are accepted."));
            return false;
        }
        return true;
    }

    private static string BodyField(Article article) => article.BodyCase switch
    {
        Article.BodyOneofCase.Text => "article.text",
        Article.BodyOneofCase.Paragraphs => "article.paragraphs",
        Article.BodyOneofCase.Html => "article.html",
        _ => "article",
    };

    private static RawArticle ToRaw(Article article)
    {
        var title = article.Title.Length > 0 ? article.Title : null;
        return article.BodyCase switch
        {
            Article.BodyOneofCase.Html => new RawArticle(RawArticleFormat.Html, article.Html, title),
            Article.BodyOneofCase.Paragraphs => new RawArticle(RawArticleFormat.Paragraphs,
                string.Join('\n', article.Paragraphs.Items.Select(p => p.ReplaceLineEndings(" "))), title),
            _ => new RawArticle(RawArticleFormat.Text, article.Text, title),
        };
    }

    private static bool ValidateSourceLanguage(string sourceLanguage, List<FieldViolation> violations)
    {
        if (sourceLanguage.Length == 0)
        {
            violations.Add(new("source_language", "Required: a BCP-47 language tag such as \"en\"."));
            return false;
        }
        if (!LanguageTag.IsWellFormed(sourceLanguage))
        {
            violations.Add(new("source_language", $"\"{Truncate(sourceLanguage)}\" is not a BCP-47 language tag."));
            return false;
        }
        return true;
    }

    private string[] ValidateTargets(string? source, IReadOnlyList<string> targets, List<FieldViolation> violations)
    {
        if (targets.Count == 0)
        {
            violations.Add(new("target_languages", "At least one target language is required."));
            return [];
        }
        if (targets.Count > options.Value.MaxTargetLanguages)
        {
            violations.Add(new("target_languages", $"{targets.Count} target languages requested; at most {options.Value.MaxTargetLanguages} are accepted."));
            return [];
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(targets.Count);
        for (var i = 0; i < targets.Count; i++)
        {
            var field = $"target_languages[{i}]";
            var target = targets[i];
            if (!LanguageTag.IsWellFormed(target))
            {
                violations.Add(new(field, $"\"{Truncate(target)}\" is not a BCP-47 language tag."));
                continue;
            }
            var normalized = LanguageTag.Normalize(target);
            if (source is not null && LanguageTag.PrimaryLanguage(source) == LanguageTag.PrimaryLanguage(normalized))
            {
                violations.Add(new(field, $"\"{normalized}\" is the source language."));
            }
            else if (!seen.Add(normalized))
            {
                violations.Add(new(field, $"\"{normalized}\" is requested more than once."));
            }
            else if (source is not null && providers.PreferredFor(source, normalized) is null)
            {
                violations.Add(new(field, $"Translation from \"{source}\" to \"{normalized}\" is not supported by the configured provider."));
            }
            result.Add(normalized);
        }
        return result.ToArray();
    }

    private static T Invalid<T>(List<FieldViolation> violations, string field, string description, T fallback)
    {
        violations.Add(new(field, description));
        return fallback;
    }

    /// <summary>Echoes at most a short prefix of a bad value: enough to recognise it, never a payload.</summary>
    private static string Truncate(string value) => value.Length <= 35 ? value : value[..32] + "...";
}
