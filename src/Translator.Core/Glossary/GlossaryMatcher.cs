using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Translator.Core.Caching;

namespace Translator.Core.Glossary;

/// <summary>One occurrence of a glossary entry (or of a short form) in a text.</summary>
/// <param name="Entry">
/// Index into the glossary's entries: the entry named in full, or the entry a short form was resolved to
/// (<see cref="SecondReferenceResolver"/>); -1 for a short form not (yet) resolved.
/// </param>
/// <param name="ShortForm">Index into <see cref="GlossaryMatcher.ShortForms"/>; -1 when an entry is named in full.</param>
public readonly record struct GlossaryMatch(int Start, int Length, int Entry, int ShortForm = -1)
{
    public bool IsShortForm => ShortForm >= 0;

    public int End => Start + Length;
}

/// <summary>A short form and the entries that share it, in glossary order.</summary>
/// <param name="BeforeGivenName">
/// It opens a candidate's term ("Kim" of "Kim Jong Un"), so another person of that name shows as the short form
/// followed by a given name; otherwise it closes one ("Putin" of "Vladimir Putin") and a given name precedes it.
/// </param>
public sealed record ShortForm(string Form, IReadOnlyList<int> Entries, bool BeforeGivenName);

/// <summary>
/// Finds glossary terms in text in one left-to-right pass over a precompiled trie of every spelling.
/// Matches are whole words (Unicode letters, digits and combining marks are word characters), case-folded
/// unless the entry is case-sensitive, and any run of spaces or hyphens in the text matches a space or hyphen in
/// the term. A possessive ('s, ’s) is outside the match, so the term before it matches and the particle is left
/// to the provider. At each position the longest spelling wins; overlaps resolve leftmost-first, so the result
/// depends only on the text and the glossary. Short forms are in the same trie; a full spelling wins over a short form
/// and a short form matches only capitalised as it is written (a proper noun, not the common word).
/// </summary>
public sealed class GlossaryMatcher
{
    private readonly Node _root = new();
    // Which folded ASCII characters start a spelling: most positions of English copy are rejected by one array read.
    private readonly bool[] _asciiStarts = new bool[128];
    private readonly ConcurrentDictionary<(int Entry, string Target), string> _contentHashes = new();
    // Combinations are few in real copy, but a stream of crafted ones must not grow a replica without bound.
    private readonly BoundedMemo _derived = new(100_000);

    public GlossaryMatcher(Glossary glossary)
    {
        Glossary = glossary;
        var shortForms = new Dictionary<string, (string Form, List<int> Entries, bool Before)>(StringComparer.Ordinal);
        for (var e = 0; e < glossary.Entries.Count; e++)
        {
            var entry = glossary.Entries[e];
            foreach (var form in entry.Forms.Select(NormalizeSeparators).Distinct(StringComparer.Ordinal))
            {
                Add(form).Terminals.Add(new Terminal(e, entry.CaseSensitive ? form : null));
            }
            foreach (var form in entry.ShortForms.Select(NormalizeSeparators).Distinct(StringComparer.Ordinal))
            {
                var key = string.Concat(form.Select(Fold));
                var opens = NormalizeSeparators(entry.Term).StartsWith(form + " ", StringComparison.OrdinalIgnoreCase);
                shortForms[key] = shortForms.TryGetValue(key, out var known)
                    ? (known.Form, [.. known.Entries, e], known.Before && opens)
                    : (form, [e], opens);
            }
        }
        ShortForms = shortForms.Values.Select(s => new ShortForm(s.Form, s.Entries, s.Before)).ToArray();
        for (var s = 0; s < ShortForms.Count; s++)
        {
            Add(ShortForms[s].Form).Terminals.Add(new Terminal(-1, ShortForms[s].Form, s));
        }
    }

    public Glossary Glossary { get; }

    /// <summary>Every distinct short form of the glossary's entries; a story decides which entry each stands for.</summary>
    public IReadOnlyList<ShortForm> ShortForms { get; }

    /// <summary>The trie node for a spelling (full or short), marking its first character as one a match can start with.</summary>
    private Node Add(string form)
    {
        if (form.Length > 0 && Fold(form[0]) < 128)
        {
            _asciiStarts[Fold(form[0])] = true;
        }
        var node = _root;
        foreach (var c in form)
        {
            node = node.Child(Fold(c));
        }
        return node;
    }

    /// <summary><see cref="GlossaryEntry.ContentHash"/>, computed once per entry and target language.</summary>
    public string ContentHash(int entry, string targetLanguage) =>
        _contentHashes.GetOrAdd((entry, targetLanguage), static (key, entries) => entries[key.Entry].ContentHash(key.Target), Glossary.Entries);

    /// <summary>
    /// A value derived from a combination of this version's entries (a cache-key part), worked out once per distinct
    /// combination: the same few names recur in every story, and hashing them again for each segment and language
    /// was most of the cost of a fully cached request.
    /// </summary>
    /// <param name="scope">What the value is, and the target language when it depends on it.</param>
    /// <param name="codes">The combination: entry codes in any order, repeats allowed. Sorted in place.</param>
    internal string Derive<TState>(string scope, Span<int> codes, TState state, Func<TState, string> compute)
    {
        codes.Sort();
        var length = scope.Length + 1 + codes.Length * 12;
        var buffer = length <= 512 ? stackalloc char[length] : new char[length];
        scope.CopyTo(buffer);
        buffer[scope.Length] = ':';
        var written = scope.Length + 1;
        for (var k = 0; k < codes.Length; k++)
        {
            if (k == 0 || codes[k] != codes[k - 1])
            {
                codes[k].TryFormat(buffer[written..], out var digits, provider: CultureInfo.InvariantCulture);
                written += digits;
                buffer[written++] = ',';
            }
        }
        var key = buffer[..written];
        // Looked up by span: on the cached path every segment of every language asks, and almost always finds.
        if (_derived.TryGet(key, out var known))
        {
            return known;
        }
        var value = compute(state);
        _derived.Add(key.ToString(), value);
        return value;
    }

    public IReadOnlyList<GlossaryMatch> Match(string text)
    {
        List<GlossaryMatch>? matches = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < 128 ? !_asciiStarts[Fold(c)] : _root.Find(Fold(c)) is null) || IsWordCharBefore(text, i))
            {
                continue;
            }
            if (LongestAt(text, i) is { } match)
            {
                (matches ??= []).Add(match);
                i = match.Start + match.Length - 1;
            }
        }
        return matches ?? (IReadOnlyList<GlossaryMatch>)[];
    }

    private GlossaryMatch? LongestAt(string text, int start)
    {
        GlossaryMatch? best = null;
        var node = _root;
        var j = start;
        while (j < text.Length)
        {
            char key;
            if (IsSeparator(text[j]))
            {
                key = ' ';
                while (j < text.Length && IsSeparator(text[j]))
                {
                    j++;
                }
            }
            else
            {
                key = Fold(text[j]);
                j++;
            }
            node = node.Find(key);
            if (node is null)
            {
                break;
            }
            if (node.Terminals.Count > 0 && key != ' ' && !IsWordCharAt(text, j) && Accept(node, text, start, j) is { } found)
            {
                best = found with { Length = j - start };
            }
        }
        return best;
    }

    /// <summary>
    /// A case-sensitive spelling must match exactly (separators aside); case-sensitive entries are preferred, and any
    /// full spelling over a short form.
    /// </summary>
    private static GlossaryMatch? Accept(Node node, string text, int start, int end)
    {
        string? exact = null;
        int? folded = null;
        int? shortForm = null;
        foreach (var terminal in node.Terminals)
        {
            if (terminal.ShortForm >= 0)
            {
                shortForm = char.IsUpper(terminal.CaseSensitiveForm![0]) && !char.IsUpper(text[start]) ? shortForm : terminal.ShortForm;
                continue;
            }
            if (terminal.CaseSensitiveForm is null)
            {
                folded ??= terminal.Entry;
                continue;
            }
            exact ??= NormalizeSeparators(text[start..end]);
            if (string.Equals(exact, terminal.CaseSensitiveForm, StringComparison.Ordinal))
            {
                return new GlossaryMatch(start, 0, terminal.Entry);
            }
        }
        return folded is { } entry ? new GlossaryMatch(start, 0, entry)
            : shortForm is { } s ? new GlossaryMatch(start, 0, -1, s)
            : null;
    }

    /// <summary>The spelling with every run of spaces and hyphens made one space; the key conflicts are judged by.</summary>
    public static string NormalizeSeparators(string form)
    {
        var sb = new StringBuilder(form.Length);
        var pending = false;
        foreach (var c in form.Trim())
        {
            if (IsSeparator(c))
            {
                pending = true;
                continue;
            }
            if (pending && sb.Length > 0)
            {
                sb.Append(' ');
            }
            pending = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    public static char Fold(char c) => char.IsAscii(c) ? (char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c) : FoldedBmp[c];

    // char.ToLowerInvariant asks ICU for every non-ASCII character, and English copy is full of them (’ “ ” —): the
    // whole plane is folded once instead (128 KB).
    private static readonly char[] FoldedBmp = CreateFoldedBmp();

    private static char[] CreateFoldedBmp()
    {
        var folded = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            folded[c] = char.ToLowerInvariant((char)c);
        }
        return folded;
    }

    internal static bool IsSeparator(char c) => char.IsWhiteSpace(c) || c is '-' or '\u2010' or '\u2011' or '\u00AD';

    // ASCII first: almost every character of English copy is, and it needs no Unicode tables.
    private static bool IsWordCharBefore(string text, int index) =>
        index > 0 && (char.IsAscii(text[index - 1])
            ? char.IsAsciiLetterOrDigit(text[index - 1])
            : Rune.DecodeLastFromUtf16(text.AsSpan(0, index), out var rune, out _) == System.Buffers.OperationStatus.Done && IsWord(rune));

    internal static bool IsWordCharAt(string text, int index) =>
        index < text.Length && (char.IsAscii(text[index])
            ? char.IsAsciiLetterOrDigit(text[index])
            : Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) == System.Buffers.OperationStatus.Done && IsWord(rune));

    private static bool IsWord(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <param name="ShortForm">Index into <see cref="ShortForms"/> (with the form in <paramref name="CaseSensitiveForm"/>); -1 for a full spelling.</param>
    private readonly record struct Terminal(int Entry, string? CaseSensitiveForm, int ShortForm = -1);

    private sealed class Node
    {
        private Dictionary<char, Node>? _children;

        public List<Terminal> Terminals { get; } = [];

        public Node Child(char key)
        {
            _children ??= [];
            if (!_children.TryGetValue(key, out var child))
            {
                child = new Node();
                _children[key] = child;
            }
            return child;
        }

        public Node? Find(char key) => _children is not null && _children.TryGetValue(key, out var child) ? child : null;
    }
}
