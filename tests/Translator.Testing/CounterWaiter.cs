using System.Diagnostics.Metrics;
using Translator.Core.Telemetry;

namespace Translator.Testing;

/// <summary>
/// Signals when a counter on the Translator meter, restricted to one tag value, reaches a total: lets a
/// test wait for something the code under test reports (requests joining a flight, say) without sleeping.
/// Tests pick a tag value no other test uses, since the meter is process-wide.
/// </summary>
public sealed class CounterWaiter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _instrument;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly long _target;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _total;

    public CounterWaiter(string instrument, string tagName, string tagValue, long target)
    {
        _instrument = instrument;
        _tag = new(tagName, tagValue);
        _target = target;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TranslatorTelemetry.Name && instrument.Name == _instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Completes once the counter's total for the tag reaches the target.</summary>
    public Task Reached => _reached.Task;

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == _tag.Key && Equals(tag.Value, _tag.Value) && Interlocked.Add(ref _total, value) >= _target)
            {
                _reached.TrySetResult();
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
