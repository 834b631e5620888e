using System.Security.Cryptography;
using System.Text;
using Translator.Core.Caching;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Providers;

namespace Translator.Core.Corrections;

/// <summary>
/// The key of one correction: <c>tr:correction:v1:{source}:{target}:{options}:{terms}:{sha256(normalised text)}</c>.
/// Like <see cref="SegmentCacheKey"/> without the provider (a correction is right whoever translated the sentence)
/// and with the glossary part naming which terms matched rather than their renderings: editing a rendering keeps
/// the correction, which is then reported as a violation until an editor updates it. A tenant's corrections get one
/// more part after the prefix (<c>tenant.{id}</c>): one newsroom's editors never change another's copy.
/// </summary>
public static class CorrectionKey
{
    /// <summary>Bumped whenever the key layout or the normalisation changes.</summary>
    public const string Prefix = "tr:correction:v1";

    /// <summary>The part of every key of one language pair and options.</summary>
    /// <param name="tenantId">The tenant whose editors' corrections these are; null without a tenant.</param>
    public static string LanguagePrefix(string sourceLanguage, string targetLanguage, Formality formality, string? tenantId = null) =>
        tenantId is null
            ? string.Join(':', Prefix, sourceLanguage, targetLanguage, SegmentCacheKey.OptionsFingerprint(formality), "")
            : string.Join(':', Prefix, "tenant." + tenantId, sourceLanguage, targetLanguage, SegmentCacheKey.OptionsFingerprint(formality), "");

    /// <param name="termsFingerprint">From <see cref="Terms"/>.</param>
    /// <param name="textHash">From <see cref="SegmentCacheKey.TextHash"/>.</param>
    public static string Create(string languagePrefix, string termsFingerprint, string textHash) =>
        string.Concat(languagePrefix, termsFingerprint, ":", textHash);

    /// <summary>
    /// The glossary terms that matched in a sentence, by their canonical source term; "-" when none did. A short form
    /// counts as the entry the story resolved it to; one left unresolved (entry -1) is the provider's and not a term.
    /// </summary>
    public static string Terms(GlossaryMatcher? matcher, IReadOnlyList<GlossaryMatch> matches)
    {
        if (matcher is null)
        {
            return ProtectedSegment.NoMatch;
        }
        var resolved = 0;
        foreach (var match in matches)
        {
            resolved += match.Entry >= 0 ? 1 : 0;
        }
        if (resolved == 0)
        {
            return ProtectedSegment.NoMatch;
        }
        Span<int> entries = resolved <= 16 ? stackalloc int[resolved] : new int[resolved];
        var k = 0;
        foreach (var match in matches)
        {
            if (match.Entry >= 0)
            {
                entries[k++] = match.Entry;
            }
        }
        return matcher.Derive("#terms", entries, (matcher, matches), static s =>
        {
            var all = s.matcher.Glossary.Entries;
            var terms = s.matches.Where(m => m.Entry >= 0).Select(m => all[m.Entry].Term.ToLowerInvariant())
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', terms)));
            return "t." + Convert.ToHexStringLower(hash.AsSpan(0, 8));
        });
    }

    /// <summary>The key of every distinct segment of an article in one target language.</summary>
    internal static string[] ForArticle(PreparedArticle article, TranslationJob job, string targetLanguage, string? tenantId)
    {
        var prefix = LanguagePrefix(job.SourceLanguage, targetLanguage, job.Formality, tenantId);
        var keys = new string[article.Texts.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Create(prefix, article.CorrectionTerms[i], article.Hashes[i]);
        }
        return keys;
    }
}
