using System.Xml.Linq;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Review;

/// <summary>XLIFF 2.0 export and import through the real server in memory, as an editor's CAT tool would use them.</summary>
public sealed class XliffTests : IDisposable
{
    private static readonly XNamespace X = "urn:oasis:names:tc:xliff:document:2.0";
    private const string Story = "Kim Jong Un met the envoy on Monday. They talked for hours.\n\nNothing was signed.";

    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly TranslatorServerFactory _server = new TranslatorServerFactory().WithProvider(new CountingProvider());
    private readonly ReviewService.ReviewServiceClient _review;
    private readonly TranslationService.TranslationServiceClient _translation;

    public XliffTests()
    {
        var channel = _server.CreateChannel();
        _review = new ReviewService.ReviewServiceClient(channel);
        _translation = new TranslationService.TranslationServiceClient(channel);
    }

    public void Dispose() => _server.Dispose();

    private async Task<XDocument> ExportAsync(string text = Story, string title = "") =>
        XDocument.Parse((await _review.ExportXliffAsync(new ExportXliffRequest
        {
            Article = new Article { Title = title, Text = text },
            SourceLanguage = "en",
            TargetLanguage = "ko",
        }, cancellationToken: _ct)).Content, LoadOptions.SetLineInfo);

    [Fact]
    public async Task ExportXliff_Article_IsXliff20WithUnitPerParagraphAndSegmentPerSentence()
    {
        var xliff = await ExportAsync(title: "Envoy on Monday");

        var root = xliff.Root!;
        Assert.Equal(X + "xliff", root.Name);
        Assert.Equal(("2.0", "en", "ko"), ((string?)root.Attribute("version"), (string?)root.Attribute("srcLang"), (string?)root.Attribute("trgLang")));
        var units = root.Elements(X + "file").Single().Elements(X + "unit").ToArray();
        Assert.Equal([1, 2, 1], units.Select(u => u.Elements(X + "segment").Count()));
        var segments = units.SelectMany(u => u.Elements(X + "segment")).ToArray();
        Assert.All(segments, s =>
        {
            Assert.Equal("translated", (string?)s.Attribute("state"));
            Assert.NotNull(s.Element(X + "source"));
            Assert.NotNull(s.Element(X + "target"));
        });
        Assert.Equal(segments.Length, segments.Select(s => (string?)s.Attribute("id")).Distinct().Count() + units.Length - 1);
        Assert.Equal("They talked for hours.", segments[2].Element(X + "source")!.Value);
    }

    [Fact]
    public async Task ExportXliff_GlossaryTerm_IsProtectedCodeWithOriginalsInSourceAndTarget()
    {
        var unit = (await ExportAsync()).Descendants(X + "unit").First();

        var data = unit.Element(X + "originalData")!.Elements(X + "data").ToDictionary(d => (string)d.Attribute("id")!, d => d.Value);
        var segment = unit.Elements(X + "segment").First();
        var sourceCode = Assert.Single(segment.Element(X + "source")!.Elements(X + "ph"));
        var targetCode = Assert.Single(segment.Element(X + "target")!.Elements(X + "ph"));
        Assert.Equal((string?)sourceCode.Attribute("id"), (string?)targetCode.Attribute("id"));
        Assert.Equal("no", (string?)sourceCode.Attribute("canDelete"));
        Assert.Equal("Kim Jong Un", data[(string)sourceCode.Attribute("dataRef")!]);
        Assert.Equal("김정은", data[(string)targetCode.Attribute("dataRef")!]);
        Assert.Equal(" met the envoy on Monday.", segment.Element(X + "source")!.Value);
    }

    [Fact]
    public async Task ExportXliff_ShortFormsInTheStory_ExportsEverySegment()
    {
        // "Kim" after the full name and "Putin" without one: short forms the glossary matches per segment.
        var xliff = await ExportAsync("Kim Jong Un arrived on Monday. Kim met the envoy.\n\nPutin did not come.");

        var sources = xliff.Descendants(X + "segment").Select(s => s.Element(X + "source")!.Value).ToArray();
        Assert.Equal(3, sources.Length);
        Assert.Equal("Putin did not come.", sources[2]);
    }

    [Fact]
    public async Task ImportXliff_EditedTargetsMarkedFinal_NextTranslationServesThemAsHuman()
    {
        var xliff = await ExportAsync();
        var segments = xliff.Descendants(X + "segment").ToArray();
        // An editor rewrites the sentence around the protected name (keeping its code) and another one entirely.
        var withName = segments[0].Element(X + "target")!;
        var code = withName.Element(X + "ph")!;
        withName.ReplaceNodes(code, " 위원장이 월요일에 특사를 만났다.");
        segments[0].SetAttributeValue("state", "final");
        segments[1].Element(X + "target")!.Value = "그들은 몇 시간 동안 대화했다.";
        segments[1].SetAttributeValue("state", "reviewed");

        var imported = await _review.ImportXliffAsync(new ImportXliffRequest { Content = xliff.ToString(SaveOptions.DisableFormatting) }, cancellationToken: _ct);
        Assert.Equal(2, imported.Imported);
        Assert.Empty(imported.Violations);

        var next = await _translation.TranslateArticleAsync(CorrectionTests.Outlet("They talked for hours. Kim Jong Un met the envoy on Monday.", "ko"), cancellationToken: _ct);
        var translated = next.Translations[0];
        Assert.All(translated.Paragraphs[0].Segments, s => Assert.Equal(SegmentOrigin.Human, s.Origin));
        Assert.Equal("그들은 몇 시간 동안 대화했다. 김정은 위원장이 월요일에 특사를 만났다.", translated.Paragraphs[0].Text);

        var again = await ExportAsync();
        Assert.Equal(["final", "final", "translated"], again.Descendants(X + "segment").Select(s => (string)s.Attribute("state")!));
    }

    [Fact]
    public async Task ImportXliff_ToolIndentedMixedContent_IgnoresTheIndentation()
    {
        var xliff = await ExportAsync();
        var segment = xliff.Descendants(X + "segment").First();
        var target = segment.Element(X + "target")!;
        target.ReplaceNodes(target.Element(X + "ph"), " 위원장이 특사를 만났다.");
        segment.SetAttributeValue("state", "final");

        // XDocument's default formatting indents before the leading <ph>, as many XML tools do.
        await _review.ImportXliffAsync(new ImportXliffRequest { Content = xliff.ToString() }, cancellationToken: _ct);

        var next = await _translation.TranslateArticleAsync(CorrectionTests.Outlet("Kim Jong Un met the envoy on Monday.", "ko"), cancellationToken: _ct);
        Assert.Equal("김정은 위원장이 특사를 만났다.", next.Translations[0].Paragraphs[0].Text);
    }

    [Theory]
    [InlineData("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"ko\">\n<file id=\"f\">\n<unit id=\"u\"></file>", "line 3")]
    [InlineData("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n</xliff>", "Line 1: Not an XLIFF 2 document")]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>\n<xliff>&lol2;</xliff>", "DTDs are not accepted")]
    [InlineData("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"en-GB\"/>", "trgLang is the source language")]
    public async Task ImportXliff_BadDocument_InvalidArgumentSayingWhere(string content, string expected)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _review.ImportXliffAsync(new ImportXliffRequest { Content = content }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations);
        Assert.Equal("content", violation.Field);
        Assert.Contains(expected, violation.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ImportXliff_NestedTooDeep_InvalidArgumentNamingTheLine()
    {
        var deep = string.Concat(Enumerable.Repeat("<mrk id=\"m\">", 40)) + "x" + string.Concat(Enumerable.Repeat("</mrk>", 40));
        var content = $"<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"ko\">\n<file id=\"f\"><unit id=\"u\"><segment state=\"final\">\n<source>{deep}</source><target>y</target></segment></unit></file></xliff>";

        var error = await Assert.ThrowsAsync<RpcException>(() => _review.ImportXliffAsync(new ImportXliffRequest { Content = content }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Line 3: Elements are nested deeper than 32 levels", error.Status.Detail);
    }

    [Fact]
    public async Task ImportXliff_OverSizeLimit_InvalidArgumentWithoutParsing()
    {
        var content = new string(' ', 2_000_001);

        var error = await Assert.ThrowsAsync<RpcException>(() => _review.ImportXliffAsync(new ImportXliffRequest { Content = content }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("2000000 characters", error.Status.Detail);
    }
}
