using System.ComponentModel.DataAnnotations;

namespace Translator.Backfill;

/// <summary>The <c>Backfill</c> configuration section: how workers share a job.</summary>
public sealed class BackfillOptions
{
    public const string SectionName = "Backfill";

    /// <summary>Times an article is tried before it is recorded as failed (bad input fails at once: retrying cannot fix it).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How long an article may sit with a worker before another worker takes it over (XAUTOCLAIM), assuming
    /// the first one died. Longer than any one article takes, so a slow article is not translated twice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan ClaimIdle { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a worker with nothing new to take looks again for articles other workers abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);
}
