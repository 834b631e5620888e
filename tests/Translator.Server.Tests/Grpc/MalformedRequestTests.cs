using Grpc.Core;
using Microsoft.Extensions.Logging;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Grpc;

/// <summary>
/// Requests whose bytes are not a valid message (hand-built protobuf frames, as a hostile or buggy client
/// sends them) are the client's error: INVALID_ARGUMENT with a short message, never UNKNOWN, and the log
/// holds no error, no stack trace and none of the bytes.
/// </summary>
public sealed class MalformedRequestTests : IDisposable
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly LogRecorder _logs = new();
    private readonly TranslatorServerFactory _factory;

    public MalformedRequestTests() => _factory = new TranslatorServerFactory().WithLogs(_logs);

    public void Dispose() => _factory.Dispose();

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    /// <summary>Field 2 (a string on every request used here) holding the given bytes, after a valid field.</summary>
    private static byte[] StringField(int field, byte[] value) =>
        [(byte)((field << 3) | 2), (byte)value.Length, .. value];

    public static TheoryData<string, byte[]> InvalidStrings => new()
    {
        // A lone continuation byte, a truncated sequence, an overlong '/', CESU-8 (a surrogate pair encoded as two 3-byte sequences).
        { "continuation", [0x41, 0x80, 0x42] },
        { "truncated", [0x41, 0xE2, 0x82] },
        { "overlong", [0xC0, 0xAF] },
        { "cesu-8", [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80] },
    };

    [Theory]
    [MemberData(nameof(InvalidStrings))]
    public async Task TranslateArticle_InvalidUtf8InStringField_ReturnsInvalidArgumentWithoutErrorLog(string name, byte[] bytes)
    {
        Assert.NotEmpty(name);
        var error = await Assert.ThrowsAsync<RpcException>(() => Invoker().AsyncUnaryCall(
            Method(MethodType.Unary, "translator.v1.TranslationService", "TranslateArticle"), null, new CallOptions(cancellationToken: _ct),
            StringField(2, bytes)).ResponseAsync);

        AssertRejected(error, bytes);
    }

    [Fact]
    public async Task StreamTranslateArticle_InvalidUtf8_ReturnsInvalidArgumentWithoutErrorLog()
    {
        byte[] bytes = [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80];
        using var call = Invoker().AsyncServerStreamingCall(
            Method(MethodType.ServerStreaming, "translator.v1.TranslationService", "StreamTranslateArticle"), null, new CallOptions(cancellationToken: _ct),
            StringField(3, bytes));

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(_ct));

        AssertRejected(error, bytes);
    }

    [Fact]
    public async Task GetGlossary_InvalidUtf8_ReturnsInvalidArgumentWithoutErrorLog()
    {
        byte[] bytes = [0x64, 0xFF, 0x66];
        var error = await Assert.ThrowsAsync<RpcException>(() => Invoker().AsyncUnaryCall(
            Method(MethodType.Unary, "translator.v1.GlossaryService", "GetGlossary"), null, new CallOptions(cancellationToken: _ct),
            StringField(1, bytes)).ResponseAsync);

        AssertRejected(error, bytes);
    }

    [Fact]
    public async Task TranslateArticle_TruncatedMessage_ReturnsInvalidArgument()
    {
        // Field 1 (the article) claims 100 bytes and carries 2.
        var error = await Assert.ThrowsAsync<RpcException>(() => Invoker().AsyncUnaryCall(
            Method(MethodType.Unary, "translator.v1.TranslationService", "TranslateArticle"), null, new CallOptions(cancellationToken: _ct),
            [0x0A, 100, 0x0A, 0x00]).ResponseAsync);

        AssertRejected(error, [0x0A, 100]);
    }

    private CallInvoker Invoker() => _factory.CreateChannel().CreateCallInvoker();

    private static Method<byte[], byte[]> Method(MethodType type, string service, string name) => new(type, service, name, Raw, Raw);

    private void AssertRejected(RpcException error, byte[] bytes)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.InRange(error.Status.Detail.Length, 1, 200);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
        // grpc-dotnet notes the rejected read at Information, with the service's own short exception: nothing else.
        Assert.DoesNotContain(_logs.Entries, e => e.Exception is not (null or RpcException { StatusCode: StatusCode.InvalidArgument, InnerException: null }));
        var echoed = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain(_logs.Entries, e => e.Text.Contains(echoed, StringComparison.Ordinal));
    }
}
