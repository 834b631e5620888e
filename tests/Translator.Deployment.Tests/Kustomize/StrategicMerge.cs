using System.Text.Json.Nodes;

namespace Translator.Deployment.Tests.Kustomize;

/// <summary>
/// Kubernetes strategic merge patch, for the fields our manifests patch: maps merge, null deletes a key, lists of
/// the kinds below merge by their key (as the Kubernetes types declare), every other list is replaced.
/// Patch directives ($patch, $retainKeys, ...) are refused rather than misapplied.
/// </summary>
internal static class StrategicMerge
{
    public static void Apply(JsonObject target, JsonObject patch, string path = "")
    {
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                throw new NotSupportedException($"Strategic merge directive {key} at {path}: not implemented by this renderer.");
            }
            var here = $"{path}/{key}";
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchMap && target[key] is JsonObject targetMap)
            {
                Apply(targetMap, patchMap, here);
            }
            else if (value is JsonArray patchList && target[key] is JsonArray targetList && MergeKey(here, patchList, targetList) is { } mergeKey)
            {
                MergeList(targetList, patchList, mergeKey, here);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    /// <summary>Patch items first, in the patch's order (merged into their originals), then the untouched originals: kustomize's order.</summary>
    private static void MergeList(JsonArray target, JsonArray patch, string mergeKey, string path)
    {
        var originals = target.Select(n => n as JsonObject ?? throw new InvalidDataException($"{path}: expected objects keyed by {mergeKey}.")).ToList();
        target.Clear();
        foreach (var item in patch)
        {
            var patchItem = item as JsonObject ?? throw new InvalidDataException($"{path}: expected objects keyed by {mergeKey}.");
            var key = patchItem[mergeKey]?.ToJsonString();
            var original = originals.FirstOrDefault(t => t[mergeKey]?.ToJsonString() == key);
            if (original is null)
            {
                target.Add(patchItem.DeepClone());
            }
            else
            {
                originals.Remove(original);
                Apply(original, patchItem, $"{path}[{mergeKey}={key}]");
                target.Add(original);
            }
        }
        foreach (var original in originals)
        {
            target.Add(original);
        }
    }

    /// <summary>The patchMergeKey of the Kubernetes field at this path, or null for a list that is replaced.</summary>
    private static string? MergeKey(string path, JsonArray patch, JsonArray target)
    {
        var field = path[(path.LastIndexOf('/') + 1)..];
        return field switch
        {
            "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => "name",
            "volumeMounts" => "mountPath",
            "topologySpreadConstraints" => "topologyKey",
            // Container ports merge by containerPort, Service ports by port.
            "ports" when patch.Concat(target).OfType<JsonObject>().Any(p => p.ContainsKey("containerPort")) => "containerPort",
            "ports" when path.EndsWith("/spec/ports", StringComparison.Ordinal) => "port",
            _ => null,
        };
    }
}
