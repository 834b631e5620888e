using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Translator.Core;
using Translator.Core.Providers;

namespace Translator.Providers.Tests;

/// <summary>
/// The providers as the server wires them (core + AddTranslationProviders), over in-memory configuration,
/// with every log line captured. Retry delays default to milliseconds so tests stay fast.
/// </summary>
internal sealed class ProviderHarness : IAsyncDisposable
{
    private ProviderHarness(ServiceProvider services, LogCapture logs)
    {
        Services = services;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public LogCapture Logs { get; }

    public static ProviderHarness Create(Uri? deepL = null, Uri? libreTranslate = null, params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Translation:Provider"] = "DeepL",
            ["DeepL:UsagePollInterval"] = "00:00:00",
        };
        foreach (var section in new[] { "DeepL", "LibreTranslate" })
        {
            values[$"{section}:Http:RetryBaseDelay"] = "00:00:00.001";
            values[$"{section}:Http:RetryMaxDelay"] = "00:00:00.005";
            values[$"{section}:Http:MaxRetryAttempts"] = "3";
            values[$"{section}:Http:MaxRetryAfter"] = "00:00:02";
            // Circuit breaking is tested on its own; elsewhere it must not trip on scripted failures.
            values[$"{section}:Http:CircuitMinimumThroughput"] = "10000";
        }
        if (deepL is not null)
        {
            values["DEEPL_SERVER_URL"] = deepL.ToString();
            values["DEEPL_AUTH_KEY"] = "stand-in-key:fx";
        }
        if (libreTranslate is not null)
        {
            values["LibreTranslate:ServerUrl"] = libreTranslate.ToString();
        }
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new LogCapture();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddTranslatorCore()
            .AddTranslationProviders();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new ProviderHarness(provider, logs);
    }

    public ITranslationProvider Provider(string name) => Services.GetRequiredKeyedService<ITranslationProvider>(name);

    public ITranslationProvider DeepL => Provider("DeepL");

    /// <summary>What a host does at start: runs every ValidateOnStart check.</summary>
    public void ValidateOnStart() => Services.GetRequiredService<IStartupValidator>().Validate();

    public static ProviderBatch Batch(string target, params string[] texts) =>
        new("en", target, texts.Select(t => new ProviderText(t, null)).ToArray(), Formality.Default);

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

/// <summary>Every log line written, formatted, with its exception's message.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId Event, string Text)> _lines = new();

    public IReadOnlyList<(string Category, EventId Event, string Text)> Lines => _lines.ToArray();

    public string All => string.Join('\n', _lines.Select(l => l.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, EventId, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, eventId, $"{formatter(state, exception)} {exception}"));
    }
}
