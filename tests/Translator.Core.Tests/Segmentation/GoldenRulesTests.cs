using System.Text.Json;
using Translator.Core.Segmentation;
using Xunit;
using Xunit.Abstractions;

namespace Translator.Core.Tests.Segmentation;

/// <summary>
/// The English "Golden Rules" of the Pragmatic Segmenter / pySBD projects, kept in golden-rules.en.json.
/// Rules marked <c>news: false</c> cover academic ellipsis style and run-in lists, which wire copy does not use.
/// </summary>
public sealed class GoldenRulesTests(ITestOutputHelper output)
{
    private sealed record GoldenRule(int Rule, string Name, bool News, string Input, string[] Expected);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static GoldenRule[] Load() =>
        JsonSerializer.Deserialize<GoldenRule[]>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Segmentation", "golden-rules.en.json")), Json)!;

    [Fact]
    public void Split_GoldenRules_EveryNewsRulePassesAndScoreIsReported()
    {
        var segmenter = new RuleBasedSentenceSegmenter();
        var rules = Load();
        Assert.Equal(48, rules.Length);
        var failedNews = new List<string>();
        var passed = 0;
        foreach (var rule in rules)
        {
            var spans = segmenter.Split(rule.Input, "en");
            SegmentationAssert.Reassembles(rule.Input, spans);
            var actual = SegmentationAssert.Texts(rule.Input, spans);
            var ok = actual.SequenceEqual(rule.Expected);
            passed += ok ? 1 : 0;
            output.WriteLine($"{(ok ? "PASS" : "FAIL")} {rule.Rule,2} {(rule.News ? "news" : "    ")} {rule.Name}" +
                (ok ? "" : $" => [{string.Join(" | ", actual)}]"));
            if (rule.News && !ok)
            {
                failedNews.Add($"{rule.Rule} {rule.Name}: [{string.Join(" | ", actual)}]");
            }
        }
        var news = rules.Count(r => r.News);
        output.WriteLine($"Golden Rules score: {passed}/{rules.Length} overall; news rules {news - failedNews.Count}/{news}");
        Assert.Empty(failedNews);
    }
}
