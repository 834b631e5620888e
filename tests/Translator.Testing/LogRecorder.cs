using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Translator.Testing;

/// <summary>One log entry as the logging pipeline saw it: what an operator would read.</summary>
public sealed record LoggedEntry(string Category, LogLevel Level, string? EventName, string Message, Exception? Exception)
{
    /// <summary>Everything the entry would put in a log sink, exception (with stack trace) included.</summary>
    public string Text => Exception is null ? Message : $"{Message}\n{Exception}";
}

/// <summary>Records every log entry of a host, so a test can check what reached the log and at what level.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEntry> _entries = new();

    public IReadOnlyCollection<LoggedEntry> Entries => _entries;

    /// <summary>How many entries carry this event name (the [LoggerMessage] EventName).</summary>
    public int Count(string eventName) => _entries.Count(e => e.EventName == eventName);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LoggedEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LoggedEntry(category, logLevel, eventId.Name, formatter(state, exception), exception));
    }
}
