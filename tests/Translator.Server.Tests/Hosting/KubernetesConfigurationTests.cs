using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;
using YamlDotNet.RepresentationModel;

namespace Translator.Server.Tests.Hosting;

/// <summary>The server as k8s/base configures it: the ConfigMap's settings work, and nothing needs a writable disk.</summary>
public sealed class KubernetesConfigurationTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Start_WithTheBaseConfigMap_ServesGrpcJsonAndMetricsEachOnItsOwnPort()
    {
        var settings = ConfigMapData(Path.Combine(RepositoryPaths.Root, "k8s", "base", "configmap.yaml"));
        var (grpcPort, jsonPort, metricsPort) = (FreePort(), FreePort(), FreePort());
        using var factory = new TranslatorServerFactory();
        foreach (var (key, value) in settings)
        {
            factory.With(key.Replace("__", ":", StringComparison.Ordinal), value);
        }
        // The ConfigMap's endpoints (all interfaces, its protocols) on free ports, and no collector.
        factory.With("Kestrel:Endpoints:Grpc:Url", settings["Kestrel__Endpoints__Grpc__Url"].Replace(":5080", $":{grpcPort}", StringComparison.Ordinal))
            .With("Kestrel:Endpoints:Json:Url", settings["Kestrel__Endpoints__Json__Url"].Replace(":5081", $":{jsonPort}", StringComparison.Ordinal))
            .With("Kestrel:Endpoints:Metrics:Url", settings["Kestrel__Endpoints__Metrics__Url"].Replace(":9464", $":{metricsPort}", StringComparison.Ordinal))
            .With("Telemetry:Prometheus:Port", settings["Telemetry__Prometheus__Port"].Replace("9464", $"{metricsPort}", StringComparison.Ordinal))
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", null);
        factory.StartKestrel();

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: _ct);
        using var http1 = new HttpClient();
        using var metrics = await http1.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"), _ct);
        using var h2c = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var metricsOnGrpcPort = await h2c.GetAsync(new Uri($"http://127.0.0.1:{grpcPort}/metrics"), _ct);
        using var segment = await http1.PostAsync(new Uri($"http://127.0.0.1:{jsonPort}/v1/articles:segment"), SegmentRequest(), _ct);
        using var segmentOnMetricsPort = await http1.PostAsync(new Uri($"http://127.0.0.1:{metricsPort}/v1/articles:segment"), SegmentRequest(), _ct);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metricsOnGrpcPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, segment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, segmentOnMetricsPort.StatusCode);
    }

    private static StringContent SegmentRequest() =>
        new("""{"article": {"id": "a", "text": "One sentence. Two."}, "sourceLanguage": "en"}""", System.Text.Encoding.UTF8, "application/json");

    /// <summary>The pod's root filesystem is read-only: no data-protection key ring may be wanted on disk.</summary>
    [Fact]
    public void Services_Default_HoldNoDataProtectionKeyRing()
    {
        using var factory = new TranslatorServerFactory();

        Assert.Null(factory.Services.GetService<IDataProtectionProvider>());
    }

    private static Dictionary<string, string> ConfigMapData(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var data = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("data")];
        return data.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
