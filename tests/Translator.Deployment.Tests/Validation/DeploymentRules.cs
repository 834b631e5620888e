using System.Globalization;
using System.Text.Json.Nodes;
using Translator.Deployment.Tests.Kustomize;

namespace Translator.Deployment.Tests.Validation;

/// <summary>
/// What every rendering must hold beyond schema validity: locked-down pods, probes and resources, gRPC health
/// probes and a drain that fits the grace period on the server, and every reference resolvable inside the
/// rendering. Returns one line per violation; an empty list means the rendering passes.
/// </summary>
internal static class DeploymentRules
{
    /// <summary>The image name of the server and the backfill worker, whatever the registry and tag.</summary>
    private const string ServerImage = "translator";

    /// <summary>The pod label value that marks a backfill worker: the same image, a different program, no gRPC to probe.</summary>
    public const string WorkerComponent = "backfill-worker";

    public static List<string> Check(IReadOnlyList<JsonObject> objects)
    {
        var violations = new List<string>();
        var namespaces = objects.Where(o => o.Kind() == "Namespace").Select(o => o.Name()).ToHashSet();
        foreach (var o in objects.Where(o => !o.IsClusterScoped()))
        {
            if (o.Namespace() is not { } ns || !namespaces.Contains(ns))
            {
                violations.Add($"{o.Id()}: its namespace is not created by the rendering");
            }
        }
        foreach (var workload in objects.Where(o => o.PodTemplate() is not null))
        {
            CheckPod(workload, objects, violations);
        }
        CheckSelectors(objects, violations);
        BackfillRules.Check(objects, violations);
        return violations;
    }

    /// <summary>The server Deployments: the workloads running the image that are not backfill workers.</summary>
    public static IEnumerable<(JsonObject Workload, JsonObject Container)> Servers(IReadOnlyList<JsonObject> objects) =>
        RunningTheImage(objects).Where(w => !IsWorker(w.Workload));

    /// <summary>The backfill workers: the workloads running the image whose pods are labelled as workers.</summary>
    public static IEnumerable<(JsonObject Workload, JsonObject Container)> Workers(IReadOnlyList<JsonObject> objects) =>
        RunningTheImage(objects).Where(w => IsWorker(w.Workload));

    private static IEnumerable<(JsonObject Workload, JsonObject Container)> RunningTheImage(IReadOnlyList<JsonObject> objects) =>
        from workload in objects
        let spec = workload.PodTemplate()?["spec"] as JsonObject
        where spec is not null
        from container in spec.Containers()
        where IsTranslatorImage(container)
        select (workload, container);

    public static bool IsWorker(JsonObject workload) =>
        (string?)workload.PodTemplate()?["metadata"]?["labels"]?["app.kubernetes.io/component"] == WorkerComponent;

    private static bool IsTranslatorImage(JsonObject container)
    {
        var image = (string?)container["image"] ?? "";
        var name = image.Split('@')[0];
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return (colon > lastSlash ? name[(lastSlash + 1)..colon] : name[(lastSlash + 1)..]) == ServerImage;
    }

    private static void CheckPod(JsonObject workload, IReadOnlyList<JsonObject> objects, List<string> violations)
    {
        var id = workload.Id();
        var ns = workload.Namespace();
        var spec = (JsonObject)workload.PodTemplate()!["spec"]!;
        var podSecurity = spec["securityContext"] as JsonObject;
        if ((string?)spec["serviceAccountName"] is { } account && ContainerEnvironment.Find(objects, "ServiceAccount", account, ns) is null)
        {
            violations.Add($"{id}: ServiceAccount {account} is not in the rendering");
        }
        foreach (var volume in Manifest.Items(spec["volumes"]))
        {
            RequireReference(objects, "ConfigMap", (string?)volume["configMap"]?["name"], null, ns, id, violations);
            RequireReference(objects, "Secret", (string?)volume["secret"]?["secretName"], null, ns, id, violations);
            RequireReference(objects, "PersistentVolumeClaim", (string?)volume["persistentVolumeClaim"]?["claimName"], null, ns, id, violations);
        }
        foreach (var container in spec.Containers())
        {
            var where = $"{id} container {(string?)container["name"]}";
            var security = container["securityContext"] as JsonObject;
            if ((bool?)security?["runAsNonRoot"] != true && (bool?)podSecurity?["runAsNonRoot"] != true)
            {
                violations.Add($"{where}: runAsNonRoot is not true");
            }
            if ((string?)security?["seccompProfile"]?["type"] != "RuntimeDefault" && (string?)podSecurity?["seccompProfile"]?["type"] != "RuntimeDefault")
            {
                violations.Add($"{where}: seccompProfile is not RuntimeDefault");
            }
            if ((bool?)security?["allowPrivilegeEscalation"] != false)
            {
                violations.Add($"{where}: allowPrivilegeEscalation is not false");
            }
            if ((bool?)security?["readOnlyRootFilesystem"] != true)
            {
                violations.Add($"{where}: readOnlyRootFilesystem is not true");
            }
            if (!Manifest.Strings(security?["capabilities"]?["drop"]).Contains("ALL"))
            {
                violations.Add($"{where}: capabilities do not drop ALL");
            }
            // A worker serves nothing a probe could ask; BackfillRules holds it to its own rules instead.
            foreach (var probe in new[] { "readinessProbe", "livenessProbe" }.Where(p => container[p] is null && !IsWorker(workload)))
            {
                violations.Add($"{where}: no {probe}");
            }
            foreach (var (section, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "memory") })
            {
                if (container["resources"]?[section]?[resource] is null)
                {
                    violations.Add($"{where}: no resources.{section}.{resource}");
                }
            }
            foreach (var source in Manifest.Items(container["envFrom"]))
            {
                RequireReference(objects, "ConfigMap", (string?)source["configMapRef"]?["name"], null, ns, where, violations);
                RequireReference(objects, "Secret", (string?)source["secretRef"]?["name"], null, ns, where, violations);
            }
            foreach (var variable in Manifest.Items(container["env"]))
            {
                var configKey = variable["valueFrom"]?["configMapKeyRef"];
                var secretKey = variable["valueFrom"]?["secretKeyRef"];
                RequireReference(objects, "ConfigMap", (string?)configKey?["name"], (string?)configKey?["key"], ns, where, violations);
                RequireReference(objects, "Secret", (string?)secretKey?["name"], (string?)secretKey?["key"], ns, where, violations);
            }
            var environment = ContainerEnvironment.Resolve(container, ns, objects);
            CheckServiceAddresses(environment, ns, objects, where, violations);
            if (IsTranslatorImage(container) && !IsWorker(workload))
            {
                CheckServer(spec, container, environment, where, violations);
            }
        }
    }

    private static void RequireReference(IReadOnlyList<JsonObject> objects, string kind, string? name, string? key, string? ns, string where, List<string> violations)
    {
        if (name is null)
        {
            return;
        }
        var target = ContainerEnvironment.Find(objects, kind, name, ns);
        if (target is null)
        {
            violations.Add($"{where}: {kind} {name} is not in the rendering");
        }
        else if (key is not null && target["data"]?[key] is null)
        {
            violations.Add($"{where}: {kind} {name} has no key {key}");
        }
    }

    /// <summary>The settings that name another service: an address inside the namespace must be a Service of the rendering.</summary>
    private static void CheckServiceAddresses(Dictionary<string, EnvironmentValue> environment, string? ns, IReadOnlyList<JsonObject> objects, string where, List<string> violations)
    {
        var addresses = new List<(string Setting, string Host, int Port)>();
        if (environment.GetValueOrDefault("ConnectionStrings__Redis")?.Literal is { Length: > 0 } redis)
        {
            var endpoint = redis.Split(',')[0].Trim();
            var colon = endpoint.LastIndexOf(':');
            addresses.Add(colon > 0
                ? ("ConnectionStrings__Redis", endpoint[..colon], int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture))
                : ("ConnectionStrings__Redis", endpoint, 6379));
        }
        foreach (var setting in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "DEEPL_SERVER_URL" })
        {
            if (environment.GetValueOrDefault(setting)?.Literal is { Length: > 0 } url)
            {
                var uri = new Uri(url);
                addresses.Add((setting, uri.Host, uri.Port));
            }
        }
        foreach (var (setting, host, port) in addresses)
        {
            // service, service.namespace, service.namespace.svc[.cluster.local]: the namespace decides whether it is ours.
            var labels = host.Split('.');
            var inNamespace = labels.Length == 1 || (labels[1] == ns && (labels.Length == 2 || labels[2] == "svc"));
            if (!inNamespace)
            {
                continue;
            }
            var service = ContainerEnvironment.Find(objects, "Service", labels[0], ns);
            if (service is null)
            {
                violations.Add($"{where}: {setting} names Service {labels[0]}, which is not in the rendering");
            }
            else if (!Manifest.Items(service["spec"]?["ports"]).Any(p => (int?)p["port"] == port))
            {
                violations.Add($"{where}: {setting} uses port {port}, which Service {labels[0]} does not expose");
            }
        }
    }

    private static void CheckServer(JsonObject spec, JsonObject container, Dictionary<string, EnvironmentValue> environment, string where, List<string> violations)
    {
        var grpcPort = Manifest.Items(container["ports"]).FirstOrDefault(p => (string?)p["name"] == "grpc")?["containerPort"];
        if (grpcPort is null)
        {
            violations.Add($"{where}: no container port named grpc");
        }
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            if ((int?)container[probe]?["grpc"]?["port"] != (int?)grpcPort)
            {
                violations.Add($"{where}: {probe} is not a gRPC health probe on the grpc port");
            }
        }
        // Each Kestrel endpoint (gRPC, HTTP/JSON, metrics) listens on a port the pod declares, or nothing reaches it.
        var declared = Manifest.Items(container["ports"]).Select(p => (int?)p["containerPort"]).ToHashSet();
        foreach (var (key, value) in environment.Where(e => e.Key.StartsWith("Kestrel__Endpoints__", StringComparison.Ordinal) && e.Key.EndsWith("__Url", StringComparison.Ordinal)))
        {
            if (value.Literal is { Length: > 0 } url && !declared.Contains(new Uri(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal)).Port))
            {
                violations.Add($"{where}: {key} listens on a port that is not a container port");
            }
        }
        CheckWritableTmp(spec, container, where, violations);
        // The drain and the calls in flight must fit in the time Kubernetes gives before SIGKILL.
        var drain = Duration(environment, "Shutdown__DrainDelay", TimeSpan.FromSeconds(5));
        var calls = Duration(environment, "Shutdown__Timeout", TimeSpan.FromSeconds(30));
        var grace = TimeSpan.FromSeconds((int?)spec["terminationGracePeriodSeconds"] ?? 30);
        if (grace <= drain + calls)
        {
            violations.Add($"{where}: terminationGracePeriodSeconds ({grace.TotalSeconds}) does not exceed the drain ({drain}) plus the shutdown timeout ({calls})");
        }
    }

    /// <summary>The runtime's only writable path on the read-only root filesystem.</summary>
    public static void CheckWritableTmp(JsonObject spec, JsonObject container, string where, List<string> violations)
    {
        if (MountedVolume(spec, container, "/tmp")?["emptyDir"] is null)
        {
            violations.Add($"{where}: /tmp is not an emptyDir (the root filesystem is read-only)");
        }
    }

    /// <summary>The pod volume the container mounts at this path, if any.</summary>
    public static JsonObject? MountedVolume(JsonObject spec, JsonObject container, string path)
    {
        var mount = Manifest.Items(container["volumeMounts"]).FirstOrDefault(m => (string?)m["mountPath"] == path);
        return mount is null ? null : Manifest.Items(spec["volumes"]).FirstOrDefault(v => (string?)v["name"] == (string?)mount["name"]);
    }

    private static TimeSpan Duration(Dictionary<string, EnvironmentValue> environment, string key, TimeSpan fallback) =>
        environment.GetValueOrDefault(key)?.Literal is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static void CheckSelectors(IReadOnlyList<JsonObject> objects, List<string> violations)
    {
        var pods = objects.Where(o => o.PodTemplate() is not null)
            .Select(o => (Workload: o, Labels: o.PodTemplate()!["metadata"]?["labels"] as JsonObject, Spec: (JsonObject)o.PodTemplate()!["spec"]!))
            .ToList();
        IEnumerable<JsonObject> Selected(JsonObject o, JsonObject? selector) =>
            pods.Where(p => p.Workload.Namespace() == o.Namespace() && Manifest.Selects(selector, p.Labels)).Select(p => p.Spec);

        foreach (var o in objects)
        {
            switch (o.Kind())
            {
                case "Service":
                    var selected = Selected(o, o["spec"]?["selector"] as JsonObject).ToList();
                    if (selected.Count == 0)
                    {
                        violations.Add($"{o.Id()}: selects no pods of the rendering");
                    }
                    foreach (var port in Manifest.Items(o["spec"]?["ports"]).Select(p => p["targetPort"]).OfType<JsonValue>().Where(t => t.TryGetValue<string>(out _)))
                    {
                        if (!selected.SelectMany(s => s.Containers()).SelectMany(c => Manifest.Items(c["ports"])).Any(p => (string?)p["name"] == (string)port!))
                        {
                            violations.Add($"{o.Id()}: targetPort {port} is not a named port of the pods it selects");
                        }
                    }
                    break;
                case "PodDisruptionBudget":
                case "NetworkPolicy":
                    var selector = (o["spec"]?["selector"] ?? o["spec"]?["podSelector"]) as JsonObject;
                    if (!Selected(o, selector).Any())
                    {
                        violations.Add($"{o.Id()}: selects no pods of the rendering");
                    }
                    break;
                case "HorizontalPodAutoscaler":
                    var target = o["spec"]?["scaleTargetRef"];
                    if (ContainerEnvironment.Find(objects, (string?)target?["kind"] ?? "", (string?)target?["name"], o.Namespace()) is null)
                    {
                        violations.Add($"{o.Id()}: scales {(string?)target?["kind"]} {(string?)target?["name"]}, which is not in the rendering");
                    }
                    break;
            }
        }
    }
}
