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

    /// <summary>
    /// The tenant that created it, which alone sees and edits it; null for a glossary made without a tenant (no
    /// authentication, the admin key), which tenants do not see, except the default one, which all read.
    /// </summary>
    public string? Owner { get; init; }
}

/// <summary>One term: its canonical spelling, the spellings seen in copy, and one rendering per target language.</summary>
/// <param name="Term">Canonical source spelling; also the entry's key within its glossary.</param>
/// <param name="Variants">Other source spellings. Hyphen/space differences and possessives match without listing them.</param>
/// <param name="Renderings">Target language (BCP-47) to rendering.</param>
/// <param name="Note">Free text for editors; never used in matching.</param>
/// <param name="CaseSensitive">Whether the source spellings match only in the case given.</param>
/// <param name="ShortForms">
/// Second references ("Kim", "Putin"): spellings that stand for this entry only in a story that also names it in
/// full (see <see cref="SecondReferenceResolver"/>). Several entries may share one.
/// </param>
/// <param name="ShortRenderings">Target language to the rendering of a short form; a language without one uses the full rendering.</param>
public sealed record GlossaryEntry(
    string Term,
    IReadOnlyList<string> Variants,
    IReadOnlyDictionary<string, string> Renderings,
    string? Note = null,
    bool CaseSensitive = false,
    IReadOnlyList<string>? ShortForms = null,
    IReadOnlyDictionary<string, string>? ShortRenderings = null)
{
    public IReadOnlyList<string> ShortForms { get; init; } = ShortForms ?? [];

    public IReadOnlyDictionary<string, string> ShortRenderings { get; init; } = ShortRenderings ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The full spellings: the term and its variants (never the short forms).</summary>
    public IEnumerable<string> Forms => Variants.Prepend(Term);

    /// <summary>The rendering for a target language, falling back from "pt-BR" to "pt".</summary>
    public string? RenderingFor(string targetLanguage) =>
        Renderings.TryGetValue(targetLanguage, out var exact) ? exact
        : Renderings.TryGetValue(LanguageTag.PrimaryLanguage(targetLanguage), out var primary) ? primary
        : null;

    /// <summary>What a resolved short form becomes: its own rendering, else the full one.</summary>
    public string? ShortRenderingFor(string targetLanguage) =>
        ShortRenderings.TryGetValue(targetLanguage, out var exact) ? exact
        : ShortRenderings.TryGetValue(LanguageTag.PrimaryLanguage(targetLanguage), out var primary) ? primary
        : RenderingFor(targetLanguage);

    /// <summary>
    /// Hash of everything about this entry that can change a translation into <paramref name="targetLanguage"/>:
    /// its spellings, case rule and that language's renderings (the note and other languages cannot).
    /// </summary>
    public string ContentHash(string targetLanguage)
    {
        var sb = new StringBuilder();
        foreach (var form in Forms)
        {
            sb.Append(form).Append('\u001f');
        }
        sb.Append(CaseSensitive ? '1' : '0').Append('\u001e').Append(RenderingFor(targetLanguage));
        if (ShortForms.Count > 0)
        {
            sb.Append('\u001e').AppendJoin('\u001f', ShortForms).Append('\u001e').Append(ShortRenderingFor(targetLanguage));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())).AsSpan(0, 8));
    }
}
