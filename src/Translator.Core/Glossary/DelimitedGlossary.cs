using CsvHelper;
using Translator.Core.Languages;
using Translator.Core.Text;

namespace Translator.Core.Glossary;

/// <summary>
/// The project's glossary format: one entry per record, a header naming the columns, lines starting with '#'
/// ignored. Columns: <c>term</c> (required), <c>variants</c> (separated by '|'), <c>case_sensitive</c>
/// (true/false), <c>note</c>, and one column per target language named by its BCP-47 tag holding the
/// rendering. Short forms (second references, see <see cref="ShortFormColumns"/>): <c>short_forms</c> (separated by '|')
/// and <c>short:</c> followed by a language tag for a short form's rendering where it differs from the full one.
/// Fields are quoted as in RFC 4180 (with either delimiter), so a quoted field may hold the
/// delimiter, quotes and line breaks: every glossary the validator accepts is written and read back unchanged.
/// </summary>
internal static class DelimitedGlossary
{
    private const string TermColumn = "term";
    private const string VariantsColumn = "variants";
    private const string CaseColumn = "case_sensitive";
    private const string NoteColumn = "note";
    private const char VariantSeparator = '|';
    private const char CommentPrefix = '#';

    /// <remarks>
    /// Linear in the text; stops at the first record past <see cref="GlossaryValidator.MaxEntries"/> and when
    /// <paramref name="cancellationToken"/> fires. Error messages name the line, never its text.
    /// </remarks>
    public static IReadOnlyList<GlossaryEntry> Read(string text, char delimiter, CancellationToken cancellationToken = default)
    {
        var options = new CsvReaderOptions
        {
            Separator = delimiter,
            Mode = CsvMode.Rfc4180,
            HasHeader = false,
            CommentPrefix = CommentPrefix,
            TrimWhitespace = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            TrackLineNumbers = true,
            IncludeValuesInExceptions = false,
        };
        string[]? header = null;
        var entries = new List<GlossaryEntry>();
        var lineNumber = 0L;
        try
        {
            using var csv = CsvReader.FromText(text.StartsWith('\uFEFF') ? text[1..] : text, options);
            while (csv.Read())
            {
                lineNumber = csv.LineNumber;
                if ((entries.Count & 0xFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                var fields = new string[csv.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = csv.GetString(i) ?? "";
                }
                if (header is null)
                {
                    header = ReadHeader(fields, lineNumber);
                    continue;
                }
                if (entries.Count == GlossaryValidator.MaxEntries)
                {
                    throw new GlossaryFormatException($"Line {lineNumber}: more than {GlossaryValidator.MaxEntries} entries.");
                }
                entries.Add(ToEntry(header, fields, lineNumber));
            }
        }
        catch (CsvFormatException ex)
        {
            throw new GlossaryFormatException($"Line {(ex.LineNumber > 0 ? ex.LineNumber : lineNumber + 1)}: malformed quoting.");
        }
        return entries;
    }

    public static string Write(IReadOnlyList<GlossaryEntry> entries, char delimiter)
    {
        var languages = entries.SelectMany(e => e.Renderings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var shortForms = ShortFormColumns.For(entries);
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions
        {
            Separator = delimiter,
            NewLine = "\n",
            // A term starting with '#' is quoted, so it is not read back as a comment.
            CommentPrefix = CommentPrefix,
            Quoting = CsvQuoting.WhenNeededOrWhitespace,
        }, leaveOpen: true))
        {
            csv.WriteRecord([TermColumn, VariantsColumn, CaseColumn, NoteColumn, .. languages, .. shortForms.Header]);
            foreach (var entry in entries)
            {
                csv.WriteRecord(
                [
                    entry.Term,
                    string.Join(VariantSeparator, entry.Variants),
                    entry.CaseSensitive ? "true" : "false",
                    entry.Note ?? "",
                    .. languages.Select(l => entry.Renderings.GetValueOrDefault(l, "")),
                    .. shortForms.Fields(entry),
                ]);
            }
        }
        return text.ToString();
    }

    private static string[] ReadHeader(string[] fields, long lineNumber)
    {
        var header = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        if (!header.Contains(TermColumn))
        {
            throw new GlossaryFormatException($"Line {lineNumber}: the header has no \"{TermColumn}\" column.");
        }
        var unknown = header.FirstOrDefault(h => h is not (TermColumn or VariantsColumn or CaseColumn or NoteColumn) && !LanguageTag.IsWellFormed(h) && !ShortFormColumns.IsColumn(h));
        if (unknown is not null)
        {
            throw new GlossaryFormatException($"Line {lineNumber}: column {QuotedValue.Of(unknown)} is neither a known column nor a language tag.");
        }
        return header;
    }

    private static GlossaryEntry ToEntry(string[] header, string[] fields, long lineNumber)
    {
        if (fields.Length > header.Length)
        {
            throw new GlossaryFormatException($"Line {lineNumber}: {fields.Length} fields but the header names {header.Length} columns.");
        }
        string term = "", variants = "", note = "";
        var caseSensitive = false;
        var renderings = new Dictionary<string, string>(StringComparer.Ordinal);
        var shortForms = new ShortFormColumns.Reader();
        for (var c = 0; c < fields.Length; c++)
        {
            // Terms are trimmed (editors pad columns); a note is free text and kept as written.
            var value = header[c] == NoteColumn ? fields[c] : fields[c].Trim();
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
}
