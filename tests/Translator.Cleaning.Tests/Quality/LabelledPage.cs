namespace Translator.Cleaning.Tests.Quality;

/// <summary>A page from Fixtures/ and the article a reader would cut out of it.</summary>
internal sealed record LabelledPage(string Name, string Page, string Title, IReadOnlyList<string> Paragraphs)
{
    private const string Separator = "@@@@ EXPECTED @@@@";

    public static IReadOnlyList<LabelledPage> Load(string split) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", split), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(Parse)
            .ToArray();

    private static LabelledPage Parse(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var cut = text.IndexOf(Separator, StringComparison.Ordinal);
        var expected = text[(cut + Separator.Length)..].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new LabelledPage(
            Path.GetFileNameWithoutExtension(path),
            text[..cut],
            expected[0]["TITLE:".Length..].Trim(),
            expected[1..]);
    }
}
