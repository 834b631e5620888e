using System.Text.Json.Nodes;
using Translator.Deployment.Tests.Kustomize;

namespace Translator.Deployment.Tests.Validation;

/// <summary>
/// KEDA's custom resources, which kubernetes-models and the KubernetesClient models do not know: the fields of
/// keda.sh/v1alpha1 ScaledObject and TriggerAuthentication our manifests use, with their types and what KEDA
/// requires (as its CRDs and the redis-streams scaler declare), and every other field refused, as strict field
/// validation would. Not the full CRD schema: a field we start using must be added here first.
/// </summary>
internal static class KedaValidator
{
    public const string ApiVersion = "keda.sh/v1alpha1";

    private static readonly HashSet<string> ScaledObjectSpec =
        ["scaleTargetRef", "minReplicaCount", "maxReplicaCount", "pollingInterval", "cooldownPeriod", "idleReplicaCount", "triggers"];

    private static readonly HashSet<string> TriggerFields = ["type", "name", "metadata", "authenticationRef", "metricType"];

    private static readonly HashSet<string> RedisStreamsMetadata =
    [
        "address", "host", "port", "stream", "consumerGroup", "pendingEntriesCount", "streamLength", "lagCount",
        "activationLagCount", "activationStreamLength", "databaseIndex", "enableTLS", "unsafeSsl",
    ];

    private static readonly HashSet<string> RedisAuthParameters = ["address", "host", "port", "username", "password", "tls", "ca", "cert", "key"];

    public static bool Handles(JsonObject o) => ((string?)o["apiVersion"] ?? "").StartsWith("keda.sh/", StringComparison.Ordinal);

    /// <summary>One line per problem, naming the object.</summary>
    public static List<string> Validate(JsonObject o)
    {
        var problems = new List<string>();
        void Problem(string text) => problems.Add($"{o.Id()}: {text}");

        if ((string?)o["apiVersion"] != ApiVersion)
        {
            Problem($"unknown apiVersion {(string?)o["apiVersion"]}");
        }
        if (o["spec"] is not JsonObject spec)
        {
            Problem("must have required property spec");
            return problems;
        }
        switch (o.Kind())
        {
            case "ScaledObject":
                Unknown(spec, ScaledObjectSpec, "spec", Problem);
                if ((string?)spec["scaleTargetRef"]?["name"] is not { Length: > 0 })
                {
                    Problem("spec.scaleTargetRef must have required property name");
                }
                foreach (var field in new[] { "minReplicaCount", "maxReplicaCount", "pollingInterval", "cooldownPeriod", "idleReplicaCount" })
                {
                    if (spec[field] is { } value && (value.GetValueKind() != System.Text.Json.JsonValueKind.Number || !value.AsValue().TryGetValue<int>(out _)))
                    {
                        Problem($"spec.{field} must be integer");
                    }
                }
                if (spec["triggers"] is not JsonArray { Count: > 0 } triggers)
                {
                    Problem("spec.triggers must have at least one trigger");
                    break;
                }
                foreach (var (trigger, index) in triggers.Select((t, i) => (t as JsonObject ?? [], i)))
                {
                    CheckTrigger(trigger, $"spec.triggers[{index}]", Problem);
                }
                break;
            case "TriggerAuthentication":
                Unknown(spec, ["env", "secretTargetRef"], "spec", Problem);
                if (spec.Count == 0)
                {
                    Problem("spec names no source of parameters");
                }
                foreach (var item in Manifest.Items(spec["env"]))
                {
                    Unknown(item, ["parameter", "name", "containerName"], "spec.env[]", Problem);
                    Required(item, ["parameter", "name"], "spec.env[]", Problem);
                }
                foreach (var item in Manifest.Items(spec["secretTargetRef"]))
                {
                    Unknown(item, ["parameter", "name", "key"], "spec.secretTargetRef[]", Problem);
                    Required(item, ["parameter", "name", "key"], "spec.secretTargetRef[]", Problem);
                }
                break;
            default:
                Problem($"unknown kind {o.Kind()} in {ApiVersion}");
                break;
        }
        return problems;
    }

    private static void CheckTrigger(JsonObject trigger, string path, Action<string> problem)
    {
        Unknown(trigger, TriggerFields, path, problem);
        if ((string?)trigger["type"] is not { Length: > 0 } type)
        {
            problem($"{path} must have required property type");
            return;
        }
        if (trigger["metadata"] is not JsonObject metadata)
        {
            problem($"{path} must have required property metadata");
            return;
        }
        // KEDA's metadata is map[string]string: a YAML number here is rejected by the API server.
        foreach (var (key, value) in metadata.Where(m => m.Value?.GetValueKind() != System.Text.Json.JsonValueKind.String))
        {
            problem($"{path}.metadata.{key} must be string");
        }
        if (type != "redis-streams")
        {
            problem($"{path}: trigger type {type} is not one this check knows");
            return;
        }
        Unknown(metadata, RedisStreamsMetadata, $"{path}.metadata", problem);
        if (metadata["stream"] is null)
        {
            problem($"{path}.metadata must have required property stream");
        }
        var measures = new[] { "pendingEntriesCount", "streamLength", "lagCount" }.Where(metadata.ContainsKey).ToList();
        if (measures.Count != 1)
        {
            problem($"{path}.metadata must have exactly one of pendingEntriesCount, streamLength, lagCount");
        }
        if (measures.Any(m => m != "streamLength") && metadata["consumerGroup"] is null)
        {
            problem($"{path}.metadata must have consumerGroup for {string.Join(',', measures)}");
        }
        if (metadata["address"] is null && metadata["host"] is null && trigger["authenticationRef"] is null)
        {
            problem($"{path} has no Redis address (metadata address or host, or an authenticationRef)");
        }
        if (trigger["authenticationRef"] is { } reference && (string?)reference["name"] is not { Length: > 0 })
        {
            problem($"{path}.authenticationRef must have required property name");
        }
    }

    /// <summary>The TriggerAuthentication parameters the redis-streams scaler reads.</summary>
    public static bool IsRedisParameter(string parameter) => RedisAuthParameters.Contains(parameter);

    private static void Unknown(JsonObject o, HashSet<string> known, string path, Action<string> problem)
    {
        foreach (var key in o.Select(p => p.Key).Where(k => !known.Contains(k)))
        {
            problem($"{path}: unknown field {key}");
        }
    }

    private static void Required(JsonObject o, string[] fields, string path, Action<string> problem)
    {
        foreach (var field in fields.Where(f => (string?)o[f] is not { Length: > 0 }))
        {
            problem($"{path} must have required property {field}");
        }
    }
}
