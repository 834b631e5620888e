using System.Text;
using Translator.Core.Providers;

namespace Translator.Core.Tests.Providers;

public sealed class TextSplitterTests
{
    private const int Limit = 1_000;

    private static string Rejoin(IReadOnlyList<TextPiece> pieces) =>
        string.Concat(pieces.Select((p, k) => (k > 0 && p.SpaceBefore ? " " : "") + p.Text));

    private static void AssertFits(IReadOnlyList<TextPiece> pieces) =>
        Assert.All(pieces, p => Assert.InRange(Encoding.UTF8.GetByteCount(p.Text), 1, Limit));

    [Fact]
    public void Split_WordsWithoutPunctuation_CutsBetweenWordsAndRejoinsExactly()
    {
        var text = string.Join(' ', Enumerable.Range(0, 2_000).Select(i => $"w{i}"));

        var pieces = TextSplitter.Split(text, Limit);

        AssertFits(pieces);
        Assert.All(pieces.Skip(1), p => Assert.True(p.SpaceBefore));
        Assert.Equal(text, Rejoin(pieces));
    }

    [Fact]
    public void Split_ClausesNearTheLimit_CutsAfterAClauseRatherThanMidClause()
    {
        var clause = string.Join(' ', Enumerable.Repeat("word", 30)) + ",";
        var text = string.Join(' ', Enumerable.Repeat(clause, 20));

        var pieces = TextSplitter.Split(text, Limit);

        AssertFits(pieces);
        Assert.All(pieces.SkipLast(1), p => Assert.EndsWith(",", p.Text, StringComparison.Ordinal));
        Assert.Equal(text, Rejoin(pieces));
    }

    [Fact]
    public void Split_NoSpaceAndSurrogatePairs_CutsOnCodePoints()
    {
        var text = string.Concat(Enumerable.Repeat("漢字😀", 600));

        var pieces = TextSplitter.Split(text, Limit);

        AssertFits(pieces);
        Assert.All(pieces, p => Assert.False(char.IsLowSurrogate(p.Text[0])));
        Assert.Equal(text, Rejoin(pieces));
    }

    [Fact]
    public void Split_ProtectedSpanAtTheLimit_KeepsTheSpanWhole()
    {
        var span = ProtectedSpans.Wrap(1, "조춘룡 비서 조춘룡 비서");
        var text = new string('a', Limit - 10) + span + new string('b', 500);

        var pieces = TextSplitter.Split(text, Limit);

        AssertFits(pieces);
        Assert.Contains(pieces, p => p.Text.Contains(span, StringComparison.Ordinal));
        Assert.Equal(text, Rejoin(pieces));
    }
}
