using System.Text;
using AngleSharp.Dom;

namespace Translator.Cleaning;

/// <summary>The blocks of an element and the size of the tree they came from.</summary>
internal sealed record HtmlText(IReadOnlyList<HtmlBlock> Blocks, int Elements, int MaxDepth);

/// <summary>A run of text between two block boundaries of the markup, with what the markup said about it.</summary>
internal readonly record struct HtmlBlock(string Text, BlockHint Hint, int LinkCharacters)
{
    /// <summary>Share of the text that is link text: menus and teaser lists are mostly links, prose is not.</summary>
    public double LinkDensity => Text.Length == 0 ? 0 : Math.Min(1.0, (double)LinkCharacters / Text.Length);
}

/// <summary>
/// Reads the text of an HTML element as blocks in document order: every block-level element (and every
/// <c>br</c>) ends a block, so text written straight into a <c>div</c> counts as much as a <c>p</c>. One
/// iterative walk over the tree carries the hints down (caption, teaser box, heading, list item), so the cost is
/// linear in the page whatever its depth.
/// </summary>
internal static class HtmlBlocks
{
    // Class and id fragments outlets use for the furniture Readability tends to keep inside the story.
    private static readonly string[] CaptionMarkers = ["caption", "credit", "photo-desc", "img-desc"];
    private static readonly string[] TeaserMarkers = ["related", "teaser", "promo", "readmore", "read-more", "recommend", "more-stories", "outbrain", "taboola"];

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "form", "button", "select", "textarea", "head", "object", "canvas",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
        "tr", "ul", "caption",
    };

    public static HtmlText Read(IElement root, CancellationToken cancellationToken)
    {
        var blocks = new List<HtmlBlock>();
        int elements = 0, maxDepth = 0;
        var text = new StringBuilder();
        var linkChars = 0;
        var blockHint = BlockHint.None;
        var visited = 0;

        // Each entry is a node to read with the hint and link state it inherits, or (Node null) the end of a block
        // element, where the block it held is flushed.
        var stack = new Stack<(INode? Node, BlockHint Hint, bool InLink, int Depth)>();
        stack.Push((root, BlockHint.None, false, 0));
        while (stack.Count > 0)
        {
            if ((++visited & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var (node, hint, inLink, depth) = stack.Pop();
            if (node is null)
            {
                Flush();
                continue;
            }
            if (node is IText textNode)
            {
                Append(textNode.Data, inLink, hint);
                continue;
            }
            if (node is not IElement element)
            {
                continue;
            }
            elements++;
            maxDepth = Math.Max(maxDepth, depth);
            var name = element.LocalName;
            if (Skipped.Contains(name) || element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true")
            {
                continue;
            }
            if (name == "br")
            {
                Flush();
                continue;
            }
            if (name is "td" or "th" && text.Length > 0 && text[^1] != ' ')
            {
                // A table row reads as one line, its cells apart by a space: "3 Kevin Harvick 5033".
                text.Append(' ');
            }
            var childHint = HintFor(element, hint);
            var isBlock = BlockTags.Contains(name);
            if (isBlock)
            {
                Flush();
                stack.Push((null, childHint, inLink, depth));
            }
            var childInLink = inLink || name == "a";
            // By index: AngleSharp finds a node's siblings by searching its parent's children, which is
            // quadratic over a list of thousands of items.
            var children = element.ChildNodes;
            for (var k = children.Length - 1; k >= 0; k--)
            {
                stack.Push((children[k], childHint, childInLink, depth + 1));
            }
        }
        Flush();
        return new HtmlText(blocks, elements, maxDepth);

        void Append(string data, bool inLink, BlockHint hint)
        {
            var before = text.Length;
            foreach (var c in data)
            {
                var space = char.IsWhiteSpace(c) && c != '\u3000';
                if (space)
                {
                    if (text.Length > 0 && text[^1] != ' ')
                    {
                        text.Append(' ');
                    }
                }
                else
                {
                    text.Append(c);
                }
            }
            if (inLink)
            {
                linkChars += text.Length - before;
            }
            if (text.Length > before)
            {
                blockHint = hint;
            }
        }

        void Flush()
        {
            var length = text.Length;
            while (length > 0 && text[length - 1] == ' ')
            {
                length--;
            }
            var start = length > 0 && text[0] == ' ' ? 1 : 0;
            if (length > start)
            {
                blocks.Add(new HtmlBlock(text.ToString(start, length - start), blockHint, Math.Min(linkChars, length - start)));
            }
            text.Clear();
            linkChars = 0;
            blockHint = BlockHint.None;
        }
    }

    private static BlockHint HintFor(IElement element, BlockHint inherited)
    {
        if (inherited is BlockHint.Caption or BlockHint.Teaser)
        {
            return inherited;
        }
        if (element.LocalName is "figcaption" or "figure" || HasMarker(element, CaptionMarkers))
        {
            return BlockHint.Caption;
        }
        if (element.LocalName == "aside" || HasMarker(element, TeaserMarkers))
        {
            return BlockHint.Teaser;
        }
        return element.LocalName switch
        {
            "h1" => BlockHint.Headline,
            "h2" or "h3" or "h4" or "h5" or "h6" => BlockHint.Heading,
            "li" => BlockHint.ListItem,
            _ => inherited,
        };
    }

    private static bool HasMarker(IElement element, string[] markers)
    {
        var names = $"{element.ClassName} {element.Id}";
        return names.Length > 1 && markers.Any(m => names.Contains(m, StringComparison.OrdinalIgnoreCase));
    }
}
