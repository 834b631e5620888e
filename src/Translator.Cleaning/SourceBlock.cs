namespace Translator.Cleaning;

/// <summary>One block of page text in reading order, with what its markup said about it when there was markup.</summary>
internal readonly record struct SourceBlock(string Text, BlockHint Hint = BlockHint.None);

internal enum BlockHint
{
    None,
    Heading,

    /// <summary>The page's top heading (h1): the headline, not a paragraph.</summary>
    Headline,
    Caption,
    ListItem,

    /// <summary>Markup named it a teaser, promo or related-stories box.</summary>
    Teaser,
}
