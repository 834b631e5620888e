using Translator.Core.Languages;

namespace Translator.Core.Glossary;

/// <summary>
/// The short-form columns of the delimited glossary format: <c>short_forms</c> ('|'-separated second references)
/// and <c>short:&lt;language&gt;</c> (the rendering of a short form in that language, when it is not the full
/// rendering). Kept apart from the reader so the format's core columns stay independent of second references.
/// </summary>
internal static class ShortFormColumns
{
    public const string FormsColumn = "short_forms";
    private const string RenderingPrefix = "short:";
    private const char Separator = '|';

    public static bool IsColumn(string header) =>
        header == FormsColumn || (header.StartsWith(RenderingPrefix, StringComparison.Ordinal) && LanguageTag.IsWellFormed(header[RenderingPrefix.Length..]));

    /// <summary>The columns a set of entries needs: none when no entry has a short form.</summary>
    public static Layout For(IReadOnlyList<GlossaryEntry> entries)
    {
        var present = entries.Any(e => e.ShortForms.Count > 0);
        var languages = entries.SelectMany(e => e.ShortRenderings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new Layout(present, present ? languages : []);
    }

    public sealed class Layout(bool present, string[] languages)
    {
        public IEnumerable<string> Header => present ? [FormsColumn, .. languages.Select(l => RenderingPrefix + l)] : [];

        public IEnumerable<string> Fields(GlossaryEntry entry) => present
            ? [string.Join(Separator, entry.ShortForms), .. languages.Select(l => entry.ShortRenderings.GetValueOrDefault(l, ""))]
            : [];
    }

    /// <summary>Collects one row's short-form fields.</summary>
    public sealed class Reader
    {
        private readonly Dictionary<string, string> _renderings = new(StringComparer.Ordinal);

        public IReadOnlyList<string> Forms { get; private set; } = [];

        public IReadOnlyDictionary<string, string> Renderings => _renderings;

        /// <returns>False when the column is not a short-form column.</returns>
        public bool TryRead(string column, string value)
        {
            if (column == FormsColumn)
            {
                Forms = value.Split(Separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return true;
            }
            if (!IsColumn(column))
            {
                return false;
            }
            if (value.Length > 0)
            {
                _renderings[LanguageTag.Normalize(column[RenderingPrefix.Length..])] = value;
            }
            return true;
        }
    }
}
