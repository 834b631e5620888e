namespace Translator.Core.Providers;

/// <summary>
/// The provider account's rate limits, shared by every process that calls the provider. Every provider
/// request waits for its share first, and a 429 from the provider pauses everyone.
/// </summary>
public interface IProviderBudget
{
    /// <summary>Most characters one request may carry (about a burst's worth of budget); null when unlimited.</summary>
    long? MaxRequestCharacters { get; }

    /// <summary>Waits until one request carrying <paramref name="characters"/> fits the budget, and takes it.</summary>
    ValueTask AcquireAsync(long characters, CancellationToken cancellationToken);

    /// <summary>The provider answered 429: every caller pauses for <paramref name="retryAfter"/>.</summary>
    ValueTask ThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken);
}

/// <summary>No budget: what a process without a shared store, or without configured limits, uses.</summary>
internal sealed class UnlimitedProviderBudget : IProviderBudget
{
    public long? MaxRequestCharacters => null;

    public ValueTask AcquireAsync(long characters, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
