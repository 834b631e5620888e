using System.Xml.Linq;
using Translator.Core.Glossary;
using Translator.Testing;

namespace Translator.Core.Tests.Glossary;

/// <summary>Short forms (second references) as part of an entry, in every file format and in the starter glossary.</summary>
public sealed class ShortFormFilesTests
{
    private static readonly Core.Glossary.Glossary Sample = new("wire", "Wire names", "en", 7,
    [
        new GlossaryEntry("Kim Jong Un", ["Kim Jong-un"], new Dictionary<string, string> { ["ko"] = "김정은", ["ru"] = "Ким Чен Ын" },
            ShortForms: ["Kim"]),
        new GlossaryEntry("Vladimir Putin", [], new Dictionary<string, string> { ["ko"] = "블라디미르 푸틴", ["ru"] = "Владимир Путин" },
            ShortForms: ["Putin", "Mr Putin"], ShortRenderings: new Dictionary<string, string> { ["ko"] = "푸틴", ["ru"] = "Путин" }),
        new GlossaryEntry("Khasan", [], new Dictionary<string, string> { ["ko"] = "하산" }),
    ]);

    [Theory]
    [InlineData(GlossaryFormat.Tsv)]
    [InlineData(GlossaryFormat.Csv)]
    [InlineData(GlossaryFormat.Tbx)]
    public void WriteThenRead_EntriesWithShortForms_RoundTripsShortFormsAndTheirRenderings(GlossaryFormat format)
    {
        var read = GlossaryFiles.Read(format, GlossaryFiles.Write(format, Sample), "en");

        Assert.Equal(Sample.Entries.Count, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Equal(Sample.Entries[i].Forms, read[i].Forms);
            Assert.Equal(Sample.Entries[i].ShortForms, read[i].ShortForms);
            Assert.Equal(Sample.Entries[i].Renderings.OrderBy(r => r.Key), read[i].Renderings.OrderBy(r => r.Key));
            Assert.Equal(Sample.Entries[i].ShortRenderings.OrderBy(r => r.Key), read[i].ShortRenderings.OrderBy(r => r.Key));
        }
    }

    [Fact]
    public void Write_Tbx_MarksShortFormsWithTheTbxBasicTermType()
    {
        var tbx = XDocument.Parse(GlossaryFiles.Write(GlossaryFormat.Tbx, Sample));

        var shortTerms = tbx.Descendants().Where(e => e.Name.LocalName == "termSec"
                && e.Elements().Any(n => n.Name.LocalName == "termNote" && (string?)n.Attribute("type") == "termType" && n.Value == "shortForm"))
            .Select(e => e.Elements().Single(t => t.Name.LocalName == "term").Value)
            .ToArray();
        Assert.Equal(["Kim", "Putin", "Mr Putin", "푸틴", "Путин"], shortTerms);
    }

    [Fact]
    public void Read_TbxVersion2WithAbbreviationTermType_ReadsItAsAShortForm()
    {
        const string martif = """
            <martif type="TBX" xml:lang="en"><text><body>
              <termEntry id="t1">
                <langSet xml:lang="en">
                  <tig><term>Sergei Shoigu</term></tig>
                  <tig><term>Shoigu</term><termNote type="termType">abbreviation</termNote></tig>
                </langSet>
                <langSet xml:lang="ru">
                  <tig><term>Сергей Шойгу</term></tig>
                  <tig><term>Шойгу</term><termNote type="termType">shortForm</termNote></tig>
                </langSet>
              </termEntry>
            </body></text></martif>
            """;

        var entry = Assert.Single(GlossaryFiles.Read(GlossaryFormat.Tbx, martif, "en"));

        Assert.Equal(("Sergei Shoigu", "Shoigu"), (entry.Term, Assert.Single(entry.ShortForms)));
        Assert.Equal(("Сергей Шойгу", "Шойгу"), (entry.Renderings["ru"], entry.ShortRenderings["ru"]));
        Assert.Empty(entry.Variants);
    }

    [Fact]
    public void Read_TbxTermTypeBeforeTheTerm_ReadsItAsAShortForm()
    {
        const string tbx = """
            <tbx type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
              <conceptEntry id="c1">
                <langSec xml:lang="en">
                  <termSec><term>Sergei Shoigu</term></termSec>
                  <termSec><termNote type="termType">shortForm</termNote><term>Shoigu</term></termSec>
                  <termSec><term>Sergei K. Shoigu</term></termSec>
                </langSec>
                <langSec xml:lang="ru">
                  <termSec><termNote type="termType">abbreviation</termNote><term>Шойгу</term></termSec>
                  <termSec><term>Сергей Шойгу</term></termSec>
                </langSec>
              </conceptEntry>
            </body></text></tbx>
            """;

        var entry = Assert.Single(GlossaryFiles.Read(GlossaryFormat.Tbx, tbx, "en"));

        Assert.Equal(("Sergei Shoigu", "Shoigu"), (entry.Term, Assert.Single(entry.ShortForms)));
        Assert.Equal(["Sergei K. Shoigu"], entry.Variants);
        Assert.Equal(("Сергей Шойгу", "Шойгу"), (entry.Renderings["ru"], entry.ShortRenderings["ru"]));
    }

    [Fact]
    public void Read_TsvShortRenderingColumnWithMalformedLanguage_ThrowsFormatException()
    {
        Assert.Throws<GlossaryFormatException>(() => GlossaryFiles.Read(GlossaryFormat.Tsv, "term\tko\tshort_forms\tshort:not a tag\nKim Jong Un\t김정은\tKim\t김", "en"));
    }

    [Fact]
    public void ShortRenderingFor_LanguageWithoutShortRendering_FallsBackToTheFullRendering()
    {
        var kim = Sample.Entries[0];
        var putin = Sample.Entries[1];

        Assert.Equal("김정은", kim.ShortRenderingFor("ko"));
        Assert.Equal("푸틴", putin.ShortRenderingFor("ko"));
        Assert.Null(putin.ShortRenderingFor("ja"));
    }

    [Theory]
    [InlineData("Kim Jong-un", "short_forms[0]")]
    [InlineData("--", "short_forms[0]")]
    [InlineData("Kim|Jong", "short_forms[0]")]
    [InlineData(" Kim", "short_forms[0]")]
    [InlineData("Ki\u0007m", "short_forms[0]")]
    public void Validate_BadShortForm_ReportsTheField(string shortForm, string field)
    {
        var glossary = Sample with { Entries = [Sample.Entries[0] with { ShortForms = [shortForm] }] };

        var problem = Assert.Single(Assert.Throws<GlossaryValidationException>(() => GlossaryValidator.Validate(glossary)).Problems);

        Assert.Equal($"entries[0].{field}", problem.Field);
    }

    [Fact]
    public void Validate_ShortRenderingIntoTheSourceLanguage_ReportsTheField()
    {
        var glossary = Sample with { Entries = [Sample.Entries[1] with { ShortRenderings = new Dictionary<string, string> { ["en"] = "Putin" } }] };

        var problem = Assert.Single(Assert.Throws<GlossaryValidationException>(() => GlossaryValidator.Validate(glossary)).Problems);

        Assert.Equal("entries[0].short_form_renderings[en]", problem.Field);
    }

    [Fact]
    public void Validate_SharedShortFormWithDifferentRenderings_Accepted()
    {
        var glossary = Sample with
        {
            Entries = [Sample.Entries[0], new GlossaryEntry("Kim Myong Sik", [], new Dictionary<string, string> { ["ko"] = "김명식" }, ShortForms: ["Kim"])],
        };

        GlossaryValidator.Validate(glossary);
    }

    [Fact]
    public void DefaultGlossary_HoldsEverySecondReferenceWithItsReferenceRendering()
    {
        var glossary = DefaultGlossary.Load();
        GlossaryValidator.Validate(glossary);

        var references = SecondReference.Load();
        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var entry = Assert.Single(glossary.Entries, e => e.Term == reference.RefersTo);
            Assert.Contains(reference.ShortForm, entry.ShortForms);
            foreach (var (language, rendering) in reference.Renderings)
            {
                Assert.Equal(rendering, entry.ShortRenderingFor(language));
            }
        }
        Assert.Equal(references.Count, glossary.Entries.Sum(e => e.ShortForms.Count));
    }
}
