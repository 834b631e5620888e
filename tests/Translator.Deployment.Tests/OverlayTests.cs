using System.Text.Json.Nodes;
using Translator.Deployment.Tests.Kustomize;
using Translator.Deployment.Tests.Validation;
using Translator.Testing;

namespace Translator.Deployment.Tests;

/// <summary>Every overlay renders, every object is one the API server accepts, and the rules hold.</summary>
public sealed class OverlayTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;

    public static TheoryData<string> All => Overlays.All;

    [Fact]
    public void Overlays_Listed_AreDevAndProduction()
    {
        Assert.Equal(["dev", "production"], ((IEnumerable<object[]>)Overlays.All).Select(row => (string)row[0]));
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Render_Overlay_EveryObjectValidatesAgainstTheKubernetesSchemas(string overlay)
    {
        var objects = Overlays.Render(overlay);

        Assert.Empty(await SchemaValidator.ValidateAsync(objects, _ct));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Render_Overlay_FollowsTheDeploymentRules(string overlay)
    {
        var objects = Overlays.Render(overlay);

        Assert.Empty(DeploymentRules.Check(objects));
        Assert.Empty(overlay == "production" ? OverlayPolicies.Production(objects) : OverlayPolicies.Dev(objects));
    }

    [Fact]
    public void Render_Dev_RunsRedisAndOneServerWithThePseudoProvider()
    {
        var objects = Overlays.Render("dev");

        Assert.Contains(objects, o => o.Kind() == "Deployment" && o.Name() == "redis");
        Assert.Contains(objects, o => o.Kind() == "Service" && o.Name() == "redis");
        var (_, server) = Assert.Single(DeploymentRules.Servers(objects));
        Assert.Equal("translator:dev", (string?)server["image"]);
    }

    [Fact]
    public void Render_Production_TakesDeepLKeyAndRedisFromHashNamedSecrets()
    {
        var objects = Overlays.Render("production");

        var (workload, server) = Assert.Single(DeploymentRules.Servers(objects));
        var environment = ContainerEnvironment.Resolve(server, workload.Namespace(), objects);
        Assert.Equal("DeepL", environment["Translation__Provider"].Literal);
        Assert.Matches("^translator-deepl-[a-z0-9]{10}$", environment["DEEPL_AUTH_KEY"].SecretName);
        Assert.Matches("^translator-redis-[a-z0-9]{10}$", environment["ConnectionStrings__Redis"].SecretName);
        Assert.DoesNotContain(objects, o => o.Kind() == "Deployment" && o.Name() == "redis");
    }

    [Fact]
    public void Render_Production_RequiresApiKeysWithTheAdminKeyFromASecret()
    {
        var objects = Overlays.Render("production");

        var (workload, server) = Assert.Single(DeploymentRules.Servers(objects));
        var environment = ContainerEnvironment.Resolve(server, workload.Namespace(), objects);
        Assert.Equal("ApiKey", environment["Auth__Mode"].Literal);
        Assert.Matches("^translator-auth-[a-z0-9]{10}$", environment["Auth__AdminKey"].SecretName);
    }

    [Fact]
    public void Render_Dev_LeavesAccessOpen()
    {
        var objects = Overlays.Render("dev");

        var (workload, server) = Assert.Single(DeploymentRules.Servers(objects));
        var environment = ContainerEnvironment.Resolve(server, workload.Namespace(), objects);
        Assert.False(environment.ContainsKey("Auth__AdminKey"));
        Assert.True(!environment.TryGetValue("Auth__Mode", out var mode) || mode.Literal == "None");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Render_Overlay_RunsOneBackfillWorkerOnTheConfiguredJob(string overlay)
    {
        var objects = Overlays.Render(overlay);

        var (workload, worker) = Assert.Single(DeploymentRules.Workers(objects));
        Assert.Equal("archive", BackfillRules.Job(workload, worker, objects));
        Assert.Null(worker["readinessProbe"]);
        Assert.Equal(0, (int?)workload["spec"]!["replicas"]);
    }

    [Fact]
    public void Render_Production_ScalesTheWorkerFromZeroOnItsJobsStream()
    {
        var objects = Overlays.Render("production");

        var scaler = Assert.Single(objects, o => o.Kind() == "ScaledObject");
        Assert.Equal(0, (int?)scaler["spec"]!["minReplicaCount"]);
        Assert.Equal("translator-backfill", (string?)scaler["spec"]!["scaleTargetRef"]!["name"]);
        Assert.Contains(Manifest.Items(scaler["spec"]!["triggers"]), t => (string?)t["type"] == "redis-streams"
            && (string?)t["metadata"]!["stream"] == "backfill:{archive}:queue" && t["metadata"]!["lagCount"] is not null);
        Assert.DoesNotContain(Overlays.Render("dev"), o => o.Kind() == "ScaledObject");
    }

    /// <summary>
    /// The renderer is only worth trusting if it renders what kubectl does: compared object by object wherever
    /// kubectl is installed (it is not required, so the check above runs on any machine).
    /// </summary>
    [Theory]
    [MemberData(nameof(All))]
    public async Task Render_WhereKubectlExists_MatchesKubectlKustomize(string overlay)
    {
        ProcessResult kubectl;
        try
        {
            kubectl = await ProcessRunner.RunAsync("kubectl", ["kustomize", Overlays.Location(overlay)], null, null, _ct);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return; // kubectl is not installed here.
        }
        Assert.True(kubectl.ExitCode == 0, kubectl.StandardError);

        var expected = Canonical(YamlDocuments.Parse(kubectl.StandardOutput).Cast<JsonObject>());
        var actual = Canonical(Overlays.Render(overlay));

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (id, json) in expected)
        {
            Assert.True(JsonNode.DeepEquals(json, actual[id]), $"{id}\nkubectl:  {json.ToJsonString()}\nrenderer: {actual[id].ToJsonString()}");
        }
    }

    private static Dictionary<string, JsonNode> Canonical(IEnumerable<JsonObject> objects) =>
        objects.ToDictionary(o => o.Id(), o => (JsonNode)o);
}
