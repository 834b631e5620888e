using Translator.Testing.StandIns;

namespace Translator.Providers.Tests.DeepL;

/// <summary>A fresh DeepL stand-in per test, and the safety-net token every wait uses.</summary>
public abstract class DeepLStandInTests : IAsyncLifetime
{
    // A safety net, not synchronisation: a broken provider fails the test instead of hanging the run.
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    protected DeepLStandIn DeepL { get; private set; } = null!;

    public async Task InitializeAsync() => DeepL = await DeepLStandIn.StartAsync();

    public async Task DisposeAsync() => await DeepL.DisposeAsync();
}
