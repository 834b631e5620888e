using System.ComponentModel.DataAnnotations;

namespace Translator.Providers.DeepL;

/// <summary>The <c>DeepL</c> configuration section (plus <c>DEEPL_AUTH_KEY</c> / <c>DEEPL_SERVER_URL</c>).</summary>
public sealed class DeepLOptions
{
    public const string SectionName = "DeepL";
    public const string AuthKeyVariable = "DEEPL_AUTH_KEY";
    public const string ServerUrlVariable = "DEEPL_SERVER_URL";
    public const string ProUrl = "https://api.deepl.com";
    public const string FreeUrl = "https://api-free.deepl.com";

    /// <summary>The API key. Required when <c>Translation:Provider</c> names DeepL; never logged.</summary>
    public string? AuthKey { get; set; }

    /// <summary>The API's base address; unset means Free for keys ending in <c>:fx</c>, Pro otherwise.</summary>
    [Url]
    public string? ServerUrl { get; set; }

    /// <summary>DeepL target for a plain <c>en</c> (EN-US or EN-GB); <c>en-GB</c>/<c>en-US</c> choose for themselves.</summary>
    [RegularExpression("^(EN-US|EN-GB)$")]
    public string EnglishVariant { get; set; } = "EN-US";

    /// <summary>DeepL target for a plain <c>pt</c> (PT-BR or PT-PT).</summary>
    [RegularExpression("^(PT-BR|PT-PT)$")]
    public string PortugueseVariant { get; set; } = "PT-BR";

    /// <summary>Send the paragraph around a segment as <c>context</c> (not billed; better pronouns and names).</summary>
    public bool SendContext { get; set; } = true;

    /// <summary>
    /// DeepL's <c>split_sentences</c>. Segments arrive already split, so DeepL should not split them again
    /// at newlines; <c>nonewlines</c> still copes with a boundary our segmenter missed.
    /// </summary>
    [RegularExpression("^(0|1|nonewlines)$")]
    public string SplitSentences { get; set; } = "nonewlines";

    /// <summary>DeepL's <c>preserve_formatting</c>: keep the segment's punctuation and casing as given.</summary>
    public bool PreserveFormatting { get; set; } = true;

    /// <summary>Texts per <c>/v2/translate</c> call; DeepL accepts at most 50.</summary>
    [Range(1, 50)]
    public int MaxTextsPerRequest { get; set; } = 50;

    /// <summary>Request body bytes per call; DeepL accepts at most 128 KiB.</summary>
    [Range(1024, 128 * 1024)]
    public int MaxRequestBytes { get; set; } = 128 * 1024;

    /// <summary>Keep DeepL-side glossaries in step with ours and pass <c>glossary_id</c>.</summary>
    public bool UseGlossaries { get; set; } = true;

    /// <summary>How often <c>/v2/usage</c> is read for the usage gauges and log line; zero turns it off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan UsagePollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The address requests go to.</summary>
    public Uri BaseAddress => new(
        !string.IsNullOrWhiteSpace(ServerUrl) ? ServerUrl
        : AuthKey?.EndsWith(":fx", StringComparison.Ordinal) == true ? FreeUrl
        : ProUrl);
}
