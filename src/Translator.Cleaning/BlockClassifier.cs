using Translator.Core.Cleaning;
using System.Text.RegularExpressions;

namespace Translator.Cleaning;

/// <summary>
/// jusText-style cleaning of blocks that have lost (or never had) reliable markup: each block is classified
/// from its own features, then uncertain blocks take the class of their context, then the article is taken to
/// be the longest run of good blocks, so prose-like furniture far from the story (bios, footers) falls away.
/// </summary>
internal static partial class BlockClassifier
{
    private const int GoodWeight = 70;
    private const int NearGoodWeight = 30;
    private const double ProseDensity = 0.2;

    /// <summary>Length from which prose without a closing full stop is still near-good: beyond most headlines.</summary>
    private const int UnpunctuatedProseWeight = 100;
    private const int TitleMinWeight = 20;
    private const int TitleMaxWeight = 250;

    /// <summary>Blocks up to which a text with no run of prose is taken as a fragment of an article, not a page.</summary>
    private const int MaxFragmentBlocks = 3;

    /// <summary>Good text a run below the headline needs to be the story rather than a standfirst alone.</summary>
    private const int AnchoredRunMinWeight = 400;

    /// <summary>Good blocks above a byline or date line that are a standfirst (and a line beside it), not body.</summary>
    private const int MaxStandfirstBlocks = 2;

    /// <summary>Non-article blocks allowed between two paragraphs of the same article (an inline teaser box).</summary>
    private const int MaxGapBlocks = 5;

    /// <summary>Short lines a near-good block looks back past to the story's prose.</summary>
    private const int MaxSkippedShortLines = 2;

    /// <summary>A paragraph cut short by a paywall is a paragraph's length, longer than a teaser's summary line.</summary>
    private const int CutParagraphMinWeight = 200;

    /// <summary>Longest author bio taken as the story's end: a line or two about the writer.</summary>
    private const int MaxClosingBioWeight = 400;

    private enum Kind
    {
        Bad,
        Short,
        NearGood,
        Good,
    }

    public static CleanedArticle Classify(IReadOnlyList<SourceBlock> blocks, string? knownTitle, CancellationToken cancellationToken)
    {
        var n = blocks.Count;
        var texts = new string[n];
        var keys = new string[n];
        var features = new BlockFeatures[n];
        var kinds = new Kind[n];
        var reasons = new DropReason[n];
        for (var i = 0; i < n; i++)
        {
            texts[i] = blocks[i].Text;
        }
        var vocabulary = PageVocabulary.Learn(texts, cancellationToken);
        for (var i = 0; i < n; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            keys[i] = Normalize(texts[i]);
            features[i] = BlockFeatures.Measure(texts[i], vocabulary);
            (kinds[i], reasons[i]) = Initial(features[i], blocks[i].Hint);
            if (i > 0 && kinds[i - 1] == Kind.Good && IsCutParagraph(features[i], blocks[i].Hint))
            {
                // A paywall cuts the story's last visible paragraph short ("… has been …"): right after the
                // story's prose it is that paragraph, not a teaser's summary, which follows a headline.
                (kinds[i], reasons[i]) = (Kind.Good, DropReason.Fragment);
            }
        }
        Smooth(kinds, reasons, features, cancellationToken);
        var (first, last) = MainRun(kinds, features, HeadlineAnchor(keys));
        first = AfterStandfirst(kinds, features, first, last);
        if (first < 0 && n <= MaxFragmentBlocks)
        {
            // A fragment (one short paragraph, or a title and a line) has no page around it to tell it from:
            // it is all article unless its own features say otherwise.
            return ClassifyContainer(blocks, knownTitle, cancellationToken);
        }

        var title = knownTitle;
        var titleIndex = -1;
        if (string.IsNullOrWhiteSpace(title))
        {
            titleIndex = FindTitle(keys, features, kinds, first < 0 ? n : first);
            title = titleIndex >= 0 ? texts[titleIndex] : null;
        }

        string? byline = null, date = null;
        var paragraphs = new List<string>();
        var dropped = new List<DroppedBlock>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var titleKey = title is null ? null : Normalize(title);
        for (var i = 0; i < n; i++)
        {
            if (i == titleIndex)
            {
                continue;
            }
            var text = texts[i];
            if (titleKey is not null && keys[i] == titleKey)
            {
                dropped.Add(new(text, DropReason.RepeatedTitle));
                continue;
            }
            var beforeEnd = first >= 0 && i <= last;
            if (kinds[i] != Kind.Good)
            {
                if (beforeEnd && byline is null && features[i].Byline)
                {
                    byline = text;
                }
                else if (beforeEnd && date is null && features[i].DateOnly && i < first)
                {
                    date = text;
                }
                else
                {
                    dropped.Add(new(text, reasons[i]));
                }
                continue;
            }
            if (i < first || i > last)
            {
                dropped.Add(new(text, DropReason.OutsideArticle));
            }
            else if (!kept.Add(keys[i]))
            {
                dropped.Add(new(text, DropReason.Duplicate));
            }
            else
            {
                paragraphs.Add(text);
            }
        }
        var dateline = paragraphs.Count > 0 ? Dateline(paragraphs[0]) : null;
        return new CleanedArticle(title, dateline, byline, date, paragraphs, dropped);
    }

    /// <summary>
    /// Cleans the blocks of a container that the page's structure already marked as the story: every block is
    /// kept unless its own features say it is furniture (a caption, teaser, share or subscribe line, bio, a
    /// date or byline, a kicker label). Context decides nothing here, so the story's short lines stay.
    /// </summary>
    public static CleanedArticle ClassifyContainer(IReadOnlyList<SourceBlock> blocks, string? knownTitle, CancellationToken cancellationToken)
    {
        string? byline = null, date = null, headline = null;
        var paragraphs = new List<string>();
        var dropped = new List<DroppedBlock>();
        var titleKey = string.IsNullOrWhiteSpace(knownTitle) ? null : Normalize(knownTitle);
        var features = new BlockFeatures[blocks.Count];
        var total = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            features[i] = BlockFeatures.Measure(blocks[i].Text);
            total += features[i].Weight;
        }
        var before = 0;
        var ended = false;
        for (var i = 0; i < blocks.Count; i++)
        {
            var text = blocks[i].Text;
            var key = Normalize(text);
            var f = features[i];
            before += f.Weight;
            if (ended)
            {
                dropped.Add(new(text, DropReason.OutsideArticle));
            }
            else if (f.Bio && IsClosingBio(f, before, total))
            {
                // The author's bio closes the story: what the container holds below it is the page's (teasers,
                // newsletter boxes), whatever its prose.
                ended = true;
                dropped.Add(new(text, DropReason.AuthorBio));
            }
            else if (blocks[i].Hint == BlockHint.Headline || (titleKey is not null && key == titleKey))
            {
                // The story's h1 is its headline, whatever the page's title element says around it.
                headline ??= text;
                dropped.Add(new(text, DropReason.RepeatedTitle));
            }
            else if (f.Byline && f.Weight < 80)
            {
                byline ??= text;
                dropped.Add(new(text, DropReason.Navigation));
            }
            else if (f.DateOnly)
            {
                date ??= text;
                dropped.Add(new(text, DropReason.Navigation));
            }
            else if (ContainerFurniture(f, blocks[i].Hint) is { } reason)
            {
                dropped.Add(new(text, reason));
            }
            else
            {
                // A repeated block stays: inside the story a repeat is the story's (a refrain, a recipe step).
                paragraphs.Add(text);
            }
        }
        var dateline = paragraphs.Count > 0 ? Dateline(paragraphs[0]) : null;
        return new CleanedArticle(knownTitle ?? headline, dateline, byline, date, paragraphs, dropped);
    }

    /// <summary>A bio ends the story when it is brief and most of the text stands above it (not a profile's subject).</summary>
    private static bool IsClosingBio(in BlockFeatures f, int weightThrough, int totalWeight) =>
        f.Weight <= MaxClosingBioWeight && weightThrough * 3 >= totalWeight * 2;

    /// <summary>What marks a block inside the story's container as furniture: the block's own evidence only.</summary>
    private static DropReason? ContainerFurniture(in BlockFeatures f, BlockHint hint)
    {
        if (f.MarkupResidue)
        {
            return DropReason.Markup;
        }
        // Figures without a word (a ticker's cells, a counter) are table or widget residue, never prose.
        if (f.NoLetters)
        {
            return DropReason.Navigation;
        }
        if (hint == BlockHint.Caption || f.PhotoCredit)
        {
            return DropReason.Caption;
        }
        if (hint == BlockHint.Teaser || f.CallToActionTag || (f.TeaserHits > 0 && f.Weight < 200))
        {
            return DropReason.Teaser;
        }
        // A long paragraph of the story may mention subscribing or advertising twice; furniture is brief.
        if ((f.FurnitureHits >= 2 && f.Weight < 400) || (f.FurnitureHits >= 1 && (f.Weight < 120 || f.ListMarker || !f.EndsSentence)))
        {
            return DropReason.Boilerplate;
        }
        return null;
    }

    private static bool IsCutParagraph(in BlockFeatures f, BlockHint hint) =>
        f.Truncated && hint == BlockHint.None && f.TeaserHits == 0 && !f.CallToActionTag && f.FurnitureHits == 0
        && f.StopDensity >= ProseDensity && f.Weight >= CutParagraphMinWeight;

    private static (Kind, DropReason) Initial(in BlockFeatures f, BlockHint hint)
    {
        if (f.MarkupResidue)
        {
            return (Kind.Bad, DropReason.Markup);
        }
        if (hint == BlockHint.Caption || f.PhotoCredit)
        {
            return (Kind.Bad, DropReason.Caption);
        }
        if (hint == BlockHint.Teaser || f.CallToActionTag || (f.TeaserHits > 0 && (f.Weight < 200 || f.Truncated)) || (f.Truncated && f.Weight > NearGoodWeight))
        {
            return (Kind.Bad, DropReason.Teaser);
        }
        if (f.FurnitureHits >= 2 || (f.FurnitureHits == 1 && (f.Weight < 120 || f.ListMarker || !f.EndsSentence)))
        {
            return (Kind.Bad, DropReason.Boilerplate);
        }
        if (f.Bio)
        {
            return (Kind.Bad, DropReason.AuthorBio);
        }
        if (((f.ListMarker || hint == BlockHint.ListItem) && f.Weight < GoodWeight) || f.MenuRun)
        {
            return (Kind.Bad, DropReason.Navigation);
        }
        if (f.DateOnly || f.Byline || hint is BlockHint.Heading or BlockHint.Headline)
        {
            return (Kind.Short, DropReason.Navigation);
        }
        var prose = f.EndsSentence && f.StopDensity >= ProseDensity;
        if (prose && f.Weight >= GoodWeight)
        {
            return (Kind.Good, DropReason.Fragment);
        }
        if (prose && f.Weight >= NearGoodWeight)
        {
            return (Kind.NearGood, DropReason.Fragment);
        }
        // A long line of prose that stops without a full stop is a bullet summary, a list item or a clause cut by
        // a link, not a headline (headlines are shorter): it joins the story when it touches it.
        if (!f.EndsSentence && f.StopDensity >= ProseDensity && f.Weight >= UnpunctuatedProseWeight)
        {
            return (Kind.NearGood, DropReason.Fragment);
        }
        return (Kind.Short, DropReason.Fragment);
    }

    /// <summary>
    /// Context: a short block inherits a class only when both sides agree, a near-good block joins the article
    /// when it touches it. Page edges count as bad, which is what they almost always are. Each pass finds the
    /// neighbours with one scan each way, so a page of thousands of short lines costs no more than its length.
    /// </summary>
    private static void Smooth(Kind[] kinds, DropReason[] reasons, BlockFeatures[] features, CancellationToken cancellationToken)
    {
        var n = kinds.Length;
        var initial = (Kind[])kinds.Clone();
        var nextDecided = NextMatching(n, j => initial[j] != Kind.Short);
        var prevDecided = Kind.Bad;
        for (var i = 0; i < n; i++)
        {
            if (initial[i] != Kind.Short)
            {
                prevDecided = initial[i];
                continue;
            }
            var next = nextDecided[i] < 0 ? Kind.Bad : initial[nextDecided[i]];
            kinds[i] = (prevDecided, next) switch
            {
                (Kind.Good, Kind.Good) when features[i].EndsSentence => Kind.Good,
                (Kind.Good, Kind.NearGood) or (Kind.NearGood, Kind.Good) when features[i].EndsSentence => Kind.Good,
                _ => Kind.Bad,
            };
            if (kinds[i] == Kind.Bad && reasons[i] == DropReason.Fragment && IsInShortRun(initial, i))
            {
                reasons[i] = DropReason.Navigation;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        // An inline teaser or caption sits inside the story, so it does not cut a paragraph off from it. Blocks
        // after i are still as the first pass left them, so their context can be found before this pass starts.
        // Looking back, a line that was short to begin with decides nothing either: the story's short sentences
        // stay with it across an inline headline or a caption's remnants, as in jusText, where near-good blocks
        // look past short ones (one inline headline or a caption's two lines; three or more are a teaser list
        // such as "Most viewed" and its headlines, where the story has ended). Looking ahead they count unless they read as prose (a second summary bullet):
        // a caption or a standfirst-sized teaser above a story's first paragraph does not join it across a
        // date or menu line.
        var nextContext = NextMatching(n, j => IsContext(kinds, reasons, j) && !(initial[j] == Kind.Short && IsShortProse(features[j])));
        var nextContextKind = nextContext.Select(j => j < 0 ? Kind.Bad : kinds[j]).ToArray();
        var prevContext = Kind.Bad;
        var shortSince = 0;
        for (var i = 0; i < n; i++)
        {
            if (kinds[i] == Kind.NearGood)
            {
                var back = shortSince <= MaxSkippedShortLines ? prevContext : Kind.Bad;
                kinds[i] = back == Kind.Good || nextContextKind[i] == Kind.Good ? Kind.Good : Kind.Bad;
            }
            if (initial[i] == Kind.Short)
            {
                shortSince++;
            }
            else if (IsContext(kinds, reasons, i))
            {
                prevContext = kinds[i];
                shortSince = 0;
            }
        }
    }

    private static bool IsShortProse(in BlockFeatures f) => f.StopDensity >= ProseDensity && f.Words >= 4;

    private static bool IsContext(Kind[] kinds, DropReason[] reasons, int j) =>
        kinds[j] == Kind.Good || (kinds[j] == Kind.Bad && reasons[j] is not (DropReason.Teaser or DropReason.Caption));

    /// <summary>For every index, the nearest later index that matches, or -1.</summary>
    private static int[] NextMatching(int n, Func<int, bool> matches)
    {
        var next = new int[n];
        var found = -1;
        for (var i = n - 1; i >= 0; i--)
        {
            next[i] = found;
            if (matches(i))
            {
                found = i;
            }
        }
        return next;
    }

    private static bool IsInShortRun(Kind[] kinds, int i)
    {
        var run = 1;
        for (var j = i - 1; j >= 0 && kinds[j] is Kind.Short or Kind.Bad && run < 3; j--)
        {
            run++;
        }
        for (var j = i + 1; j < kinds.Length && kinds[j] is Kind.Short or Kind.Bad && run < 3; j++)
        {
            run++;
        }
        return run >= 3;
    }

    /// <summary>
    /// The article: a run of good blocks (allowing small gaps). Comment threads and teaser lists below a story can
    /// hold more text than a short story, so the first run holding at least half as much good text as the
    /// largest one wins: the story comes before what readers and editors hang under it.
    /// </summary>
    private static (int First, int Last) MainRun(Kind[] kinds, BlockFeatures[] features, int anchor)
    {
        var runs = new List<(int First, int Last, int Weight)>();
        var i = 0;
        while (i < kinds.Length)
        {
            if (kinds[i] != Kind.Good)
            {
                i++;
                continue;
            }
            int first = i, last = i, weight = 0, gap = 0;
            for (; i < kinds.Length && gap <= MaxGapBlocks; i++)
            {
                if (kinds[i] == Kind.Good)
                {
                    last = i;
                    weight += features[i].Weight;
                    gap = 0;
                }
                else
                {
                    gap++;
                }
            }
            runs.Add((first, last, weight));
            i = last + 1;
        }
        if (runs.Count == 0)
        {
            return (-1, -1);
        }
        var largest = runs.Max(r => r.Weight);
        var chosen = runs.FirstOrDefault(r => r.First > anchor && anchor >= 0 && r.Weight >= AnchoredRunMinWeight);
        if (chosen.Weight == 0)
        {
            chosen = runs.First(r => r.Weight * 2 >= largest);
        }
        return (chosen.First, chosen.Last);
    }

    /// <summary>
    /// A story's header is headline, standfirst, then byline and date; the body starts after them. Good text
    /// before a byline or date line at the top of the run is the standfirst (or a caption above it), not body.
    /// </summary>
    private static int AfterStandfirst(Kind[] kinds, BlockFeatures[] features, int first, int last)
    {
        if (first < 0)
        {
            return first;
        }
        var good = 0;
        for (var j = first; j <= last && good <= MaxStandfirstBlocks; j++)
        {
            if (kinds[j] == Kind.Good)
            {
                good++;
            }
            else if (features[j].Byline || features[j].DateOnly)
            {
                for (var k = j + 1; k <= last; k++)
                {
                    if (kinds[k] == Kind.Good)
                    {
                        return k;
                    }
                }
                return first;
            }
        }
        return first;
    }

    /// <summary>
    /// Where the story's own headline stands: a flattened page opens with its title element ("Headline | Site"),
    /// and the story repeats the headline (most of that line, not a section name in it) above its first
    /// paragraph. The first such repeat, or -1.
    /// </summary>
    private static int HeadlineAnchor(string[] keys)
    {
        if (keys.Length == 0 || keys[0].Length < TitleMinWeight)
        {
            return -1;
        }
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i].Length >= TitleMinWeight && keys[i].Length * 2 >= keys[0].Length && keys[0].Contains(keys[i], StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// The headline: a headline-shaped block before the article. Pages that repeat it (masthead and story
    /// header) give it away by the repeat; otherwise it is the first, since captions and standfirsts follow it.
    /// </summary>
    private static int FindTitle(string[] keys, BlockFeatures[] features, Kind[] kinds, int bodyStart)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var first = -1;
        for (var i = bodyStart - 1; i >= 0; i--)
        {
            if (!IsHeadline(features[i]) || kinds[i] == Kind.Good)
            {
                continue;
            }
            if (counts[keys[i]] > 1)
            {
                return i;
            }
            first = i;
        }
        return first;
    }

    private static bool IsHeadline(in BlockFeatures f) =>
        f.Weight is >= TitleMinWeight and <= TitleMaxWeight && f.Words >= 4 && !f.ListMarker && !f.DateOnly && !f.Byline
        && !f.MarkupResidue && !f.MenuRun && !f.PhotoCredit && !f.CallToActionTag && f.FurnitureHits == 0 && f.TeaserHits == 0
        && !f.Truncated && !(f.EndsSentence && f.StopDensity >= ProseDensity && f.Weight >= GoodWeight);

    private static string? Dateline(string paragraph)
    {
        var match = DatelinePattern().Match(paragraph);
        return match.Success ? match.Groups["d"].Value.Trim() : null;
    }

    private static string Normalize(string text) => Spaces().Replace(text.Trim(), " ").ToUpperInvariant();

    // "SEOUL, South Korea (AP) —", "МОСКВА, 12 сентября /ТАСС/.", "(서울=연합뉴스)", "【ソウル共同】".
    [GeneratedRegex(@"^(?:(?<d>\p{Lu}[\p{Lu}\p{M} .'’-]{1,30}(?:,\s[\p{L}\d .'’-]{2,30})?(?:\s*\([^)]{1,20}\)|\s*/[^/]{2,15}/)?)\.?\s*[—–-]{1,2}\s|(?<d>\p{Lu}[\p{Lu} -]{1,30},\s\d{1,2}\s\p{Ll}+\.?\s*/[^/]{2,15}/)\.?\s|(?<d>\([^)=]{1,15}=[^)]{1,15}\))|(?<d>【[^】]{1,15}】))")]
    private static partial Regex DatelinePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
