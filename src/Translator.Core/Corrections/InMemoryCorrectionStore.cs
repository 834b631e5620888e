using System.Collections.Concurrent;

namespace Translator.Core.Corrections;

/// <summary>
/// Corrections in this process only, for a single replica without Redis: lost on restart. Grows with the
/// corrections made (one entry per corrected sentence and language pair), which editors produce slowly.
/// </summary>
internal sealed class InMemoryCorrectionStore : ICorrectionStore
{
    private readonly ConcurrentDictionary<string, Correction> _corrections = new(StringComparer.Ordinal);

    public string Name => "memory";

    public ValueTask<IReadOnlyList<Correction?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var found = new Correction?[keys.Count];
        // Nothing to look up until an editor has corrected something: the common case costs one check.
        if (!_corrections.IsEmpty)
        {
            for (var i = 0; i < found.Length; i++)
            {
                found[i] = _corrections.GetValueOrDefault(keys[i]);
            }
        }
        return ValueTask.FromResult<IReadOnlyList<Correction?>>(found);
    }

    public ValueTask SaveManyAsync(IReadOnlyList<KeyValuePair<string, Correction>> corrections, CancellationToken cancellationToken)
    {
        foreach (var (key, correction) in corrections)
        {
            _corrections[key] = correction;
        }
        return ValueTask.CompletedTask;
    }
}
