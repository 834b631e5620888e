using Translator.Core.Providers;

namespace Translator.Bench.Caching;

/// <summary>Counts the characters sent to the provider it wraps: what a per-character provider bills.</summary>
internal sealed class MeteredProvider(ITranslationProvider inner) : ITranslationProvider
{
    public const string ProviderName = "Metered";

    private long _characters;

    public long Characters => Interlocked.Read(ref _characters);

    public string Name => ProviderName;

    public string Version => inner.Version;

    public ProviderLimits Limits => inner.Limits;

    public bool Supports(string source, string target) => inner.Supports(source, target);

    public bool SupportsSource(string source) => inner.SupportsSource(source);

    public string OutputLanguage(string target) => inner.OutputLanguage(target);

    public Task<IReadOnlyList<string>> TranslateAsync(ProviderBatch batch, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _characters, batch.Texts.Sum(t => (long)t.Text.Length));
        return inner.TranslateAsync(batch, cancellationToken);
    }
}
