using System.Security.Cryptography;
using System.Text;

namespace Translator.Core.Glossary;

/// <summary>
/// A named glossary over the default one: the named glossary's entries, then every default entry none of them
/// conflicts with (shares a full spelling or the term). Short forms are not conflicts: entries that share one are
/// candidates the story chooses between.
/// </summary>
internal static class LayeredGlossary
{
    /// <summary>The layered glossary, or <paramref name="named"/> alone when the two are in different source languages.</summary>
    /// <remarks>
    /// Its id is "&lt;named&gt;+default" (no stored id contains '+') and its version changes with either layer's, so
    /// compiled matchers, cache keys and providers' native glossaries follow an edit to either.
    /// </remarks>
    public static Glossary Compose(Glossary named, Glossary @default)
    {
        if (Languages.LanguageTag.PrimaryLanguage(named.SourceLanguage) != Languages.LanguageTag.PrimaryLanguage(@default.SourceLanguage))
        {
            return named;
        }
        var claimed = named.Entries.SelectMany(e => e.Forms).Select(Key).ToHashSet(StringComparer.Ordinal);
        var kept = @default.Entries.Where(e => !e.Forms.Any(f => claimed.Contains(Key(f))));
        return new Glossary($"{named.Id}+{@default.Id}", named.Name, named.SourceLanguage, Version(named.Version, @default.Version),
            [.. named.Entries, .. kept]);
    }

    private static string Key(string form) => string.Concat(GlossaryMatcher.NormalizeSeparators(form).Select(GlossaryMatcher.Fold));

    private static long Version(long named, long @default) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{named}:{@default}")).AsSpan(0, 8)) & long.MaxValue;
}
