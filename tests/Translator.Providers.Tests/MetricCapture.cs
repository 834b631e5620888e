using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Translator.Providers.Tests;

/// <summary>Listens to the instruments of one container's meters (its <see cref="IMeterFactory"/>).</summary>
internal sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, long Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public MetricCapture(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.Start();
    }

    public long Sum(string name) => _measurements.Where(m => m.Name == name).Sum(m => m.Value);

    /// <summary>The latest value of each observable instrument named <paramref name="name"/>.</summary>
    public long? Observe(string name)
    {
        _listener.RecordObservableInstruments();
        return _measurements.LastOrDefault(m => m.Name == name) is { Name: not null } m ? m.Value : null;
    }

    public void Dispose() => _listener.Dispose();
}
