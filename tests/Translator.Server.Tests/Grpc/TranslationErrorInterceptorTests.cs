using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Server.Grpc;
using Translator.Server.Tests.Infrastructure;

namespace Translator.Server.Tests.Grpc;

/// <summary>Every handler kind maps a domain failure to the same status.</summary>
public sealed class TranslationErrorInterceptorTests
{
    private readonly TranslationErrorInterceptor _interceptor = new(NullLogger<TranslationErrorInterceptor>.Instance);
    private readonly FakeServerCallContext _context = new("/translator.v1.X/Y", DateTime.MaxValue, CancellationToken.None);

    public static TheoryData<string> HandlerKinds => ["unary", "client-streaming", "server-streaming", "duplex"];

    [Theory]
    [MemberData(nameof(HandlerKinds))]
    public async Task Handler_InvalidRequestFromAnyKind_BecomesInvalidArgumentNamingTheField(string kind)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Invoke(kind, new TranslationRequestException("source_language", "Unknown.")));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("source_language", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    [Theory]
    [MemberData(nameof(HandlerKinds))]
    public async Task Handler_MissingGlossaryFromAnyKind_BecomesNotFound(string kind)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Invoke(kind, new GlossaryNotFoundException("news")));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private Task Invoke(string kind, Exception failure) => kind switch
    {
        "unary" => _interceptor.UnaryServerHandler<string, string>("request", _context, (_, _) => Task.FromException<string>(failure)),
        "client-streaming" => _interceptor.ClientStreamingServerHandler<string, string>(null!, _context, (_, _) => Task.FromException<string>(failure)),
        "server-streaming" => _interceptor.ServerStreamingServerHandler<string, string>("request", null!, _context, (_, _, _) => Task.FromException(failure)),
        "duplex" => _interceptor.DuplexStreamingServerHandler<string, string>(null!, null!, _context, (_, _, _) => Task.FromException(failure)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
