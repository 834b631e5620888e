namespace Translator.Core.Segmentation;

/// <summary>
/// A single-pass scanner over the paragraph. It only stops at terminal punctuation (and list bullets),
/// then decides from the token before and the word after, so the common case costs one comparison per
/// character and no allocation besides the result list.
/// </summary>
internal sealed class RuleBasedSentenceSegmenter : ISentenceSegmenter
{
    public IReadOnlyList<TextSpan> Split(string paragraph, string language)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        ArgumentNullException.ThrowIfNull(language);
        var rules = SegmentationRules.For(language);
        var text = paragraph.AsSpan();
        var spans = new List<TextSpan>(Math.Max(1, text.Length / 120));
        var start = SkipWhitespace(text, 0);
        var quoteDepth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            int end;
            switch (c)
            {
                case '「' or '『':
                    quoteDepth++;
                    continue;
                case '」' or '』':
                    quoteDepth = Math.Max(0, quoteDepth - 1);
                    continue;
                case '。' or '！' or '？' or '．':
                    end = AfterClosers(text, i + 1, ref quoteDepth, out var closedQuote);
                    if (quoteDepth > 0 || (closedQuote && end < text.Length && IsQuoteParticle(text[end])))
                    {
                        i = end - 1;
                        continue;
                    }
                    break;
                case '!' or '?':
                    end = AfterClosers(text, i + 1, ref quoteDepth, out _);
                    if (!EndsAt(text, end))
                    {
                        i = end - 1;
                        continue;
                    }
                    break;
                case '.' or '…':
                    end = AfterClosers(text, i + 1, ref quoteDepth, out _);
                    if (!PeriodEndsSentence(text, start, i, end, rules))
                    {
                        i = end - 1;
                        continue;
                    }
                    break;
                case '\n':
                    // A line break inside a paragraph is only a boundary when the next line is a list item.
                    end = i;
                    var item = SkipWhitespace(text, i);
                    if (item >= text.Length || !IsBullet(text[item]) && !IsNumberedItem(text, item))
                    {
                        continue;
                    }
                    break;
                case '•' or '⁃' or '▪' or '◦' when i > start && char.IsWhiteSpace(text[i - 1]):
                    end = i;
                    break;
                default:
                    continue;
            }
            Add(spans, text, start, end);
            start = SkipWhitespace(text, end);
            i = start - 1;
        }
        Add(spans, text, start, text.Length);
        return spans;
    }

    /// <summary>After "!" or "?" (and closers): a boundary unless the next word is lower case ("Yahoo! in").</summary>
    private static bool EndsAt(ReadOnlySpan<char> text, int end)
    {
        if (end >= text.Length)
        {
            return false;
        }
        if (!char.IsWhiteSpace(text[end]))
        {
            // Japanese and Chinese put no space after a half-width "!" either.
            return IsCjk(text[end]);
        }
        var word = SkipOpeners(text, SkipWhitespace(text, end));
        return word < text.Length && OpensSentence(text, word);
    }

    private static bool PeriodEndsSentence(ReadOnlySpan<char> text, int start, int dot, int end, SegmentationRules rules)
    {
        if (end >= text.Length)
        {
            return false;
        }
        if (!char.IsWhiteSpace(text[end]))
        {
            // Decimals, initialisms, domains, e-mail addresses and "mean...see" hold no space after the dot.
            return IsCjk(text[end]) && text[end] is not ('。' or '、');
        }
        var next = SkipWhitespace(text, end);
        var word = SkipOpeners(text, next);
        if (word >= text.Length || !OpensSentence(text, word))
        {
            return false;
        }

        var dots = 1;
        while (dot + dots < text.Length && text[dot + dots] == '.')
        {
            dots++;
        }
        var spacedDots = CountSpacedDots(text, dot + dots - 1);
        if (text[dot] == '…' || dots == 3 || spacedDots == 3)
        {
            // An ellipsis marks an omission more often than an end: only a clear sentence opener follows one.
            var opener = WordAt(text, word);
            return !opener.SequenceEqual("I") && FollowsAbbreviation(text, word, rules);
        }
        if (dots > 1 || spacedDots > 1)
        {
            return true;
        }

        var tokenStart = dot;
        while (tokenStart > start && !char.IsWhiteSpace(text[tokenStart - 1]) && !IsOpener(text[tokenStart - 1]))
        {
            tokenStart--;
        }
        var token = text[tokenStart..dot];
        if (token.IsEmpty)
        {
            return true;
        }
        if (IsListMarker(text, start, tokenStart, token))
        {
            return false;
        }
        if (rules.YearAbbreviation && token.SequenceEqual("г") && PrecededByNumber(text, tokenStart))
        {
            // "в 1999 г. Он…": a year, which may end a sentence; "г. Москва" is a city and never does.
            return FollowsAbbreviation(text, word, rules);
        }
        if (rules.IsPrepositive(token))
        {
            return false;
        }
        if (token.Length == 1 && char.IsUpper(token[0]))
        {
            // An initial ("Jonas E. Smith", "В. В. Путин"); only an unmistakable opener ends the sentence ("you and I. Did").
            return rules.HasStarters && rules.IsStarter(WordAt(text, word)) && !IsInitial(text, word);
        }
        if (rules.IsAbbreviation(token) || IsInitialism(token))
        {
            return FollowsAbbreviation(text, word, rules);
        }
        return true;
    }

    /// <summary>Whether the word at <paramref name="word"/> starts a new sentence after an abbreviation that may end one.</summary>
    private static bool FollowsAbbreviation(ReadOnlySpan<char> text, int word, SegmentationRules rules)
    {
        if (!rules.HasStarters)
        {
            return IsCapitalOrCaseless(text[word]);
        }
        return rules.IsStarter(WordAt(text, word)) && !IsInitial(text, word);
    }

    /// <summary>
    /// Upper case, digits, caseless scripts (Korean, Japanese) and camel-cased brands ("iPhone") open a sentence;
    /// a plain lower-case word or a continuing ellipsis does not.
    /// </summary>
    private static bool OpensSentence(ReadOnlySpan<char> text, int word)
    {
        var c = text[word];
        if (char.IsLower(c))
        {
            var w = WordAt(text, word);
            for (var k = 1; k < w.Length; k++)
            {
                if (char.IsUpper(w[k]))
                {
                    return true;
                }
            }
            return false;
        }
        return c is not ('.' or '…' or ',' or ';' or ':' or '-' or '–' or '—' or ')' or ']');
    }

    private static bool IsCapitalOrCaseless(char c) => char.IsUpper(c) || char.IsDigit(c) || (char.IsLetter(c) && !char.IsLower(c));

    /// <summary>A one-letter word followed by a dot ("R." in "J. R. R. Tolkien") is an initial, not an opener.</summary>
    private static bool IsInitial(ReadOnlySpan<char> text, int word)
    {
        var w = WordAt(text, word);
        return w.Length == 1 && word + 1 < text.Length && text[word + 1] == '.';
    }

    private static ReadOnlySpan<char> WordAt(ReadOnlySpan<char> text, int word)
    {
        var e = word;
        while (e < text.Length && char.IsLetter(text[e]))
        {
            e++;
        }
        return text[word..e];
    }

    /// <summary>Dotted single letters: "U.S", "a.m", "D.C", "e.g".</summary>
    private static bool IsInitialism(ReadOnlySpan<char> token)
    {
        if (token.Length < 3)
        {
            return token.Length == 1 && char.IsLower(token[0]);
        }
        for (var k = 0; k < token.Length; k++)
        {
            var expectLetter = k % 2 == 0;
            if (expectLetter ? !char.IsLetter(token[k]) : token[k] != '.')
            {
                return false;
            }
        }
        return token.Length % 2 == 1;
    }

    /// <summary>"1." or "⁃9." opening a segment numbers a list item rather than ending a sentence.</summary>
    private static bool IsListMarker(ReadOnlySpan<char> text, int start, int tokenStart, ReadOnlySpan<char> token)
    {
        var marker = token.TrimStart("•⁃▪◦-*");
        if (marker.IsEmpty || marker.Length > 3)
        {
            return false;
        }
        foreach (var ch in marker)
        {
            if (!char.IsDigit(ch))
            {
                return false;
            }
        }
        for (var k = start; k < tokenStart; k++)
        {
            if (!char.IsWhiteSpace(text[k]) && !IsBullet(text[k]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsNumberedItem(ReadOnlySpan<char> text, int i)
    {
        var k = i;
        while (k < text.Length && char.IsDigit(text[k]))
        {
            k++;
        }
        return k > i && k < text.Length && text[k] is '.' or ')';
    }

    private static bool PrecededByNumber(ReadOnlySpan<char> text, int tokenStart)
    {
        var k = tokenStart - 1;
        while (k >= 0 && char.IsWhiteSpace(text[k]))
        {
            k--;
        }
        return k >= 0 && char.IsDigit(text[k]);
    }

    /// <summary>Dots of a spaced ellipsis (". . .") ending at <paramref name="last"/>; 1 when the dot stands alone.</summary>
    private static int CountSpacedDots(ReadOnlySpan<char> text, int last)
    {
        var count = 1;
        for (var k = last; k >= 2 && text[k - 1] == ' ' && text[k - 2] == '.'; k -= 2)
        {
            count++;
        }
        return count;
    }

    private static int AfterClosers(ReadOnlySpan<char> text, int i, ref int quoteDepth, out bool closedQuote)
    {
        closedQuote = false;
        for (; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '」' or '』':
                    quoteDepth = Math.Max(0, quoteDepth - 1);
                    closedQuote = true;
                    break;
                case '"' or '\'' or '”' or '’' or '»' or ')' or ']' or '）' or '】' or '.' or '!' or '?' or '…'
                    or '。' or '！' or '？':
                    break;
                default:
                    return i;
            }
        }
        return i;
    }

    private static int SkipOpeners(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && IsOpener(text[i]))
        {
            i++;
        }
        return i;
    }

    private static bool IsOpener(char c) => c is '"' or '\'' or '“' or '‘' or '(' or '[' or '«' or '„' or '「' or '『' or '（' or '¿' or '¡';

    private static bool IsBullet(char c) => c is '•' or '⁃' or '▪' or '◦' or '-' or '*' or '–' or '—';

    /// <summary>Japanese quotation particles: 「…。」と言った continues the sentence.</summary>
    private static bool IsQuoteParticle(char c) => c is 'と' or 'っ' or 'も' or '、' or 'の' or 'を' or 'が';

    /// <summary>
    /// Scripts written without spaces between sentences. Korean is excluded: it spaces its sentences, and
    /// a particle straight after a quote ("가겠다."고) continues the sentence.
    /// </summary>
    private static bool IsCjk(char c) => c >= '\u3000' && c is not ('」' or '』' or '）') && c is < '\u3130' or > '\u318F' and (< '\uAC00' or > '\uD7AF');

    private static int SkipWhitespace(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i;
    }

    private static void Add(List<TextSpan> spans, ReadOnlySpan<char> text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start)
        {
            spans.Add(new TextSpan(start, end - start));
        }
    }
}
