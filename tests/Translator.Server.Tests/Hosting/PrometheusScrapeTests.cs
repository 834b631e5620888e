using System.Net;
using Translator.Protos.V1;
using Translator.Server.Tests.Grpc;
using Translator.Server.Tests.Infrastructure;

namespace Translator.Server.Tests.Hosting;

public sealed class PrometheusScrapeTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    [Fact]
    public async Task Metrics_Enabled_ServesTheServiceMetersInPrometheusFormat()
    {
        using var factory = new TranslatorServerFactory().With("Telemetry:Prometheus:Enabled", "true");
        await new TranslationService.TranslationServiceClient(factory.CreateChannel())
            .TranslateArticleAsync(TranslationServiceTests.Request("ko"), cancellationToken: _ct);

        using var response = await factory.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(_ct);
        Assert.Contains("# TYPE translator_segments_total counter", body, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ByDefault_NotServed()
    {
        using var factory = new TranslatorServerFactory();

        using var response = await factory.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative), _ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost:9464/metrics", HttpStatusCode.OK)]
    [InlineData("http://localhost:5080/metrics", HttpStatusCode.NotFound)]
    public async Task Metrics_PortSet_AnswersOnThatPortOnly(string url, HttpStatusCode expected)
    {
        using var factory = new TranslatorServerFactory()
            .With("Telemetry:Prometheus:Enabled", "true")
            .With("Telemetry:Prometheus:Port", "9464");

        using var response = await factory.CreateClient().GetAsync(new Uri(url), _ct);

        Assert.Equal(expected, response.StatusCode);
    }
}
