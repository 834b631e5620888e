using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Translator.Core.Glossary;
using Translator.Core.Providers;

namespace Translator.Core.Caching;

/// <summary>
/// The cache key of one segment translation:
/// <c>tr:v1:{provider}:{version}:{source}:{target}:{options}:{glossary}:{sha256(normalised text)}</c>.
/// Everything that can change the output is in the key; the text is hashed so keys stay short and no
/// customer text is stored in key names.
/// </summary>
public static class SegmentCacheKey
{
    /// <summary>Bumped whenever the key layout or the normalisation changes.</summary>
    public const string Prefix = "tr:v1";

    /// <param name="glossaryFingerprint">
    /// Fingerprint of the glossary entries that matched in this segment ("-" when none did), so editing one
    /// entry misses only for the segments that contain it.
    /// </param>
    public static string Create(
        ITranslationProvider provider,
        string sourceLanguage,
        string targetLanguage,
        Formality formality,
        string glossaryFingerprint,
        string segmentText) =>
        Create(LanguagePrefix(provider, sourceLanguage, targetLanguage, formality), glossaryFingerprint, TextHash(segmentText));

    /// <summary>The part of every key of one provider, language pair and options: computed once per target language.</summary>
    /// <param name="cacheNamespace">
    /// A tenant that does not share the cache (<c>share_cache = false</c>): its keys get a part of their own after the
    /// prefix, so it neither reads what others translated nor leaves what it translated for others. Null: the shared cache.
    /// </param>
    public static string LanguagePrefix(ITranslationProvider provider, string sourceLanguage, string targetLanguage, Formality formality, string? cacheNamespace = null) =>
        cacheNamespace is null
            ? string.Join(':', Prefix, provider.Name, provider.Version, sourceLanguage, targetLanguage, OptionsFingerprint(formality), "")
            : string.Join(':', Prefix, "tenant." + cacheNamespace, provider.Name, provider.Version, sourceLanguage, targetLanguage, OptionsFingerprint(formality), "");

    /// <param name="languagePrefix">From <see cref="LanguagePrefix"/>.</param>
    /// <param name="textHash">From <see cref="TextHash"/>.</param>
    public static string Create(string languagePrefix, string glossaryFingerprint, string textHash) =>
        string.Concat(languagePrefix, glossaryFingerprint, ":", textHash);

    /// <summary>The key of every distinct segment of an article in one target language, by distinct-text index.</summary>
    internal static string[] ForArticle(string languagePrefix, TargetGlossary glossary, IReadOnlyList<string> textHashes)
    {
        var keys = new string[textHashes.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Create(languagePrefix, glossary.Fingerprint(i), textHashes[i]);
        }
        return keys;
    }

    /// <summary>The key's last part: SHA-256 of the normalised text. The same for every target language, so computed once per article.</summary>
    public static string TextHash(string segmentText)
    {
        // Syndicated copy repeats the same sentences across requests: most lookups find their hash here.
        if (RecentHashes.TryGet(segmentText, out var known))
        {
            return known;
        }
        var hash = ComputeTextHash(segmentText);
        if (segmentText.Length <= MaxRecentLength)
        {
            RecentHashes.Add(segmentText, hash);
        }
        return hash;
    }

    // At most about 8,192 sentences of up to 1,000 characters (16 MB); a longer text's hash costs little next to its length.
    private const int MaxRecentLength = 1000;
    private static readonly BoundedMemo RecentHashes = new(8192);

    private static string ComputeTextHash(string segmentText)
    {
        var nfc = segmentText.Normalize(NormalizationForm.FormC);
        var chars = ArrayPool<char>.Shared.Rent(nfc.Length);
        try
        {
            return Hash(chars.AsSpan(0, Normalize(nfc, chars)));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The options part of the key; shared with the correction key.</summary>
    internal static string OptionsFingerprint(Formality formality) => formality switch
    {
        Formality.Default => "f0",
        Formality.More => "f+",
        Formality.Less => "f-",
        _ => throw new ArgumentOutOfRangeException(nameof(formality)),
    };

    /// <summary>
    /// Normalises only what cannot change meaning: Unicode NFC, runs of whitespace, and typographic
    /// versus straight quotes and apostrophes (outlets differ in which they print).
    /// </summary>
    /// <remarks>Writes the normalised form of NFC text into <paramref name="destination"/> (never longer than the text).</remarks>
    /// <returns>The characters written.</returns>
    private static int Normalize(string nfc, Span<char> destination)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in nfc)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }
            if (pendingSpace)
            {
                destination[length++] = ' ';
                pendingSpace = false;
            }
            destination[length++] = c switch
            {
                '‘' or '’' or '‚' or '‛' or '′' => '\'',
                '“' or '”' or '„' or '‟' or '″' => '"',
                _ => c,
            };
        }
        return length;
    }

    private static string Hash(ReadOnlySpan<char> text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
