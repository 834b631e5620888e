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
        var led = new Dictionary<int, TaskCompletionSource<CachedTranslation?>>();
        var followed = new List<(int, Task<CachedTranslation?>)>();
        foreach (var i in misses)
        {
            var mine = new TaskCompletionSource<CachedTranslation?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var flight = _flights.GetOrAdd(keys[i], mine);
            if (flight == mine)
            {
                led[i] = mine;
            }
            else
            {
                followed.Add((i, flight.Task));
            }
        }
        return new Flights(this, keys, led, followed);
    }

    /// <summary>One request's share of the flights; disposing it releases what it led but did not complete.</summary>
    internal sealed class Flights(
        SingleFlight owner,
        IReadOnlyList<string> keys,
        Dictionary<int, TaskCompletionSource<CachedTranslation?>> led,
        IReadOnlyList<(int Index, Task<CachedTranslation?> Result)> followed) : IDisposable
    {
        /// <summary>Segments this request must translate, in document order.</summary>
        public IReadOnlyList<int> Led { get; } = led.Keys.Order().ToArray();

        /// <summary>
        /// Segments another request is translating. A null result means its leader gave up (failed or was
        /// cancelled): the follower translates the segment itself rather than inherit someone else's failure.
        /// </summary>
        public IReadOnlyList<(int Index, Task<CachedTranslation?> Result)> Followed => followed;

        /// <summary>Hands a led segment's translation to its followers; ignored for segments not led here.</summary>
        public void Complete(int index, CachedTranslation translation)
        {
            if (led.Remove(index, out var flight))
            {
                owner._flights.TryRemove(new KeyValuePair<string, TaskCompletionSource<CachedTranslation?>>(keys[index], flight));
                flight.TrySetResult(translation);
            }
        }

        public void Dispose()
        {
            foreach (var (index, flight) in led)
            {
                owner._flights.TryRemove(new KeyValuePair<string, TaskCompletionSource<CachedTranslation?>>(keys[index], flight));
                flight.TrySetResult(null);
            }
            led.Clear();
        }
    }
}
