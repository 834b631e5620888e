using Translator.Testing;

namespace Translator.Bench;

/// <summary>
/// Where benchmarks find the project's reference data: <c>../shared</c> beside the repository. Only benchmarks
/// read it (tests use the copies in <c>tests/Fixtures</c>), so it lives here rather than in the test helpers.
/// </summary>
internal static class BenchPaths
{
    public static string Shared => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared"));
}
