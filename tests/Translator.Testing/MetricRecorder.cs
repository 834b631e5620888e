using System.Diagnostics.Metrics;
using Translator.Core.Telemetry;

namespace Translator.Testing;

/// <summary>
/// Records the Translator meter's measurements that carry one tag value, and signals when a counter's
/// total reaches a target: lets a test check metrics, or wait for something the code under test reports
/// (requests joining a flight, say) without sleeping. The meter is process-wide, so each test picks a
/// tag value (a target language) no other test uses.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly KeyValuePair<string, object?> _tag;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<double>> _measurements = [];
    private readonly List<(string Instrument, double Target, TaskCompletionSource Reached)> _waiters = [];

    public MetricRecorder(string tagName, string tagValue)
    {
        _tag = new(tagName, tagValue);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TranslatorTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>The total of an instrument's measurements so far.</summary>
    public double Sum(string instrument)
    {
        lock (_gate)
        {
            return _measurements.GetValueOrDefault(instrument)?.Sum() ?? 0;
        }
    }

    /// <summary>How many measurements an instrument recorded (for histograms: how many durations).</summary>
    public int Count(string instrument)
    {
        lock (_gate)
        {
            return _measurements.GetValueOrDefault(instrument)?.Count ?? 0;
        }
    }

    /// <summary>Completes once the instrument's total reaches <paramref name="target"/>.</summary>
    public Task WhenSum(string instrument, double target)
    {
        lock (_gate)
        {
            if ((_measurements.GetValueOrDefault(instrument)?.Sum() ?? 0) >= target)
            {
                return Task.CompletedTask;
            }
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((instrument, target, reached));
            return reached.Task;
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key != _tag.Key || !Equals(tag.Value, _tag.Value))
            {
                continue;
            }
            lock (_gate)
            {
                if (!_measurements.TryGetValue(instrument.Name, out var values))
                {
                    _measurements[instrument.Name] = values = [];
                }
                values.Add(value);
                var total = values.Sum();
                foreach (var waiter in _waiters.Where(w => w.Instrument == instrument.Name && total >= w.Target))
                {
                    waiter.Reached.TrySetResult();
                }
            }
            return;
        }
    }

    public void Dispose() => _listener.Dispose();
}
