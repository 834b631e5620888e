using System.Text.Json.Nodes;
using Translator.Deployment.Tests.Kustomize;

namespace Translator.Deployment.Tests.Validation;

/// <summary>Where one environment variable of a container comes from: a literal (perhaps via a ConfigMap) or a Secret.</summary>
internal sealed record EnvironmentValue(string? Literal, string? SecretName);

internal static class ContainerEnvironment
{
    /// <summary>
    /// The container's environment as Kubernetes assembles it (envFrom first, env overriding), with ConfigMap
    /// values resolved from the rendering. Keys the rendering cannot resolve are left out (the reference rules
    /// report them).
    /// </summary>
    public static Dictionary<string, EnvironmentValue> Resolve(JsonObject container, string? ns, IReadOnlyList<JsonObject> objects)
    {
        var result = new Dictionary<string, EnvironmentValue>(StringComparer.Ordinal);
        foreach (var source in Manifest.Items(container["envFrom"]))
        {
            if ((string?)source["configMapRef"]?["name"] is { } configMap && Find(objects, "ConfigMap", configMap, ns) is { } map)
            {
                foreach (var (key, value) in map["data"] as JsonObject ?? [])
                {
                    result[key] = new EnvironmentValue((string?)value, null);
                }
            }
            if ((string?)source["secretRef"]?["name"] is { } secretName && Find(objects, "Secret", secretName, ns) is { } secret)
            {
                foreach (var (key, _) in secret["data"] as JsonObject ?? [])
                {
                    result[key] = new EnvironmentValue(null, secretName);
                }
            }
        }
        foreach (var variable in Manifest.Items(container["env"]))
        {
            var name = (string)variable["name"]!;
            if (variable["valueFrom"]?["secretKeyRef"] is JsonObject secretKey)
            {
                result[name] = new EnvironmentValue(null, (string?)secretKey["name"]);
            }
            else if (variable["valueFrom"]?["configMapKeyRef"] is JsonObject configKey)
            {
                var value = Find(objects, "ConfigMap", (string?)configKey["name"], ns)?["data"]?[(string)configKey["key"]!];
                result[name] = new EnvironmentValue((string?)value, null);
            }
            else if (variable["valueFrom"] is null)
            {
                result[name] = new EnvironmentValue((string?)variable["value"] ?? "", null);
            }
        }
        return result;
    }

    public static JsonObject? Find(IReadOnlyList<JsonObject> objects, string kind, string? name, string? ns) =>
        objects.FirstOrDefault(o => o.Kind() == kind && o.Name() == name && o.Namespace() == ns);
}
