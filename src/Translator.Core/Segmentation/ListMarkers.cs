namespace Translator.Core.Segmentation;

/// <summary>
/// Finds where the items of an inline list begin ("1. First item 2. Second item", "a) … b) …",
/// "• 9. … • 10. …"), so items split even when they carry no terminal punctuation. Only a paragraph that
/// opens with a marker is a list, and only markers that continue its sequence count, so prose that merely
/// contains "2." or "b." is untouched.
/// </summary>
internal static class ListMarkers
{
    private enum Kind
    {
        NumberDot,
        NumberDotParen,
        NumberParen,
        LetterDot,
        LetterParen,
    }

    /// <summary>Whether a paragraph could open with a list marker: the cheap test that keeps prose off the slow path.</summary>
    public static bool MayStartList(ReadOnlySpan<char> text) =>
        text.Length > 2 && (char.IsAsciiDigit(text[0]) || IsBullet(text[0]) || (char.IsAsciiLetterLower(text[0]) && text[1] is '.' or ')'));

    /// <summary>Positions (after <paramref name="start"/>) where a new list item begins.</summary>
    public static List<int>? ItemStarts(ReadOnlySpan<char> text, int start)
    {
        var p = start;
        var bullet = '\0';
        if (IsBullet(text[p]))
        {
            bullet = text[p];
            p = SkipSpaces(text, p + 1);
        }
        var hasMarker = TryParse(text, p, out var kind, out var value, out var length);
        if (!hasMarker && bullet == '\0')
        {
            return null;
        }
        List<int>? starts = null;
        for (var q = p + (hasMarker ? length : 1); q < text.Length; q++)
        {
            if (!char.IsWhiteSpace(text[q - 1]))
            {
                continue;
            }
            if (bullet != '\0' ? text[q] == bullet : TryParse(text, q, out var k, out var v, out _) && k == kind && v == value + 1)
            {
                (starts ??= []).Add(q);
                value++;
            }
        }
        return starts;
    }

    /// <summary>
    /// Adds the starts of list items that open a line ("The demands:\n- a ceasefire\n- aid access"): a line break
    /// inside a paragraph is a boundary only before a bullet, a dash item or a numbered item, because wrapped
    /// prose ("a cold\nnight") must stay one sentence.
    /// </summary>
    public static List<int>? AddLineItems(ReadOnlySpan<char> text, int start, List<int>? starts)
    {
        var added = false;
        for (var nl = text[start..].IndexOf('\n'); nl >= 0;)
        {
            var q = SkipSpaces(text, start + nl + 1);
            if (q < text.Length && (IsBullet(text[q]) || IsDashItem(text, q) || TryParse(text, q, out _, out _, out _)))
            {
                (starts ??= []).Add(q);
                added = true;
            }
            var rest = text[(start + nl + 1)..].IndexOf('\n');
            nl = rest < 0 ? -1 : nl + 1 + rest;
        }
        if (added)
        {
            starts!.Sort();
        }
        return starts;
    }

    private static bool IsDashItem(ReadOnlySpan<char> text, int q) =>
        text[q] is '-' or '*' or '–' or '—' && q + 1 < text.Length && text[q + 1] == ' ';

    /// <summary>Whether <paramref name="token"/> (the text before a period) is a list marker's number or letter.</summary>
    public static bool IsMarkerToken(ReadOnlySpan<char> token) =>
        (token.Length is >= 1 and <= 3 && !token.ContainsAnyExceptInRange('0', '9'))
        || (token.Length == 1 && char.IsAsciiLetterLower(token[0]));

    private static bool TryParse(ReadOnlySpan<char> text, int p, out Kind kind, out int value, out int length)
    {
        kind = default;
        value = 0;
        length = 0;
        var q = p;
        if (q < text.Length && IsBullet(text[q]))
        {
            return false;
        }
        if (q < text.Length && char.IsAsciiLetterLower(text[q]))
        {
            value = text[q] - 'a' + 1;
            q++;
            kind = q < text.Length && text[q] == ')' ? Kind.LetterParen : Kind.LetterDot;
        }
        else
        {
            while (q < text.Length && char.IsAsciiDigit(text[q]) && q - p < 3)
            {
                value = (value * 10) + (text[q] - '0');
                q++;
            }
            if (q == p)
            {
                return false;
            }
            kind = q + 1 < text.Length && text[q] == '.' && text[q + 1] == ')' ? Kind.NumberDotParen
                : q < text.Length && text[q] == ')' ? Kind.NumberParen
                : Kind.NumberDot;
        }
        var markerEnd = kind switch
        {
            Kind.NumberDotParen => q + 2,
            _ => q + 1,
        };
        var punctuationOk = kind switch
        {
            Kind.NumberDot or Kind.LetterDot => q < text.Length && text[q] == '.',
            _ => true,
        };
        // A marker is followed by a space and a capitalised (or numbered) item, which keeps "a. m." and "3.5" out.
        if (!punctuationOk || markerEnd + 1 >= text.Length || text[markerEnd] != ' ' || !(char.IsUpper(text[markerEnd + 1]) || char.IsDigit(text[markerEnd + 1])))
        {
            return false;
        }
        length = markerEnd - p;
        return true;
    }

    private static bool IsBullet(char c) => c is '•' or '⁃' or '◦' or '▪' or '‣';

    private static int SkipSpaces(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i;
    }
}
