using Translator.Core.Articles;
using Translator.Core.Cleaning;
using Translator.Core.Pipeline;
using Translator.Protos.V1;

namespace Translator.Server.Grpc;

/// <summary>
/// Maps requests to the core's <see cref="TranslationJob"/>: the fields are validated first
/// (<see cref="TranslateRequestValidator"/>), and only a well-formed request has its article read and cleaned
/// (<see cref="ArticleIntake"/>).
/// </summary>
internal sealed class TranslateRequestMapper(TranslateRequestValidator validator, ArticleIntake intake)
{
    public TranslationJob ToJob(TranslateArticleRequest request, CancellationToken cancellationToken) =>
        ToJob(request.Article, request.Clean, request.SourceLanguage, request.TargetLanguages, request.GlossaryId, request.Options, cancellationToken)
            with { UseDefaultGlossary = !request.HasUseDefaultGlossary || request.UseDefaultGlossary };

    public TranslationJob ToJob(StreamTranslateArticleRequest request, CancellationToken cancellationToken) =>
        ToJob(request.Article, request.Clean, request.SourceLanguage, request.TargetLanguages, request.GlossaryId, request.Options, cancellationToken)
            with { UseDefaultGlossary = !request.HasUseDefaultGlossary || request.UseDefaultGlossary };

    /// <summary>An XLIFF export is a translation into one language (its problems are reported under <c>target_languages[0]</c>).</summary>
    public TranslationJob ToJob(ExportXliffRequest request, CancellationToken cancellationToken) =>
        ToJob(request.Article, false, request.SourceLanguage, [request.TargetLanguage], request.GlossaryId, request.Options, cancellationToken);

    /// <summary>A page for <c>CleanArticle</c>, validated and cleaned.</summary>
    public CleanedArticle ToCleanedArticle(CleanArticleRequest request, CancellationToken cancellationToken) =>
        intake.Clean(validator.ValidatePage(request.Article), cancellationToken);

    /// <summary>An article and its language for the RPCs that do not translate.</summary>
    public SourceArticle ToArticle(Article? article, string sourceLanguage) =>
        intake.Read(validator.ValidateUntranslated(article, sourceLanguage), clean: false, CancellationToken.None);

    private TranslationJob ToJob(
        Article? article, bool clean, string sourceLanguage, IReadOnlyList<string> targetLanguages, string glossaryId, TranslationOptions? translationOptions,
        CancellationToken cancellationToken)
    {
        var valid = validator.Validate(article, clean, sourceLanguage, targetLanguages, glossaryId, translationOptions);
        return new TranslationJob(intake.Read(valid.Article, clean, cancellationToken), valid.SourceLanguage, valid.TargetLanguages, valid.Formality, valid.GlossaryId);
    }
}
