using System.Text;
using Microsoft.Extensions.Options;
using Translator.Core;
using Translator.Core.Articles;
using Translator.Core.Cleaning;
using Translator.Core.Glossary;
using Translator.Core.Languages;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Core.Text;
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
    // Cleaning a page of megabytes takes a noticeable time, so the call's token stops it when the client goes.
    public TranslationJob ToJob(TranslateArticleRequest request, CancellationToken cancellationToken) =>
        ToJob(request.Article, request.Clean, request.SourceLanguage, request.TargetLanguages, request.GlossaryId, request.Options, cancellationToken)
            with { UseDefaultGlossary = !request.HasUseDefaultGlossary || request.UseDefaultGlossary };

    public TranslationJob ToJob(StreamTranslateArticleRequest request, CancellationToken cancellationToken) =>
        ToJob(request.Article, request.Clean, request.SourceLanguage, request.TargetLanguages, request.GlossaryId, request.Options, cancellationToken)
            with { UseDefaultGlossary = !request.HasUseDefaultGlossary || request.UseDefaultGlossary };

    /// <summary>An XLIFF export is a translation into one language (its problems are reported under <c>target_languages[0]</c>).</summary>
    public TranslationJob ToJob(ExportXliffRequest request, CancellationToken cancellationToken) =>
        ToJob(request.Article, false, request.SourceLanguage, [request.TargetLanguage], request.GlossaryId, request.Options, cancellationToken);

    /// <summary>Validates a page for <c>CleanArticle</c> and cleans it.</summary>
    public CleanedArticle ToCleanedArticle(CleanArticleRequest request, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        var article = request.Article;
        if (article is null)
        {
            violations.Add(new("article", "Required."));
        }
        else if (WithinPageSize(article, BodyField(article), violations) && article.BodyCase == Article.BodyOneofCase.None)
        {
            violations.Add(new("article", "The article body is empty."));
        }
        return violations.Count > 0 ? throw RpcErrors.InvalidArgument(violations) : cleaner.Clean(ToRaw(article!), cancellationToken);
    }

    /// <summary>Validates an article and its language for the RPCs that do not translate.</summary>
    public SourceArticle ToArticle(Article? article, string sourceLanguage)
    {
        var violations = new List<FieldViolation>();
        var source = ValidateArticle(article, clean: false, violations, CancellationToken.None);
        ValidateSourceLanguage(sourceLanguage, violations);
        return violations.Count > 0 ? throw RpcErrors.InvalidArgument(violations) : source!;
    }

    private TranslationJob ToJob(
        Article? article, bool clean, string sourceLanguage, IReadOnlyList<string> targetLanguages, string glossaryId, TranslationOptions? translationOptions,
        CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        var source = ValidateArticle(article, clean, violations, cancellationToken);
        var sourceOk = ValidateSourceLanguage(sourceLanguage, violations) && ValidateTranslatableSource(sourceLanguage, violations);
        var targets = ValidateTargets(sourceOk ? LanguageTag.Normalize(sourceLanguage) : null, targetLanguages, violations);
        // Empty selects the default glossary; anything else follows the one id rule.
        if (glossaryId.Length > 0 && !GlossaryValidator.IsValidId(glossaryId))
        {
            violations.Add(new("glossary_id", GlossaryValidator.IdRule));
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

    private SourceArticle? ValidateArticle(Article? article, bool clean, List<FieldViolation> violations, CancellationToken cancellationToken)
    {
        if (article is null)
        {
            violations.Add(new("article", "Required."));
            return null;
        }
        var limits = options.Value;
        var field = BodyField(article);
        var title = article.Title;
        IReadOnlyList<string> paragraphs;
        // A page is never translated as it is: markup is always cleaned, text and paragraphs when asked. A page
        // is bounded by its own (larger) limit; the article limit applies to what is extracted from it.
        if (article.BodyCase != Article.BodyOneofCase.None && (clean || article.BodyCase == Article.BodyOneofCase.Html))
        {
            if (!WithinPageSize(article, field, violations))
            {
                return null;
            }
            var cleaned = cleaner.Clean(ToRaw(article), cancellationToken);
            paragraphs = cleaned.Paragraphs;
            title = title.Length > 0 ? title : cleaned.Title ?? "";
            var extracted = title.Length + paragraphs.Sum(p => p.Length);
            if (extracted > limits.MaxArticleCharacters)
            {
                violations.Add(new(field, $"The article extracted from the page has {extracted} characters; at most {limits.MaxArticleCharacters} are accepted."));
                return null;
            }
        }
        else if (!WithinLength(article, field, violations))
        {
            return null;
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

    private bool WithinPageSize(Article article, string field, List<FieldViolation> violations)
    {
        var max = options.Value.MaxPageBytes;
        var bytes = Encoding.UTF8.GetByteCount(article.Title) + Encoding.UTF8.GetByteCount(article.Text) + Encoding.UTF8.GetByteCount(article.Html)
            + (article.Paragraphs?.Items.Sum(Encoding.UTF8.GetByteCount) ?? 0);
        if (bytes > max)
        {
            violations.Add(new(field, $"The page has {bytes} bytes (UTF-8); at most {max} are accepted."));
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
            violations.Add(new("source_language", $"{QuotedValue.Of(sourceLanguage)} is not a BCP-47 language tag."));
            return false;
        }
        return true;
    }

    private bool ValidateTranslatableSource(string sourceLanguage, List<FieldViolation> violations)
    {
        if (providers.Providers.Any(p => p.SupportsSource(sourceLanguage)))
        {
            return true;
        }
        violations.Add(new("source_language", $"Translation from \"{LanguageTag.Normalize(sourceLanguage)}\" is not supported by the configured provider."));
        return false;
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
        // Keyed by the language the provider writes: "ko", "ko-KR" and "ko-Kore" are one translation, paid once.
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<string>(targets.Count);
        for (var i = 0; i < targets.Count; i++)
        {
            var field = $"target_languages[{i}]";
            var target = targets[i];
            if (!LanguageTag.IsWellFormed(target))
            {
                violations.Add(new(field, $"{QuotedValue.Of(target)} is not a BCP-47 language tag."));
                continue;
            }
            var normalized = LanguageTag.Normalize(target);
            var provider = source is null ? null : providers.PreferredFor(source, normalized);
            var output = provider?.OutputLanguage(normalized) ?? normalized;
            if (source is not null && LanguageTag.PrimaryLanguage(source) == LanguageTag.PrimaryLanguage(normalized))
            {
                violations.Add(new(field, $"\"{normalized}\" is the source language."));
            }
            else if (seen.TryGetValue(output, out var first))
            {
                violations.Add(new(field, first == normalized
                    ? $"\"{normalized}\" is requested more than once."
                    : $"\"{normalized}\" is translated into the same language as \"{first}\"; request one of them."));
            }
            else if (source is not null && provider is null)
            {
                violations.Add(new(field, $"Translation from \"{source}\" to \"{normalized}\" is not supported by the configured provider."));
            }
            else
            {
                seen[output] = normalized;
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
}
