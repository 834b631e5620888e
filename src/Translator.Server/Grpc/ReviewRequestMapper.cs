using Translator.Core.Corrections;
using Translator.Core.Glossary;
using Translator.Core.Languages;
using Translator.Protos.V1;
using CoreFormality = Translator.Core.Providers.Formality;
using CoreCorrection = Translator.Core.Corrections.SegmentCorrection;
using ProtoFormality = Translator.Protos.V1.Formality;

namespace Translator.Server.Grpc;

/// <summary>Validates review requests field by field (every problem at once) and maps them to the core's types.</summary>
internal static class ReviewRequestMapper
{
    /// <summary>Most corrections in one call (an XLIFF import is bounded by its size instead).</summary>
    public const int MaxCorrections = 1000;

    public static CorrectionBatch ToBatch(SubmitCorrectionsRequest request)
    {
        var violations = new List<FieldViolation>();
        var (source, target) = Languages(request.SourceLanguage, request.TargetLanguage, violations);
        if (request.Corrections.Count is 0 or > MaxCorrections)
        {
            violations.Add(new("corrections", $"Must hold 1 to {MaxCorrections} corrections."));
        }
        for (var i = 0; i < request.Corrections.Count && violations.Count < 100; i++)
        {
            var correction = request.Corrections[i];
            CheckText(correction.SourceText, $"corrections[{i}].source_text", violations);
            CheckText(correction.TranslatedText, $"corrections[{i}].translated_text", violations);
        }
        var formality = Formality(request.Options, violations);
        var glossaryId = GlossaryId(request.GlossaryId, violations);
        return violations.Count > 0
            ? throw RpcErrors.InvalidArgument(violations)
            : new CorrectionBatch(source, target, request.Corrections.Select(c => new CoreCorrection(c.SourceText, c.TranslatedText)).ToArray(), formality, glossaryId);
    }

    /// <summary>Both languages well-formed and different; normalised.</summary>
    private static (string Source, string Target) Languages(string source, string target, List<FieldViolation> violations)
    {
        var sourceOk = LanguageTag.IsWellFormed(source);
        var targetOk = LanguageTag.IsWellFormed(target);
        if (!sourceOk)
        {
            violations.Add(new("source_language", "Required: a BCP-47 language tag such as \"en\"."));
        }
        if (!targetOk)
        {
            violations.Add(new("target_language", "Required: a BCP-47 language tag such as \"ko\"."));
        }
        if (!sourceOk || !targetOk)
        {
            return ("", "");
        }
        var (s, t) = (LanguageTag.Normalize(source), LanguageTag.Normalize(target));
        if (LanguageTag.PrimaryLanguage(s) == LanguageTag.PrimaryLanguage(t))
        {
            violations.Add(new("target_language", $"\"{t}\" is the source language."));
        }
        return (s, t);
    }

    public static string ToXliff(ImportXliffRequest request) =>
        request.Content.Length is > 0 and <= CorrectionLimits.MaxXliffCharacters
            ? request.Content
            : throw RpcErrors.InvalidArgument("content", $"Must be an XLIFF 2.0 document of 1 to {CorrectionLimits.MaxXliffCharacters} characters.");

    private static void CheckText(string text, string field, List<FieldViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > CorrectionLimits.MaxSentenceCharacters)
        {
            violations.Add(new(field, $"Must be 1 to {CorrectionLimits.MaxSentenceCharacters} characters, not only whitespace."));
        }
    }

    private static CoreFormality Formality(TranslationOptions? options, List<FieldViolation> violations)
    {
        switch (options?.Formality ?? ProtoFormality.Unspecified)
        {
            case ProtoFormality.Unspecified:
                return CoreFormality.Default;
            case ProtoFormality.More:
                return CoreFormality.More;
            case ProtoFormality.Less:
                return CoreFormality.Less;
            default:
                violations.Add(new("options.formality", "Unknown formality value."));
                return CoreFormality.Default;
        }
    }

    private static string? GlossaryId(string id, List<FieldViolation> violations)
    {
        if (id.Length == 0)
        {
            return null;
        }
        if (!GlossaryValidator.IsValidId(id))
        {
            violations.Add(new("glossary_id", $"Must be at most {GlossaryValidator.MaxIdLength} characters of letters, digits, '-', '_' or '.'."));
        }
        return id;
    }
}
