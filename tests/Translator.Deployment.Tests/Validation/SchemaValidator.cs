using System.Text.Json.Nodes;
using k8s;
using Translator.Deployment.Tests.Kustomize;
using Translator.Testing;

namespace Translator.Deployment.Tests.Validation;

/// <summary>
/// Checks objects the way the API server would accept them: against the OpenAPI schemas of a current Kubernetes
/// release (npm's kubernetes-models, run in Node: types, required fields, formats), and with strict field
/// validation (the KubernetesClient models, which reject fields the API does not have, as kubectl apply does).
/// KEDA's custom resources, which neither knows, go to <see cref="KedaValidator"/>.
/// </summary>
internal static class SchemaValidator
{
    private static readonly string Directory = Path.Combine(RepositoryPaths.Root, "tests", "k8s-schema");
    private static readonly SemaphoreSlim InstallOnce = new(1, 1);

    /// <summary>One line per problem, naming the object.</summary>
    public static async Task<IReadOnlyList<string>> ValidateAsync(IReadOnlyList<JsonObject> rendering, CancellationToken cancellationToken)
    {
        var problems = rendering.Where(KedaValidator.Handles).SelectMany(KedaValidator.Validate).ToList();
        var objects = rendering.Where(o => !KedaValidator.Handles(o)).ToList();
        foreach (var o in objects)
        {
            try
            {
                KubernetesYaml.LoadAllFromString(o.ToJsonString(), typeMap: null, strict: true);
            }
            catch (Exception e)
            {
                problems.Add($"{o.Id()}: {e.Message}");
            }
        }

        await EnsureInstalledAsync(cancellationToken);
        var input = new JsonArray(objects.Select(o => (JsonNode)o.DeepClone()).ToArray()).ToJsonString();
        var result = await ProcessRunner.RunAsync("node", ["validate.mjs"], Directory, input, cancellationToken);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (result.ExitCode != 0 || !lines.Contains($"checked {objects.Count}"))
        {
            throw new InvalidOperationException($"The schema validator did not run: {result.StandardOutput}{result.StandardError}");
        }
        foreach (var line in lines.Where(l => l.StartsWith("invalid ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ', 3);
            problems.Add($"{objects[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)].Id()}: {parts[2]}");
        }
        return problems;
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallOnce.WaitAsync(cancellationToken);
        try
        {
            if (!System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "kubernetes-models")))
            {
                var install = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Directory, null, cancellationToken);
                if (install.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm ci in {Directory} failed: {install.StandardError}");
                }
            }
        }
        finally
        {
            InstallOnce.Release();
        }
    }
}
