using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Translator.Core.Providers;

namespace Translator.Core.Glossary;

/// <summary>One protected occurrence: placeholder id, entry index and the rendering it stands for.</summary>
/// <param name="ShortForm">The short form the text used, when the entry was not named in full there.</param>
internal readonly record struct ProtectedTerm(int Id, int Entry, string Rendering, string? ShortForm = null);

/// <summary>
/// A segment with every glossary term replaced by <c>&lt;x id="N"&gt;rendering&lt;/x&gt;</c>, so the provider
/// translates the sentence around the term and passes the rendering through.
/// </summary>
internal sealed class ProtectedSegment
{
    public const string NoMatch = "-";

    private readonly IReadOnlyList<GlossaryMatch> _replaced;
    private string? _masked;

    /// <param name="replaced">The matches the terms stand for, in the order of <paramref name="terms"/>.</param>
    public ProtectedSegment(string source, IReadOnlyList<ProtectedTerm> terms, IReadOnlyList<GlossaryMatch> replaced, string fingerprint)
    {
        Source = source;
        Terms = terms;
        Fingerprint = fingerprint;
        _replaced = replaced;
    }

    public string Source { get; }

    public IReadOnlyList<ProtectedTerm> Terms { get; }

    /// <summary>
    /// The cache-key part for the entries that matched: the glossary id and a hash of those entries' content for this
    /// target (<see cref="NoMatch"/> when none matched). Editing an entry changes the key only of segments that contain
    /// it; a short form adds the entry it was resolved to, so the same sentence about a different Kim has a different key.
    /// </summary>
    public string Fingerprint { get; }

    public bool HasTerms => Terms.Count > 0;

    /// <summary>
    /// The text to send to the provider, built when first asked: a fully cached request never sends it, and building
    /// it for every segment and language was most of what such a request allocated.
    /// </summary>
    public string Masked => _masked ??= Mask();

    private string Mask()
    {
        var masked = new StringBuilder(Source.Length + _replaced.Count * 16);
        var last = 0;
        for (var k = 0; k < _replaced.Count; k++)
        {
            masked.Append(Source, last, _replaced[k].Start - last).Append(ProtectedSpans.Wrap(Terms[k].Id, Terms[k].Rendering));
            last = _replaced[k].End;
        }
        return masked.Append(Source, last, Source.Length - last).ToString();
    }
}

/// <summary>What restoring (or re-checking a cached) translation found.</summary>
/// <param name="Repaired">Placeholders the provider lost, mangled or duplicated that were put right.</param>
/// <param name="Missing">Terms whose rendering is not in the final text (one per entry and rendering).</param>
internal sealed record RestoredSegment(string Text, int Repaired, IReadOnlyList<ProtectedTerm> Missing);

/// <summary>Masks matched terms before translation and puts their renderings back after, repairing what it can.</summary>
internal static partial class GlossaryProtection
{
    /// <param name="matches">
    /// The text's matches (<see cref="GlossaryMatcher.Match"/>), short forms resolved by <see cref="SecondReferenceResolver"/>;
    /// an unresolved short form is left to the provider.
    /// </param>
    public static ProtectedSegment Protect(GlossaryMatcher matcher, string text, IReadOnlyList<GlossaryMatch> matches, string targetLanguage)
    {
        // Every segment with terms, in every language of every request, cached or not: arrays, no enumerators.
        if (matches.Count == 0)
        {
            return new ProtectedSegment(text, [], [], ProtectedSegment.NoMatch);
        }
        var terms = new ProtectedTerm[matches.Count];
        var count = 0;
        for (var k = 0; k < matches.Count; k++)
        {
            var match = matches[k];
            if (RenderingOf(matcher, match, targetLanguage) is { } rendering)
            {
                terms[count] = new ProtectedTerm(count + 1, match.Entry, rendering, match.IsShortForm ? matcher.ShortForms[match.ShortForm].Form : null);
                count++;
            }
        }
        if (count == 0)
        {
            return new ProtectedSegment(text, [], [], ProtectedSegment.NoMatch);
        }
        // Usually every match has a rendering and the matches are what was replaced; an unresolved short form or a
        // language without a rendering leaves a gap.
        IReadOnlyList<GlossaryMatch> replaced = matches;
        if (count < matches.Count)
        {
            terms = terms[..count];
            var kept = new List<GlossaryMatch>(count);
            for (var k = 0; k < matches.Count; k++)
            {
                if (RenderingOf(matcher, matches[k], targetLanguage) is not null)
                {
                    kept.Add(matches[k]);
                }
            }
            replaced = kept;
        }
        return new ProtectedSegment(text, terms, replaced, Fingerprint(matcher, terms, targetLanguage));
    }

    /// <summary>The rendering a match is replaced by; null when it is left to the provider (unresolved, or none for the language).</summary>
    private static string? RenderingOf(GlossaryMatcher matcher, GlossaryMatch match, string targetLanguage) =>
        match.Entry < 0 ? null
        : match.IsShortForm ? matcher.Glossary.Entries[match.Entry].ShortRenderingFor(targetLanguage)
        : matcher.Glossary.Entries[match.Entry].RenderingFor(targetLanguage);

    /// <summary>
    /// Replaces every placeholder in a provider's output by its rendering. Placeholders are found however the
    /// provider mangled them (escaped, re-quoted, self-closed, content changed); duplicates and unknown ids are
    /// removed; a dropped placeholder is repaired when the source spelling survived in the output.
    /// </summary>
    public static RestoredSegment Restore(GlossaryMatcher matcher, ProtectedSegment segment, string output)
    {
        if (!segment.HasTerms)
        {
            return new RestoredSegment(output, 0, []);
        }
        var byId = segment.Terms.ToDictionary(t => t.Id);
        var seen = new HashSet<int>();
        var repaired = 0;
        var text = Placeholder().Replace(output, m =>
        {
            if (int.TryParse(m.Groups["id"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && byId.TryGetValue(id, out var term) && seen.Add(id))
            {
                repaired += m.ValueSpan.SequenceEqual(ProtectedSpans.Wrap(id, term.Rendering)) ? 0 : 1;
                return term.Rendering;
            }
            repaired++;
            return "";
        });
        text = StrayTag().Replace(text, _ =>
        {
            repaired++;
            return "";
        });
        if (repaired > 0)
        {
            // Removing a duplicate or stray tag leaves the spaces that surrounded it.
            text = DoubleSpace().Replace(text, " ");
            text = output.Length > 0 && !char.IsWhiteSpace(output[^1]) ? text.TrimEnd() : text;
            text = output.Length > 0 && !char.IsWhiteSpace(output[0]) ? text.TrimStart() : text;
        }
        foreach (var term in segment.Terms.Where(t => !seen.Contains(t.Id)))
        {
            if (text.Contains(term.Rendering, StringComparison.Ordinal))
            {
                continue;
            }
            var survivor = (term.ShortForm is { } shortForm ? new[] { shortForm } : matcher.Glossary.Entries[term.Entry].Forms)
                .Select(f => (Form: f, At: text.IndexOf(f, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(f => f.At >= 0);
            if (survivor.Form is not null)
            {
                text = string.Concat(text.AsSpan(0, survivor.At), term.Rendering, text.AsSpan(survivor.At + survivor.Form.Length));
                repaired++;
            }
        }
        return new RestoredSegment(text, repaired, MissingEntries(segment, text));
    }

    /// <summary>Re-checks a translation that was not just restored (a cache hit): every rendering must be present.</summary>
    public static RestoredSegment Verify(ProtectedSegment segment, string text) => new(text, 0, MissingEntries(segment, text));

    private static ProtectedTerm[] MissingEntries(ProtectedSegment segment, string text)
    {
        // Every segment with terms of every cached language is checked here, and nearly all pass.
        List<ProtectedTerm>? missing = null;
        for (var k = 0; k < segment.Terms.Count; k++)
        {
            var term = segment.Terms[k];
            if (!text.Contains(term.Rendering, StringComparison.Ordinal) && !Listed(missing, term))
            {
                (missing ??= []).Add(term);
            }
        }
        return missing is null ? [] : [.. missing];

        static bool Listed(List<ProtectedTerm>? missing, ProtectedTerm term)
        {
            if (missing is null)
            {
                return false;
            }
            foreach (var m in missing)
            {
                if (m.Entry == term.Entry && m.Rendering == term.Rendering)
                {
                    return true;
                }
            }
            return false;
        }
    }

    private static string Fingerprint(GlossaryMatcher matcher, ProtectedTerm[] terms, string targetLanguage)
    {
        Span<int> codes = terms.Length <= 16 ? stackalloc int[terms.Length] : new int[terms.Length];
        for (var k = 0; k < terms.Length; k++)
        {
            // Entry and whether a short form stood for it, in one sortable number.
            codes[k] = terms[k].Entry * 2 + (terms[k].ShortForm is null ? 0 : 1);
        }
        return matcher.Derive(targetLanguage, codes, (matcher, terms, targetLanguage), static s =>
        {
            var sb = new StringBuilder();
            foreach (var term in s.terms.Select(t => (t.Entry, Short: t.ShortForm is not null)).Distinct().Order())
            {
                sb.Append(term.Short ? "s:" : "").Append(s.matcher.ContentHash(term.Entry, s.targetLanguage)).Append(',');
            }
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())).AsSpan(0, 8));
            return $"g.{s.matcher.Glossary.Id}.{hash}";
        });
    }

    // Lenient on purpose: providers re-quote attributes, add spaces, escape the brackets or self-close empty elements.
    [GeneratedRegex("""(?:<|&lt;)\s*x\s+id\s*=\s*(?:"|'|&quot;)?(?<id>\d+)(?:"|'|&quot;)?\s*(?:/\s*(?:>|&gt;)|(?:>|&gt;)(?<content>(?:(?!(?:<|&lt;)\s*/?\s*x\b).)*?)(?:<|&lt;)\s*/\s*x\s*(?:>|&gt;))""",
        RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Half a placeholder (an opening or closing tag whose partner the provider dropped).</summary>
    [GeneratedRegex("""(?:<|&lt;)\s*/?\s*x\b[^<>]*?(?:>|&gt;)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrayTag();

    [GeneratedRegex(" {2,}")]
    private static partial Regex DoubleSpace();
}
