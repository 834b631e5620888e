using System.Text.Json.Nodes;
using Translator.Deployment.Tests.Kustomize;
using Translator.Testing;

namespace Translator.Deployment.Tests;

/// <summary>
/// The overlays under k8s/overlays, rendered from a copy of k8s/ that holds what the deploy pipeline adds: the
/// production secret files (placeholders here; the real ones are never committed).
/// </summary>
internal static class Overlays
{
    public static readonly TheoryData<string> All = new(
        Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "k8s", "overlays")).Select(Path.GetFileName).OfType<string>().Order());

    private static readonly Lazy<string> Tree = new(CopyWithSecrets);

    /// <summary>The overlay's directory in the prepared copy.</summary>
    public static string Location(string overlay) => Path.Combine(Tree.Value, "overlays", overlay);

    public static List<JsonObject> Render(string overlay) => KustomizeRenderer.Render(Location(overlay));

    private static string CopyWithSecrets()
    {
        var source = Path.Combine(RepositoryPaths.Root, "k8s");
        var copy = System.IO.Directory.CreateTempSubdirectory("translator-k8s-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(copy, recursive: true);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var secrets = Path.Combine(copy, "overlays", "production", "secrets");
        File.WriteAllText(Path.Combine(secrets, "deepl-auth-key"), "placeholder-deepl-key:fx");
        File.WriteAllText(Path.Combine(secrets, "admin-key"), "placeholder-admin-key-of-forty-characters");
        File.WriteAllText(Path.Combine(secrets, "redis-connection-string"), "redis.example.internal:6380,ssl=true,abortConnect=false");
        File.WriteAllText(Path.Combine(secrets, "redis-address"), "redis.example.internal:6380");
        File.WriteAllText(Path.Combine(secrets, "redis-password"), "placeholder-password");
        return copy;
    }
}
