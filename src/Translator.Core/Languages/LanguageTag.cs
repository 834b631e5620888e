using System.Text.RegularExpressions;

namespace Translator.Core.Languages;

/// <summary>BCP-47 language tags as the service accepts them.</summary>
public static partial class LanguageTag
{
    /// <summary>
    /// Well-formed per the BCP-47 shape we accept: a 2–3 letter primary language, then optional
    /// script (4 letters), region (2 letters or 3 digits) and variants. Private-use and grandfathered
    /// tags are not translation targets, so they are rejected.
    /// </summary>
    public static bool IsWellFormed(string? tag) => tag is not null && Shape().IsMatch(tag);

    /// <summary>The lower-case primary language subtag ("pt" for "pt-BR").</summary>
    public static string PrimaryLanguage(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? tag : tag[..dash]).ToLowerInvariant();
    }

    /// <summary>Canonical casing: language lower, script title, region upper ("zh-Hant-TW").</summary>
    public static string Normalize(string tag)
    {
        var parts = tag.Split('-');
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            parts[i] = i == 0 ? p.ToLowerInvariant()
                : p.Length == 4 && char.IsLetter(p[0]) ? char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()
                : p.Length == 2 ? p.ToUpperInvariant()
                : p.ToLowerInvariant();
        }
        return string.Join('-', parts);
    }

    /// <summary>Languages written without spaces between sentences.</summary>
    public static bool JoinsSentencesWithoutSpace(string tag) =>
        PrimaryLanguage(tag) is "ja" or "zh" or "th" or "lo" or "my" or "km";

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$")]
    private static partial Regex Shape();
}
