using Translator.Core.Providers;

namespace Translator.Testing;

/// <summary>
/// A provider that records every batch it receives and translates by tagging each text with the
/// target language. An optional gate lets a test hold a chosen batch back.
/// </summary>
public sealed class CountingProvider(ProviderLimits? limits = null, string name = "Counting") : ITranslationProvider
{
    private readonly Lock _gate = new();
    private readonly List<ProviderBatch> _batches = [];

    public string Name => name;

    public string Version => "test";

    public ProviderLimits Limits { get; } = limits ?? new ProviderLimits(100, 64 * 1024);

    /// <summary>Called before each batch with its zero-based index; await to hold the batch back.</summary>
    public Func<int, CancellationToken, Task>? BeforeBatch { get; set; }

    /// <summary>Thrown instead of translating, when set.</summary>
    public Func<ProviderBatch, Exception?>? Fail { get; set; }

    public IReadOnlyList<ProviderBatch> Batches
    {
        get
        {
            lock (_gate)
            {
                return _batches.ToArray();
            }
        }
    }

    public long Characters => Batches.Sum(b => b.Texts.Sum(t => (long)t.Text.Length));

    public bool Supports(string source, string target) => target != "xx";

    public async Task<IReadOnlyList<string>> TranslateAsync(ProviderBatch batch, CancellationToken cancellationToken)
    {
        int index;
        lock (_gate)
        {
            index = _batches.Count;
            _batches.Add(batch);
        }
        if (BeforeBatch is { } before)
        {
            await before(index, cancellationToken);
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (Fail?.Invoke(batch) is { } failure)
        {
            throw failure;
        }
        return batch.Texts.Select(t => Translate(t.Text, batch.TargetLanguage)).ToArray();
    }

    public static string Translate(string text, string target) => $"{target}:{text}";
}
