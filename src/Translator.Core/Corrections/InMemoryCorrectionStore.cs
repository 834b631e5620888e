using System.Collections.Concurrent;

namespace Translator.Core.Corrections;

/// <summary>
/// Corrections in this process only, for a single replica without Redis: lost on restart. Grows with the
/// corrections made (one entry per corrected sentence and language pair), which editors produce slowly.
/// </summary>
internal sealed class InMemoryCorrectionStore : ICorrectionStore
{
    private readonly ConcurrentDictionary<string, Correction> _corrections = new(StringComparer.Ordinal);
    // Not ConcurrentDictionary.IsEmpty: on an empty dictionary it takes every lock, and every request asks.
    private volatile bool _any;

    public string Name => "memory";

    public bool IsKnownEmpty => !_any;

    public ValueTask<IReadOnlyList<Correction?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var found = new Correction?[keys.Count];
        for (var i = 0; i < found.Length; i++)
        {
            found[i] = _corrections.GetValueOrDefault(keys[i]);
        }
        return ValueTask.FromResult<IReadOnlyList<Correction?>>(found);
    }

    public ValueTask SaveManyAsync(IReadOnlyList<KeyValuePair<string, Correction>> corrections, CancellationToken cancellationToken)
    {
        foreach (var (key, correction) in corrections)
        {
            _corrections[key] = correction;
            _any = true;
        }
        return ValueTask.CompletedTask;
    }
}
