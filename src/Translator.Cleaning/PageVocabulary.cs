namespace Translator.Cleaning;

/// <summary>
/// The function words of the page's own language, learnt from the page: in any language the commonest short
/// words of its sentences are articles, prepositions and conjunctions. The built-in lists cover the languages
/// we publish in; this covers the Italian, Indonesian or Portuguese page a partner sends anyway.
/// </summary>
internal sealed class PageVocabulary
{
    public static readonly PageVocabulary Empty = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase));

    private const int MaxWords = 40;
    private const int MaxWordLength = 4;
    private const int MinOccurrences = 3;
    private const int MinSentenceWords = 10;

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private PageVocabulary(HashSet<string> words) => _lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);

    /// <summary>Counts the short words of the blocks that read as sentences and keeps the commonest.</summary>
    public static PageVocabulary Learn(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var t = 0; t < texts.Count; t++)
        {
            if ((t & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var text = texts[t].AsSpan();
            if (text.Count(' ') < MinSentenceWords - 1 || !text.TrimEnd(" \"'”’»)").EndsWith('.'))
            {
                continue;
            }
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var letter = i < text.Length && char.IsLetter(text[i]);
                if (letter && start < 0)
                {
                    start = i;
                }
                else if (!letter && start >= 0)
                {
                    if (i - start <= MaxWordLength)
                    {
                        var word = text[start..i];
                        lookup[word] = lookup.TryGetValue(word, out var n) ? n + 1 : 1;
                    }
                    start = -1;
                }
            }
        }
        var common = counts.Where(c => c.Value >= MinOccurrences)
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(MaxWords)
            .Select(c => c.Key);
        return new PageVocabulary(new HashSet<string>(common, StringComparer.OrdinalIgnoreCase));
    }
}
