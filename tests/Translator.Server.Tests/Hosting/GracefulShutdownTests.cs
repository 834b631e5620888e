using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Translator.Protos.V1;
using Translator.Server.Tests.Grpc;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Hosting;

/// <summary>SIGTERM during a rolling update: out of rotation first, then the calls in flight finish.</summary>
public sealed class GracefulShutdownTests
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task StopAsync_StreamInFlight_NotServingDuringDrainThenStreamCompletesAfterGoAway()
    {
        var gate = new BatchGate();
        var time = new FakeTimeProvider();
        var connections = new ObservedConnections();
        using var factory = new TranslatorServerFactory()
            .WithProvider(new CountingProvider { BeforeBatch = gate.Hold() })
            .With("Shutdown:DrainDelay", "00:00:05")
            .ConfigureServices(s => s.AddSingleton<TimeProvider>(time));
        using var channel = GrpcChannel.ForAddress(factory.StartKestrel(), new GrpcChannelOptions { HttpHandler = connections.CreateHandler() });
        var health = new Health.HealthClient(channel);
        var client = new TranslationService.TranslationServiceClient(channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: _ct)).Status);
        using var call = StreamedTranslation.Start(client, _ct);
        var reading = StreamedTranslation.ReadToEndAsync(call, _ct);
        await gate.Entered.WaitAsync(_ct);

        // What the host does on SIGTERM: StopApplication, then StopAsync.
        var stopping = factory.Services.GetRequiredService<IHost>().StopAsync(_ct);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: _ct)).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving,
            (await health.CheckAsync(new HealthCheckRequest { Service = "liveness" }, cancellationToken: _ct)).Status);
        // Still serving new calls until the drain delay is over: clients that have not seen the change yet lose nothing.
        await client.SegmentArticleAsync(new SegmentArticleRequest { Article = TranslationServiceTests.Request().Article, SourceLanguage = "en" }, cancellationToken: _ct);
        Assert.False(connections.Opened[0].GoAway.IsCompleted);
        Assert.False(stopping.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(5));
        await connections.Opened[0].GoAway.WaitAsync(_ct);
        Assert.False(stopping.IsCompleted);
        gate.Release();

        Assert.Equal((StreamedTranslation.Segments, 1), await reading);
        await stopping.WaitAsync(_ct);
        Assert.Single(connections.Opened);
    }

    [Fact]
    public void Start_ShutdownSettings_HostWaitsForDrainPlusTimeout()
    {
        using var factory = new TranslatorServerFactory().With("Shutdown:DrainDelay", "00:00:07").With("Shutdown:Timeout", "00:00:20");

        Assert.Equal(TimeSpan.FromSeconds(27), factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
