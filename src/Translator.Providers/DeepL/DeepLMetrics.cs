using System.Diagnostics.Metrics;
using Translator.Core.Telemetry;

namespace Translator.Providers.DeepL;

/// <summary>
/// DeepL's billing figures on the service's <c>Translator</c> meter (one per DI container, via
/// <see cref="IMeterFactory"/>): characters billed per request, and the account's usage and limit.
/// </summary>
internal sealed class DeepLMetrics
{
    private static readonly KeyValuePair<string, object?> ProviderTag = new(TranslatorTelemetry.ProviderTag, DeepLTranslationProvider.ProviderName);

    private readonly Counter<long> _billed;
    private DeepLUsage? _usage;

    public DeepLMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TranslatorTelemetry.Name);
        _billed = meter.CreateCounter<long>("translator.provider.billed_characters", "{character}", "Characters the provider billed");
        meter.CreateObservableGauge("translator.provider.usage.characters", () => Observe(u => u.CharacterCount),
            "{character}", "Characters used in the provider account's current billing period");
        meter.CreateObservableGauge("translator.provider.usage.limit", () => Observe(u => u.CharacterLimit),
            "{character}", "Character limit of the provider account's current billing period");
    }

    /// <summary>The last usage read, if any.</summary>
    public DeepLUsage? Usage => Volatile.Read(ref _usage);

    public void RecordBilled(long characters, string targetLanguage)
    {
        if (characters > 0)
        {
            _billed.Add(characters, ProviderTag, new(TranslatorTelemetry.TargetLanguageTag, targetLanguage));
        }
    }

    public void RecordUsage(DeepLUsage usage) => Volatile.Write(ref _usage, usage);

    private IEnumerable<Measurement<long>> Observe(Func<DeepLUsage, long> value) =>
        Usage is { } usage ? [new Measurement<long>(value(usage), ProviderTag)] : [];
}
