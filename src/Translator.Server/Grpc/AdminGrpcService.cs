using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Translator.Core.Tenants;
using Translator.Protos.V1;
using Translator.Server.Access;
using CoreTenant = Translator.Core.Tenants.Tenant;
using ProtoTenant = Translator.Protos.V1.Tenant;

namespace Translator.Server.Grpc;

/// <summary>
/// The gRPC adapter for the operator: check the fields, call <see cref="TenantManager"/>, map the result. Only the
/// admin key gets here (<see cref="AccessPolicies.Admin"/>); failures become statuses in <see cref="TranslationErrorInterceptor"/>.
/// </summary>
[Authorize(AccessPolicies.Admin)]
[BindServiceMethod(typeof(AdminGrpcService), nameof(BindService))]
internal sealed class AdminGrpcService(TenantManager tenants) : AdminService.AdminServiceBase
{
    /// <summary>The contract's descriptor, where JSON transcoding looks for it (on the type holding the binding method).</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => AdminService.Descriptor;

    /// <summary>The generated binding, with malformed requests reported as INVALID_ARGUMENT.</summary>
    public static void BindService(ServiceBinderBase binder, AdminService.AdminServiceBase? service) =>
        AdminService.BindService(new MarshallingBinder(binder), service);

    public override async Task<CreateTenantResponse> CreateTenant(CreateTenantRequest request, ServerCallContext context)
    {
        Check(TenantId(request.TenantId), DisplayName(request.DisplayName), Quota(request.MonthlyCharacterQuota), Rate(request.RequestsPerMinute));
        var created = await tenants.CreateAsync(request.TenantId, request.DisplayName, request.MonthlyCharacterQuota, request.RequestsPerMinute,
            !request.HasShareCache || request.ShareCache, context.CancellationToken);
        return new CreateTenantResponse { Tenant = ToProto(created) };
    }

    public override async Task<GetTenantResponse> GetTenant(GetTenantRequest request, ServerCallContext context)
    {
        Check(TenantId(request.TenantId));
        return new GetTenantResponse { Tenant = ToProto(await tenants.GetAsync(request.TenantId, context.CancellationToken)) };
    }

    public override async Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context) =>
        new() { Tenants = { (await tenants.ListAsync(context.CancellationToken)).Select(ToProto) } };

    public override async Task<UpdateTenantResponse> UpdateTenant(UpdateTenantRequest request, ServerCallContext context)
    {
        Check(
            TenantId(request.TenantId),
            request.HasDisplayName ? DisplayName(request.DisplayName) : null,
            request.HasMonthlyCharacterQuota ? Quota(request.MonthlyCharacterQuota) : null,
            request.HasRequestsPerMinute ? Rate(request.RequestsPerMinute) : null);
        var updated = await tenants.UpdateAsync(request.TenantId, t => t with
        {
            DisplayName = request.HasDisplayName ? request.DisplayName : t.DisplayName,
            MonthlyCharacterQuota = request.HasMonthlyCharacterQuota ? request.MonthlyCharacterQuota : t.MonthlyCharacterQuota,
            RequestsPerMinute = request.HasRequestsPerMinute ? request.RequestsPerMinute : t.RequestsPerMinute,
            ShareCache = request.HasShareCache ? request.ShareCache : t.ShareCache,
        }, context.CancellationToken);
        return new UpdateTenantResponse { Tenant = ToProto(updated) };
    }

    public override async Task<CreateApiKeyResponse> CreateApiKey(CreateApiKeyRequest request, ServerCallContext context)
    {
        Check(TenantId(request.TenantId));
        var (record, key) = await tenants.CreateKeyAsync(request.TenantId, context.CancellationToken);
        return new CreateApiKeyResponse { KeyId = record.KeyId, Key = key };
    }

    public override async Task<ListApiKeysResponse> ListApiKeys(ListApiKeysRequest request, ServerCallContext context)
    {
        Check(TenantId(request.TenantId));
        return new ListApiKeysResponse { ApiKeys = { (await tenants.ListKeysAsync(request.TenantId, context.CancellationToken)).Select(ToProto) } };
    }

    public override async Task<RevokeApiKeyResponse> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        Check(TenantValidator.IsValidKeyId(request.KeyId) ? null : new FieldViolation("key_id", "Required: the key_id CreateApiKey returned."));
        await tenants.RevokeKeyAsync(request.KeyId, context.CancellationToken);
        return new RevokeApiKeyResponse();
    }

    public override async Task<GetUsageResponse> GetUsage(GetUsageRequest request, ServerCallContext context)
    {
        Check(TenantId(request.TenantId));
        var usage = await tenants.GetUsageAsync(request.TenantId, context.CancellationToken);
        return new GetUsageResponse
        {
            Usage = new Usage
            {
                TenantId = usage.TenantId,
                Month = usage.Month,
                BilledCharacters = usage.BilledCharacters,
                CachedCharacters = usage.CachedCharacters,
                Requests = usage.Requests,
            },
        };
    }

    private static ProtoTenant ToProto(CoreTenant tenant) => new()
    {
        TenantId = tenant.Id,
        DisplayName = tenant.DisplayName,
        MonthlyCharacterQuota = tenant.MonthlyCharacterQuota,
        RequestsPerMinute = tenant.RequestsPerMinute,
        ShareCache = tenant.ShareCache,
        CreateTime = Timestamp.FromDateTimeOffset(tenant.CreatedAt),
    };

    private static ApiKey ToProto(TenantApiKey key) => new()
    {
        KeyId = key.KeyId,
        TenantId = key.TenantId,
        CreateTime = Timestamp.FromDateTimeOffset(key.CreatedAt),
        RevokeTime = key.RevokedAt is { } revoked ? Timestamp.FromDateTimeOffset(revoked) : null,
    };

    private static void Check(params FieldViolation?[] violations)
    {
        var found = violations.OfType<FieldViolation>().ToArray();
        if (found.Length > 0)
        {
            throw RpcErrors.InvalidArgument(found);
        }
    }

    private static FieldViolation? TenantId(string id) =>
        TenantValidator.IsValidId(id) ? null : new FieldViolation("tenant_id", TenantValidator.IdRule);

    private static FieldViolation? DisplayName(string name) =>
        name.Length <= TenantValidator.MaxDisplayNameLength ? null : new FieldViolation("display_name", $"At most {TenantValidator.MaxDisplayNameLength} characters.");

    private static FieldViolation? Quota(long quota) =>
        quota >= 0 ? null : new FieldViolation("monthly_character_quota", "Must be 0 (unlimited) or more.");

    private static FieldViolation? Rate(int rate) =>
        rate >= 0 ? null : new FieldViolation("requests_per_minute", "Must be 0 (unlimited) or more.");
}
