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
        ["JSON endpoint on an undeclared port"] = (o => Data(o)["Kestrel__Endpoints__Json__Url"] = "http://+:5082",
            "Kestrel__Endpoints__Json__Url listens on a port that is not a container port"),
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
        ["worker without the backfill command"] = (o => Worker(o).Remove("command"), "does not run `dotnet /app/backfill/translator-backfill.dll work`"),
        ["worker output on an emptyDir"] = (o =>
        {
            WorkerVolume(o, "output").Remove("persistentVolumeClaim");
            WorkerVolume(o, "output")["emptyDir"] = new JsonObject();
        },
            "the output directory /output is not on a PersistentVolumeClaim"),
        ["worker output claim missing"] = (o => o.Remove(Find(o, "PersistentVolumeClaim", "translator-backfill-output")),
            "PersistentVolumeClaim translator-backfill-output is not in the rendering"),
        ["worker grace too short"] = (o => WorkerPod(o)["terminationGracePeriodSeconds"] = 45, "terminationGracePeriodSeconds (45) does not exceed"),
        ["worker without a job"] = (o => Find(o, "ConfigMap", "translator-backfill")["data"]!.AsObject().Remove("BACKFILL_JOB"), "no valid job id"),
        ["worker with the pseudo provider"] = (o => Worker(o)["args"]!.AsArray().Add("--Translation:Provider=Pseudo"), "translator-backfill container worker: the provider chain DeepL,Pseudo includes Pseudo"),
        ["worker DeepL key inline"] = (o => Worker(o)["env"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["name"] == "DEEPL_AUTH_KEY").Remove("valueFrom"),
            "translator-backfill container worker: DEEPL_AUTH_KEY does not come from a Secret"),
        ["worker Secret missing"] = (o => Worker(o)["env"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["name"] == "REDIS_ADDRESS")["valueFrom"]!["secretKeyRef"]!["name"] = "translator-keda",
            "Secret translator-keda is not in the rendering"),
        ["worker without a gRPC probe is still a server"] = (o => WorkerPod(o).Parent!["metadata"]!["labels"]!["app.kubernetes.io/component"] = "server",
            "translator-backfill container worker: no readinessProbe"),
        ["scaler targets nothing"] = (o => Find(o, "ScaledObject", "translator-backfill")["spec"]!["scaleTargetRef"]!["name"] = "other", "scales Deployment other, which is not in the rendering"),
        ["scaler targets the server"] = (o => Find(o, "ScaledObject", "translator-backfill")["spec"]!["scaleTargetRef"]!["name"] = "translator", "which is not a backfill worker"),
        ["scaler watches another job"] = (o => Find(o, "ConfigMap", "translator-backfill")["data"]!["BACKFILL_JOB"] = "archive-2024",
            "but the worker's job archive-2024 is stream backfill:{archive-2024}:queue"),
        ["scaler watches another group"] = (o => Trigger(o)["metadata"]!["consumerGroup"] = "consumers", "not the workers' workers"),
        ["trigger authentication missing"] = (o => o.Remove(Find(o, "TriggerAuthentication", "translator-backfill-redis")), "TriggerAuthentication translator-backfill-redis is not in the rendering"),
        ["trigger authentication reads a missing variable"] = (o => Worker(o)["env"]!.AsArray().Remove(Worker(o)["env"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["name"] == "REDIS_PASSWORD")),
            "password reads REDIS_PASSWORD, which Deployment translator/translator-backfill container worker does not have"),
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
        { "KEDA trigger metadata not a string", "metadata.lagCount must be string" },
        { "KEDA unknown field", "unknown field minReplicas" },
        { "KEDA trigger without a measure", "must have exactly one of pendingEntriesCount, streamLength, lagCount" },
        { "KEDA trigger without a stream", "must have required property stream" },
        { "KEDA authentication without a variable name", "spec.env[] must have required property name" },
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
            case "KEDA trigger metadata not a string":
                Trigger(objects)["metadata"]!["lagCount"] = 20;
                break;
            case "KEDA unknown field":
                Find(objects, "ScaledObject", "translator-backfill")["spec"]!["minReplicas"] = 0;
                break;
            case "KEDA trigger without a measure":
                Trigger(objects)["metadata"]!.AsObject().Remove("lagCount");
                break;
            case "KEDA trigger without a stream":
                Trigger(objects)["metadata"]!.AsObject().Remove("stream");
                break;
            case "KEDA authentication without a variable name":
                Find(objects, "TriggerAuthentication", "translator-backfill-redis")["spec"]!["env"]![0]!.AsObject().Remove("name");
                break;
        }

        var problems = await SchemaValidator.ValidateAsync(objects, _ct);

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"Expected '{expected}' in:\n{string.Join('\n', problems)}");
    }

    private static JsonObject Find(List<JsonObject> objects, string kind, string name) => objects.Single(o => o.Kind() == kind && o.Name() == name);

    private static JsonObject Data(List<JsonObject> objects) => (JsonObject)Find(objects, "ConfigMap", "translator")["data"]!;

    private static JsonObject Pod(List<JsonObject> objects) => (JsonObject)Find(objects, "Deployment", "translator").PodTemplate()!["spec"]!;

    private static JsonObject Server(List<JsonObject> objects) => DeploymentRules.Servers(objects).Single().Container;

    private static JsonObject Worker(List<JsonObject> objects) => DeploymentRules.Workers(objects).Single().Container;

    private static JsonObject WorkerPod(List<JsonObject> objects) => (JsonObject)Find(objects, "Deployment", "translator-backfill").PodTemplate()!["spec"]!;

    private static JsonObject WorkerVolume(List<JsonObject> objects, string name) =>
        WorkerPod(objects)["volumes"]!.AsArray().OfType<JsonObject>().Single(v => (string?)v["name"] == name);

    /// <summary>The ScaledObject's first trigger (the one that wakes the worker from zero).</summary>
    private static JsonObject Trigger(List<JsonObject> objects) => (JsonObject)Find(objects, "ScaledObject", "translator-backfill")["spec"]!["triggers"]![0]!;
}
