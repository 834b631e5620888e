using System.Diagnostics.Metrics;
using Translator.Core.Telemetry;

namespace Translator.Testing;

/// <summary>
/// Records the measurements of one DI container's Translator meter (its <see cref="IMeterFactory"/>), and signals
/// when a counter's total reaches a target: lets a test check metrics, or wait for something the code under test
/// reports (requests joining a flight, say) without sleeping. Scoped to the container, so tests running in
/// parallel never see each other's measurements.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<double>> _measurements = [];
    private readonly List<(string Instrument, double Target, TaskCompletionSource Reached)> _waiters = [];

    public MetricRecorder(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TranslatorTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, _, _) => Record(i, v));
        _listener.SetMeasurementEventCallback<double>((i, v, _, _) => Record(i, v));
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

    private void Record(Instrument instrument, double value)
    {
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
    }

    public void Dispose() => _listener.Dispose();
}
