using System.Text.Json.Nodes;
using Translator.Deployment.Tests.Kustomize;
using Translator.Deployment.Tests.Validation;

namespace Translator.Deployment.Tests;

/// <summary>
/// Each rule fails when broken: the production rendering, with one thing changed in memory, is rejected with
/// a message naming what changed.
/// </summary>
public sealed class RuleViolationTests
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token;

    private static readonly Dictionary<string, (Action<List<JsonObject>> Break, string Expected)> RuleBreaks = new()
    {
        ["pseudo fallback"] = (o => Data(o)["Translation__Provider"] = "DeepL,Pseudo", "includes Pseudo"),
        ["no provider chain"] = (o => Data(o).Remove("Translation__Provider"), "no provider chain"),
        ["provider chain on the command line"] = (o => Server(o)["args"] = new JsonArray("--Translation:Provider=Pseudo"), "includes Pseudo"),
        ["runs as root"] = (o =>
        {
            Pod(o)["securityContext"]!.AsObject().Remove("runAsNonRoot");
            Server(o)["securityContext"]!.AsObject().Remove("runAsNonRoot");
        }, "runAsNonRoot is not true"),
        ["privilege escalation"] = (o => Server(o)["securityContext"]!["allowPrivilegeEscalation"] = true, "allowPrivilegeEscalation is not false"),
        ["writable root filesystem"] = (o => Server(o)["securityContext"]!["readOnlyRootFilesystem"] = false, "readOnlyRootFilesystem is not true"),
        ["capabilities kept"] = (o => Server(o)["securityContext"]!.AsObject().Remove("capabilities"), "capabilities do not drop ALL"),
        ["no seccomp profile"] = (o =>
        {
            Pod(o)["securityContext"]!.AsObject().Remove("seccompProfile");
            Server(o)["securityContext"]!.AsObject().Remove("seccompProfile");
        }, "seccompProfile is not RuntimeDefault"),
        ["no readiness probe"] = (o => Server(o).Remove("readinessProbe"), "no readinessProbe"),
        ["HTTP liveness probe"] = (o => Server(o)["livenessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["port"] = 5080, ["path"] = "/" } },
            "livenessProbe is not a gRPC health probe"),
        ["no memory limit"] = (o => Server(o)["resources"]!.AsObject().Remove("limits"), "no resources.limits.memory"),
        ["no writable /tmp"] = (o => Server(o).Remove("volumeMounts"), "/tmp is not an emptyDir"),
        ["grace shorter than the drain"] = (o => Pod(o)["terminationGracePeriodSeconds"] = 30, "terminationGracePeriodSeconds (30)"),
        ["ConfigMap missing"] = (o => Find(o, "ConfigMap", "translator")["metadata"]!["name"] = "renamed", "ConfigMap translator is not in the rendering"),
        ["Secret missing"] = (o => o.Remove(o.Single(x => x.Kind() == "Secret" && x.Name().StartsWith("translator-deepl-", StringComparison.Ordinal))),
            "Secret translator-deepl-"),
        ["Secret key missing"] = (o => Server(o)["env"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["name"] == "DEEPL_AUTH_KEY")["valueFrom"]!["secretKeyRef"]!["key"] = "other",
            "has no key other"),
        ["DeepL key inline"] = (o => Server(o)["env"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["name"] == "DEEPL_AUTH_KEY").Remove("valueFrom"),
            "DEEPL_AUTH_KEY does not come from a Secret"),
        ["Service selects nothing"] = (o => Find(o, "Service", "translator-headless")["spec"]!["selector"]!["app.kubernetes.io/name"] = "other", "selects no pods"),
        ["Service port name unknown"] = (o => Find(o, "Service", "translator")["spec"]!["ports"]![0]!["targetPort"] = "http", "targetPort http"),
        ["ServiceAccount missing"] = (o => o.Remove(Find(o, "ServiceAccount", "translator")), "ServiceAccount translator is not in the rendering"),
        ["autoscaler targets nothing"] = (o => Find(o, "HorizontalPodAutoscaler", "translator")["spec"]!["scaleTargetRef"]!["name"] = "other", "scales Deployment other"),
        ["fewer than three replicas"] = (o => Find(o, "HorizontalPodAutoscaler", "translator")["spec"]!["minReplicas"] = 2, "at least 3 replicas"),
        ["no zone spread"] = (o => Pod(o)["topologySpreadConstraints"]!.AsArray().RemoveAt(0), "spread across zones"),
        ["disruption budget of zero"] = (o => Find(o, "PodDisruptionBudget", "translator")["spec"]!["minAvailable"] = 0, "minAvailable above zero"),
        ["collector Service not rendered"] = (o => Data(o)["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4317", "OTEL_EXPORTER_OTLP_ENDPOINT names Service collector"),
        ["namespace not created"] = (o => o.Remove(o.Single(x => x.Kind() == "Namespace")), "its namespace is not created by the rendering"),
    };

    public static TheoryData<string> RuleCases => new(RuleBreaks.Keys);

    [Theory]
    [MemberData(nameof(RuleCases))]
    public void Check_ProductionWithOneRuleBroken_ReportsIt(string rule)
    {
        var objects = Overlays.Render("production");
        Assert.Empty(DeploymentRules.Check(objects).Concat(OverlayPolicies.Production(objects)));
        var (breakRule, expected) = RuleBreaks[rule];

        breakRule(objects);

        var violations = DeploymentRules.Check(objects).Concat(OverlayPolicies.Production(objects)).ToList();
        Assert.True(violations.Any(v => v.Contains(expected, StringComparison.Ordinal)), $"Expected '{expected}' in:\n{string.Join('\n', violations)}");
    }

    [Fact]
    public void Check_DevWithItsRedisServiceRemoved_ReportsTheConnectionString()
    {
        var objects = Overlays.Render("dev");
        objects.Remove(Find(objects, "Service", "redis"));

        Assert.Contains(DeploymentRules.Check(objects), v => v.Contains("ConnectionStrings__Redis names Service redis", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> SchemaBreaks => new()
    {
        { "wrong type", "must be integer" },
        { "unknown field", "readinesProbe" },
        { "required field missing", "must have required property name" },
    };

    [Theory]
    [MemberData(nameof(SchemaBreaks))]
    public async Task Validate_ObjectTheApiServerWouldReject_ReportsIt(string breakage, string expected)
    {
        var objects = Overlays.Render("production");
        switch (breakage)
        {
            case "wrong type":
                Find(objects, "HorizontalPodAutoscaler", "translator")["spec"]!["minReplicas"] = "three";
                break;
            case "unknown field":
                Server(objects)["readinesProbe"] = Server(objects)["readinessProbe"]!.DeepClone();
                break;
            case "required field missing":
                Server(objects).Remove("name");
                break;
        }

        var problems = await SchemaValidator.ValidateAsync(objects, _ct);

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"Expected '{expected}' in:\n{string.Join('\n', problems)}");
    }

    private static JsonObject Find(List<JsonObject> objects, string kind, string name) => objects.Single(o => o.Kind() == kind && o.Name() == name);

    private static JsonObject Data(List<JsonObject> objects) => (JsonObject)Find(objects, "ConfigMap", "translator")["data"]!;

    private static JsonObject Pod(List<JsonObject> objects) => (JsonObject)Find(objects, "Deployment", "translator").PodTemplate()!["spec"]!;

    private static JsonObject Server(List<JsonObject> objects) => DeploymentRules.Servers(objects).Single().Container;
}
