using System.Collections.Concurrent;
using Translator.Core.Providers;

namespace Translator.Testing;

/// <summary>A provider budget that grants everything and records what it was asked.</summary>
public sealed class RecordingProviderBudget(long? maxRequestCharacters = null) : IProviderBudget
{
    private readonly ConcurrentQueue<long> _acquired = new();
    private readonly ConcurrentQueue<TimeSpan> _throttled = new();

    public long? MaxRequestCharacters => maxRequestCharacters;

    /// <summary>The characters of every request, in the order they were sent.</summary>
    public IReadOnlyList<long> Acquired => _acquired.ToArray();

    public IReadOnlyList<TimeSpan> Throttled => _throttled.ToArray();

    public ValueTask AcquireAsync(long characters, CancellationToken cancellationToken)
    {
        _acquired.Enqueue(characters);
        return ValueTask.CompletedTask;
    }

    public ValueTask ThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        _throttled.Enqueue(retryAfter);
        return ValueTask.CompletedTask;
    }
}
