using Translator.Core.Languages;
using Translator.Core.Providers;

namespace Translator.Providers.DeepL;

/// <summary>
/// BCP-47 tags to DeepL's language codes, from DeepL's documented lists. Anything else is unsupported, so
/// the service rejects it before a request DeepL would refuse is ever built.
/// </summary>
internal static class DeepLLanguages
{
    private static readonly HashSet<string> Source = new(StringComparer.Ordinal)
    {
        "AR", "BG", "CS", "DA", "DE", "EL", "EN", "ES", "ET", "FI", "FR", "HU", "ID", "IT", "JA", "KO",
        "LT", "LV", "NB", "NL", "PL", "PT", "RO", "RU", "SK", "SL", "SV", "TR", "UK", "ZH",
    };

    /// <summary>Targets without variants; EN, PT and ZH are resolved to their variants separately.</summary>
    private static readonly HashSet<string> Target = new(StringComparer.Ordinal)
    {
        "AR", "BG", "CS", "DA", "DE", "EL", "ES", "ET", "FI", "FR", "HU", "ID", "IT", "JA", "KO",
        "LT", "LV", "NB", "NL", "PL", "RO", "RU", "SK", "SL", "SV", "TR", "UK",
    };

    /// <summary>Targets where <c>formality</c> is accepted; elsewhere DeepL fails the request.</summary>
    private static readonly HashSet<string> Formal = new(StringComparer.Ordinal)
    {
        "DE", "FR", "IT", "ES", "NL", "PL", "PT-BR", "PT-PT", "JA", "RU",
    };

    public static string? SourceCode(string tag)
    {
        var code = Primary(tag);
        return Source.Contains(code) ? code : null;
    }

    public static string? TargetCode(string tag, DeepLOptions options)
    {
        var parts = LanguageTag.Normalize(tag).Split('-');
        var primary = parts[0].ToUpperInvariant();
        bool Has(string subtag) => parts.Skip(1).Contains(subtag, StringComparer.OrdinalIgnoreCase);
        return primary switch
        {
            "EN" => Has("GB") ? "EN-GB" : Has("US") ? "EN-US" : options.EnglishVariant,
            "PT" => Has("BR") ? "PT-BR" : Has("PT") ? "PT-PT" : options.PortugueseVariant,
            "ZH" => Has("Hant") || Has("TW") || Has("HK") || Has("MO") ? "ZH-HANT" : "ZH-HANS",
            // NB is the code for Norwegian Bokmål; plain "no" means it in practice.
            "NO" => "NB",
            _ => Target.Contains(primary) ? primary : null,
        };
    }

    /// <summary>Language code for glossaries, which take the language without variant.</summary>
    public static string GlossaryCode(string deepLCode) => deepLCode.Split('-')[0];

    /// <summary>DeepL's <c>formality</c> value, only where the target supports it.</summary>
    public static string? FormalityFor(string targetCode, Formality formality) =>
        formality == Formality.Default || !Formal.Contains(targetCode) ? null
        : formality == Formality.More ? "more" : "less";

    private static string Primary(string tag) => tag == "no" || tag.StartsWith("no-", StringComparison.OrdinalIgnoreCase)
        ? "NB"
        : LanguageTag.PrimaryLanguage(tag).ToUpperInvariant();
}
