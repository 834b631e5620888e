using Translator.Core.Languages;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Translator.Cleaning;

/// <summary>Outlet-independent measurements of one block; the classifier decides from these alone.</summary>
internal readonly record struct BlockFeatures(
    int Weight,
    int Words,
    double StopDensity,
    bool EndsSentence,
    bool Truncated,
    bool ListMarker,
    bool CallToActionTag,
    bool PhotoCredit,
    bool MarkupResidue,
    bool DateOnly,
    bool Byline,
    bool Bio,
    bool MenuRun,
    int FurnitureHits,
    int TeaserHits,
    bool NoLetters)
{
    public static BlockFeatures Measure(string text) => Measure(text, PageVocabulary.Empty);

    public static BlockFeatures Measure(string text, PageVocabulary page)
    {
        var (words, stops) = CountWords(text, page);
        return new BlockFeatures(
            Weight: WeightedLength(text),
            Words: words,
            StopDensity: words == 0 ? 0 : (double)stops / words,
            EndsSentence: EndsWithSentence(text),
            Truncated: text.EndsWith("...", StringComparison.Ordinal) || text.EndsWith('…'),
            ListMarker: BlockPatterns.ListMarker().IsMatch(text),
            CallToActionTag: BlockPatterns.CallToActionTag().IsMatch(text),
            PhotoCredit: BlockPatterns.PhotoCredit().IsMatch(text),
            MarkupResidue: BlockPatterns.MarkupResidue().IsMatch(text),
            DateOnly: BlockPatterns.DateOnly().IsMatch(text) || BlockPatterns.TimeStamp().IsMatch(text),
            Byline: text.Length <= 80 && BlockPatterns.Byline().IsMatch(text),
            Bio: BlockPatterns.Bio().IsMatch(text),
            MenuRun: BlockPatterns.MenuSeparators().Count(text) >= 2,
            FurnitureHits: BoilerplatePhrases.CountHits(text, BoilerplatePhrases.Furniture),
            TeaserHits: BoilerplatePhrases.CountHits(text, BoilerplatePhrases.Teaser),
            NoLetters: !HasLetter(text));
    }

    /// <summary>
    /// Length in units of Latin characters: a Hangul syllable or a kanji carries about as much as two or three
    /// Latin letters, so one set of length thresholds serves every script.
    /// </summary>
    public static int WeightedLength(string text)
    {
        var weight = 0;
        foreach (var c in text)
        {
            weight += c switch
            {
                >= '\uAC00' and <= '\uD7A3' => 2,
                >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF' => 3,
                _ => 1,
            };
        }
        return weight;
    }

    private static ReadOnlySpan<char> TrimPictographs(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        while (end > 0)
        {
            var c = text[end - 1];
            if (c != ' ' && !char.IsSurrogate(c) && char.GetUnicodeCategory(c) is not (UnicodeCategory.OtherSymbol or UnicodeCategory.NonSpacingMark or UnicodeCategory.Format))
            {
                break;
            }
            end--;
        }
        return text[..end];
    }

    private static bool HasLetter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }
        return false;
    }

    private static bool EndsWithSentence(string text)
    {
        // A sentence may close with an emoji ("… on KLOOK! 🙂"); pictographs and their joiners are not its end.
        var end = TrimPictographs(text.AsSpan()).TrimEnd(" \"'”’»)]」』");
        return end.Length > 0 && end[^1] is '.' or '!' or '?' or '。' or '！' or '？' or ':' or ';' && !end.EndsWith("...");
    }

    /// <summary>Words and how many of them are function words, counted the way each script marks words.</summary>
    private static (int Words, int Stops) CountWords(string text, PageVocabulary page)
    {
        int words = 0, stops = 0, kana = 0, cjk = 0;
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF')
            {
                // Japanese: every two characters count as a word and hiragana as the function-word share.
                cjk++;
                if (StopWords.IsHiragana(c))
                {
                    kana++;
                }
                i++;
                continue;
            }
            if (!char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < span.Length && (char.IsLetterOrDigit(span[i]) || span[i] is '\'' or '’' or '-') && !(span[i] is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF'))
            {
                i++;
            }
            var word = span[start..i];
            words++;
            if (IsStop(word) || page.Contains(word))
            {
                stops++;
            }
        }
        if (cjk > 0)
        {
            words += cjk / 2;
            stops += kana;
        }
        return (words, Math.Min(stops, words));
    }

    private static bool IsStop(ReadOnlySpan<char> word)
    {
        var first = word[0];
        if (first is >= '\uAC00' and <= '\uD7A3')
        {
            if (StopWords.Hangul.Contains(word))
            {
                return true;
            }
            foreach (var ending in StopWords.HangulEndings)
            {
                if (word.Length > 1 && word.EndsWith(ending, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
        return first is >= '\u0400' and <= '\u04FF' ? StopWords.Cyrillic.Contains(word) : StopWords.Latin.Contains(word);
    }
}

internal static partial class BlockPatterns
{
    [GeneratedRegex(@"^\s*(?:[•·▪▶►■□◆◇\-*–]|\d{1,2}[.)])\s")]
    public static partial Regex ListMarker();

    // "[REVEAL]", "[관련기사]", "[ВИДЕО]": a bracketed all-capitals tag marks a link to another story.
    [GeneratedRegex(@"\[\s*(?:\p{Lu}[\p{Lu} ]{1,20}|\p{Lo}{2,8})\s*\]")]
    public static partial Regex CallToActionTag();

    // The credit closes the caption: "(AP Photo/Jane Doe)", "Photo: Jane Doe", "REUTERS/Jane Doe", "[File: Reuters]",
    // "[Agency via Getty]", "Credit... Jane Doe/The Times", "… Getty"; or opens it: "FILE PHOTO: …", "사진=…".
    [GeneratedRegex(@"[(（](?:AP|AFP|Reuters|EPA|Getty|Photo|Фото|사진|写真)[^)）]{0,60}[)）]\s*$|(?:Photo|Photograph|Picture|Image|Фото|Foto)s?\s*:\s*[^.:]{2,60}$|^(?:Photo|Фото|사진|写真|Image|Credit)\s*[:=：]|(?:AP Photo|Getty Images|Shutterstock|/\s*Reuters\)|사진=|写真[:：=])|^File photo\s*:|\bCredit\s*(?:\.\.\.|…)|\bGetty(?: Images)?\s*$|\bREUTERS/\s?\p{Lu}|\[[^\]]{0,60}\b(?:File|Photo|Image|via|Reuters|AP|AFP|EPA|Getty)\b[^\]]{0,60}\]\s*$", RegexOptions.IgnoreCase)]
    public static partial Regex PhotoCredit();

    [GeneratedRegex(@"^\s*[{<\[]\s*[""{<]|""\s*:\s*""|^(?:img\s*)+$|^\s*(?:[❮❯‹›«»<>|]\s*)+$", RegexOptions.IgnoreCase)]
    public static partial Regex MarkupResidue();

    [GeneratedRegex(@"^(?:(?:Published|Updated|Posted|Опубликовано|Обновлено|입력|수정|更新|公開)[:：]?\s*)?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+)?(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}+\.?,?\s+\d{4}(?:\s*г\.)?|\d{4}[-./]\s?\d{1,2}[-./]\s?\d{1,2}\.?|\d{4}年\s?\d{1,2}月\s?\d{1,2}日(?:\s?\p{IsCJKUnifiedIdeographs}?\s?)?)(?:[,\s]+(?:at\s+)?(?:\d{1,2}時\d{1,2}分|\d{1,2}:\d{2})(?:\s*[ap]\.?m\.?)?(?:\s*\p{Lu}{2,4})?)?\s*$", RegexOptions.IgnoreCase)]
    public static partial Regex DateOnly();

    // "Posted: Fri 6:45 PM, Feb 16, 2018 |", "Updated 2 hours ago", "Published 1 day ago": a page's time stamp in
    // forms the date pattern does not spell out.
    [GeneratedRegex(@"^(?:Published|Updated|Posted|Last updated|Опубликовано|Обновлено)\b:?\s(?=[^\n]*\d)[^.!?\n]{0,50}$", RegexOptions.IgnoreCase)]
    public static partial Regex TimeStamp();

    // "Jane Roe is the Courier's transport correspondent.", "About the author: …", "Jane Roe covers climate for …",
    // and disclosure notes about the people in the story ("X is not affiliated with the Courier").
    [GeneratedRegex(@"^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,2}(?: \(@\w+\))? (?:is|was) (?:a|an|the)\b[^.]{0,80}\b(?:correspondent|editor|reporter|writer|journalist|columnist|contributor)|^(?:About the (?:author|writer|reporter)|Об авторе|Disclosure|기자 소개|著者について|筆者紹介)\s*[:：]|^\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,2} (?:covers|writes about|reports on) \b[^.]{0,80}\bfor (?:the )?\p{Lu}|\bis not affiliated with\b")]
    public static partial Regex Bio();

    // "Home | World | Business": items joined by separators in one flattened line.
    [GeneratedRegex(@"\s[|·•/]\s")]
    public static partial Regex MenuSeparators();

    [GeneratedRegex(@"^(?:By|BY|Von|Par|Por|Автор:?|Текст:?)\s+\p{Lu}|^\p{Lo}{2,4}\s?(?:기자|특파원)(?:\s|$|\()|(?:記者|特派員)$")]
    public static partial Regex Byline();
}
