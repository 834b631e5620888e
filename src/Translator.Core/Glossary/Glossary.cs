using System.Security.Cryptography;
using System.Text;
using Translator.Core.Languages;

namespace Translator.Core.Glossary;

/// <summary>A named set of terms that must be rendered the same way in every translation.</summary>
/// <param name="Id">Stable identifier requests select it by (letters, digits, '-', '_', '.').</param>
/// <param name="Version">Bumped on every change; stores use it for compare-and-swap.</param>
public sealed record Glossary(string Id, string Name, string SourceLanguage, long Version, IReadOnlyList<GlossaryEntry> Entries)
{
    /// <summary>The glossary a request without <c>glossary_id</c> uses; seeded from the embedded starter file.</summary>
    public const string DefaultId = "default";
}

/// <summary>One term: its canonical spelling, the spellings seen in copy, and one rendering per target language.</summary>
/// <param name="Term">Canonical source spelling; also the entry's key within its glossary.</param>
/// <param name="Variants">Other source spellings. Hyphen/space differences and possessives match without listing them.</param>
/// <param name="Renderings">Target language (BCP-47) to rendering.</param>
/// <param name="Note">Free text for editors; never used in matching.</param>
/// <param name="CaseSensitive">Whether the source spellings match only in the case given.</param>
public sealed record GlossaryEntry(
    string Term,
    IReadOnlyList<string> Variants,
    IReadOnlyDictionary<string, string> Renderings,
    string? Note = null,
    bool CaseSensitive = false)
{
    public IEnumerable<string> Forms => Variants.Prepend(Term);

    /// <summary>The rendering for a target language, falling back from "pt-BR" to "pt".</summary>
    public string? RenderingFor(string targetLanguage) =>
        Renderings.TryGetValue(targetLanguage, out var exact) ? exact
        : Renderings.TryGetValue(LanguageTag.PrimaryLanguage(targetLanguage), out var primary) ? primary
        : null;

    /// <summary>
    /// Hash of everything about this entry that can change a translation into <paramref name="targetLanguage"/>:
    /// its spellings, case rule and that language's rendering (the note and other languages cannot).
    /// </summary>
    public string ContentHash(string targetLanguage)
    {
        var sb = new StringBuilder();
        foreach (var form in Forms)
        {
            sb.Append(form).Append('\u001f');
        }
        sb.Append(CaseSensitive ? '1' : '0').Append('\u001e').Append(RenderingFor(targetLanguage));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())).AsSpan(0, 8));
    }
}
