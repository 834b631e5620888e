namespace Translator.Testing;

/// <summary>Locates the repository and the fixtures it carries, so a fresh clone runs its tests with nothing beside it.</summary>
public static class RepositoryPaths
{
    /// <summary>The directory holding <c>Translator.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>tests/Fixtures</c>: copies of the reference names and the scraped wire-copy samples.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "Fixtures");

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
