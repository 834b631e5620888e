using System.Collections.Concurrent;

namespace Translator.Core.Caching;

/// <summary>
/// Values worked out from strings, remembered so that the hot path finds them again, up to a count after which all
/// are forgotten at once (a stream of distinct keys, crafted or not, must not grow a replica without bound). Looked
/// up by span, so a caller can build its key on the stack. Counted with <see cref="Interlocked"/>, not
/// <see cref="ConcurrentDictionary{TKey,TValue}.Count"/>, which takes every lock of the dictionary.
/// </summary>
internal sealed class BoundedMemo
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _capacity;
    private int _count;

    public BoundedMemo(int capacity)
    {
        _capacity = capacity;
        _bySpan = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool TryGet(ReadOnlySpan<char> key, out string value) => _bySpan.TryGetValue(key, out value!);

    public void Add(string key, string value)
    {
        if (_values.TryAdd(key, value) && Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Exchange(ref _count, 0);
            _values.Clear();
        }
    }
}
