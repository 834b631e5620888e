using Translator.Core.Corrections.Xliff;

namespace Translator.Core.Tests.Corrections;

public sealed class XliffReaderTests
{
    private const string Document = """
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ko">
          <file id="f1">
            <unit id="u1">
              <segment id="s1" state="translated"><source>Machine.</source><target>기계.</target></segment>
              <segment id="s2" state="final"><source>A<cp hex="0001"/> name <ph id="c1" dataRef="d1"/>.</source><target>이름 <ph id="c1" dataRef="d2"/>.</target></segment>
              <originalData><data id="d1">Kim Jong Un</data><data id="d2">김정은</data></originalData>
            </unit>
          </file>
        </xliff>
        """;

    [Fact]
    public void Read_FinalSegmentWithCodes_ResolvesOriginalsAndSkipsMachineSegments()
    {
        var batch = Assert.Single(XliffReader.Read(Document, 100_000, CancellationToken.None));

        var correction = Assert.Single(batch.Corrections);
        Assert.Equal(("A\u0001 name Kim Jong Un.", "이름 김정은."), (correction.SourceText, correction.TranslatedText));
        Assert.Equal(("en", "ko"), (batch.SourceLanguage, batch.TargetLanguage));
    }

    [Fact]
    public void Read_CancelledCall_StopsWithCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => XliffReader.Read(Document, 100_000, cancelled.Token));
    }

    [Fact]
    public void Read_DocumentOverCharacterLimit_FailsBeforeParsing()
    {
        var error = Assert.Throws<XliffFormatException>(() => XliffReader.Read(Document, 100, CancellationToken.None));

        Assert.Equal(0, error.Line);
        Assert.Contains("more than 100 characters", error.Message);
    }

    [Fact]
    public void Read_DataRefToMissingData_FailsNamingTheLine()
    {
        var broken = Document.Replace("dataRef=\"d2\"", "dataRef=\"d9\"", StringComparison.Ordinal);

        var error = Assert.Throws<XliffFormatException>(() => XliffReader.Read(broken, 100_000, CancellationToken.None));

        Assert.Equal(5, error.Line);
    }
}
