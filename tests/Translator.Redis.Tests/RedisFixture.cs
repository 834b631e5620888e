using StackExchange.Redis;
using Translator.Testing;

namespace Translator.Redis.Tests;

/// <summary>One real redis-server shared by a test class, and a connection for inspecting what the service stored.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private ConnectionMultiplexer? _inspector;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public IDatabase Inspect => (_inspector ?? throw new InvalidOperationException("Not started.")).GetDatabase();

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _server = await RedisServer.StartNewAsync(timeout.Token);
        _inspector = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_inspector is not null)
        {
            await _inspector.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
