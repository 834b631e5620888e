using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Translator.Protos.V1;

namespace Translator.Server.Tests.Infrastructure;

/// <summary>
/// An AdminService on real Kestrel (h2c, a free loopback port) that records every call the CLI makes (method,
/// request, authorization metadata) and answers from what it was sent, so a CLI test can check both sides of
/// the wire without the server's implementation of tenants and keys.
/// </summary>
public sealed class FakeAdminServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeAdminServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    /// <summary>A status to fail every call with instead of answering, e.g. PERMISSION_DENIED for a tenant key.</summary>
    public Status? FailWith { get; set; }

    public static async Task<FakeAdminServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<RecordingAdminService>();
        var app = builder.Build();
        app.MapGrpcService<RecordingAdminService>();
        await app.StartAsync();
        var server = new FakeAdminServer(app, new Uri(app.Urls.First()));
        app.Services.GetRequiredService<RecordingAdminService>().Server = server;
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record RecordedCall(string Method, IMessage Request, string? Authorization);

    private sealed class RecordingAdminService : AdminService.AdminServiceBase
    {
        private static readonly Timestamp Created = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

        public FakeAdminServer? Server { get; set; }

        private T Answer<T>(IMessage request, ServerCallContext context, T response, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
        {
            var server = Server!;
            server.Calls.Enqueue(new RecordedCall(method, request, context.RequestHeaders.GetValue("authorization")));
            return server.FailWith is { } status ? throw new RpcException(status) : response;
        }

        public override Task<CreateTenantResponse> CreateTenant(CreateTenantRequest request, ServerCallContext context) =>
            Task.FromResult(Answer(request, context, new CreateTenantResponse
            {
                Tenant = new Tenant
                {
                    TenantId = request.TenantId,
                    DisplayName = request.DisplayName,
                    MonthlyCharacterQuota = request.MonthlyCharacterQuota,
                    RequestsPerMinute = request.RequestsPerMinute,
                    ShareCache = !request.HasShareCache || request.ShareCache,
                    CreateTime = Created,
                },
            }));

        public override Task<GetTenantResponse> GetTenant(GetTenantRequest request, ServerCallContext context) =>
            Task.FromResult(Answer(request, context, new GetTenantResponse { Tenant = new Tenant { TenantId = request.TenantId, DisplayName = "Seoul Daily", ShareCache = true } }));

        public override Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context) =>
            Task.FromResult(Answer(request, context, new ListTenantsResponse
            {
                Tenants =
                {
                    new Tenant { TenantId = "seoul-daily", DisplayName = "Seoul Daily", MonthlyCharacterQuota = 1_000_000, ShareCache = true },
                    new Tenant { TenantId = "moscow-wire", DisplayName = "Moscow Wire", RequestsPerMinute = 60, ShareCache = false },
                },
            }));

        public override Task<UpdateTenantResponse> UpdateTenant(UpdateTenantRequest request, ServerCallContext context) =>
            Task.FromResult(Answer(request, context, new UpdateTenantResponse
            {
                Tenant = new Tenant
                {
                    TenantId = request.TenantId,
                    DisplayName = request.HasDisplayName ? request.DisplayName : "Seoul Daily",
                    MonthlyCharacterQuota = request.HasMonthlyCharacterQuota ? request.MonthlyCharacterQuota : 0,
                    RequestsPerMinute = request.HasRequestsPerMinute ? request.RequestsPerMinute : 0,
                    ShareCache = !request.HasShareCache || request.ShareCache,
                },
            }));

        public override Task<CreateApiKeyResponse> CreateApiKey(CreateApiKeyRequest request, ServerCallContext context) =>
            Task.FromResult(Answer(request, context, new CreateApiKeyResponse { KeyId = $"{request.TenantId}-k1", Key = $"tk_{request.TenantId}_secret" }));

        public override Task<ListApiKeysResponse> ListApiKeys(ListApiKeysRequest request, ServerCallContext context) =>
            Task.FromResult(Answer(request, context, new ListApiKeysResponse
            {
                ApiKeys =
                {
                    new ApiKey { KeyId = "k1", TenantId = request.TenantId, CreateTime = Created, RevokeTime = Created },
                    new ApiKey { KeyId = "k2", TenantId = request.TenantId, CreateTime = Created },
                },
            }));

        public override Task<RevokeApiKeyResponse> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context) =>
            Task.FromResult(Answer(request, context, new RevokeApiKeyResponse()));

        public override Task<GetUsageResponse> GetUsage(GetUsageRequest request, ServerCallContext context) =>
            Task.FromResult(Answer(request, context, new GetUsageResponse
            {
                Usage = new Usage { TenantId = request.TenantId, Month = "2026-12", BilledCharacters = 1234, CachedCharacters = 567, Requests = 8 },
            }));
    }
}
