using Translator.Core.Glossary;
using Translator.Testing;

namespace Translator.Core.Tests.Glossary;

public sealed class GlossaryFilesTests
{
    private static readonly Core.Glossary.Glossary Sample = new("wire", "Wire names", "en", 7,
    [
        new GlossaryEntry("Kim Jong Un", ["Kim Jong-un", "Kim Jong-Un"],
            new Dictionary<string, string> { ["ko"] = "김정은", ["ru"] = "Ким Чен Ын", ["ja"] = "キム・ジョンウン" }, "ja media: 金正恩"),
        new GlossaryEntry("KCNA", [], new Dictionary<string, string> { ["ko"] = "조선중앙통신" }, "state agency, \"official\"; a note, with commas\tand a tab", CaseSensitive: true),
        new GlossaryEntry("Razdolnaya River", [], new Dictionary<string, string> { ["ru"] = "река Раздольная", ["pt-BR"] = "rio Razdolnaya & <co>" }),
    ]);

    [Theory]
    [InlineData(GlossaryFormat.Tsv)]
    [InlineData(GlossaryFormat.Csv)]
    [InlineData(GlossaryFormat.Tbx)]
    public void WriteThenRead_EveryFormat_RoundTripsEveryField(GlossaryFormat format)
    {
        var sample = Sample;

        var read = GlossaryFiles.Read(format, GlossaryFiles.Write(format, sample), "en");

        Assert.Equal(sample.Entries.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            var (expected, actual) = (sample.Entries[i], read[i]);
            Assert.Equal(expected.Term, actual.Term);
            Assert.Equal(expected.Variants, actual.Variants);
            Assert.Equal(expected.Renderings.OrderBy(r => r.Key), actual.Renderings.OrderBy(r => r.Key));
            Assert.Equal(expected.Note, actual.Note);
            Assert.Equal(expected.CaseSensitive, actual.CaseSensitive);
        }
    }

    [Fact]
    public void Write_Tbx_IsIso30042TbxBasic()
    {
        var tbx = System.Xml.Linq.XDocument.Parse(GlossaryFiles.Write(GlossaryFormat.Tbx, Sample));

        var root = tbx.Root!;
        Assert.Equal("{urn:iso:std:iso:30042:ed-2}tbx", root.Name.ToString());
        Assert.Equal("TBX-Basic", (string?)root.Attribute("type"));
        Assert.Equal(3, root.Descendants(root.Name.Namespace + "conceptEntry").Count());
    }

    [Fact]
    public void Read_TbxVersion2Martif_ReadsTermEntries()
    {
        const string martif = """
            <martif type="TBX" xml:lang="en"><text><body>
              <termEntry id="t1">
                <langSet xml:lang="en"><tig><term>Pyongyang</term></tig></langSet>
                <langSet xml:lang="ko"><tig><term>평양</term></tig></langSet>
              </termEntry>
            </body></text></martif>
            """;

        var entry = Assert.Single(GlossaryFiles.Read(GlossaryFormat.Tbx, martif, "en"));

        Assert.Equal("Pyongyang", entry.Term);
        Assert.Equal("평양", entry.Renderings["ko"]);
    }

    [Theory]
    [InlineData(GlossaryFormat.Tsv, "variants\tko\nKim\t김")]
    [InlineData(GlossaryFormat.Tsv, "term\tnot a language\nKim\t김")]
    [InlineData(GlossaryFormat.Csv, "term,ko\n\"Kim,김")]
    [InlineData(GlossaryFormat.Csv, "term,case_sensitive\nKim,perhaps")]
    [InlineData(GlossaryFormat.Tbx, "<tbx xml:lang=\"en\"><text><body><conceptEntry><langSec xml:lang=\"ko\"><termSec><term>김</term></termSec></langSec></conceptEntry></body></text></tbx>")]
    [InlineData(GlossaryFormat.Tbx, "<!DOCTYPE tbx [<!ENTITY a \"b\">]><tbx xml:lang=\"en\">&a;</tbx>")]
    [InlineData(GlossaryFormat.Tbx, "<tbx")]
    public void Read_Malformed_ThrowsFormatException(GlossaryFormat format, string text)
    {
        Assert.Throws<GlossaryFormatException>(() => GlossaryFiles.Read(format, text, "en"));
    }

    [Fact]
    public void DefaultGlossary_HoldsEveryReferenceNameWithItsRenderings()
    {
        var reference = ReferenceName.Load();

        var glossary = DefaultGlossary.Load();
        GlossaryValidator.Validate(glossary);

        Assert.Equal(Core.Glossary.Glossary.DefaultId, glossary.Id);
        Assert.Equal(reference.Count, glossary.Entries.Count);
        foreach (var name in reference)
        {
            var entry = Assert.Single(glossary.Entries, e => e.Term == name.English);
            Assert.Equal(name.Variants, entry.Variants);
            Assert.Equal(name.Renderings.OrderBy(r => r.Key), entry.Renderings.OrderBy(r => r.Key));
        }
    }
}
