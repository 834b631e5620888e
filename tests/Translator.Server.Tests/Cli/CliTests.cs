using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Cli;

/// <summary>The <c>translator</c> CLI as a separate process against the real server on Kestrel.</summary>
public sealed class CliTests : IDisposable
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
    private readonly TranslatorServerFactory _factory = new();
    private readonly Uri _server;
    private readonly string _article = Path.Combine(Path.GetTempPath(), $"translator-cli-{Guid.NewGuid():N}.txt");

    public CliTests()
    {
        _server = _factory.StartKestrel();
        File.WriteAllText(_article, "Kim Jong Un met Vladimir Putin. They talked for 3 hours.\n\nThe U.S. said nothing.\n");
    }

    public void Dispose()
    {
        _factory.Dispose();
        File.Delete(_article);
    }

    private Task<ProcessResult> Cli(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "translator.dll"), .. args], null, null, _ct);

    [Fact]
    public async Task Translate_ThreeLanguages_PrintsEachTranslationAndExitsZero()
    {
        var result = await Cli("translate", _article, "--to", "ko,ru,ja", "--server", _server.ToString());

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("== ko ==", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("== ru ==", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("⟦ja⟧", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateStream_PrintsSegmentLinesThenCompletion()
    {
        var result = await Cli("translate", _article, "--to", "ko", "--stream", "--server", _server.ToString());

        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Count(l => l.StartsWith("[ko 1.", StringComparison.Ordinal) || l.StartsWith("[ko 2.", StringComparison.Ordinal)));
        Assert.StartsWith("[ko done] 3 segments", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateJson_PrintsParseableResponse()
    {
        var result = await Cli("translate", _article, "--to", "ko", "--json", "--server", _server.ToString());

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        Assert.Equal("ko", json.RootElement.GetProperty("translations")[0].GetProperty("targetLanguage").GetString());
    }

    [Fact]
    public async Task Segment_PrintsNumberedSegments()
    {
        var result = await Cli("segment", _article, "--server", _server.ToString());

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("1.2\tThey talked for 3 hours.", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2.1\tThe U.S. said nothing.", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_InvalidLanguage_ExitsTwoAndNamesTheField()
    {
        var result = await Cli("translate", _article, "--to", "ko,en", "--server", _server.ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("target_languages[1]", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_MissingFile_ExitsTwo()
    {
        var result = await Cli("translate", _article + ".missing", "--to", "ko", "--server", _server.ToString());

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Translate_Directory_ExitsTwoWithAClearErrorAndNoStackTrace()
    {
        var result = await Cli("translate", Path.GetTempPath(), "--to", "ko", "--server", _server.ToString());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a directory", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_RequestOverTheServersSizeLimit_ExitsTwoNotRetryLater()
    {
        // Over the server's receive limit, which is the largest page (Translation:MaxPageBytes, 5 MB) plus room for the
        // other fields: about 6 MB.
        var big = Path.Combine(Path.GetTempPath(), $"translator-cli-big-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(big, string.Concat(Enumerable.Repeat("A sentence of wire copy that goes on. ", 160_000)), _ct);
        try
        {
            var result = await Cli("translate", big, "--to", "ko", "--server", _server.ToString());

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("ResourceExhausted", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(big);
        }
    }

    [Fact]
    public async Task Translate_UnaryResponseOverFourMegabytes_PrintsIt()
    {
        // 190,000 characters (under the article limit) into six languages with per-segment detail: well over 4 MB.
        var big = Path.Combine(Path.GetTempPath(), $"translator-cli-wide-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(big, string.Join("\n\n", Enumerable.Range(0, 950).Select(i => $"Paragraph {i} of the long report. " + string.Concat(Enumerable.Repeat("Officials met again today. ", 6)))), _ct);
        try
        {
            var result = await Cli("translate", big, "--to", "ko,ru,ja,de,fr,es", "--json", "--server", _server.ToString());

            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(result.StandardOutput) > 4 * 1024 * 1024);
        }
        finally
        {
            File.Delete(big);
        }
    }

    [Fact]
    public async Task Translate_NoServerListening_ExitsThree()
    {
        var port = _server.Port;
        _factory.Dispose();

        var result = await Cli("translate", _article, "--to", "ko", "--server", $"http://127.0.0.1:{port}");

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Translate_MissingTargets_ExitsOneWithUsage()
    {
        var result = await Cli("translate", _article);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--to", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateClean_ScrapedPage_TranslatesOnlyTheArticle()
    {
        var page = Path.Combine(RepositoryPaths.Fixtures, "samples", "wire-copy-tabloid.txt");

        var result = await Cli("translate", page, "--to", "ko", "--clean", "--json", "--server", _server.ToString());

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        var paragraphs = json.RootElement.GetProperty("translations")[0].GetProperty("paragraphs");
        Assert.Equal(20, paragraphs.GetArrayLength());
        Assert.DoesNotContain("READ MORE", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_ScrapedPage_PrintsTitleParagraphsAndDroppedBlocks()
    {
        var page = Path.Combine(RepositoryPaths.Fixtures, "samples", "wire-copy-observer.txt");

        var result = await Cli("clean", page, "--server", _server.ToString());

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.StartsWith("# North Korea’s Kim is in Russia", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("dateline: SEOUL, South Korea (AP)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("- dropped (Caption): A green train", result.StandardOutput, StringComparison.Ordinal);
    }
}
