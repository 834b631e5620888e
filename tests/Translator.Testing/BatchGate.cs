namespace Translator.Testing;

/// <summary>
/// Holds a <see cref="CountingProvider"/>'s batches back until the test releases them, and says when the
/// first one arrived: the way to have a request provably in flight at the provider.
/// </summary>
public sealed class BatchGate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a held batch reaches the provider.</summary>
    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>A hook that holds every call until <see cref="Release"/>, such as a stand-in's <c>BeforeTranslate</c>.</summary>
    public Func<CancellationToken, Task> HoldEvery() => async cancellationToken =>
    {
        _entered.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
    };

    /// <summary>A <see cref="CountingProvider.BeforeBatch"/> that holds every batch, or only batch <paramref name="only"/>.</summary>
    public Func<int, CancellationToken, Task> Hold(int? only = null) => async (index, cancellationToken) =>
    {
        if (only is null || index == only)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }
    };
}
