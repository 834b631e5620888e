using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Interop;

/// <summary>
/// An independent, non-.NET gRPC client (tests/interop, Node with @grpc/grpc-js) calls the real server
/// over h2c: the contract must work for partners who never touch our generated code.
/// </summary>
public sealed class NodeClientTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;

    [Fact]
    public async Task NodeClient_UnaryStreamAndInvalidRequest_AllBehaveAsSpecified()
    {
        var interop = Path.Combine(RepositoryPaths.Root, "tests", "interop");
        if (!Directory.Exists(Path.Combine(interop, "node_modules")))
        {
            var install = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], interop, null, _ct);
            Assert.True(install.ExitCode == 0, install.StandardError);
        }
        using var factory = new TranslatorServerFactory();
        var server = factory.StartKestrel();

        var result = await ProcessRunner.RunAsync("node", ["client.mjs", $"{server.Host}:{server.Port}"], interop, null, _ct);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("interop: ok", result.StandardOutput, StringComparison.Ordinal);
    }
}
