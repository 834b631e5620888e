using Translator.Cleaning;
using Translator.Core.Cleaning;
using Translator.Testing;

namespace Translator.Cleaning.Tests.Samples;

public class ScratchTests
{
    [Fact]
    public void Dump()
    {
        var cleaner = new ArticleCleaner();
        foreach (var f in Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "samples")))
        {
            var r = cleaner.Clean(new RawArticle(RawArticleFormat.Text, File.ReadAllText(f)));
            var lines = new List<string> { $"TITLE: {r.Title}", $"DATELINE: {r.Dateline}", $"BYLINE: {r.Byline}", $"DATE: {r.PublicationDate}" };
            lines.AddRange(r.Paragraphs.Select(p => "P: " + p[..Math.Min(60, p.Length)]));
            lines.AddRange(r.Dropped.Select(d => $"D[{d.Reason}]: " + d.Text[..Math.Min(60, d.Text.Length)]));
            File.WriteAllLines("/tmp/clean-" + Path.GetFileName(f), lines);
        }
    }
}
