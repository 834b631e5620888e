namespace Translator.Testing;

/// <summary>One row of <c>tests/Fixtures/reference/names.tsv</c>: the established renderings of a name.</summary>
public sealed record ReferenceName(string English, IReadOnlyList<string> Variants, IReadOnlyDictionary<string, string> Renderings)
{
    /// <summary>Every row of the reference file, in file order.</summary>
    public static IReadOnlyList<ReferenceName> Load() =>
        File.ReadAllLines(Path.Combine(RepositoryPaths.Fixtures, "reference", "names.tsv"))
            .Where(l => !l.StartsWith('#'))
            .Skip(1)
            .Select(l => l.Split('\t'))
            .Select(row => new ReferenceName(
                row[0],
                row[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                new Dictionary<string, string> { ["ko"] = row[2], ["ru"] = row[3], ["ja"] = row[4] }))
            .ToArray();
}

/// <summary>One row of the reference <c>second-references.tsv</c>: a short form, the name it stands for, its renderings.</summary>
public sealed record SecondReference(string ShortForm, string RefersTo, IReadOnlyDictionary<string, string> Renderings)
{
    public static IReadOnlyList<SecondReference> Load() =>
        File.ReadAllLines(Path.Combine(RepositoryPaths.Fixtures, "reference", "second-references.tsv"))
            .Where(l => !l.StartsWith('#'))
            .Skip(1)
            .Select(l => l.Split('\t'))
            .Select(row => new SecondReference(row[0], row[1], new Dictionary<string, string> { ["ko"] = row[2], ["ru"] = row[3], ["ja"] = row[4] }))
            .ToArray();
}
