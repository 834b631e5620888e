using CsCheck;

namespace Translator.Testing;

/// <summary>
/// Property tests in a fixed budget: a fixed seed and a fixed number of generated cases, so every run checks
/// the same inputs in about the same time, and a failure names the case that broke the property.
/// </summary>
public static class Properties
{
    public static void ForAll<T>(Gen<T> gen, int iterations, Action<T> property, ulong seed = 20261201) =>
        ForAllAsync(gen, iterations, value =>
        {
            property(value);
            return Task.CompletedTask;
        }, seed).GetAwaiter().GetResult();

    public static async Task ForAllAsync<T>(Gen<T> gen, int iterations, Func<T, Task> property, ulong seed = 20261201)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < iterations; i++)
        {
            var value = gen.Generate(pcg, null, out _);
            try
            {
                await property(value);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Property failed on case {i} (seed {seed}): {Check.Print(value)}", ex);
            }
        }
    }
}
