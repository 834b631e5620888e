using System.Buffers;

namespace Translator.Core.Segmentation;

/// <summary>
/// A rule-based sentence segmenter for news copy. It jumps from one candidate terminator to the next
/// (a vectorised search, so ordinary text costs almost nothing) and decides each candidate from its
/// neighbourhood: the word before it (abbreviation, initial, initialism, number, list marker), the
/// punctuation that closes after it, and the word after it. See <see cref="SegmentationRules"/> for the
/// per-language word lists.
/// </summary>
internal sealed class RuleBasedSentenceSegmenter : ISentenceSegmenter
{
    private static readonly SearchValues<char> Terminators = SearchValues.Create(".!?…。！？｡‼⁇⁈⁉");

    // CJK quotes are searched too, so a 。 inside 「…」 does not end the sentence that quotes it.
    private static readonly SearchValues<char> CjkStops = SearchValues.Create(".!?…。！？｡‼⁇⁈⁉「」『』");

    private const int NoBreak = -1;

    public IReadOnlyList<TextSpan> Split(string paragraph, string language)
    {
        var rules = SegmentationRules.For(language);
        var text = paragraph.AsSpan();
        var spans = new List<TextSpan>();
        var start = SkipWhitespace(text, 0);
        var listItems = ListMarkers.AddLineItems(text, start, ListMarkers.MayStartList(text[start..]) ? ListMarkers.ItemStarts(text, start) : null);
        var nextItem = 0;
        var quoteDepth = 0;
        var stops = rules.IsCjk ? CjkStops : Terminators;

        for (var i = start; i < text.Length;)
        {
            var found = text[i..].IndexOfAny(stops);
            var t = found < 0 ? text.Length : i + found;
            while (listItems is not null && nextItem < listItems.Count && listItems[nextItem] <= t)
            {
                if (listItems[nextItem] > start)
                {
                    Add(spans, text, start, listItems[nextItem]);
                    start = listItems[nextItem];
                }
                nextItem++;
            }
            if (found < 0)
            {
                break;
            }
            switch (text[t])
            {
                case '「' or '『':
                    quoteDepth++;
                    i = t + 1;
                    continue;
                case '」' or '』':
                    quoteDepth = Math.Max(0, quoteDepth - 1);
                    i = t + 1;
                    continue;
            }
            var brk = Decide(text, start, t, rules, ref quoteDepth, out var resume);
            if (brk == NoBreak)
            {
                i = resume;
                continue;
            }
            Add(spans, text, start, brk);
            // Scanning resumes at the new sentence, which may lie inside the run just read
            // (". . . ." after "compounds.": the ellipsis opens the next sentence).
            start = i = SkipWhitespace(text, brk);
        }
        Add(spans, text, start, text.Length);
        return spans;
    }

    /// <summary>Decides one candidate terminator at <paramref name="t"/>.</summary>
    /// <returns>Where the sentence ends (exclusive), or <see cref="NoBreak"/>.</returns>
    private static int Decide(ReadOnlySpan<char> text, int sentenceStart, int t, SegmentationRules rules, ref int quoteDepth, out int resume)
    {
        var runEnd = ConsumeRun(text, t);
        var end = ConsumeClosers(text, runEnd, ref quoteDepth, out var closedQuote);
        resume = Math.Max(end, t + 1);
        if (end >= text.Length)
        {
            return NoBreak; // the paragraph's end is the sentence's end anyway
        }

        var c = text[t];
        if (IsCjkTerminator(c) || (rules.IsCjk && c is '!' or '?' && IsCjkLetter(text[end])))
        {
            // CJK: no spaces between sentences; a quote that closes and runs on into the sentence ("。」と述べた") continues it.
            return quoteDepth > 0 || (closedQuote && IsHiragana(text[end])) ? NoBreak : end;
        }
        if (quoteDepth > 0 || !char.IsWhiteSpace(text[end]))
        {
            return NoBreak; // "U.S.A.", "3.5", "example.com", "Jr.'s", "mean...see"
        }
        var next = SkipWhitespace(text, end);
        if (next >= text.Length)
        {
            return NoBreak;
        }
        var n = text[next];
        if (n is '—' or '–' && StartsLowerCase(text, SkipWhitespace(text, next + 1)))
        {
            return NoBreak; // Russian direct speech: «Когда?» — спросили его.
        }
        if (t == sentenceStart || (t > 0 && text[t - 1] is '[' or '('))
        {
            return NoBreak; // a sentence opening with ". . ." or an editorial omission "[...]"
        }

        var attached = t > 0 && !char.IsWhiteSpace(text[t - 1]);
        if (c != '.' || runEnd - t > 1)
        {
            // "…compounds. . . . The practice": the period ends the sentence, the ellipsis opens the next.
            if (c == '.' && attached && runEnd - t == 7 && text[t + 1] == ' ' && char.IsUpper(n))
            {
                return t + 1;
            }
            // A detached, spaced three-dot ellipsis marks an omission inside the sentence ("the thing is . . . I");
            // four dots end it ("with a period . . . . Next").
            if (!attached && c == '.' && runEnd - t == 5)
            {
                return NoBreak;
            }
            return char.IsLower(n) ? NoBreak : end; // "Hello!! Long time", but "Yahoo! in", "see . . . what"
        }
        if (!attached)
        {
            return char.IsLower(n) ? NoBreak : end;
        }

        var tokenStart = TokenStart(text, sentenceStart, t);
        var token = text[tokenStart..t];
        if (char.IsLower(n))
        {
            // Lower case after a period continues the sentence ("co. at noon", "U.S. for 20 years"), except a
            // plain word followed by a brand-style word ("…in 2010. iPhone sales rose").
            return end == runEnd && IsPlainWord(token, rules) && HasInnerCapital(text, next) ? end : NoBreak;
        }
        if (tokenStart == FirstTokenStart(text, sentenceStart) && ListMarkers.IsMarkerToken(token))
        {
            return NoBreak; // "1. The first item", "a. The first item"
        }
        if (end > runEnd && char.IsUpper(n))
        {
            return end; // a quotation closed after the period and a new sentence starts: "…with the U.K." Officials
        }
        if (rules.IsPrefix(token) || (rules.IsNumericPrefix(token) && char.IsDigit(n)))
        {
            return NoBreak; // "Adm. Kim Myong Sik", "No. 1", "Sept. 11"
        }
        if (IsAmPm(token))
        {
            // News style writes "5 a.m."; an upper-case "P.M." followed by a capital is a sentence's end.
            return rules.IsStarter(WordAt(text, next)) || (char.IsUpper(token[0]) && char.IsUpper(n)) ? end : NoBreak;
        }
        if (rules.IsDateSuffix(token) && char.IsUpper(n) && FollowsNumber(text, tokenStart))
        {
            return end; // "…в 2020–2021 гг. Инфляция снизилась"
        }
        if (rules.IsTerminal(token) || IsInitial(token) || IsInitialism(token))
        {
            // "…the U.S. He said" ends; "the U.S. State Department", "Jonas E. Smith" and "В. В. Путин" do not.
            var word = WordAt(text, next);
            var isInitial = word.Length == 1 && next + 1 < text.Length && text[next + 1] == '.';
            return rules.IsStarter(word) && !isInitial ? end : NoBreak;
        }
        return end;
    }

    /// <summary>Past consecutive terminators and spaced ellipses (". . .").</summary>
    private static int ConsumeRun(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length)
        {
            if (IsTerminator(text[i]))
            {
                i++;
            }
            else if (text[i] == ' ' && i + 1 < text.Length && text[i + 1] == '.' && i > 0 && text[i - 1] == '.')
            {
                i += 2;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    /// <summary>Past quotes and brackets that close after the terminal punctuation (<c>briefing." Then</c>).</summary>
    private static int ConsumeClosers(ReadOnlySpan<char> text, int i, ref int quoteDepth, out bool closedQuote)
    {
        closedQuote = false;
        while (i < text.Length && text[i] is '"' or '\'' or '”' or '’' or '»' or '›' or ')' or ']' or '）' or '」' or '』' or '】' or '〕' or '〉' or '》')
        {
            if (text[i] is '」' or '』')
            {
                quoteDepth = Math.Max(0, quoteDepth - 1);
                closedQuote = true;
            }
            i++;
        }
        return i;
    }

    /// <summary>Where the word before a terminator starts, leaving out opening quotes, brackets and bullets.</summary>
    private static int TokenStart(ReadOnlySpan<char> text, int sentenceStart, int t)
    {
        var i = t;
        while (i > sentenceStart && !char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }
        while (i < t && IsOpener(text[i]))
        {
            i++;
        }
        return i;
    }

    private static int FirstTokenStart(ReadOnlySpan<char> text, int sentenceStart)
    {
        var i = sentenceStart;
        while (i < text.Length && (IsOpener(text[i]) || char.IsWhiteSpace(text[i])))
        {
            i++;
        }
        return i;
    }

    /// <summary>The letters of the word at <paramref name="i"/>, after any opening quotes.</summary>
    private static ReadOnlySpan<char> WordAt(ReadOnlySpan<char> text, int i)
    {
        while (i < text.Length && IsOpener(text[i]))
        {
            i++;
        }
        var end = i;
        while (end < text.Length && (char.IsLetter(text[end]) || (text[end] == '\'' && end + 1 < text.Length && char.IsLetter(text[end + 1]))))
        {
            end++;
        }
        return text[i..end];
    }

    /// <summary>A word or number that is no abbreviation: "2010", "talks".</summary>
    private static bool IsPlainWord(ReadOnlySpan<char> token, SegmentationRules rules)
    {
        if (token.Length < 2 || rules.IsPrefix(token) || rules.IsNumericPrefix(token) || rules.IsTerminal(token))
        {
            return false;
        }
        foreach (var c in token)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool HasInnerCapital(ReadOnlySpan<char> text, int i)
    {
        for (i++; i < text.Length && char.IsLetter(text[i]); i++)
        {
            if (char.IsUpper(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsAmPm(ReadOnlySpan<char> token) =>
        token.Length == 3 && token[1] == '.' && (token[2] is 'm' or 'M') && (token[0] is 'a' or 'p' or 'A' or 'P');

    private static bool StartsLowerCase(ReadOnlySpan<char> text, int i) => i < text.Length && char.IsLower(text[i]);

    /// <summary>Whether the word before <paramref name="tokenStart"/> holds a digit ("1999", "2000-х", "2020–2021").</summary>
    private static bool FollowsNumber(ReadOnlySpan<char> text, int tokenStart)
    {
        var i = tokenStart - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }
        for (; i >= 0 && !char.IsWhiteSpace(text[i]); i--)
        {
            if (char.IsDigit(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsInitial(ReadOnlySpan<char> token) => token.Length == 1 && char.IsUpper(token[0]);

    /// <summary>Letters in groups of one or two joined by periods: "U.S", "U.S.A", "Ph.D", "N.Y".</summary>
    private static bool IsInitialism(ReadOnlySpan<char> token)
    {
        if (token.IndexOf('.') < 0)
        {
            return false;
        }
        var group = 0;
        foreach (var c in token)
        {
            if (c == '.')
            {
                if (group == 0)
                {
                    return false;
                }
                group = 0;
            }
            else if (char.IsLetter(c) && ++group <= 2)
            {
                continue;
            }
            else
            {
                return false;
            }
        }
        return group > 0;
    }

    private static bool IsTerminator(char c) => c is '.' or '!' or '?' or '…' or '‼' or '⁇' or '⁈' or '⁉' || IsCjkTerminator(c);

    private static bool IsCjkTerminator(char c) => c is '。' or '！' or '？' or '｡';

    private static bool IsOpener(char c) => c is '"' or '\'' or '“' or '‘' or '«' or '‹' or '(' or '[' or '（' or '「' or '『' or '•' or '⁃';

    private static bool IsHiragana(char c) => c is >= '\u3040' and <= '\u309F';

    private static bool IsCjkLetter(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF';

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
