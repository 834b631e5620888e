using System.Xml.Linq;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Cli;

/// <summary><c>translator review export|import</c> as a separate process against the real server on Kestrel.</summary>
public sealed class ReviewCliTests : IDisposable
{
    private static readonly XNamespace X = "urn:oasis:names:tc:xliff:document:2.0";

    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
    private readonly TranslatorServerFactory _factory = new();
    private readonly Uri _server;
    private readonly string _directory = Directory.CreateTempSubdirectory("translator-review-cli-").FullName;
    private readonly string _article;

    public ReviewCliTests()
    {
        _server = _factory.StartKestrel();
        _article = Path.Combine(_directory, "story.txt");
        File.WriteAllText(_article, "The leaders met on Tuesday. They talked for hours.\n");
    }

    public void Dispose()
    {
        _factory.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<ProcessResult> Cli(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "translator.dll"), .. args, "--server", _server.ToString()], null, null, _ct);

    [Fact]
    public async Task ReviewExportThenImport_FinalSegment_NextTranslateUsesIt()
    {
        var xliffPath = Path.Combine(_directory, "story.ko.xlf");
        var exported = await Cli("review", "export", _article, "--to", "ko", "--out", xliffPath);
        Assert.True(exported.ExitCode == 0, exported.StandardError);

        var xliff = XDocument.Load(xliffPath, LoadOptions.PreserveWhitespace);
        var segment = xliff.Descendants(X + "segment").First();
        segment.Element(X + "target")!.Value = "정상들은 화요일에 만났다.";
        segment.SetAttributeValue("state", "final");
        xliff.Save(xliffPath, SaveOptions.DisableFormatting);

        var imported = await Cli("review", "import", xliffPath);
        Assert.True(imported.ExitCode == 0, imported.StandardError);
        Assert.Contains("imported 1 corrections", imported.StandardOutput, StringComparison.Ordinal);

        var translated = await Cli("translate", _article, "--to", "ko");
        Assert.True(translated.ExitCode == 0, translated.StandardError);
        Assert.Contains("정상들은 화요일에 만났다.", translated.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewImport_NotXliff_ExitsInvalidInputNamingTheLine()
    {
        var path = Path.Combine(_directory, "bad.xlf");
        await File.WriteAllTextAsync(path, "<xliff>\n<unclosed>", _ct);

        var result = await Cli("review", "import", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line", result.StandardError, StringComparison.OrdinalIgnoreCase);
    }
}
