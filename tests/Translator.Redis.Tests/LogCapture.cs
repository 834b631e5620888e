using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Translator.Redis.Tests;

/// <summary>Keeps the event names of everything logged, so a test can count log events.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _events = new();

    public int Count(string eventName) => _events.Count(e => e == eventName);

    public ILogger CreateLogger(string categoryName) => new Logger(_events);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name is { } name)
            {
                events.Enqueue(name);
            }
        }
    }
}
