using Grpc.Core;
using Grpc.Core.Interceptors;
using Translator.Core.Corrections;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Providers;
using Translator.Core.Tenants;

namespace Translator.Server.Grpc;

/// <summary>
/// Turns domain failures into gRPC statuses in one place, so services stay thin and every RPC reports
/// the same failure the same way, whichever of the four handler kinds it is. Details go to the server log;
/// clients get a status and typed details.
/// </summary>
internal sealed partial class TranslationErrorInterceptor(ILogger<TranslationErrorInterceptor> logger) : Interceptor
{
    private static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(5);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Map(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Map(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (Map(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (Map(ex, context) is { } rpc)
        {
            throw rpc;
        }
    }

    private RpcException? Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case TranslationRequestException invalid:
                return RpcErrors.InvalidArgument(invalid.Field, invalid.Message);
            case GlossaryValidationException invalid:
                return RpcErrors.InvalidArgument(invalid.Problems.Select(p => new FieldViolation(p.Field, p.Description)).ToArray());
            case GlossaryFormatException format:
                // Only imports parse glossary files; the message names a line or element, never its text.
                return RpcErrors.InvalidArgument("content", format.Message);
            case GlossaryNotFoundException missing:
                return RpcErrors.GlossaryNotFound(missing.Id);
            case GlossaryAlreadyExistsException exists:
                return RpcErrors.GlossaryAlreadyExists(exists.Id);
            case GlossaryAccessDeniedException denied:
                return RpcErrors.GlossaryReadOnly(denied.Id);
            case TenantQuotaExceededException quota:
                return RpcErrors.TenantQuotaExceeded(quota.TenantId, quota.Quota);
            case TenantRateLimitedException limited:
                return RpcErrors.TenantRateLimited(limited.TenantId, limited.RequestsPerMinute, limited.RetryAfter);
            case TenantNotFoundException missing:
                return RpcErrors.NotFound(RpcErrors.TenantResource, missing.TenantId, $"No tenant \"{missing.TenantId}\".");
            case TenantAlreadyExistsException exists:
                return RpcErrors.AlreadyExists(RpcErrors.TenantResource, exists.TenantId, $"A tenant \"{exists.TenantId}\" already exists.");
            case ApiKeyNotFoundException missing:
                return RpcErrors.NotFound(RpcErrors.ApiKeyResource, missing.KeyId, $"No API key \"{missing.KeyId}\".");
            case TenantStoreUnavailableException unavailable:
                LogStoreUnavailable(logger, unavailable, context.Method);
                return RpcErrors.TenantStoreUnavailable(DefaultRetryDelay);
            case GlossaryStateException state:
                return RpcErrors.GlossaryPrecondition(state.Message);
            case GlossaryStoreUnavailableException unavailable:
                LogStoreUnavailable(logger, unavailable, context.Method);
                return RpcErrors.GlossaryStoreUnavailable(DefaultRetryDelay);
            case CorrectionStoreUnavailableException unavailable:
                LogStoreUnavailable(logger, unavailable, context.Method);
                return RpcErrors.CorrectionStoreUnavailable(DefaultRetryDelay);
            case ProviderException provider:
                LogProviderFailure(logger, provider, context.Method, provider.Provider, provider.Failure);
                return provider.Failure switch
                {
                    ProviderFailure.QuotaExceeded => RpcErrors.QuotaExceeded(provider.Provider),
                    ProviderFailure.Unavailable => RpcErrors.ProviderUnavailable(provider.RetryAfter ?? DefaultRetryDelay),
                    // The operator must fix the credentials; the client can only wait.
                    ProviderFailure.Misconfigured => RpcErrors.ProviderUnavailable(DefaultRetryDelay),
                    ProviderFailure.UnsupportedLanguage => RpcErrors.InvalidArgument("target_languages", "The language pair is not supported by the configured provider."),
                    _ => RpcErrors.TranslationFailed(),
                };
            case OperationCanceledException when context.Deadline <= DateTime.UtcNow:
                return RpcErrors.DeadlineExceeded();
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return RpcErrors.Cancelled();
            case OperationCanceledException or RpcException:
                return null;
            default:
                LogUnexpectedFailure(logger, exception, context.Method);
                return RpcErrors.TranslationFailed();
        }
    }

    [LoggerMessage(EventId = 2001, EventName = "ProviderFailed", Level = LogLevel.Error,
        Message = "{Method} failed: provider {Provider} reported {Failure}")]
    private static partial void LogProviderFailure(ILogger logger, Exception exception, string method, string provider, ProviderFailure failure);

    [LoggerMessage(EventId = 2003, EventName = "GlossaryStoreUnavailable", Level = LogLevel.Warning,
        Message = "{Method} failed: a shared store (glossaries, corrections or tenants) is unavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 2002, EventName = "UnexpectedFailure", Level = LogLevel.Error,
        Message = "{Method} failed unexpectedly")]
    private static partial void LogUnexpectedFailure(ILogger logger, Exception exception, string method);
}
