namespace Translator.Core.Glossary;

/// <summary>The file formats glossaries are imported from and exported to.</summary>
public enum GlossaryFormat
{
    /// <summary>Tab-separated, the project's own format (see <see cref="DelimitedGlossary"/>).</summary>
    Tsv,

    /// <summary>The same columns, comma-separated with RFC 4180 quoting (a quoted field may hold commas, quotes and line breaks).</summary>
    Csv,

    /// <summary>TermBase eXchange (ISO 30042), the terminology format CAT tools exchange.</summary>
    Tbx,
}

/// <summary>Reads and writes glossary entries in any <see cref="GlossaryFormat"/>.</summary>
public static class GlossaryFiles
{
    /// <exception cref="GlossaryFormatException">The text is not a glossary in that format.</exception>
    /// <param name="sourceLanguage">The glossary's source language (TBX files hold every language side by side).</param>
    /// <param name="cancellationToken">Stops the read (an upload is parsed for as long as the call lasts, no longer).</param>
    public static IReadOnlyList<GlossaryEntry> Read(GlossaryFormat format, string text, string sourceLanguage, CancellationToken cancellationToken = default) => format switch
    {
        GlossaryFormat.Tsv => DelimitedGlossary.Read(text, '\t', cancellationToken),
        GlossaryFormat.Csv => DelimitedGlossary.Read(text, ',', cancellationToken),
        GlossaryFormat.Tbx => TbxGlossary.Read(text, sourceLanguage, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Write(GlossaryFormat format, Glossary glossary) => format switch
    {
        GlossaryFormat.Tsv => DelimitedGlossary.Write(glossary.Entries, '\t'),
        GlossaryFormat.Csv => DelimitedGlossary.Write(glossary.Entries, ','),
        GlossaryFormat.Tbx => TbxGlossary.Write(glossary),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}

/// <summary>A file that could not be parsed; the message names the line or element, never its text.</summary>
public sealed class GlossaryFormatException(string message) : Exception(message);
