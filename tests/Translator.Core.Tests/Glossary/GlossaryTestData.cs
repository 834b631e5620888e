using Translator.Core.Glossary;

namespace Translator.Core.Tests.Glossary;

internal static class GlossaryTestData
{
    public static GlossaryEntry Entry(string term, string ko, params string[] variants) =>
        new(term, variants, new Dictionary<string, string> { ["ko"] = ko, ["ru"] = $"ru({ko})" });

    public static Core.Glossary.Glossary Of(params GlossaryEntry[] entries) => new("test", "Test", "en", 1, entries);

    public static GlossaryMatcher Matcher(params GlossaryEntry[] entries) => new(Of(entries));

    /// <summary>The matched substrings, in order.</summary>
    public static string[] Found(GlossaryMatcher matcher, string text) =>
        matcher.Match(text).Select(m => text.Substring(m.Start, m.Length)).ToArray();
}
