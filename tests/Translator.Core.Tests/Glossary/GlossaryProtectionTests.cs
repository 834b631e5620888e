using Translator.Core.Glossary;
using Translator.Core.Providers;
using static Translator.Core.Tests.Glossary.GlossaryTestData;

namespace Translator.Core.Tests.Glossary;

public sealed class GlossaryProtectionTests
{
    private static readonly GlossaryMatcher Names = Matcher(
        Entry("Kim Jong Un", "김정은", "Kim Jong-un"),
        Entry("Pyongyang", "평양"));

    private const string Source = "Kim Jong Un's visit to Pyongyang ended.";

    private static readonly string Kim = ProtectedSpans.Wrap(1, "김정은");
    private static readonly string City = ProtectedSpans.Wrap(2, "평양");

    [Fact]
    public void Protect_MatchedTerms_ReplacedByPlaceholdersHoldingTheRendering()
    {
        var segment = GlossaryProtection.Protect(Names, Source, Names.Match(Source), "ko");

        Assert.Equal($"{Kim}'s visit to {City} ended.", segment.Masked);
        Assert.Equal([0, 1], segment.Terms.Select(t => t.Entry));
        Assert.StartsWith("g.test.", segment.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Protect_OneTermWithoutRenderingForTarget_MasksOnlyTheOther()
    {
        var mixed = Matcher(
            Entry("Kim Jong Un", "김정은", "Kim Jong-un"),
            new GlossaryEntry("Pyongyang", [], new Dictionary<string, string> { ["ja"] = "平壌" }));

        var segment = GlossaryProtection.Protect(mixed, Source, mixed.Match(Source), "ja");

        Assert.Equal($"Kim Jong Un's visit to {ProtectedSpans.Wrap(1, "平壌")} ended.", segment.Masked);
        Assert.Equal([1], segment.Terms.Select(t => t.Entry));
    }

    [Fact]
    public void Protect_NoRenderingForTarget_LeavesTextAlone()
    {
        var segment = GlossaryProtection.Protect(Names, Source, Names.Match(Source), "ja");

        Assert.Equal(Source, segment.Masked);
        Assert.Equal(ProtectedSegment.NoMatch, segment.Fingerprint);
    }

    [Fact]
    public void Restore_PlaceholdersIntact_PutsRenderingsWithNothingRepaired()
    {
        var restored = Restore($"{City}에서 {Kim}의 방문이 끝났다.");

        Assert.Equal("평양에서 김정은의 방문이 끝났다.", restored.Text);
        Assert.Equal(0, restored.Repaired);
        Assert.Empty(restored.Missing);
    }

    [Theory]
    [InlineData("&lt;x id=&quot;1&quot;&gt;김정은&lt;/x&gt;의 방문 <x id=\"2\">평양</x>")]
    [InlineData("<x id='1'>김정은</x>의 방문 <x id=\"2\">평양</x>")]
    [InlineData("< X ID = \"1\" >Kim</ x >의 방문 <x id=\"2\">평양</x>")]
    [InlineData("<x id=\"1\"/>의 방문 <x id=\"2\">평양</x>")]
    public void Restore_MangledPlaceholder_Repaired(string output)
    {
        var restored = Restore(output);

        Assert.Equal("김정은의 방문 평양", restored.Text);
        Assert.Equal(1, restored.Repaired);
        Assert.Empty(restored.Missing);
    }

    [Fact]
    public void Restore_DuplicatedPlaceholder_KeepsFirstAndRemovesTheCopy()
    {
        var restored = Restore($"{Kim}의 방문 {Kim} {City}");

        Assert.Equal("김정은의 방문 평양", restored.Text);
        Assert.Equal(1, restored.Repaired);
    }

    [Fact]
    public void Restore_ReorderedPlaceholders_EachGetsItsOwnRendering()
    {
        var restored = Restore($"{City} {Kim}");

        Assert.Equal("평양 김정은", restored.Text);
        Assert.Equal(0, restored.Repaired);
    }

    [Fact]
    public void Restore_PlaceholderDroppedButSourceSpellingKept_ReplacesTheSpelling()
    {
        var restored = Restore($"Kim Jong Un의 방문 {City}");

        Assert.Equal("김정은의 방문 평양", restored.Text);
        Assert.Equal(1, restored.Repaired);
        Assert.Empty(restored.Missing);
    }

    [Fact]
    public void Restore_PlaceholderDroppedAndNameGone_ReportsTheEntryMissing()
    {
        var restored = Restore($"그의 방문 {City}");

        Assert.Equal("그의 방문 평양", restored.Text);
        Assert.Equal([0], restored.Missing.Select(t => t.Entry));
    }

    [Fact]
    public void Restore_HalfAPlaceholderLeft_StripsTheStrayTag()
    {
        var restored = Restore($"<x id=\"1\">김정은의 방문 {City}");

        Assert.Equal("김정은의 방문 평양", restored.Text);
        Assert.Empty(restored.Missing);
    }

    [Fact]
    public void Verify_CachedTextWithoutRendering_ReportsMissing()
    {
        var segment = GlossaryProtection.Protect(Names, Source, Names.Match(Source), "ko");

        Assert.Empty(GlossaryProtection.Verify(segment, "김정은, 평양").Missing);
        Assert.Equal([1], GlossaryProtection.Verify(segment, "김정은, Pyongyang").Missing.Select(t => t.Entry));
    }

    private static RestoredSegment Restore(string output) =>
        GlossaryProtection.Restore(Names, GlossaryProtection.Protect(Names, Source, Names.Match(Source), "ko"), output);
}
