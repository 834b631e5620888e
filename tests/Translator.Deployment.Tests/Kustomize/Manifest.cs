using System.Text.Json.Nodes;

namespace Translator.Deployment.Tests.Kustomize;

/// <summary>Reading Kubernetes objects held as JSON.</summary>
internal static class Manifest
{
    private static readonly HashSet<string> ClusterScopedKinds =
    [
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "StorageClass", "PriorityClass",
        "CustomResourceDefinition", "IngressClass", "RuntimeClass", "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration", "APIService", "CSIDriver",
    ];

    public static string Kind(this JsonObject o) => (string?)o["kind"] ?? throw new InvalidDataException("An object has no kind.");

    public static string Name(this JsonObject o) => (string?)o["metadata"]?["name"] ?? throw new InvalidDataException($"A {o.Kind()} has no name.");

    public static string? Namespace(this JsonObject o) => (string?)o["metadata"]?["namespace"];

    public static string Id(this JsonObject o) => $"{o.Kind()} {o.Namespace()}/{o.Name()}";

    public static bool IsClusterScoped(this JsonObject o) => ClusterScopedKinds.Contains(o.Kind());

    /// <summary>The pod template's metadata and spec of a workload, or of a bare Pod; null for other kinds.</summary>
    public static JsonObject? PodTemplate(this JsonObject o) => o.Kind() switch
    {
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => o["spec"]?["template"] as JsonObject,
        "CronJob" => o["spec"]?["jobTemplate"]?["spec"]?["template"] as JsonObject,
        "Pod" => o,
        _ => null,
    };

    /// <summary>Containers and init containers of a pod spec.</summary>
    public static IEnumerable<JsonObject> Containers(this JsonObject podSpec) =>
        Items(podSpec["containers"]).Concat(Items(podSpec["initContainers"]));

    public static IEnumerable<JsonObject> Items(JsonNode? list) => (list as JsonArray)?.OfType<JsonObject>() ?? [];

    public static IEnumerable<string> Strings(JsonNode? list) => (list as JsonArray)?.Select(n => (string?)n ?? "") ?? [];

    /// <summary>Whether a label selector's matchLabels all appear in the labels (matchExpressions are refused).</summary>
    public static bool Selects(JsonObject? selector, JsonObject? labels)
    {
        if (selector?["matchExpressions"] is not null)
        {
            throw new NotSupportedException("matchExpressions selectors are not checked.");
        }
        var match = selector?["matchLabels"] as JsonObject ?? selector;
        return match is not null && match.Count > 0
            && match.All(pair => (string?)labels?[pair.Key] == (string?)pair.Value);
    }
}
