using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Translator.Core.Cleaning;

namespace Translator.Cleaning;

/// <summary>
/// Reads the text blocks of an HTML fragment in document order, keeping what the markup says about each
/// (heading, caption, list item, teaser box) as a hint for the classifier.
/// </summary>
internal static class HtmlBlocks
{
    private const string BlockSelector = "p, h1, h2, h3, h4, h5, h6, li, figcaption, blockquote, pre, dd, dt, td";

    // Class and id fragments outlets use for the furniture Readability tends to keep inside the story.
    private static readonly string[] CaptionMarkers = ["caption", "credit", "photo-desc", "img-desc"];
    private static readonly string[] TeaserMarkers = ["related", "teaser", "promo", "readmore", "read-more", "recommend", "more-stories", "outbrain", "taboola"];

    private static readonly HtmlParser Parser = new();

    public static IReadOnlyList<SourceBlock> Read(string html)
    {
        using var document = Parser.ParseDocument(html);
        foreach (var noise in document.QuerySelectorAll("script, style, noscript, template, iframe, svg, form, button"))
        {
            noise.Remove();
        }
        var root = (IElement?)document.Body ?? document.DocumentElement;
        var blocks = new List<SourceBlock>();
        foreach (var element in root.QuerySelectorAll(BlockSelector))
        {
            // A list item or cell that wraps paragraphs is read through them, not as one run of text.
            if (element.QuerySelector(BlockSelector) is not null)
            {
                continue;
            }
            var text = Normalize(element.TextContent);
            if (text.Length > 0)
            {
                blocks.Add(new SourceBlock(text, HintFor(element)));
            }
        }
        if (blocks.Count == 0 && Normalize(root.TextContent) is { Length: > 0 } loose)
        {
            blocks.Add(new SourceBlock(loose));
        }
        return blocks;
    }

    private static BlockHint HintFor(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "figcaption" or "figure" || HasMarker(e, CaptionMarkers))
            {
                return BlockHint.Caption;
            }
            if (e.LocalName == "aside" || HasMarker(e, TeaserMarkers))
            {
                return BlockHint.Teaser;
            }
        }
        return element.LocalName switch
        {
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => BlockHint.Heading,
            "li" => BlockHint.ListItem,
            _ => BlockHint.None,
        };
    }

    private static bool HasMarker(IElement element, string[] markers)
    {
        var names = $"{element.ClassName} {element.Id}";
        return names.Length > 1 && markers.Any(m => names.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[])[' ', '\t', '\n', '\r', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
}
