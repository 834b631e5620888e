using System.Collections.Frozen;
using System.Globalization;
using Translator.Core.Cleaning;
using Translator.Core.Languages;

namespace Translator.Core.Glossary;

/// <summary>Why a short form in a story was left to the provider.</summary>
public enum ShortFormProblem
{
    /// <summary>The story names none of the entries the short form can stand for in full.</summary>
    NoFullMention,

    /// <summary>The story also names another person of that name, one the glossary does not hold ("Kim Yo Jong").</summary>
    Ambiguous,
}

/// <summary>A short form that was resolved, per target language: the entry it stood for and the rendering used.</summary>
public sealed record ResolvedShortForm(string ShortForm, string Term, string Rendering, int Occurrences);

/// <summary>A short form left to the provider, with the entries it could have stood for.</summary>
public sealed record UnresolvedShortForm(string ShortForm, ShortFormProblem Problem, IReadOnlyList<string> Candidates, int Occurrences);

/// <summary>A story's glossary matches, every short form resolved against the whole story or left unresolved.</summary>
/// <param name="Matches">Per text, its matches; a short form's <see cref="GlossaryMatch.Entry"/> is the entry it stands for, or -1.</param>
internal sealed record StoryMatches(IReadOnlyList<IReadOnlyList<GlossaryMatch>> Matches, IReadOnlyList<UnresolvedShortForm> Unresolved);

/// <summary>
/// Decides, per story (title and body together), which entry each short form stands for. A short form stands for
/// an entry only when the story names that entry in full; of several such entries, the one named most often; on a
/// tie, the one named last before the short form (a headline before any full name: the one the story names first).
/// When the story also names another person of that name whom the glossary does not hold — the short form next to
/// a capitalised given name that is no glossary term ("Kim Yo Jong", "Lyudmila Putin") — every occurrence of that
/// short form is ambiguous and left to the provider. Two passes over the matches: linear in the story.
/// </summary>
internal static class SecondReferenceResolver
{
    // Capitalised words that sit next to a surname without being a given name: titles before it, dates after it
    // ("met Kim Monday"). Function words ("But Putin said") come from the stop-word list.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NotGivenNames = new[]
        {
            "President", "Premier", "Prime", "Minister", "Chairman", "Chairwoman", "Secretary", "Leader", "General", "Marshal",
            "Admiral", "Comrade", "Mr", "Mrs", "Ms", "Dr", "Spokesman", "Spokeswoman", "Spokesperson", "Envoy", "Ambassador",
        }
        .Concat(CultureInfo.InvariantCulture.DateTimeFormat.DayNames)
        .Concat(CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Where(m => m.Length > 0))
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <param name="texts">The story's segments in reading order, title first.</param>
    /// <param name="occurrences">How often each text occurs in the story (identical sentences are translated once).</param>
    public static StoryMatches Resolve(GlossaryMatcher matcher, IReadOnlyList<string> texts, Func<int, int> occurrences)
    {
        var shortForms = matcher.ShortForms;
        var entries = matcher.Glossary.Entries;
        var matches = new GlossaryMatch[texts.Count][];
        var fullMentions = new int[entries.Count];
        var firstMention = new int[entries.Count];
        Array.Fill(firstMention, int.MaxValue);
        var otherPerson = new bool[shortForms.Count];
        var shortCount = new int[shortForms.Count];
        var position = 0;
        for (var t = 0; t < texts.Count; t++)
        {
            matches[t] = [.. matcher.Match(texts[t])];
            for (var m = 0; m < matches[t].Length; m++, position++)
            {
                var match = matches[t][m];
                if (!match.IsShortForm)
                {
                    fullMentions[match.Entry] += occurrences(t);
                    firstMention[match.Entry] = Math.Min(firstMention[match.Entry], position);
                    continue;
                }
                shortCount[match.ShortForm] += occurrences(t);
                otherPerson[match.ShortForm] |= NextToGivenName(texts[t], matches[t], m, shortForms[match.ShortForm].BeforeGivenName);
            }
        }

        // Per short form: the entries named most often (one, or several chosen between per occurrence).
        var tied = new int[shortForms.Count][];
        var unresolved = new List<UnresolvedShortForm>();
        for (var s = 0; s < shortForms.Count; s++)
        {
            tied[s] = [];
            if (shortCount[s] == 0)
            {
                continue;
            }
            var named = shortForms[s].Entries.Where(e => fullMentions[e] > 0).ToArray();
            if (otherPerson[s] || named.Length == 0)
            {
                unresolved.Add(new UnresolvedShortForm(shortForms[s].Form, otherPerson[s] ? ShortFormProblem.Ambiguous : ShortFormProblem.NoFullMention,
                    shortForms[s].Entries.Select(e => entries[e].Term).ToArray(), shortCount[s]));
                continue;
            }
            var most = named.Max(e => fullMentions[e]);
            tied[s] = named.Where(e => fullMentions[e] == most).ToArray();
        }

        var lastMention = new Dictionary<int, int>();
        position = 0;
        foreach (var textMatches in matches)
        {
            for (var m = 0; m < textMatches.Length; m++, position++)
            {
                var match = textMatches[m];
                if (!match.IsShortForm)
                {
                    lastMention[match.Entry] = position;
                }
                else if (tied[match.ShortForm] is { Length: > 0 } candidates)
                {
                    textMatches[m] = match with { Entry = candidates.Length == 1 ? candidates[0] : Nearest(candidates, lastMention, firstMention) };
                }
            }
        }
        return new StoryMatches(matches, unresolved);
    }

    /// <summary>Of tied entries, the one named last so far; before any of them is named, the one the story names first.</summary>
    private static int Nearest(int[] tied, Dictionary<int, int> lastMention, int[] firstMention)
    {
        var best = -1;
        var bestAt = -1;
        foreach (var e in tied)
        {
            if (lastMention.TryGetValue(e, out var at) && at > bestAt)
            {
                (best, bestAt) = (e, at);
            }
        }
        return best >= 0 ? best : tied.MinBy(e => firstMention[e]);
    }

    /// <summary>
    /// Whether the short form at <paramref name="m"/> is part of another person's name: the word on the given-name
    /// side (after it, or before it) is capitalised, is not a glossary match, a function word, a title or a date,
    /// and (before it) does not open the sentence, where every word is capitalised.
    /// </summary>
    private static bool NextToGivenName(string text, GlossaryMatch[] matches, int m, bool after)
    {
        var match = matches[m];
        if (after)
        {
            var start = SkipSeparators(text, match.End, +1);
            if (start == match.End || start >= text.Length || (m + 1 < matches.Length && matches[m + 1].Start == start))
            {
                return false;
            }
            var end = start;
            while (GlossaryMatcher.IsWordCharAt(text, end))
            {
                end++;
            }
            return IsGivenName(text.AsSpan(start, end - start));
        }
        var wordEnd = SkipSeparators(text, match.Start, -1);
        if (wordEnd == match.Start || wordEnd == 0 || (m > 0 && matches[m - 1].End == wordEnd))
        {
            return false;
        }
        var wordStart = wordEnd;
        while (wordStart > 0 && GlossaryMatcher.IsWordCharAt(text, wordStart - 1))
        {
            wordStart--;
        }
        var opensSentence = text.AsSpan(0, wordStart).TrimStart().TrimStart("\"'“‘(").IsEmpty;
        return !opensSentence && IsGivenName(text.AsSpan(wordStart, wordEnd - wordStart));
    }

    private static int SkipSeparators(string text, int from, int step)
    {
        var i = from;
        while (step > 0 ? i < text.Length && GlossaryMatcher.IsSeparator(text[i]) : i > 0 && GlossaryMatcher.IsSeparator(text[i - 1]))
        {
            i += step;
        }
        return i;
    }

    private static bool IsGivenName(ReadOnlySpan<char> word) =>
        word.Length > 1 && char.IsUpper(word[0]) && !StopWords.Latin.Contains(word) && !NotGivenNames.Contains(word);
}
