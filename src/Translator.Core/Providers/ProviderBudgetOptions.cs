using System.ComponentModel.DataAnnotations;

namespace Translator.Core.Providers;

/// <summary>
/// The <c>ProviderBudget</c> configuration section: the provider account's limits, shared by every server
/// replica and backfill worker. 0 means unlimited.
/// </summary>
public sealed class ProviderBudgetOptions
{
    public const string SectionName = "ProviderBudget";

    [Range(0, 1_000_000)]
    public double RequestsPerSecond { get; set; }

    [Range(0, 1_000_000_000)]
    public double CharactersPerSecond { get; set; }

    /// <summary>Seconds of budget one burst (and so one provider request) may use.</summary>
    [Range(0.1, 60)]
    public double BurstSeconds { get; set; } = 2;

    /// <summary>Share of the burst that background work (backfill) leaves for interactive requests.</summary>
    [Range(0, 0.9)]
    public double InteractiveReserve { get; set; } = 0.25;

    /// <summary>
    /// Whether this process's requests are background work (backfill), which leaves
    /// <see cref="InteractiveReserve"/> of the burst to interactive requests. Set by the host, not configured.
    /// </summary>
    public bool Background { get; set; }

    /// <summary>Seconds translating <paramref name="characters"/> takes at the budget; 0 when characters are unlimited.</summary>
    public double SecondsFor(long characters) => CharactersPerSecond > 0 ? characters / CharactersPerSecond : 0;
}
