using Translator.Core.Glossary;
using static Translator.Core.Tests.Glossary.GlossaryTestData;

namespace Translator.Core.Tests.Glossary;

public sealed class GlossaryValidatorTests
{
    [Fact]
    public void Validate_SameSpellingDifferentRenderings_RejectedNamingBothEntries()
    {
        var glossary = Of(Entry("Kim Jong Un", "김정은"), Entry("Kim Jong-un", "김종운"));

        var ex = Assert.Throws<GlossaryValidationException>(() => GlossaryValidator.Validate(glossary));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("entries[1]", problem.Field);
        Assert.Contains("Kim Jong Un", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VariantClaimedByAnotherEntryInOtherCase_Rejected()
    {
        var glossary = Of(Entry("Choe Sun Hui", "최선희", "Choe Son Hui"), Entry("Choe Son hui", "최손희"));

        Assert.Throws<GlossaryValidationException>(() => GlossaryValidator.Validate(glossary));
    }

    [Fact]
    public void Validate_SameSpellingSameRenderings_Accepted()
    {
        GlossaryValidator.Validate(Of(Entry("KCNA", "조선중앙통신"), Entry("Korean Central News Agency", "조선중앙통신", "KCNA")));
    }

    [Fact]
    public void Validate_CaseSensitiveEntriesDifferingOnlyInCase_Accepted()
    {
        GlossaryValidator.Validate(Of(
            new GlossaryEntry("US", [], new Dictionary<string, string> { ["ko"] = "미국" }, CaseSensitive: true),
            new GlossaryEntry("Us", [], new Dictionary<string, string> { ["ko"] = "우리" }, CaseSensitive: true)));
    }

    [Fact]
    public void Validate_BadFields_ReportsEveryOne()
    {
        var glossary = new Core.Glossary.Glossary("bad id", "x", "english", 1,
            [new GlossaryEntry(" - ", [""], new Dictionary<string, string>())]);

        var ex = Assert.Throws<GlossaryValidationException>(() => GlossaryValidator.Validate(glossary));

        Assert.Equal(["id", "source_language", "entries[0].term", "entries[0].variants[0]", "entries[0].renderings"], ex.Problems.Select(p => p.Field));
    }
}
