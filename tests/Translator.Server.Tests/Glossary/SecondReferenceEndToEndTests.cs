using System.Text.RegularExpressions;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;
using Translator.Testing.StandIns;

namespace Translator.Server.Tests.Glossary;

/// <summary>
/// Names through a whole story, through the real server: every full mention and every resolvable second reference
/// of every reference name comes back in its reference rendering, with the pseudo provider and the DeepL stand-in.
/// What is expected is worked out here from the reference files alone (<see cref="NameOracle"/>).
/// </summary>
public sealed class SecondReferenceEndToEndTests : IAsyncLifetime
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
    private DeepLStandIn _deepL = null!;

    private static readonly string[] Languages = ["ko", "ru", "ja"];

    public async Task InitializeAsync() => _deepL = await DeepLStandIn.StartAsync();

    public async Task DisposeAsync() => await _deepL.DisposeAsync();

    private TranslatorServerFactory Server(string provider) => provider == "DeepL"
        ? new TranslatorServerFactory().WithDeepL(_deepL)
        : new TranslatorServerFactory();

    [Theory]
    [InlineData("Pseudo")]
    [InlineData("DeepL")]
    public async Task TranslateArticle_WireCopySamples_EveryNameAndResolvableSecondReferenceInItsReferenceRendering(string provider)
    {
        using var factory = Server(provider);
        var translator = new TranslationService.TranslationServiceClient(factory.CreateChannel());
        var checkedNames = 0;

        foreach (var sample in new[] { "wire-copy-observer.txt", "wire-copy-tabloid.txt" })
        {
            var page = new Article { Id = sample, Text = File.ReadAllText(Path.Combine(RepositoryPaths.Fixtures, "samples", sample)) };
            var title = (await translator.CleanArticleAsync(new CleanArticleRequest { Article = page }, cancellationToken: _ct)).Title;
            var response = await translator.TranslateArticleAsync(Request(page, clean: true), cancellationToken: _ct);

            checkedNames += AssertEveryName(response, title);
        }

        // The two copies name 14 people and places in full and refer back to them dozens of times.
        Assert.True(checkedNames > 100, $"only {checkedNames} renderings checked");
    }

    [Theory]
    [InlineData("Pseudo")]
    [InlineData("DeepL")]
    public async Task TranslateArticle_GeneratedStories_EveryNameAndResolvableSecondReferenceInItsReferenceRendering(string provider)
    {
        // One server for every story: stories share sentences ("The Kim-Putin talks ...") about different people,
        // so a cached sentence served with another story's resolution fails the check.
        using var factory = Server(provider);
        var translator = new TranslationService.TranslationServiceClient(factory.CreateChannel());

        foreach (var story in StoryGenerator.Stories(seed: 14))
        {
            var article = new Article { Id = "generated", Title = story.Title, Paragraphs = new Paragraphs { Items = { story.Paragraphs } } };
            var response = await translator.TranslateArticleAsync(Request(article, clean: false), cancellationToken: _ct);

            Assert.True(AssertEveryName(response, story.Title) >= story.Paragraphs.Length);
            Assert.All(response.Translations, t => Assert.Empty(t.Glossary.UnresolvedShortForms));
        }
    }

    [Theory]
    [InlineData("Pseudo")]
    [InlineData("DeepL")]
    public async Task TranslateArticle_AnotherPersonOfTheName_LeftToTheProviderAndReportedAmbiguous(string provider)
    {
        using var factory = Server(provider);
        var article = new Article
        {
            Title = "Kim arrives in Russia",
            Paragraphs = new Paragraphs { Items = { "Kim Jong Un arrived with his sister Kim Yo Jong.", "Kim waved to Vladimir Putin.", "Putin waved back." } },
        };

        var response = await new TranslationService.TranslationServiceClient(factory.CreateChannel())
            .TranslateArticleAsync(Request(article, clean: false), cancellationToken: _ct);

        foreach (var translation in response.Translations)
        {
            var kim = Assert.Single(translation.Glossary.UnresolvedShortForms);
            Assert.Equal(("Kim", ShortFormProblem.Ambiguous, 3), (kim.ShortForm, kim.Problem, kim.Occurrences));
            var putin = Assert.Single(translation.Glossary.ResolvedShortForms);
            Assert.Equal(("Putin", "Vladimir Putin", 1), (putin.ShortForm, putin.Term, putin.Occurrences));
            var fullRendering = ReferenceName.Load().Single(n => n.English == "Kim Jong Un").Renderings[translation.TargetLanguage];
            Assert.DoesNotContain(fullRendering, translation.Title, StringComparison.Ordinal);
            Assert.DoesNotContain(fullRendering, translation.Paragraphs[1].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TranslateArticle_SameSentenceInAStoryAboutAnotherKim_NotServedTheFirstStorysName()
    {
        using var factory = Server("Pseudo");
        var translator = new TranslationService.TranslationServiceClient(factory.CreateChannel());
        const string sentence = "Kim boarded the armoured train.";
        var names = ReferenceName.Load();

        var leader = await translator.TranslateArticleAsync(Request(Story("Kim Jong Un travelled to Russia.", sentence), clean: false), cancellationToken: _ct);
        var admiral = await translator.TranslateArticleAsync(Request(Story("Kim Myong Sik travelled to Russia.", sentence), clean: false), cancellationToken: _ct);

        foreach (var (translation, language) in leader.Translations.Zip(Languages))
        {
            Assert.Contains(names.Single(n => n.English == "Kim Jong Un").Renderings[language], translation.Paragraphs[1].Text, StringComparison.Ordinal);
        }
        foreach (var (translation, language) in admiral.Translations.Zip(Languages))
        {
            var segment = translation.Paragraphs[1].Segments[0];
            Assert.Contains(names.Single(n => n.English == "Kim Myong Sik").Renderings[language], segment.TranslatedText, StringComparison.Ordinal);
            Assert.DoesNotContain(names.Single(n => n.English == "Kim Jong Un").Renderings[language], segment.TranslatedText, StringComparison.Ordinal);
            Assert.False(segment.FromCache);
        }
    }

    private static Article Story(params string[] paragraphs) => new() { Paragraphs = new Paragraphs { Items = { paragraphs } } };

    private static TranslateArticleRequest Request(Article article, bool clean) => new()
    {
        Article = article,
        SourceLanguage = "en",
        TargetLanguages = { Languages },
        Clean = clean,
    };

    /// <returns>How many renderings were checked.</returns>
    private static int AssertEveryName(TranslateArticleResponse response, string title)
    {
        var sources = response.Translations[0].Paragraphs.SelectMany(p => p.Segments).Select(s => s.SourceText).ToArray();
        var oracle = new NameOracle([title, .. sources]);
        var checkedNames = 0;
        foreach (var translation in response.Translations)
        {
            var language = translation.TargetLanguage;
            checkedNames += oracle.AssertRendered(title, translation.Title, language);
            foreach (var segment in translation.Paragraphs.SelectMany(p => p.Segments))
            {
                checkedNames += oracle.AssertRendered(segment.SourceText, segment.TranslatedText, language);
            }
            Assert.Empty(translation.Glossary.Violations);
        }
        return checkedNames;
    }

    /// <summary>
    /// What the reference files say a story's names must become, found with plain regular expressions: full
    /// mentions (any listed spelling, hyphen or space), and bare short forms of people the story names in full,
    /// standing for the candidate it names most often. Stories where that is a tie are not used here.
    /// </summary>
    private sealed class NameOracle
    {
        private static readonly IReadOnlyList<ReferenceName> Names = ReferenceName.Load();
        private static readonly IReadOnlyList<SecondReference> ShortForms = SecondReference.Load();
        private static readonly Regex[] FullPatterns = Names.Select(n => new Regex(
            @"(?<!\w)(?:" + string.Join('|', n.Variants.Prepend(n.English).Select(f => string.Join(@"[\s\-]+", f.Split(' ', '-').Select(Regex.Escape)))) + @")(?!\w)",
            RegexOptions.IgnoreCase)).ToArray();

        private readonly Dictionary<string, SecondReference> _resolvable = [];

        public NameOracle(IReadOnlyList<string> story)
        {
            var mentions = Names.Select((_, n) => story.Sum(text => FullPatterns[n].Count(text))).ToArray();
            foreach (var group in ShortForms.GroupBy(s => s.ShortForm))
            {
                var named = group.Select(s => (Reference: s, Mentions: mentions[IndexOf(s.RefersTo)])).Where(c => c.Mentions > 0).ToArray();
                var most = named.Length == 0 ? 0 : named.Max(c => c.Mentions);
                Assert.True(named.Count(c => c.Mentions == most) <= 1 || !story.Any(t => Bare(t, group.Key).Any()), $"a tie for {group.Key}");
                if (named.Length > 0)
                {
                    _resolvable[group.Key] = named.First(c => c.Mentions == most).Reference;
                }
            }
        }

        /// <returns>How many renderings were checked.</returns>
        public int AssertRendered(string source, string translated, string language)
        {
            var expected = Names.SelectMany((n, i) => Enumerable.Repeat(n.Renderings[language], FullPatterns[i].Count(source)))
                .Concat(_resolvable.SelectMany(r => Enumerable.Repeat(r.Value.Renderings[language], Bare(source, r.Key).Count())))
                .ToArray();
            foreach (var rendering in expected.Distinct())
            {
                // "푸틴" (short) is also inside "블라디미르 푸틴" (full): count every expected rendering that contains it.
                var needed = expected.Count(e => e.Contains(rendering, StringComparison.Ordinal));
                var found = Regex.Count(translated, Regex.Escape(rendering));
                Assert.True(found >= needed, $"{language}: \"{source}\" became \"{translated}\": {found} of {needed} \"{rendering}\"");
            }
            Assert.DoesNotContain("<x", translated, StringComparison.Ordinal);
            return expected.Length;
        }

        /// <summary>The short form as a word of its own, outside every full mention.</summary>
        private static IEnumerable<Match> Bare(string text, string shortForm)
        {
            var full = FullPatterns.SelectMany(p => p.Matches(text)).ToArray();
            return Regex.Matches(text, $@"(?<!\w){Regex.Escape(shortForm)}(?!\w)")
                .Where(m => !full.Any(f => m.Index >= f.Index && m.Index < f.Index + f.Length));
        }

        private static int IndexOf(string english) => Names.Select((n, i) => (n, i)).Single(x => x.n.English == english).i;
    }

    /// <summary>
    /// Stories built from the reference files, one about each person with a short form: that person and another
    /// one, each named in full once (in a listed spelling) and then by short form in a headline before the full
    /// names, in possessives, in compounds and in plain sentences. The sentence with the first person alone recurs
    /// in the stories about both Kims and both Paks.
    /// </summary>
    private static class StoryGenerator
    {
        public sealed record Story(string Title, string[] Paragraphs);

        public static IEnumerable<Story> Stories(int seed)
        {
            var random = new Random(seed);
            var names = ReferenceName.Load();
            // One candidate per short form in a story, so which person it means is never a tie.
            var people = SecondReference.Load();
            foreach (var a in people)
            {
                var others = people.Where(p => p.ShortForm != a.ShortForm).ToArray();
                var b = others[random.Next(others.Length)];
                string Full(SecondReference p)
                {
                    var name = names.Single(n => n.English == p.RefersTo);
                    var spellings = name.Variants.Prepend(name.English).ToArray();
                    return spellings[random.Next(spellings.Length)];
                }
                var (sa, sb) = (a.ShortForm, b.ShortForm);
                yield return new Story($"{sa} to meet {sb} as talks near",
                [
                    $"{Full(a)} arrived in Vladivostok on Tuesday, the Korean Central News Agency said.",
                    $"{Full(b)} welcomed the delegation at the station.",
                    $"{sa}'s aides and {sb}’s officials held talks. The {sa}-{sb} talks lasted three hours.",
                    $"{sb} said {sa} was pleased with the visit.",
                    $"{sa} waved from the armoured train.",
                ]);
            }
        }
    }
}
