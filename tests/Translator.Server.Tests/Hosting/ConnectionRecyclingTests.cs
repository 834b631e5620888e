using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Translator.Protos.V1;
using Translator.Server.Tests.Grpc;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Hosting;

/// <summary>Max connection age: long-lived HTTP/2 connections move on, so new replicas get a share of the calls.</summary>
public sealed class ConnectionRecyclingTests
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
    private readonly FakeTimeProvider _time = new();
    private readonly BatchGate _gate = new();
    private readonly ObservedConnections _connections = new();

    private TranslatorServerFactory Server(string? maxAge) => new TranslatorServerFactory()
        .WithProvider(new CountingProvider { BeforeBatch = _gate.Hold(only: 0) })
        .With("ConnectionRecycling:MaxAge", maxAge)
        .With("ConnectionRecycling:Grace", "00:05:00")
        .ConfigureServices(s => s.AddSingleton<TimeProvider>(_time));

    private GrpcChannel Channel(TranslatorServerFactory server) =>
        GrpcChannel.ForAddress(server.StartKestrel(), new GrpcChannelOptions { HttpHandler = _connections.CreateHandler() });

    private Task<SegmentArticleResponse> SegmentAsync(TranslationService.TranslationServiceClient client) =>
        client.SegmentArticleAsync(new SegmentArticleRequest { Article = TranslationServiceTests.Request().Article, SourceLanguage = "en" }, cancellationToken: _ct).ResponseAsync;

    [Fact]
    public async Task MaxAge_Reached_GoAwayLetsTheStreamInFlightFinishThenNextCallOpensANewConnection()
    {
        using var server = Server("00:01:00");
        using var channel = Channel(server);
        var client = new TranslationService.TranslationServiceClient(channel);
        using var call = StreamedTranslation.Start(client, _ct);
        var reading = StreamedTranslation.ReadToEndAsync(call, _ct);
        await _gate.Entered.WaitAsync(_ct);
        var first = Assert.Single(_connections.Opened);

        _time.Advance(TimeSpan.FromSeconds(50)); // below the age even with its -10 % jitter
        await SegmentAsync(client);
        Assert.Single(_connections.Opened);

        _time.Advance(TimeSpan.FromSeconds(20)); // past it even with +10 %
        await first.GoAway.WaitAsync(_ct);
        _gate.Release();
        Assert.Equal((StreamedTranslation.Segments, 1), await reading);
        await first.Closed.WaitAsync(_ct);

        await SegmentAsync(client);
        Assert.Equal(2, _connections.Opened.Count);
    }

    [Fact]
    public async Task MaxAge_GraceElapsedWithStreamInFlight_ClosesTheConnection()
    {
        using var server = Server("00:01:00");
        using var channel = Channel(server);
        using var call = StreamedTranslation.Start(new TranslationService.TranslationServiceClient(channel), _ct);
        var reading = StreamedTranslation.ReadToEndAsync(call, _ct);
        await _gate.Entered.WaitAsync(_ct);

        _time.Advance(TimeSpan.FromMinutes(1.1) + TimeSpan.FromMinutes(5));

        var error = await Assert.ThrowsAsync<RpcException>(() => reading);
        // Not the test's own timeout (Cancelled): the server cut the connection under the call.
        Assert.True(error.StatusCode is StatusCode.Unavailable or StatusCode.Internal, error.ToString());
        await Assert.Single(_connections.Opened).Closed.WaitAsync(_ct);
    }

    [Fact]
    public async Task MaxAge_Unset_ConnectionOutlivesAnyAge()
    {
        using var server = Server(maxAge: null);
        using var channel = Channel(server);
        var client = new TranslationService.TranslationServiceClient(channel);
        _gate.Release();
        await SegmentAsync(client);

        _time.Advance(TimeSpan.FromDays(2));
        await SegmentAsync(client);
        using var call = StreamedTranslation.Start(client, _ct);
        Assert.Equal((StreamedTranslation.Segments, 1), await StreamedTranslation.ReadToEndAsync(call, _ct));

        var only = Assert.Single(_connections.Opened);
        Assert.False(only.GoAway.IsCompleted);
    }
}
