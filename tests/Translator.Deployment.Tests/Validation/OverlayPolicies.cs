using System.Text.Json.Nodes;
using Translator.Deployment.Tests.Kustomize;

namespace Translator.Deployment.Tests.Validation;

/// <summary>What each environment promises on top of <see cref="DeploymentRules"/>; one line per violation.</summary>
internal static class OverlayPolicies
{
    /// <summary>
    /// DeepL with no Pseudo fallback (pseudo-localized text must never reach an edition), credentials only from
    /// Secrets, at least three replicas spread over zones, and a disruption budget.
    /// </summary>
    public static List<string> Production(IReadOnlyList<JsonObject> objects)
    {
        var violations = new List<string>();
        // The backfill worker translates for the editions too: the same provider and credential rules.
        foreach (var (workload, container) in DeploymentRules.Workers(objects))
        {
            CheckProviderAndCredentials($"{workload.Id()} container {(string?)container["name"]}", container,
                ContainerEnvironment.Resolve(container, workload.Namespace(), objects), violations);
        }
        foreach (var (workload, container, environment) in Servers(objects, violations))
        {
            var id = workload.Id();
            CheckProviderAndCredentials(id, container, environment, violations);
            var spread = Manifest.Items(workload.PodTemplate()!["spec"]?["topologySpreadConstraints"]);
            if (!spread.Any(c => (string?)c["topologyKey"] == "topology.kubernetes.io/zone" && (string?)c["whenUnsatisfiable"] == "DoNotSchedule"))
            {
                violations.Add($"{id}: replicas are not required to spread across zones");
            }
            if (Autoscaler(objects, workload) is not { } hpa || ((int?)hpa["spec"]?["minReplicas"] ?? 1) < 3)
            {
                violations.Add($"{id}: not autoscaled with at least 3 replicas");
            }
            var labels = workload.PodTemplate()!["metadata"]?["labels"] as JsonObject;
            if (!objects.Any(o => o.Kind() == "PodDisruptionBudget" && o.Namespace() == workload.Namespace()
                && Manifest.Selects(o["spec"]?["selector"] as JsonObject, labels) && o["spec"]?["minAvailable"] is { } min && min.ToString() is not ("0" or "0%")))
            {
                violations.Add($"{id}: no PodDisruptionBudget with minAvailable above zero");
            }
        }
        return violations;
    }

    private static void CheckProviderAndCredentials(string id, JsonObject container, Dictionary<string, EnvironmentValue> environment, List<string> violations)
    {
        var chain = ProviderChain(container, environment);
        if (chain.Count == 0)
        {
            violations.Add($"{id}: no provider chain (Translation__Provider); the default is Pseudo");
        }
        if (chain.Any(p => p.Equals("Pseudo", StringComparison.OrdinalIgnoreCase)))
        {
            violations.Add($"{id}: the provider chain {string.Join(',', chain)} includes Pseudo");
        }
        foreach (var credential in new[] { "DEEPL_AUTH_KEY", "ConnectionStrings__Redis" })
        {
            if (environment.GetValueOrDefault(credential)?.SecretName is null)
            {
                violations.Add($"{id}: {credential} does not come from a Secret");
            }
        }
    }

    /// <summary>The pseudo provider (no DeepL key needed) and one replica.</summary>
    public static List<string> Dev(IReadOnlyList<JsonObject> objects)
    {
        var violations = new List<string>();
        foreach (var (workload, container, environment) in Servers(objects, violations))
        {
            if (ProviderChain(container, environment) is not ["Pseudo"])
            {
                violations.Add($"{workload.Id()}: the provider chain is not Pseudo alone");
            }
            if (Autoscaler(objects, workload) is { } hpa && (int?)hpa["spec"]?["minReplicas"] != 1)
            {
                violations.Add($"{workload.Id()}: does not start with one replica");
            }
        }
        return violations;
    }

    private static List<(JsonObject Workload, JsonObject Container, Dictionary<string, EnvironmentValue> Environment)> Servers(IReadOnlyList<JsonObject> objects, List<string> violations)
    {
        var servers = DeploymentRules.Servers(objects)
            .Select(s => (s.Workload, s.Container, ContainerEnvironment.Resolve(s.Container, s.Workload.Namespace(), objects)))
            .ToList();
        if (servers.Count == 0)
        {
            violations.Add("no workload runs the server image");
        }
        return servers;
    }

    /// <summary>The providers in order, from the environment (either separator) or the command line.</summary>
    private static List<string> ProviderChain(JsonObject container, Dictionary<string, EnvironmentValue> environment)
    {
        var fromEnvironment = environment
            .Where(e => e.Key.Replace(":", "__", StringComparison.Ordinal).Equals("Translation__Provider", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Value.Literal);
        var fromArguments = Manifest.Strings(container["args"]).Concat(Manifest.Strings(container["command"]))
            .Where(a => a.Contains("Translation:Provider=", StringComparison.OrdinalIgnoreCase) || a.Contains("Translation__Provider=", StringComparison.OrdinalIgnoreCase))
            .Select(a => a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        return fromEnvironment.Concat(fromArguments)
            .SelectMany(chain => (chain ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
    }

    private static JsonObject? Autoscaler(IReadOnlyList<JsonObject> objects, JsonObject workload) =>
        objects.FirstOrDefault(o => o.Kind() == "HorizontalPodAutoscaler" && o.Namespace() == workload.Namespace()
            && (string?)o["spec"]?["scaleTargetRef"]?["kind"] == workload.Kind() && (string?)o["spec"]?["scaleTargetRef"]?["name"] == workload.Name());
}
