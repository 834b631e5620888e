namespace Translator.Core.Corrections;

/// <summary>
/// Editors' corrections, keyed by <see cref="CorrectionKey"/>. Unlike the segment cache nothing here expires or is
/// evicted: a correction is an editor's work and stays until it is replaced.
/// </summary>
public interface ICorrectionStore
{
    /// <summary>The store's name, for telemetry ("memory", "redis").</summary>
    string Name { get; }

    /// <summary>
    /// True only when the store knows, without a round trip, that it holds no correction at all: requests then skip
    /// building keys for a lookup that cannot find anything. A shared store that cannot know cheaply says false.
    /// </summary>
    bool IsKnownEmpty { get; }

    /// <summary>
    /// Looks up every key in one round trip; one entry per key (null when there is no correction). An unreachable
    /// store reads as no corrections, so an outage never fails a translation.
    /// </summary>
    ValueTask<IReadOnlyList<Correction?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>Stores corrections, replacing any under the same key.</summary>
    /// <exception cref="CorrectionStoreUnavailableException">They could not be stored; nothing may be assumed saved.</exception>
    ValueTask SaveManyAsync(IReadOnlyList<KeyValuePair<string, Correction>> corrections, CancellationToken cancellationToken);
}

/// <summary>An editor's translation of one sentence.</summary>
public sealed record Correction(string Text, DateTimeOffset CorrectedAt);

/// <summary>The correction store cannot be written right now; the client should retry.</summary>
public sealed class CorrectionStoreUnavailableException(string store, Exception? inner = null)
    : Exception($"The correction store \"{store}\" is unavailable.", inner);
