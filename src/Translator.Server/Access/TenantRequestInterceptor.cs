using Grpc.Core;
using Grpc.Core.Interceptors;
using Translator.Core.Tenants;

namespace Translator.Server.Access;

/// <summary>
/// Counts a tenant's translation and glossary calls and refuses those past its requests per minute (across
/// replicas), before the service runs. Authentication has already happened (ASP.NET Core); this only meters.
/// </summary>
internal sealed class TenantRequestInterceptor(ITenantContext tenants, TenantManager manager) : Interceptor
{
    private static readonly string[] MeteredServices = ["/translator.v1.TranslationService/", "/translator.v1.GlossaryService/"];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AcceptAsync(context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AcceptAsync(context);
        await continuation(request, responseStream, context);
    }

    private Task AcceptAsync(ServerCallContext context) =>
        tenants.Current is { } tenant && MeteredServices.Any(s => context.Method.StartsWith(s, StringComparison.Ordinal))
            ? manager.AcceptRequestAsync(tenant, context.CancellationToken)
            : Task.CompletedTask;
}
