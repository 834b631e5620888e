using Translator.Core.Languages;
using Translator.Core.Text;

namespace Translator.Core.Glossary;

/// <summary>A glossary that cannot be accepted, with every problem found.</summary>
public sealed class GlossaryValidationException(IReadOnlyList<GlossaryProblem> problems)
    : Exception(problems.Count == 1 ? problems[0].Description : $"{problems.Count} glossary problems.")
{
    public IReadOnlyList<GlossaryProblem> Problems { get; } = problems;
}

/// <summary>One problem: where (<c>entries[3].variants[1]</c>, <c>id</c>) and what.</summary>
public readonly record struct GlossaryProblem(string Field, string Description);

/// <summary>
/// Checks a glossary before it is stored: well-formed ids and languages, sizes within bounds, and no two
/// entries claiming the same spelling with different renderings (which would make the output depend on entry order).
/// </summary>
public static class GlossaryValidator
{
    public const int MaxEntries = 10_000;
    public const int MaxTermLength = 200;
    public const int MaxIdLength = 128;

    /// <summary>The id rule as a client reads it, wherever an id is checked.</summary>
    public static string IdRule { get; } = $"Must be 1 to {MaxIdLength} characters of letters, digits, '-', '_' or '.'.";

    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <exception cref="GlossaryValidationException">Listing every problem.</exception>
    public static void Validate(Glossary glossary)
    {
        var problems = new List<GlossaryProblem>();
        if (!IsValidId(glossary.Id))
        {
            problems.Add(new("id", IdRule));
        }
        if (!LanguageTag.IsWellFormed(glossary.SourceLanguage))
        {
            problems.Add(new("source_language", "Must be a BCP-47 language tag such as \"en\"."));
        }
        if (glossary.Entries.Count > MaxEntries)
        {
            problems.Add(new("entries", $"{glossary.Entries.Count} entries; at most {MaxEntries} are accepted."));
            throw new GlossaryValidationException(problems);
        }
        for (var e = 0; e < glossary.Entries.Count; e++)
        {
            ValidateEntry(glossary.Entries[e], $"entries[{e}]", glossary.SourceLanguage, problems);
        }
        problems.AddRange(Conflicts(glossary.Entries));
        if (problems.Count > 0)
        {
            throw new GlossaryValidationException(problems);
        }
    }

    private static void ValidateEntry(GlossaryEntry entry, string field, string sourceLanguage, List<GlossaryProblem> problems)
    {
        var forms = entry.Forms.ToArray();
        for (var f = 0; f < forms.Length; f++)
        {
            // Variants share a field with '|' between them in the delimited formats.
            ValidateSpelling(forms[f], f == 0 ? $"{field}.term" : $"{field}.variants[{f - 1}]", listed: f > 0, problems);
        }
        if (entry.Note is { } note && !IsNote(note))
        {
            problems.Add(new($"{field}.note", "Must not contain control characters other than tabs and line breaks."));
        }
        ValidateShortForms(entry, field, sourceLanguage, problems);
        if (entry.Renderings.Count == 0)
        {
            problems.Add(new($"{field}.renderings", "At least one target-language rendering is required."));
        }
        ValidateRenderings(entry.Renderings, $"{field}.renderings", sourceLanguage, problems);
    }

    /// <summary>Short forms are spelled like terms; a short form that is also one of the entry's full spellings could never apply.</summary>
    private static void ValidateShortForms(GlossaryEntry entry, string field, string sourceLanguage, List<GlossaryProblem> problems)
    {
        var full = entry.Forms.Select(FoldedKey).ToHashSet(StringComparer.Ordinal);
        for (var s = 0; s < entry.ShortForms.Count; s++)
        {
            var name = $"{field}.short_forms[{s}]";
            var form = entry.ShortForms[s];
            // Short forms share a field with '|' between them, as variants do.
            if (ValidateSpelling(form, name, listed: true, problems) && full.Contains(FoldedKey(form)))
            {
                problems.Add(new(name, $"{QuotedValue.Of(form)} is already a full spelling of the entry."));
            }
        }
        if (entry.ShortRenderings.Count > 0 && entry.ShortForms.Count == 0)
        {
            problems.Add(new($"{field}.short_form_renderings", "Short-form renderings need at least one short form."));
        }
        ValidateRenderings(entry.ShortRenderings, $"{field}.short_form_renderings", sourceLanguage, problems);
    }

    /// <param name="listed">The spelling is one of a '|'-separated list (a variant or a short form), so it cannot hold '|'.</param>
    /// <returns>Whether the spelling is acceptable.</returns>
    private static bool ValidateSpelling(string form, string field, bool listed, List<GlossaryProblem> problems)
    {
        var normalized = GlossaryMatcher.NormalizeSeparators(form);
        if (normalized.Length == 0 || !normalized.Any(char.IsLetterOrDigit))
        {
            problems.Add(new(field, "Must contain a letter or digit."));
            return false;
        }
        if (form.Length > MaxTermLength)
        {
            problems.Add(new(field, $"At most {MaxTermLength} characters."));
            return false;
        }
        if (!IsTerm(form) || (listed && form.Contains(VariantSeparator, StringComparison.Ordinal)))
        {
            problems.Add(new(field, TermRule));
            return false;
        }
        return true;
    }

    private static void ValidateRenderings(IReadOnlyDictionary<string, string> renderings, string field, string sourceLanguage, List<GlossaryProblem> problems)
    {
        foreach (var (language, rendering) in renderings)
        {
            if (!LanguageTag.IsWellFormed(language))
            {
                problems.Add(new(field, $"{QuotedValue.Of(language)} is not a BCP-47 language tag."));
            }
            else if (LanguageTag.IsWellFormed(sourceLanguage) && LanguageTag.PrimaryLanguage(language) == LanguageTag.PrimaryLanguage(sourceLanguage))
            {
                problems.Add(new($"{field}[{language}]", "A rendering into the glossary's source language is a variant, not a rendering."));
            }
            else if (string.IsNullOrWhiteSpace(rendering) || rendering.Length > MaxTermLength)
            {
                problems.Add(new($"{field}[{language}]", $"Must be 1 to {MaxTermLength} characters."));
            }
            else if (!IsTerm(rendering))
            {
                problems.Add(new($"{field}[{language}]", TermRule));
            }
        }
    }

    private const string VariantSeparator = "|";
    private const string TermRule = "Must not start or end with whitespace, contain control characters, or (in a variant) '|'.";

    /// <summary>
    /// What every file format can carry unchanged: no surrounding whitespace (readers trim), no control characters
    /// (XML cannot hold most of them; a term has no use for them).
    /// </summary>
    private static bool IsTerm(string value) =>
        value.Length > 0 && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1]) && !value.Any(char.IsControl) && IsXmlText(value);

    private static bool IsNote(string value) => value.All(c => !char.IsControl(c) || c is '\t' or '\n' or '\r') && IsXmlText(value);

    /// <summary>Characters XML 1.0 can carry (no lone surrogates, no U+FFFE/U+FFFF).</summary>
    private static bool IsXmlText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (System.Xml.XmlConvert.IsXmlChar(value[i]))
            {
                continue;
            }
            if (i + 1 < value.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                i++;
                continue;
            }
            return false;
        }
        return true;
    }

    private static string FoldedKey(string form) => string.Concat(GlossaryMatcher.NormalizeSeparators(form).Select(GlossaryMatcher.Fold));

    /// <summary>Two entries conflict when a spelling of one can match where a spelling of the other does and a rendering differs.</summary>
    private static IEnumerable<GlossaryProblem> Conflicts(IReadOnlyList<GlossaryEntry> entries)
    {
        var claimed = new Dictionary<string, List<(int Entry, string Form)>>(StringComparer.Ordinal);
        for (var e = 0; e < entries.Count; e++)
        {
            foreach (var form in entries[e].Forms.Select(GlossaryMatcher.NormalizeSeparators).Distinct(StringComparer.Ordinal))
            {
                var key = FoldedKey(form);
                if (!claimed.TryGetValue(key, out var owners))
                {
                    claimed[key] = owners = [];
                }
                foreach (var (other, otherForm) in owners)
                {
                    var overlap = !entries[e].CaseSensitive || !entries[other].CaseSensitive || form == otherForm;
                    if (other != e && overlap && !SameRenderings(entries[e], entries[other]))
                    {
                        yield return new($"entries[{e}]",
                            $"{QuotedValue.Of(form)} is also a spelling of entry {other} ({QuotedValue.Of(entries[other].Term)}) with different renderings.");
                    }
                }
                owners.Add((e, form));
            }
        }
    }

    private static bool SameRenderings(GlossaryEntry a, GlossaryEntry b) =>
        a.Renderings.Count == b.Renderings.Count
        && a.Renderings.All(r => b.Renderings.TryGetValue(r.Key, out var other) && other == r.Value);
}
