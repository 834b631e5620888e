namespace Translator.Core.Caching;

/// <summary>
/// Single flight across processes: when several processes (backfill workers) miss the same segment at once, the one
/// holding its claim translates it and the others wait for it to reach the shared cache, so it is paid for once.
/// <see cref="SingleFlight"/> does the same within one process. A claim lapses after a while, so a process that
/// dies holding one delays the others but never stops them.
/// </summary>
public interface ISegmentClaims
{
    /// <summary>Claims the segments under these cache keys; one entry per key, true when the caller now holds it.</summary>
    /// <remarks>A store that cannot be reached grants every claim: translating twice is better than never.</remarks>
    ValueTask<bool[]> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Gives up the caller's claims (translated, or failed), so waiting processes need not wait for them to lapse.</summary>
    ValueTask ReleaseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);
}

/// <summary>No coordination beyond the process: every claim is granted. What a server replica uses.</summary>
internal sealed class ProcessSegmentClaims : ISegmentClaims
{
    public ValueTask<bool[]> ClaimAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var granted = new bool[keys.Count];
        Array.Fill(granted, true);
        return ValueTask.FromResult(granted);
    }

    public ValueTask ReleaseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
