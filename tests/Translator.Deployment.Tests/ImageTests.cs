using System.Text.Json.Nodes;
using System.Xml.Linq;
using Translator.Deployment.Tests.Kustomize;
using Translator.Deployment.Tests.Validation;
using Translator.Testing;

namespace Translator.Deployment.Tests;

/// <summary>
/// The two image builds (Dockerfile, SDK container publishing) and the manifests agree on what the pods rely on.
/// The images cannot be built here (no container runtime), so drift between the three is caught as text.
/// </summary>
public sealed class ImageTests
{
    private static readonly string[] Dockerfile = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "Dockerfile"));
    private static readonly XElement ServerProject = XElement.Load(Path.Combine(RepositoryPaths.Root, "src", "Translator.Server", "Translator.Server.csproj"));

    private static string Instruction(string name) =>
        Dockerfile.Last(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    private static string Property(string name) => ServerProject.Descendants(name).Single().Value;

    private static JsonObject ServerDeployment() =>
        KustomizeRenderer.Render(Path.Combine(RepositoryPaths.Root, "k8s", "base")).Single(o => o.Kind() == "Deployment" && o.Name() == "translator");

    [Fact]
    public void Images_RuntimeUser_IsTheNumericNonRootUserThePodRunsAs()
    {
        var podUser = (int?)ServerDeployment().PodTemplate()!["spec"]!["securityContext"]!["runAsUser"];

        Assert.Equal("1654", Instruction("USER"));
        Assert.Equal("1654", Property("ContainerUser"));
        Assert.Equal(1654, podUser);
    }

    [Fact]
    public void Images_RuntimeBase_IsTheSameChiseledAspNetImage()
    {
        var runtime = Dockerfile.Last(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Split(' ')[1];

        Assert.Equal($"mcr.microsoft.com/dotnet/aspnet:10.0-{Property("ContainerFamily")}", runtime);
    }

    [Fact]
    public void Images_BackfillWorker_IsPublishedWhereTheWorkerDeploymentRunsIt()
    {
        var worker = KustomizeRenderer.Render(Path.Combine(RepositoryPaths.Root, "k8s", "base")).Single(o => o.Kind() == "Deployment" && o.Name() == "translator-backfill");
        var container = worker.PodTemplate()!["spec"]!["containers"]![0]!;
        var publish = Dockerfile.Single(l => l.Contains("publish src/Translator.Backfill/", StringComparison.Ordinal));
        var directory = publish[(publish.LastIndexOf("-o ", StringComparison.Ordinal) + 3)..].Trim();

        Assert.Equal(Path.GetDirectoryName(BackfillRules.EntryAssembly), directory);
        Assert.Equal(["dotnet", BackfillRules.EntryAssembly], Manifest.Strings(container["command"]));
        Assert.Equal((string?)ServerDeployment().PodTemplate()!["spec"]!["containers"]![0]!["image"], (string?)container["image"]);
        Assert.Equal(1654, (int?)worker.PodTemplate()!["spec"]!["securityContext"]!["runAsUser"]);
        // The server stays the image's default program.
        Assert.Equal("[\"dotnet\", \"Translator.Server.dll\"]", Instruction("ENTRYPOINT"));
    }

    [Fact]
    public void Images_Ports_AreTheGrpcAndJsonContainerPorts()
    {
        var ports = Manifest.Items(ServerDeployment().PodTemplate()!["spec"]!["containers"]![0]!["ports"]).ToDictionary(p => (string)p["name"]!, p => (int)p["containerPort"]!);
        string[] served = [$"{ports["grpc"]}", $"{ports["json"]}"];

        Assert.Equal(served, Instruction("EXPOSE").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(served, ServerProject.Descendants("ContainerPort").Select(p => p.Attribute("Include")!.Value));
    }

    /// <summary>Without a ConfigMap the image's own settings decide where it listens: all interfaces, the same ports.</summary>
    [Fact]
    public void Images_KestrelEndpoints_ListenOnAllInterfacesOnTheContainerPorts()
    {
        var ports = Manifest.Items(ServerDeployment().PodTemplate()!["spec"]!["containers"]![0]!["ports"]).ToDictionary(p => (string)p["name"]!, p => (int)p["containerPort"]!);
        var variables = ServerProject.Descendants("ContainerEnvironmentVariable").ToDictionary(v => v.Attribute("Include")!.Value, v => v.Attribute("Value")!.Value);

        foreach (var (endpoint, port) in new[] { ("Grpc", ports["grpc"]), ("Json", ports["json"]) })
        {
            var key = $"Kestrel__Endpoints__{endpoint}__Url";
            Assert.Contains($"{key}=http://+:{port}", string.Join('\n', Dockerfile), StringComparison.Ordinal);
            Assert.Equal($"http://+:{port}", variables[key]);
        }
    }
}
