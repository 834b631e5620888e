using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Translator.Server.Grpc;

/// <summary>
/// Every error a client can receive, as <c>google.rpc.Status</c> with typed details. Messages are
/// written for clients: they never quote article text or internal exception messages.
/// </summary>
internal static class RpcErrors
{
    public const string Domain = "translator.v1";

    public static RpcException InvalidArgument(IReadOnlyList<FieldViolation> violations) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = violations.Count == 1
                ? $"Invalid request: {violations[0].Field}: {violations[0].Description}"
                : $"Invalid request: {violations.Count} problems, see details.",
            Details = { Any.Pack(new BadRequest { FieldViolations = { violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }) } }) },
        }.ToRpcException();

    public static RpcException InvalidArgument(string field, string description) =>
        InvalidArgument([new FieldViolation(field, description)]);

    /// <summary>The request's bytes are not a valid message of its type (invalid UTF-8 in a string, a truncated field).</summary>
    public static RpcException MalformedRequest() =>
        new Google.Rpc.Status
        {
            Code = (int)Code.InvalidArgument,
            Message = "The request is not a valid protobuf message of its type (a string field that is not valid UTF-8, or a truncated field).",
        }.ToRpcException();

    public static RpcException QuotaExceeded(string provider) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = "The translation provider's character quota is used up.",
            Details = { Any.Pack(new ErrorInfo { Reason = "PROVIDER_QUOTA_EXCEEDED", Domain = Domain, Metadata = { ["provider"] = provider } }) },
        }.ToRpcException();

    public static RpcException ProviderUnavailable(TimeSpan retryAfter) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.Unavailable,
            Message = "The translation provider is unavailable; retry later.",
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = "PROVIDER_UNAVAILABLE", Domain = Domain }),
                Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }),
            },
        }.ToRpcException();

    public static RpcException GlossaryStoreUnavailable(TimeSpan retryAfter) =>
        StoreUnavailable("glossary", "GLOSSARY_STORE_UNAVAILABLE", retryAfter);

    public static RpcException CorrectionStoreUnavailable(TimeSpan retryAfter) =>
        StoreUnavailable("correction", "CORRECTION_STORE_UNAVAILABLE", retryAfter);

    private static RpcException StoreUnavailable(string store, string reason, TimeSpan retryAfter) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.Unavailable,
            Message = $"The {store} store is unavailable; retry later.",
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }),
                Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }),
            },
        }.ToRpcException();


    public static RpcException TranslationFailed() =>
        new Google.Rpc.Status
        {
            Code = (int)Code.Internal,
            Message = "The translation failed; the incident has been logged.",
            Details = { Any.Pack(new ErrorInfo { Reason = "TRANSLATION_FAILED", Domain = Domain }) },
        }.ToRpcException();

    public static RpcException DeadlineExceeded() =>
        new(new global::Grpc.Core.Status(StatusCode.DeadlineExceeded, "The call's deadline expired before the translation finished."));

    public static RpcException Cancelled() =>
        new(new global::Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));

    public static RpcException GlossaryNotFound(string id) => NotFound(GlossaryResource, id, $"No glossary \"{id}\".");

    public static RpcException GlossaryAlreadyExists(string id) => AlreadyExists(GlossaryResource, id, $"A glossary \"{id}\" already exists.");

    /// <param name="description">Written for clients: names the glossary, version or term, nothing else.</param>
    public static RpcException GlossaryPrecondition(string description) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = description,
            Details = { Any.Pack(new PreconditionFailure { Violations = { new PreconditionFailure.Types.Violation { Type = "GLOSSARY_STATE", Subject = GlossaryResource, Description = description } } }) },
        }.ToRpcException();

    private const string GlossaryResource = "translator.v1.Glossary";

    /// <summary>Refused before any provider call; the quota is the tenant's, so other tenants are unaffected.</summary>
    public static RpcException TenantQuotaExceeded(string tenantId, long quota) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = $"This request would exceed the monthly quota of {quota} provider characters; it was not translated.",
            Details =
            {
                Any.Pack(new QuotaFailure
                {
                    Violations = { new QuotaFailure.Types.Violation { Subject = $"tenant:{tenantId}", Description = $"Monthly character quota ({quota} characters, calendar month UTC)." } },
                }),
                Any.Pack(new ErrorInfo { Reason = "TENANT_QUOTA_EXCEEDED", Domain = Domain, Metadata = { ["tenant"] = tenantId } }),
            },
        }.ToRpcException();

    public static RpcException TenantRateLimited(string tenantId, int requestsPerMinute, TimeSpan retryAfter) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = $"More than {requestsPerMinute} requests this minute; retry later.",
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = "TENANT_RATE_LIMITED", Domain = Domain, Metadata = { ["tenant"] = tenantId } }),
                Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }),
            },
        }.ToRpcException();

    public static RpcException TenantStoreUnavailable(TimeSpan retryAfter) =>
        StoreUnavailable("tenant", "TENANT_STORE_UNAVAILABLE", retryAfter);

    public static RpcException NotFound(string resourceType, string name, string message) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.NotFound,
            Message = message,
            Details = { Any.Pack(new ResourceInfo { ResourceType = resourceType, ResourceName = name }) },
        }.ToRpcException();

    public static RpcException AlreadyExists(string resourceType, string name, string message) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.AlreadyExists,
            Message = message,
            Details = { Any.Pack(new ResourceInfo { ResourceType = resourceType, ResourceName = name }) },
        }.ToRpcException();

    public static RpcException GlossaryReadOnly(string id) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.PermissionDenied,
            Message = $"Glossary \"{id}\" is shared: only the admin key changes it.",
            Details = { Any.Pack(new ResourceInfo { ResourceType = GlossaryResource, ResourceName = id }) },
        }.ToRpcException();

    public const string TenantResource = "translator.v1.Tenant";
    public const string ApiKeyResource = "translator.v1.ApiKey";

    public static RpcException CallTooLong(TimeSpan limit) =>
        new Google.Rpc.Status
        {
            Code = (int)Code.DeadlineExceeded,
            Message = $"The call ran past the server's limit of {limit.TotalSeconds:0} seconds.",
        }.ToRpcException();
}

/// <summary>One invalid request field and what is wrong with it.</summary>
internal readonly record struct FieldViolation(string Field, string Description);
