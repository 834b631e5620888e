using Translator.Core.Corrections;
using Translator.Core.Glossary;

namespace Translator.Core.Tests.Corrections;

public sealed class CorrectionKeyTests
{
    private static readonly GlossaryMatcher Starter = new(DefaultGlossary.Load());

    [Fact]
    public void Terms_ShortFormTheStoryLeftUnresolved_IsNotATerm()
    {
        // "Putin" with no full mention in the story stays the provider's: the resolver reports it with entry -1.
        var story = SecondReferenceResolver.Resolve(Starter, ["Kim Jong Un met Putin."], _ => 1);
        var putinOnly = SecondReferenceResolver.Resolve(Starter, ["Putin spoke."], _ => 1);

        Assert.Contains(putinOnly.Matches[0], m => m.IsShortForm && m.Entry < 0);
        Assert.Equal(ProtectedSegment.NoMatch, CorrectionKey.Terms(Starter, putinOnly.Matches[0]));
        Assert.Equal(CorrectionKey.Terms(Starter, Starter.Match("Kim Jong Un met.")), CorrectionKey.Terms(Starter, story.Matches[0]));
    }

    [Fact]
    public void Terms_ShortFormResolvedByTheStory_CountsAsItsEntry()
    {
        var story = SecondReferenceResolver.Resolve(Starter, ["Vladimir Putin arrived.", "Putin spoke."], _ => 1);

        Assert.NotEqual(ProtectedSegment.NoMatch, CorrectionKey.Terms(Starter, story.Matches[1]));
        Assert.Equal(CorrectionKey.Terms(Starter, story.Matches[0]), CorrectionKey.Terms(Starter, story.Matches[1]));
    }
}
