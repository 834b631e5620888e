using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Translator.Deployment.Tests.Kustomize;

/// <summary>
/// A small kustomize (v5) for the features our kustomizations use, so the check runs where kubectl does not:
/// resources (files and directories), namespace, labels (metadata only), images, patches (strategic merge of
/// named objects) and secretGenerator (files, literals) with the content-hash name suffix and the references
/// to it updated. Any other field fails the rendering instead of being ignored.
/// <c>Render_EachOverlay_MatchesKubectlKustomize</c> holds it to kubectl's output where kubectl exists.
/// </summary>
internal static class KustomizeRenderer
{
    // Base64 and Kubernetes names hold nothing Go's json.Marshal escapes differently from the relaxed encoder.
    private static readonly JsonSerializerOptions GoJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> Supported =
        ["apiVersion", "kind", "resources", "namespace", "labels", "images", "patches", "secretGenerator"];

    public static List<JsonObject> Render(string directory)
    {
        var generated = new List<JsonObject>();
        var objects = Build(Path.GetFullPath(directory), generated);
        foreach (var secret in generated)
        {
            AddHashSuffix(secret, objects);
        }
        return objects;
    }

    private static List<JsonObject> Build(string directory, List<JsonObject> generated)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        var kustomization = YamlDocuments.ParseObjects(file).Single();
        if (kustomization.Select(p => p.Key).FirstOrDefault(k => !Supported.Contains(k)) is { } unsupported)
        {
            throw new NotSupportedException($"{file}: '{unsupported}' is not implemented by this renderer.");
        }

        var objects = new List<JsonObject>();
        foreach (var resource in Manifest.Strings(kustomization["resources"]))
        {
            var path = Path.Combine(directory, resource);
            objects.AddRange(Directory.Exists(path) ? Build(path, generated) : YamlDocuments.ParseObjects(path));
        }
        foreach (var generator in Manifest.Items(kustomization["secretGenerator"]))
        {
            var secret = GenerateSecret(generator, directory);
            generated.Add(secret);
            objects.Add(secret);
        }
        foreach (var patch in Manifest.Items(kustomization["patches"]))
        {
            ApplyPatch(patch, directory, objects);
        }
        if ((string?)kustomization["namespace"] is { } ns)
        {
            foreach (var o in objects.Where(o => !o.IsClusterScoped()))
            {
                Metadata(o)["namespace"] = ns;
            }
        }
        foreach (var labels in Manifest.Items(kustomization["labels"]))
        {
            AddLabels(labels, objects);
        }
        foreach (var image in Manifest.Items(kustomization["images"]))
        {
            SetImage(image, objects);
        }
        return objects;
    }

    private static JsonObject Metadata(JsonObject o) => o["metadata"] as JsonObject ?? throw new InvalidDataException($"A {o.Kind()} has no metadata.");

    private static void ApplyPatch(JsonObject patch, string directory, List<JsonObject> objects)
    {
        if (patch.Select(p => p.Key).FirstOrDefault(k => k is not ("path" or "patch")) is { } unsupported)
        {
            throw new NotSupportedException($"patches[].{unsupported} is not implemented by this renderer.");
        }
        var text = (string?)patch["patch"] ?? File.ReadAllText(Path.Combine(directory, (string)patch["path"]!));
        foreach (var document in YamlDocuments.Parse(text).Cast<JsonObject>())
        {
            var (apiVersion, kind, name) = ((string?)document["apiVersion"], document.Kind(), document.Name());
            var matches = objects.Where(o => (string?)o["apiVersion"] == apiVersion && o.Kind() == kind && o.Name() == name).ToList();
            if (matches.Count != 1)
            {
                throw new InvalidDataException($"Patch for {apiVersion} {kind} {name} matches {matches.Count} objects.");
            }
            StrategicMerge.Apply(matches[0], document);
        }
    }

    private static JsonObject GenerateSecret(JsonObject generator, string directory)
    {
        if (generator.Select(p => p.Key).FirstOrDefault(k => k is not ("name" or "files" or "literals" or "type")) is { } unsupported)
        {
            throw new NotSupportedException($"secretGenerator[].{unsupported} is not implemented by this renderer.");
        }
        var data = new JsonObject();
        foreach (var entry in Manifest.Strings(generator["files"]))
        {
            var (key, path) = entry.Split('=', 2) is [var k, var p] ? (k, p) : (Path.GetFileName(entry), entry);
            data[key] = Base64(File.ReadAllBytes(Path.Combine(directory, path)));
        }
        foreach (var entry in Manifest.Strings(generator["literals"]))
        {
            var (key, value) = entry.Split('=', 2) is [var k, var v] ? (k, v) : throw new InvalidDataException($"Literal '{entry}' is not key=value.");
            data[key] = Base64(Encoding.UTF8.GetBytes(value));
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = (string?)generator["name"] },
            ["type"] = (string?)generator["type"] ?? "Opaque",
            ["data"] = data,
        };
    }

    /// <summary>As kustomize writes it: past 70 characters, in lines of 70 each ending in a newline (which base64 decoders skip).</summary>
    private static string Base64(byte[] bytes)
    {
        const int LineLength = 70;
        var text = Convert.ToBase64String(bytes);
        return text.Length <= LineLength ? text : string.Concat(text.Chunk(LineLength).Select(line => new string(line) + "\n"));
    }

    private static void AddLabels(JsonObject entry, List<JsonObject> objects)
    {
        if (entry.Select(p => p.Key).FirstOrDefault(k => k != "pairs") is { } unsupported)
        {
            throw new NotSupportedException($"labels[].{unsupported} is not implemented by this renderer.");
        }
        foreach (var o in objects)
        {
            var labels = Metadata(o)["labels"] as JsonObject ?? (JsonObject)(Metadata(o)["labels"] = new JsonObject());
            foreach (var (key, value) in (JsonObject)entry["pairs"]!)
            {
                labels[key] = value?.DeepClone();
            }
        }
    }

    private static void SetImage(JsonObject entry, List<JsonObject> objects)
    {
        var name = (string)entry["name"]!;
        foreach (var container in objects.Select(o => o.PodTemplate()?["spec"]).OfType<JsonObject>().SelectMany(s => s.Containers()))
        {
            var image = (string)container["image"]!;
            var at = image.IndexOf('@', StringComparison.Ordinal);
            var colon = image.LastIndexOf(':');
            var end = at >= 0 ? at : colon > image.LastIndexOf('/') ? colon : image.Length;
            if (image[..end] != name)
            {
                continue;
            }
            var suffix = image[end..];
            if ((string?)entry["newTag"] is { } tag)
            {
                suffix = ":" + tag;
            }
            if ((string?)entry["digest"] is { } digest)
            {
                suffix = "@" + digest;
            }
            container["image"] = ((string?)entry["newName"] ?? name) + suffix;
        }
    }

    /// <summary>
    /// kustomize's name suffix: the first ten hex digits of the SHA-256 of the Secret's kind, name, type and data
    /// as Go's json.Marshal writes them, with 0, 1, 3, a, e swapped for letters. The name it hashes is always
    /// empty: kustomize (v5) looks "metadata/name" up as one field name, which no object has.
    /// </summary>
    private static void AddHashSuffix(JsonObject secret, List<JsonObject> objects)
    {
        var name = secret.Name();
        var canonical = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["data"] = new SortedDictionary<string, string?>(((JsonObject)secret["data"]!).ToDictionary(p => p.Key, p => (string?)p.Value), StringComparer.Ordinal),
            ["kind"] = "Secret",
            ["name"] = "",
            ["type"] = (string?)secret["type"],
        };
        var json = JsonSerializer.Serialize(canonical, GoJson);
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..10];
        var hashed = $"{name}-{new string(hex.Select(c => c switch { '0' => 'g', '1' => 'h', '3' => 'k', 'a' => 'm', 'e' => 't', _ => c }).ToArray())}";
        Metadata(secret)["name"] = hashed;

        foreach (var spec in objects.Where(o => o.Namespace() == secret.Namespace()).Select(o => o.PodTemplate()?["spec"]).OfType<JsonObject>())
        {
            foreach (var container in spec.Containers())
            {
                foreach (var reference in Manifest.Items(container["env"]).Select(e => e["valueFrom"]?["secretKeyRef"])
                    .Concat(Manifest.Items(container["envFrom"]).Select(e => e["secretRef"])).OfType<JsonObject>())
                {
                    Rename(reference, "name", name, hashed);
                }
            }
            foreach (var volume in Manifest.Items(spec["volumes"]).Select(v => v["secret"]).OfType<JsonObject>())
            {
                Rename(volume, "secretName", name, hashed);
            }
        }
    }

    private static void Rename(JsonObject reference, string field, string from, string to)
    {
        if ((string?)reference[field] == from)
        {
            reference[field] = to;
        }
    }
}
