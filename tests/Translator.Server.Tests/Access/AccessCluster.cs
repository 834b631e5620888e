using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;
using Translator.Testing.StandIns;

namespace Translator.Server.Tests.Access;

/// <summary>
/// Two server replicas over real Kestrel (h2c) with <c>Auth:Mode=ApiKey</c>, sharing one real Redis and one DeepL
/// stand-in (the provider account both bill), as a partner reaches them behind a load balancer.
/// </summary>
public sealed class AccessCluster : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-9f8e7d6c5b4a3210-ZYXWVUTSRQ";

    private static int _tenants;
    private readonly List<TranslatorServerFactory> _factories = [];

    public RedisServer Redis { get; private set; } = null!;

    public DeepLStandIn DeepL { get; private set; } = null!;

    public GrpcChannel A { get; private set; } = null!;

    public GrpcChannel B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Redis = await RedisServer.StartNewAsync(timeout.Token);
        DeepL = await DeepLStandIn.StartAsync();
        A = StartReplica();
        B = StartReplica();
    }

    public async Task DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }
        await DeepL.DisposeAsync();
        await Redis.DisposeAsync();
    }

    private GrpcChannel StartReplica()
    {
        var factory = new TranslatorServerFactory()
            .WithDeepL(DeepL)
            .With("DeepL:Http:RetryBaseDelay", "00:00:00.001")
            .With("DeepL:Http:RetryMaxDelay", "00:00:00.005")
            .With("ConnectionStrings:Redis", Redis.ConnectionString)
            // Access fails closed when Redis is slow to connect or answer; on a loaded test machine that must not read as a refused key.
            .With("Redis:OperationTimeout", "00:00:10")
            .With("Redis:ConnectTimeout", "00:00:10")
            .With("Auth:Mode", "ApiKey")
            .With("Auth:AdminKey", AdminKey);
        _factories.Add(factory);
        var address = factory.StartKestrel();
        if (!factory.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected)
        {
            throw new InvalidOperationException($"The test Redis at {Redis.ConnectionString} did not accept a connection.");
        }
        return GrpcChannel.ForAddress(address);
    }

    public static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    public static AdminService.AdminServiceClient Admin(GrpcChannel channel) => new(channel);

    /// <summary>A new tenant (made on replica A with the admin key) and a key for it.</summary>
    public async Task<(string TenantId, string KeyId, string Key)> NewTenantAsync(
        CancellationToken cancellationToken, long quota = 0, int requestsPerMinute = 0, bool? shareCache = null)
    {
        var id = $"desk-{Interlocked.Increment(ref _tenants)}";
        var request = new CreateTenantRequest { TenantId = id, DisplayName = id, MonthlyCharacterQuota = quota, RequestsPerMinute = requestsPerMinute };
        if (shareCache is { } share)
        {
            request.ShareCache = share;
        }
        await Admin(A).CreateTenantAsync(request, Bearer(AdminKey), cancellationToken: cancellationToken);
        var key = await Admin(A).CreateApiKeyAsync(new CreateApiKeyRequest { TenantId = id }, Bearer(AdminKey), cancellationToken: cancellationToken);
        return (id, key.KeyId, key.Key);
    }
}
