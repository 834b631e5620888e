using Microsoft.Extensions.Logging;
using Translator.Core.Caching;
using Translator.Core.Corrections;
using Translator.Core.Glossary;
using Translator.Core.Providers;
using Translator.Core.Telemetry;

namespace Translator.Core.Pipeline;

/// <summary>What every <see cref="LanguageRun"/> uses and none owns.</summary>
internal sealed record PipelineServices(
    GlossaryCatalog Glossaries,
    ITranslationCache Cache,
    ICorrectionStore Corrections,
    SingleFlight SingleFlight,
    ISegmentClaims Claims,
    ProviderChain Providers,
    TranslatorOptions Options,
    TranslatorMetrics Metrics,
    TimeProvider Time,
    ILogger Logger);
