using System.Diagnostics;
using Translator.Core.Telemetry;

namespace Translator.Redis;

/// <summary>
/// A client span per Redis command on the service's activity source, with OpenTelemetry's database attributes.
/// Keys hash the text and values are customer text, so neither is recorded: only the operation and how many keys.
/// </summary>
internal static class RedisTracing
{
    public static Activity? Start(string operation, int keys)
    {
        var activity = TranslatorTelemetry.ActivitySource.StartActivity($"redis {operation}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", "redis");
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.operation.batch.size", keys);
        }
        return activity;
    }
}
