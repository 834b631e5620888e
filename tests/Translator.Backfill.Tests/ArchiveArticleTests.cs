using Translator.Backfill.Archive;
using Translator.Backfill.Work;
using Translator.Core.Cleaning;

namespace Translator.Backfill.Tests;

public sealed class ArchiveArticleTests
{
    [Theory]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"id\": \"a\"}", "exactly one of")]
    [InlineData("{\"id\": \"a\", \"text\": \"x\", \"html\": \"<p>x</p>\"}", "exactly one of")]
    [InlineData("{\"id\": 5, \"text\": \"x\"}", "\"id\" must be a string")]
    [InlineData("{\"id\": \"a\", \"paragraphs\": [\"x\", 1]}", "\"paragraphs\" must be an array of strings")]
    [InlineData("{\"id\": \"a\", \"text\": \"x\", \"source_language\": \"not a tag\"}", "BCP-47")]
    public void Parse_MalformedLine_ThrowsNamingTheProblem(string line, string problem)
    {
        var ex = Assert.Throws<ArchiveFormatException>(() => ArchiveArticle.Parse(line));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ParagraphsBody_KeepsParagraphsAndSourceLanguage()
    {
        var article = ArchiveArticle.Parse("{\"id\": \"p\", \"title\": \"T\", \"paragraphs\": [\"One.\", \"Two.\"], \"source_language\": \"de\"}");

        Assert.Equal(RawArticleFormat.Paragraphs, article.Format);
        Assert.Equal(["One.", "Two."], article.Paragraphs!);
        Assert.Equal("de", article.SourceLanguage);
    }

    [Fact]
    public void FileName_PlainId_IsKept()
    {
        Assert.Equal("wire-2024.01_07.json", ArticleOutput.FileName("wire-2024.01_07"));
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("статья 1")]
    public void FileName_UnsafeId_StaysInTheDirectory(string id)
    {
        var name = ArticleOutput.FileName(id);

        Assert.Equal(name, Path.GetFileName(name));
        Assert.False(name.StartsWith('.'));
        Assert.All(name, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'));
    }

    [Fact]
    public void FileName_IdsDifferingOnlyInUnsafeCharacters_GetDifferentFiles()
    {
        Assert.NotEqual(ArticleOutput.FileName("a/b"), ArticleOutput.FileName("a:b"));
    }
}
