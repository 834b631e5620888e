using Google.Protobuf;
using Grpc.Core;
using Translator.Protos.V1;

namespace Translator.Server.Grpc;

/// <summary>
/// Binds a service's methods with the service's own marshallers, used from each service's
/// <see cref="BindServiceMethodAttribute"/> binding method so they cover all four handler kinds:
/// <list type="bullet">
/// <item>Requests: bytes which are not a valid message (invalid UTF-8 in a string, a truncated field) are the client's
/// error. grpc-dotnet deserializes the request before any interceptor runs and reports a deserializer's exception as
/// UNKNOWN with an error log and a stack trace; an <see cref="RpcException"/> from the marshaller is sent as it is.</item>
/// <item>Responses: serialized into one span of the response pipe, asked for at the message's size. The generated
/// marshaller asks Kestrel's HTTP/2 stream pipe for a 4 KB block at a time and takes the pipe's lock for each, with
/// the serialization in between; for a translated article in several languages (90 KB) that lock contention was a
/// tenth of the server's CPU (bench/results/caching.md).</item>
/// </list>
/// </summary>
internal sealed class MarshallingBinder(ServiceBinderBase inner) : ServiceBinderBase
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Bound(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Bound(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Bound(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        inner.AddMethod(Bound(method), handler);

    private static Method<TRequest, TResponse> Bound<TRequest, TResponse>(Method<TRequest, TResponse> method)
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
        var responses = new Marshaller<TResponse>(static (response, context) => WriteInOnePiece((IMessage)response, context),
            method.ResponseMarshaller.ContextualDeserializer);
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requests, responses);
    }

    internal static void WriteInOnePiece(IMessage message, SerializationContext context)
    {
        // A translated article is measured once through all its nesting (TranslationResponseWriter); any other message
        // the generated way.
        using var translation = message is TranslateArticleResponse response ? TranslationResponseWriter.Measure(response) : null;
        var size = translation?.Size ?? message.CalculateSize();
        // First, so a message over the send limit fails before any work on it.
        context.SetPayloadLength(size);
        // One span for the whole message: Kestrel's pipe then takes its lock once, for one segment of that size.
        var writer = context.GetBufferWriter();
        var span = writer.GetSpan(size)[..size];
        if (translation is null)
        {
            message.WriteTo(span);
        }
        else
        {
            translation.WriteTo(span);
        }
        writer.Advance(size);
        context.Complete();
    }
}
