namespace Translator.Testing;

/// <summary>Locates the repository and the read-only <c>shared/</c> folder beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding <c>Translator.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The repository's copies of the reference data and wire-copy samples that tests read (never <see cref="Shared"/>).</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "Translator.Testing", "Fixtures");

    /// <summary><c>../shared</c> next to the repository (reference data and samples); for benchmarks, never tests.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Translator.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Translator.sln above {AppContext.BaseDirectory}.");
    }
}
