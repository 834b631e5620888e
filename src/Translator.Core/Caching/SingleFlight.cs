using System.Collections.Concurrent;

namespace Translator.Core.Caching;

/// <summary>
/// In-process single flight for segment translations, keyed by cache key: when concurrent requests miss
/// the same segment, the first leads (sends it to the provider) and the rest wait for its result, so the
/// segment is paid for once. Works the same whichever cache is behind it.
/// </summary>
internal sealed class SingleFlight
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CachedTranslation?>> _flights = new(StringComparer.Ordinal);

    /// <summary>Claims the missed segments: those nobody is translating are led by the caller, the others followed.</summary>
    /// <param name="keys">Cache keys of every segment of the request.</param>
    /// <param name="misses">Indexes into <paramref name="keys"/> that the cache did not have.</param>
    public Flights Join(IReadOnlyList<string> keys, IEnumerable<int> misses)
    {
        // One slot per segment, claimed with an atomic exchange: batches of one request complete concurrently.
        var led = new TaskCompletionSource<CachedTranslation?>?[keys.Count];
        var ledIndexes = new List<int>();
        var followed = new List<(int, Task<CachedTranslation?>)>();
        foreach (var i in misses)
        {
            var mine = new TaskCompletionSource<CachedTranslation?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var flight = _flights.GetOrAdd(keys[i], mine);
            if (flight == mine)
            {
                led[i] = mine;
                ledIndexes.Add(i);
            }
            else
            {
                followed.Add((i, flight.Task));
            }
        }
        ledIndexes.Sort();
        return new Flights(this, keys, led, ledIndexes, followed);
    }

    /// <summary>One request's share of the flights; disposing it releases what it led but did not complete. Thread-safe.</summary>
    internal sealed class Flights(
        SingleFlight owner,
        IReadOnlyList<string> keys,
        TaskCompletionSource<CachedTranslation?>?[] led,
        IReadOnlyList<int> ledIndexes,
        IReadOnlyList<(int Index, Task<CachedTranslation?> Result)> followed) : IDisposable
    {
        /// <summary>Segments this request must translate, in document order.</summary>
        public IReadOnlyList<int> Led => ledIndexes;

        /// <summary>
        /// Segments another request is translating. A null result means its leader gave up (failed or was
        /// cancelled): the follower translates the segment itself rather than inherit someone else's failure.
        /// </summary>
        public IReadOnlyList<(int Index, Task<CachedTranslation?> Result)> Followed => followed;

        /// <summary>Hands a led segment's translation to its followers; ignored for segments not led here (or already completed).</summary>
        public void Complete(int index, CachedTranslation translation) => Release(index, translation);

        public void Dispose()
        {
            foreach (var index in ledIndexes)
            {
                Release(index, null);
            }
        }

        private void Release(int index, CachedTranslation? translation)
        {
            if (Interlocked.Exchange(ref led[index], null) is { } flight)
            {
                owner._flights.TryRemove(new KeyValuePair<string, TaskCompletionSource<CachedTranslation?>>(keys[index], flight));
                flight.TrySetResult(translation);
            }
        }
    }
}
