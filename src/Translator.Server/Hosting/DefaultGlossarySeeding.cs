using Translator.Core.Glossary;

namespace Translator.Server.Hosting;

/// <summary>
/// Seeds the starter glossary into the glossary store at start-up (unless the store already holds a "default"
/// glossary, which is then left alone), so a fresh server renders the starter names with no set-up.
/// </summary>
internal sealed class DefaultGlossarySeeding(GlossaryManager glossaries) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => glossaries.EnsureDefaultAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
