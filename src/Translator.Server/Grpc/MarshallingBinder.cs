using Google.Protobuf;
using Grpc.Core;

namespace Translator.Server.Grpc;

/// <summary>
/// Binds a service's methods with request marshallers that report bytes which are not a valid message
/// (invalid UTF-8 in a string, a truncated field) as the client's error. grpc-dotnet deserializes the
/// request before any interceptor runs and reports a deserializer's exception as UNKNOWN with an error log
/// and a stack trace; an <see cref="RpcException"/> from the marshaller is sent as it is. Used from each
/// service's <see cref="BindServiceMethodAttribute"/> binding method, so it covers all four handler kinds.
/// </summary>
internal sealed class MalformedRequestBinder(ServiceBinderBase inner) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Guarded(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Guarded(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Guarded(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Guarded(method), handler);

    private static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        var deserialize = method.RequestMarshaller.ContextualDeserializer;
        var requests = new Marshaller<TRequest>(method.RequestMarshaller.ContextualSerializer, context =>
        {
            try
            {
                return deserialize(context);
            }
            catch (InvalidProtocolBufferException)
            {
                // Never the exception's message: it may quote the bytes.
                throw RpcErrors.MalformedRequest();
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, method.ResponseMarshaller);
    }
}
