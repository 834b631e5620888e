namespace Translator.Core.Tests.Segmentation;

/// <summary>One case of a segmentation fixture file: a paragraph and the sentences it must split into.</summary>
public sealed record SegmentationCase(string Name, string Language, bool News, string Text, IReadOnlyList<string> Sentences)
{
    public override string ToString() => Name;

    /// <summary>
    /// Reads a fixture file: <c>== name [news|other]</c> opens a case, <c>&gt; </c> gives its text,
    /// <c>- </c> each expected sentence; <c>#</c> lines are comments.
    /// </summary>
    public static IReadOnlyList<SegmentationCase> Load(string fileName, string language)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Segmentation", "Fixtures", fileName);
        var cases = new List<SegmentationCase>();
        string? name = null;
        var news = false;
        string? text = null;
        var sentences = new List<string>();
        void Flush()
        {
            if (name is not null)
            {
                cases.Add(new SegmentationCase(name, language, news, text ?? throw new FormatException($"{fileName}: {name} has no text"), sentences.ToArray()));
            }
            sentences.Clear();
            text = null;
        }
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                Flush();
                var tag = line.LastIndexOf('[');
                name = line[3..tag].Trim();
                news = line[tag..].StartsWith("[news]", StringComparison.Ordinal);
            }
            else if (line.StartsWith("> ", StringComparison.Ordinal))
            {
                text = line[2..];
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                sentences.Add(line[2..]);
            }
        }
        Flush();
        return cases;
    }
}
