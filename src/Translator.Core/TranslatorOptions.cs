using System.ComponentModel.DataAnnotations;

namespace Translator.Core;

/// <summary>The <c>Translation</c> configuration section.</summary>
public sealed class TranslatorOptions
{
    public const string SectionName = "Translation";

    /// <summary>
    /// Provider name, or an ordered fallback list ("DeepL,Pseudo"). Names are validated at start-up
    /// against the registered providers.
    /// </summary>
    [Required]
    public string Provider { get; set; } = "Pseudo";

    /// <summary>
    /// Largest article accepted, in characters (title and body): the text as sent when it is not cleaned, what
    /// the cleaner extracts when it is.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxArticleCharacters { get; set; } = 200_000;

    /// <summary>
    /// Largest page accepted for cleaning (HTML, or text with <c>clean</c> set), in UTF-8 bytes: real news pages
    /// weigh 200 KB to 1.5 MB. The server's gRPC receive limit is raised to fit it.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxPageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Most target languages in one request.</summary>
    [Range(1, 64)]
    public int MaxTargetLanguages { get; set; } = 10;

    /// <summary>Most paragraphs in one article.</summary>
    [Range(1, 100_000)]
    public int MaxParagraphs { get; set; } = 5_000;

    /// <summary>Most sentence segments in one article.</summary>
    [Range(1, 1_000_000)]
    public int MaxSegments { get; set; } = 20_000;

    /// <summary>Provider calls in flight at once for one target language of one request.</summary>
    [Range(1, 64)]
    public int MaxConcurrentBatches { get; set; } = 4;

    /// <summary>Longest a streaming call may run before the server ends it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Entries the in-memory cache holds before evicting the least recently used.</summary>
    [Range(1, 100_000_000)]
    public int InMemoryCacheEntries { get; set; } = 200_000;

    /// <summary>How long a cached segment translation lives.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The provider names in order of preference.</summary>
    public IReadOnlyList<string> ProviderNames =>
        Provider.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
