namespace Translator.Core.Segmentation;

/// <summary>
/// A first sentence splitter: breaks after . ! ? (and their CJK forms) followed by whitespace and an
/// upper-case letter, digit or opening quote, skipping a short list of abbreviations.
/// </summary>
internal sealed class SimpleSentenceSegmenter : ISentenceSegmenter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "adm", "col", "lt", "sgt", "gov", "sen", "rep", "rev", "st",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc",
    };

    public IReadOnlyList<TextSpan> Split(string paragraph, string language)
    {
        var spans = new List<TextSpan>();
        var start = SkipWhitespace(paragraph, 0);
        for (var i = start; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c is '。' or '！' or '？')
            {
                var end = IncludeClosers(paragraph, i + 1);
                Add(spans, paragraph, start, end);
                start = SkipWhitespace(paragraph, end);
                i = start - 1;
                continue;
            }
            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }
            var close = IncludeClosers(paragraph, i + 1);
            if (close >= paragraph.Length || !char.IsWhiteSpace(paragraph[close]))
            {
                continue;
            }
            var next = SkipWhitespace(paragraph, close);
            if (next >= paragraph.Length || !StartsSentence(paragraph[next]) || (c == '.' && IsAbbreviation(paragraph, i)))
            {
                continue;
            }
            Add(spans, paragraph, start, close);
            start = next;
            i = next - 1;
        }
        Add(spans, paragraph, start, paragraph.Length);
        return spans;
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '«' or '(' or '「' or '『';

    private static bool IsAbbreviation(string text, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }
        var word = text[wordStart..dot];
        // A lone capital is an initial ("J. Smith"); dotted runs are initialisms ("U.S.").
        return word.Length == 1 && char.IsUpper(word[0])
            || (wordStart > 0 && text[wordStart - 1] == '.')
            || Abbreviations.Contains(word);
    }

    private static int IncludeClosers(string text, int i)
    {
        while (i < text.Length && text[i] is '"' or '”' or '’' or '\'' or ')' or '»' or '」' or '』' or '.' or '!' or '?')
        {
            i++;
        }
        return i;
    }

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
        return i;
    }

    private static void Add(List<TextSpan> spans, string text, int start, int end)
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
