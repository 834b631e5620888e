using System.Runtime.ExceptionServices;

namespace Translator.Core.Pipeline;

/// <summary>Awaiting work whose first failure cancels the rest: the failure is what surfaces, not the cancellations it caused.</summary>
internal static class Failures
{
    public static async Task WhenAllAsync(IEnumerable<Task> tasks)
    {
        var all = Task.WhenAll(tasks);
        try
        {
            await all.ConfigureAwait(false);
        }
        catch (Exception) when (all.Exception is { } failures)
        {
            ExceptionDispatchInfo.Throw(Cause(failures));
        }
    }

    public static async Task<T[]> WhenAllAsync<T>(IEnumerable<Task<T>> tasks)
    {
        var started = tasks.ToArray();
        await WhenAllAsync(started.AsEnumerable<Task>()).ConfigureAwait(false);
        return Array.ConvertAll(started, t => t.Result);
    }

    private static Exception Cause(AggregateException failures) =>
        failures.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) ?? failures.InnerExceptions[0];
}
