using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Translator.Core.Telemetry;

/// <summary>
/// The service's one <see cref="ActivitySource"/> and the names shared by every instrument on its one meter
/// (<see cref="TranslatorMetrics"/>). Tags carry languages, providers and counts, never article text.
/// </summary>
public static class TranslatorTelemetry
{
    public const string Name = "Translator";

    public static readonly ActivitySource ActivitySource = new(Name);

    public const string CacheTag = "translator.cache";
    public const string ProviderTag = "translator.provider";
    public const string CacheHitTag = "translator.cache_hit";
    public const string TargetLanguageTag = "translator.target_language";
    public const string SourceLanguageTag = "translator.source_language";
    public const string GlossaryOutcomeTag = "translator.glossary.outcome";
    /// <summary>The tenant a call was made for (its id, never its key).</summary>
    public const string TenantTag = "translator.tenant";
    public const string ChargeTag = "translator.charge";

    /// <summary>Marks a failed span as an error with the failure's type (never its message, which may be about customer text).</summary>
    public static void RecordFailure(this Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }
        activity.SetStatus(exception is OperationCanceledException ? ActivityStatusCode.Unset : ActivityStatusCode.Error, exception.GetType().Name);
        activity.SetTag("error.type", exception.GetType().FullName);
    }
}
