namespace Translator.Core.Cleaning;

/// <summary>One block of page text in reading order, with what its markup said about it when there was markup.</summary>
public readonly record struct SourceBlock(string Text, BlockHint Hint = BlockHint.None);

public enum BlockHint
{
    None,
    Heading,
    Caption,
    ListItem,

    /// <summary>Markup named it a teaser, promo or related-stories box.</summary>
    Teaser,
}
