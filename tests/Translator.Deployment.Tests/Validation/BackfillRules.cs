using System.Text.Json.Nodes;
using Translator.Backfill.Jobs;
using Translator.Deployment.Tests.Kustomize;

namespace Translator.Deployment.Tests.Validation;

/// <summary>
/// The backfill worker and what scales it: the worker runs `work` on a job with its output on a volume that
/// outlives the pod, and a ScaledObject watches that same job's stream and consumer group (the names come from
/// <see cref="BackfillQueue"/>, so a renamed key breaks this check, not production) with credentials it can
/// actually read.
/// </summary>
internal static class BackfillRules
{
    /// <summary>Where the Dockerfile publishes the worker (ImageTests holds the Dockerfile to it).</summary>
    public const string EntryAssembly = "/app/backfill/translator-backfill.dll";

    /// <summary>How long the worker gives the article in hand after SIGTERM, unless configured (TranslatorOptions' default).</summary>
    private static readonly TimeSpan DefaultMaxCallDuration = TimeSpan.FromMinutes(10);

    public static void Check(IReadOnlyList<JsonObject> objects, List<string> violations)
    {
        foreach (var (workload, container) in DeploymentRules.Workers(objects))
        {
            CheckWorker(workload, container, objects, violations);
        }
        foreach (var scaler in objects.Where(o => o.Kind() == "ScaledObject"))
        {
            CheckScaler(scaler, objects, violations);
        }
    }

    /// <summary>The job the worker container works on, resolving $(VAR) from its environment; null when it has none.</summary>
    public static string? Job(JsonObject workload, JsonObject container, IReadOnlyList<JsonObject> objects)
    {
        var args = Manifest.Strings(container["args"]).ToList();
        var index = args.IndexOf("--job");
        if (index < 0 || index + 1 >= args.Count)
        {
            return null;
        }
        var job = args[index + 1];
        if (job.StartsWith("$(", StringComparison.Ordinal) && job.EndsWith(')'))
        {
            return ContainerEnvironment.Resolve(container, workload.Namespace(), objects).GetValueOrDefault(job[2..^1])?.Literal;
        }
        return job;
    }

    private static void CheckWorker(JsonObject workload, JsonObject container, IReadOnlyList<JsonObject> objects, List<string> violations)
    {
        var where = $"{workload.Id()} container {(string?)container["name"]}";
        var spec = (JsonObject)workload.PodTemplate()!["spec"]!;
        var command = Manifest.Strings(container["command"]).ToList();
        var args = Manifest.Strings(container["args"]).ToList();
        if (command is not ["dotnet", EntryAssembly] || args.FirstOrDefault() != "work")
        {
            violations.Add($"{where}: does not run `dotnet {EntryAssembly} work` (command {string.Join(' ', command)}, args {string.Join(' ', args)})");
        }
        if (Job(workload, container, objects) is not { } job || !BackfillQueue.IsValidJobId(job))
        {
            violations.Add($"{where}: no valid job id (--job, resolved from the environment)");
        }
        var output = args.IndexOf("--output") is var o and >= 0 && o + 1 < args.Count ? args[o + 1] : null;
        if (output is null)
        {
            violations.Add($"{where}: no --output directory");
        }
        else if (DeploymentRules.MountedVolume(spec, container, output)?["persistentVolumeClaim"] is null)
        {
            // Articles are acknowledged once their file is written: a volume that dies with the pod loses them.
            violations.Add($"{where}: the output directory {output} is not on a PersistentVolumeClaim");
        }
        DeploymentRules.CheckWritableTmp(spec, container, where, violations);
        var environment = ContainerEnvironment.Resolve(container, workload.Namespace(), objects);
        if (!environment.ContainsKey("ConnectionStrings__Redis"))
        {
            violations.Add($"{where}: no ConnectionStrings__Redis (the job lives in Redis)");
        }
        var article = environment.GetValueOrDefault("Translation__MaxCallDuration")?.Literal is { } text
            ? TimeSpan.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : DefaultMaxCallDuration;
        var grace = TimeSpan.FromSeconds((int?)spec["terminationGracePeriodSeconds"] ?? 30);
        if (grace <= article)
        {
            violations.Add($"{where}: terminationGracePeriodSeconds ({grace.TotalSeconds}) does not exceed the time the article in hand may take ({article})");
        }
    }

    private static void CheckScaler(JsonObject scaler, IReadOnlyList<JsonObject> objects, List<string> violations)
    {
        var id = scaler.Id();
        var targetRef = scaler["spec"]?["scaleTargetRef"];
        var kind = (string?)targetRef?["kind"] ?? "Deployment";
        var target = ContainerEnvironment.Find(objects, kind, (string?)targetRef?["name"], scaler.Namespace());
        if (target is null)
        {
            violations.Add($"{id}: scales {kind} {(string?)targetRef?["name"]}, which is not in the rendering");
            return;
        }
        var worker = DeploymentRules.Workers(objects).FirstOrDefault(w => w.Workload == target);
        if (worker.Container is null)
        {
            violations.Add($"{id}: scales {target.Id()}, which is not a backfill worker");
            return;
        }
        var job = Job(worker.Workload, worker.Container, objects);
        var stream = job is null ? null : (string?)new BackfillQueue(null!, job).StreamKey;
        foreach (var trigger in Manifest.Items(scaler["spec"]?["triggers"]))
        {
            if ((string?)trigger["metadata"]?["stream"] != stream)
            {
                violations.Add($"{id}: watches stream {(string?)trigger["metadata"]?["stream"]}, but the worker's job {job} is stream {stream}");
            }
            if ((string?)trigger["metadata"]?["consumerGroup"] != BackfillQueue.GroupName)
            {
                violations.Add($"{id}: watches consumer group {(string?)trigger["metadata"]?["consumerGroup"]}, not the workers' {BackfillQueue.GroupName}");
            }
            if ((string?)trigger["authenticationRef"]?["name"] is { } authName)
            {
                CheckAuthentication(id, authName, worker.Workload, objects, violations);
            }
        }
    }

    /// <summary>KEDA reads env parameters from the target's containers: each must be a container's variable there.</summary>
    private static void CheckAuthentication(string id, string name, JsonObject workload, IReadOnlyList<JsonObject> objects, List<string> violations)
    {
        var authentication = ContainerEnvironment.Find(objects, "TriggerAuthentication", name, workload.Namespace());
        if (authentication is null)
        {
            violations.Add($"{id}: TriggerAuthentication {name} is not in the rendering");
            return;
        }
        var containers = ((JsonObject)workload.PodTemplate()!["spec"]!).Containers().ToList();
        foreach (var variable in Manifest.Items(authentication["spec"]?["env"]))
        {
            var parameter = (string?)variable["parameter"] ?? "";
            if (!KedaValidator.IsRedisParameter(parameter))
            {
                violations.Add($"{authentication.Id()}: {parameter} is not a parameter of the Redis scaler");
            }
            var container = containers.FirstOrDefault(c => (string?)c["name"] == ((string?)variable["containerName"] ?? (string?)containers[0]["name"]));
            if (container is null || !ContainerEnvironment.Resolve(container, workload.Namespace(), objects).ContainsKey((string)variable["name"]!))
            {
                violations.Add($"{authentication.Id()}: {parameter} reads {(string?)variable["name"]}, which {workload.Id()} container {(string?)variable["containerName"]} does not have");
            }
        }
    }
}
