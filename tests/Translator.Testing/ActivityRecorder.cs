using System.Diagnostics;
using Translator.Core.Telemetry;

namespace Translator.Testing;

/// <summary>
/// Records every span the named sources finish (the Translator's own by default), sampled in full, for tests of what
/// traces carry and what they must never carry. Listens process-wide: assert on spans the test can tell apart.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly List<Activity> _spans = [];

    public ActivityRecorder(params string[] sources)
    {
        var names = sources.Length == 0 ? [TranslatorTelemetry.Name] : sources;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (_spans)
                {
                    _spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans finished so far.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return _spans.ToArray();
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
