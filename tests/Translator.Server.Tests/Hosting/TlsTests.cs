using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Hosting;

/// <summary>
/// In-process TLS as the README configures it: a PEM certificate and key (a Kubernetes TLS Secret's shape) as
/// Kestrel's default certificate and an https gRPC endpoint that also speaks HTTP/1.1, so gRPC (h2 by ALPN) and
/// the HTTP/JSON API share the one port. The certificate is made here and trusted by thumbprint alone.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
    private readonly string _directory = Directory.CreateTempSubdirectory("translator-tls-").FullName;
    private readonly X509Certificate2 _certificate;
    private readonly TranslatorServerFactory _factory = new();
    private readonly Uri _server;

    public TlsTests()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=translator.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var certificatePath = CertificatePath;
        var keyPath = Path.Combine(_directory, "tls.key");
        File.WriteAllText(certificatePath, _certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());

        _server = _factory
            .With("Kestrel:Certificates:Default:Path", certificatePath)
            .With("Kestrel:Certificates:Default:KeyPath", keyPath)
            .With("Kestrel:Endpoints:Grpc:Url", "https://127.0.0.1:0")
            .With("Kestrel:Endpoints:Grpc:Protocols", "Http1AndHttp2")
            .StartKestrel();
    }

    private string CertificatePath => Path.Combine(_directory, "tls.crt");

    public void Dispose()
    {
        _factory.Dispose();
        _certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private HttpClientHandler TrustingOurCertificate() => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == _certificate.Thumbprint,
    };

    [Fact]
    public async Task SegmentArticle_GrpcOverTlsTrustingTheCertificate_Succeeds()
    {
        Assert.Equal("https", _server.Scheme);
        using var channel = GrpcChannel.ForAddress(_server, new GrpcChannelOptions { HttpHandler = TrustingOurCertificate() });

        var response = await new TranslationService.TranslationServiceClient(channel).SegmentArticleAsync(
            new SegmentArticleRequest { Article = new Article { Id = "a", Text = "One sentence. Two sentences." }, SourceLanguage = "en" }, cancellationToken: _ct);

        Assert.Equal(2, response.Paragraphs[0].Segments.Count);
    }

    [Fact]
    public async Task SegmentArticle_ClientThatDoesNotTrustTheCertificate_FailsOnTheCertificate()
    {
        using var channel = GrpcChannel.ForAddress(_server);

        var error = await Assert.ThrowsAsync<RpcException>(() => new TranslationService.TranslationServiceClient(channel).SegmentArticleAsync(
            new SegmentArticleRequest { Article = new Article { Id = "a", Text = "One sentence." }, SourceLanguage = "en" }, cancellationToken: _ct).ResponseAsync);

        // grpc-dotnet reports a failed TLS handshake as INTERNAL, not UNAVAILABLE: retrying will not help.
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("certificate", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task JsonApi_Http11OverTlsOnTheGrpcPort_Succeeds()
    {
        using var http = new HttpClient(TrustingOurCertificate()) { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await http.PostAsync(new Uri(_server, "/v1/articles:segment"),
            new StringContent("""{"article": {"id": "a", "text": "One sentence. Two sentences."}, "sourceLanguage": "en"}""", Encoding.UTF8, "application/json"), _ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(1, 1), response.Version);
        Assert.Contains("Two sentences.", await response.Content.ReadAsStringAsync(_ct), StringComparison.Ordinal);
    }

    /// <summary>The CLI over https: .NET on Linux takes its trusted roots from SSL_CERT_FILE, here our certificate alone.</summary>
    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 4)]
    public async Task CliSegment_HttpsServer_SucceedsOnlyWhenItsCertificateIsTrusted(bool trusted, int exitCode)
    {
        var empty = Directory.CreateDirectory(Path.Combine(_directory, "no-roots")).FullName;
        var environment = new Dictionary<string, string?> { ["SSL_CERT_DIR"] = empty, ["SSL_CERT_FILE"] = trusted ? CertificatePath : Path.Combine(empty, "none.pem") };

        var result = await ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "translator.dll"), "segment", "-", "--server", _server.ToString()],
            null, "One sentence. Two sentences.\n", environment, _ct);

        Assert.True(result.ExitCode == exitCode, result.StandardOutput + result.StandardError);
        Assert.Contains(trusted ? "1.2\tTwo sentences." : "certificate", trusted ? result.StandardOutput : result.StandardError, StringComparison.Ordinal);
    }
}
