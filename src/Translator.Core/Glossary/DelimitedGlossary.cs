using System.Text;
using Translator.Core.Languages;

namespace Translator.Core.Glossary;

/// <summary>
/// The project's glossary format: one entry per line, a header naming the columns, lines starting with '#'
/// ignored. Columns: <c>term</c> (required), <c>variants</c> (separated by '|'), <c>case_sensitive</c>
/// (true/false), <c>note</c>, and one column per target language named by its BCP-47 tag holding the
/// rendering. Short forms (second references, see <see cref="ShortFormColumns"/>): <c>short_forms</c> (separated by '|')
/// and <c>short:</c> followed by a language tag for a short form's rendering where it differs from the full one.
/// Fields may be quoted as in RFC 4180 (needed in CSV when a field holds a comma).
/// </summary>
public static class DelimitedGlossary
{
    private const string TermColumn = "term";
    private const string VariantsColumn = "variants";
    private const string CaseColumn = "case_sensitive";
    private const string NoteColumn = "note";
    private const char VariantSeparator = '|';

    public static IReadOnlyList<GlossaryEntry> Read(string text, char delimiter)
    {
        string[]? header = null;
        var entries = new List<GlossaryEntry>();
        var lineNumber = 0;
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var fields = SplitFields(line, delimiter, lineNumber);
            if (header is null)
            {
                header = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
                if (!header.Contains(TermColumn))
                {
                    throw new GlossaryFormatException($"Line {lineNumber}: the header has no \"{TermColumn}\" column.");
                }
                var unknown = header.FirstOrDefault(h => h is not (TermColumn or VariantsColumn or CaseColumn or NoteColumn) && !LanguageTag.IsWellFormed(h) && !ShortFormColumns.IsColumn(h));
                if (unknown is not null)
                {
                    throw new GlossaryFormatException($"Line {lineNumber}: column \"{unknown}\" is neither a known column nor a language tag.");
                }
                continue;
            }
            entries.Add(ToEntry(header, fields, lineNumber));
        }
        return entries;
    }

    public static string Write(IReadOnlyList<GlossaryEntry> entries, char delimiter)
    {
        var languages = entries.SelectMany(e => e.Renderings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder();
        var shortForms = ShortFormColumns.For(entries);
        AppendRow(sb, delimiter, [TermColumn, VariantsColumn, CaseColumn, NoteColumn, .. languages, .. shortForms.Header]);
        foreach (var entry in entries)
        {
            AppendRow(sb, delimiter,
            [
                entry.Term,
                string.Join(VariantSeparator, entry.Variants),
                entry.CaseSensitive ? "true" : "false",
                entry.Note ?? "",
                .. languages.Select(l => entry.Renderings.GetValueOrDefault(l, "")),
                .. shortForms.Fields(entry),
            ]);
        }
        return sb.ToString();
    }

    private static GlossaryEntry ToEntry(string[] header, List<string> fields, int lineNumber)
    {
        if (fields.Count > header.Length)
        {
            throw new GlossaryFormatException($"Line {lineNumber}: {fields.Count} fields but the header names {header.Length} columns.");
        }
        string term = "", variants = "", note = "";
        var caseSensitive = false;
        var renderings = new Dictionary<string, string>(StringComparer.Ordinal);
        var shortForms = new ShortFormColumns.Reader();
        for (var c = 0; c < fields.Count; c++)
        {
            var value = fields[c].Trim();
            switch (header[c])
            {
                case TermColumn: term = value; break;
                case VariantsColumn: variants = value; break;
                case NoteColumn: note = value; break;
                case CaseColumn:
                    caseSensitive = value.Length > 0 && (bool.TryParse(value, out var parsed)
                        ? parsed
                        : throw new GlossaryFormatException($"Line {lineNumber}: {CaseColumn} must be true or false."));
                    break;
                case var column when shortForms.TryRead(column, value):
                    break;
                default:
                    if (value.Length > 0)
                    {
                        renderings[LanguageTag.Normalize(header[c])] = value;
                    }
                    break;
            }
        }
        return new GlossaryEntry(term,
            variants.Split(VariantSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            renderings, note.Length == 0 ? null : note, caseSensitive, shortForms.Forms, shortForms.Renderings);
    }

    private static List<string> SplitFields(string line, char delimiter, int lineNumber)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            var field = new StringBuilder();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new GlossaryFormatException($"Line {lineNumber}: unterminated quoted field.");
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
            }
            while (i < line.Length && line[i] != delimiter)
            {
                field.Append(line[i++]);
            }
            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }
            i++;
        }
    }

    private static void AppendRow(StringBuilder sb, char delimiter, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                sb.Append(delimiter);
            }
            first = false;
            var needsQuotes = field.Contains(delimiter) || field.Contains('"') || field.StartsWith(' ') || field.EndsWith(' ');
            sb.Append(needsQuotes ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field);
        }
        sb.Append('\n');
    }
}
