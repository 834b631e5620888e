using System.Text;

namespace Translator.Core.Providers;

/// <summary>A piece of a text too large for one provider call.</summary>
/// <param name="SpaceBefore">Whether whitespace separated it from the previous piece (so the translations are joined with a space).</param>
internal readonly record struct TextPiece(string Text, bool SpaceBefore);

/// <summary>
/// Splits a segment larger than a provider call (a 200,000-character sentence without punctuation) into pieces
/// that fit: at a clause boundary where one is near the limit, else at a word boundary, else — a run with no
/// space at all — at a code point, never inside a surrogate pair or a protected span. Linear in the text.
/// </summary>
internal static class TextSplitter
{
    /// <summary>Punctuation after which a clause may end (Latin, CJK full-width and ideographic).</summary>
    private const string ClauseEnds = ",;:)]}\u2014\u2013\u3001\u3002\uFF0C\uFF1B\uFF1A\uFF09";

    /// <param name="maxBytes">The most UTF-8 bytes a piece may take.</param>
    public static IReadOnlyList<TextPiece> Split(string text, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 4 * 64);
        var pieces = new List<TextPiece>();
        var start = 0;
        var spaceBefore = false;
        while (start < text.Length)
        {
            var window = FittingEnd(text, start, maxBytes);
            var end = window == text.Length ? window : Cut(text, start, window);
            pieces.Add(new TextPiece(text[start..end].TrimEnd(), spaceBefore));
            start = end;
            spaceBefore = false;
            while (start < text.Length && char.IsWhiteSpace(text[start]))
            {
                start++;
                spaceBefore = true;
            }
        }
        return pieces;
    }

    /// <summary>The end of the longest run from <paramref name="start"/> within <paramref name="maxBytes"/>, on a code point boundary.</summary>
    private static int FittingEnd(string text, int start, int maxBytes)
    {
        var bytes = 0;
        var i = start;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var size = width == 2 ? 4 : text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes)
            {
                break;
            }
            bytes += size;
            i += width;
        }
        return i;
    }

    /// <summary>Where to end a piece that must stop at or before <paramref name="window"/>.</summary>
    private static int Cut(string text, int start, int window)
    {
        // A clause is preferred only near the limit: cutting a piece short would multiply the calls.
        var half = start + (window - start) / 2;
        if (LastBoundary(text, half, window, IsClauseEnd) is { } clause)
        {
            return clause;
        }
        if (LastBoundary(text, start, window, static (t, i) => char.IsWhiteSpace(t[i])) is { } word)
        {
            return word;
        }
        // No space at all: a code point boundary (FittingEnd keeps surrogate pairs whole), moved before a protected span.
        return SpanAround(text, start, window) is { } span && span > start ? span : window;
    }

    /// <summary>The last cut position in (floor, window] that <paramref name="accepts"/> and that keeps protected spans whole.</summary>
    private static int? LastBoundary(string text, int floor, int window, Func<string, int, bool> accepts)
    {
        for (var i = window; i > floor; i--)
        {
            if (!accepts(text, i))
            {
                continue;
            }
            if (SpanAround(text, floor, i) is not { } span)
            {
                return i;
            }
            // Inside a span: carry on before it, so each span is looked at once.
            i = span;
        }
        return null;
    }

    /// <summary>After clause punctuation and a space, or right after CJK clause punctuation (which takes no space).</summary>
    private static bool IsClauseEnd(string text, int i) =>
        ClauseEnds.Contains(text[i - 1], StringComparison.Ordinal) && (char.IsWhiteSpace(text[i]) || text[i - 1] >= '\u3000');

    /// <summary>The start of a protected span that a cut at <paramref name="index"/> would fall inside, if any.</summary>
    private static int? SpanAround(string text, int floor, int index)
    {
        // A span opening just before the cut may reach past it ("<x| id=…"), so the search starts that far on.
        var from = Math.Max(floor, index - MaxSpanLength);
        var last = Math.Min(text.Length - 1, index + ProtectedSpans.OpenPrefix.Length - 2);
        var open = text.LastIndexOf(ProtectedSpans.OpenPrefix, last, last - from + 1, StringComparison.Ordinal);
        if (open >= index && open > from)
        {
            // That one opens after the cut; the span that may hold the cut is the one before it.
            open = text.LastIndexOf(ProtectedSpans.OpenPrefix, open - 1, open - from, StringComparison.Ordinal);
        }
        if (open < 0 || open >= index)
        {
            return null;
        }
        var close = text.IndexOf(ProtectedSpans.Close, open, StringComparison.Ordinal);
        return close >= 0 && close + ProtectedSpans.Close.Length > index ? open : null;
    }

    /// <summary>A protected span holds one glossary rendering (at most 200 characters, escaped) and its markup.</summary>
    private const int MaxSpanLength = 1_300;

    /// <summary>Whether <paramref name="text"/> needs splitting for calls of <paramref name="maxBytes"/>.</summary>
    public static bool IsOversize(string text, int maxBytes) =>
        text.Length > maxBytes / 3 && Encoding.UTF8.GetByteCount(text) > maxBytes;
}
