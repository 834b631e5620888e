using Translator.Core.Glossary;

namespace Translator.Server.Hosting;

/// <summary>
/// Seeds the starter glossary into the glossary store at start-up (unless the store already holds a "default"
/// glossary, which is then left alone), so a fresh server renders the starter names with no set-up.
/// </summary>
internal sealed partial class DefaultGlossarySeeding(GlossaryManager glossaries, ILogger<DefaultGlossarySeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await glossaries.EnsureDefaultAsync(cancellationToken);
        }
        catch (GlossaryStoreUnavailableException ex)
        {
            // A shared store that is not reachable yet must not keep the service down: the first request
            // seeds it once it is, and the shipped starter glossary applies until then.
            LogSeedingDeferred(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2101, EventName = "GlossarySeedingDeferred", Level = LogLevel.Warning,
        Message = "The glossary store is not reachable yet; the default glossary will be seeded on first use")]
    private static partial void LogSeedingDeferred(ILogger logger, Exception exception);
}
