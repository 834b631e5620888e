using System.ComponentModel.DataAnnotations;

namespace Translator.Providers.LibreTranslate;

/// <summary>The <c>LibreTranslate</c> configuration section.</summary>
public sealed class LibreTranslateOptions
{
    public const string SectionName = "LibreTranslate";

    /// <summary>The server's base address. Required when <c>Translation:Provider</c> names LibreTranslate.</summary>
    [Url]
    public string? ServerUrl { get; set; }

    /// <summary>Sent as <c>api_key</c> when set (servers started with <c>--api-keys</c> require one); never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Texts per <c>/translate</c> call (the server's <c>--batch-limit</c>).</summary>
    [Range(1, 1000)]
    public int MaxTextsPerRequest { get; set; } = 25;

    /// <summary>UTF-8 bytes of text per call (keep under the server's <c>--char-limit</c>).</summary>
    [Range(256, 1024 * 1024)]
    public int MaxBytesPerRequest { get; set; } = 16 * 1024;

    /// <summary>
    /// Comma-separated language codes the server has models for (its <c>/languages</c>); pairs outside are
    /// rejected up front. A string, not a list, so configuration replaces the default instead of adding to it.
    /// </summary>
    [Required]
    public string Languages { get; set; } = "en,ar,de,es,fr,it,ja,ko,pt,ru,zh,uk,pl,nl,tr";

    public IReadOnlyList<string> LanguageCodes =>
        Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
