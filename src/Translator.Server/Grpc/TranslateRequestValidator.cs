using System.Text;
using Microsoft.Extensions.Options;
using Translator.Core;
using Translator.Core.Glossary;
using Translator.Core.Languages;
using Translator.Core.Providers;
using Translator.Core.Text;
using Translator.Protos.V1;
using CoreFormality = Translator.Core.Providers.Formality;
using ProtoFormality = Translator.Protos.V1.Formality;

namespace Translator.Server.Grpc;

/// <summary>The fields of a translate request, checked and normalised; the article is checked but not yet read.</summary>
internal sealed record ValidTranslateRequest(Article Article, string SourceLanguage, IReadOnlyList<string> TargetLanguages, CoreFormality Formality, string? GlossaryId);

/// <summary>
/// The one home of the translate requests' field rules: every problem is collected, so a client learns all of them
/// from one call. Checks sizes before anything reads the article, and never cleans or parses it
/// (<see cref="ArticleIntake"/> does, once the request is known to be well-formed).
/// </summary>
internal sealed class TranslateRequestValidator(IOptions<TranslatorOptions> options, ProviderChain providers)
{
    /// <exception cref="Grpc.Core.RpcException">INVALID_ARGUMENT naming every field at fault.</exception>
    public ValidTranslateRequest Validate(
        Article? article, bool clean, string sourceLanguage, IReadOnlyList<string> targetLanguages, string glossaryId, TranslationOptions? translationOptions)
    {
        var violations = new List<FieldViolation>();
        ValidateArticle(article, clean, violations);
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
        return violations.Count > 0
            ? throw RpcErrors.InvalidArgument(violations)
            : new ValidTranslateRequest(article!, LanguageTag.Normalize(sourceLanguage), targets, formality, glossaryId.Length == 0 ? null : glossaryId);
    }

    /// <summary>The article and its language, for the RPCs that do not translate.</summary>
    /// <exception cref="Grpc.Core.RpcException">INVALID_ARGUMENT naming every field at fault.</exception>
    public Article ValidateUntranslated(Article? article, string sourceLanguage)
    {
        var violations = new List<FieldViolation>();
        ValidateArticle(article, clean: false, violations);
        ValidateSourceLanguage(sourceLanguage, violations);
        return violations.Count > 0 ? throw RpcErrors.InvalidArgument(violations) : article!;
    }

    /// <summary>A page for <c>CleanArticle</c>: present, not empty, within the page limit.</summary>
    /// <exception cref="Grpc.Core.RpcException">INVALID_ARGUMENT naming the field at fault.</exception>
    public Article ValidatePage(Article? article)
    {
        var violations = new List<FieldViolation>();
        if (article is null)
        {
            violations.Add(new("article", "Required."));
        }
        else if (WithinPageSize(article, BodyField(article), violations) && article.BodyCase == Article.BodyOneofCase.None)
        {
            violations.Add(new("article", "The article body is empty."));
        }
        return violations.Count > 0 ? throw RpcErrors.InvalidArgument(violations) : article!;
    }

    /// <summary>
    /// A page (markup always, text or paragraphs when cleaning is asked for) is bounded by its own, larger limit;
    /// the article limit applies to what is extracted from it (<see cref="ArticleIntake"/>). Anything else is
    /// bounded by the article limit as it stands.
    /// </summary>
    private void ValidateArticle(Article? article, bool clean, List<FieldViolation> violations)
    {
        if (article is null)
        {
            violations.Add(new("article", "Required."));
            return;
        }
        var field = BodyField(article);
        if (article.BodyCase == Article.BodyOneofCase.None)
        {
            violations.Add(new(field, "The article body is empty."));
        }
        else if (ArticleIntake.IsPage(article, clean))
        {
            WithinPageSize(article, field, violations);
        }
        else
        {
            WithinLength(article, field, violations);
        }
    }

    private void WithinLength(Article article, string field, List<FieldViolation> violations)
    {
        var max = options.Value.MaxArticleCharacters;
        var rawLength = article.Title.Length + article.Text.Length + article.Html.Length
            + (article.Paragraphs?.Items.Sum(p => p.Length) ?? 0);
        if (rawLength > max)
        {
            violations.Add(new(field, $"The article has {rawLength} characters; at most {max} are accepted."));
        }
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

    internal static string BodyField(Article article) => article.BodyCase switch
    {
        Article.BodyOneofCase.Text => "article.text",
        Article.BodyOneofCase.Paragraphs => "article.paragraphs",
        Article.BodyOneofCase.Html => "article.html",
        _ => "article",
    };

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
