using System.Text.Json;
using Translator.Core.Providers;
using Translator.Testing.StandIns;
using static Translator.Providers.Tests.ProviderHarness;

namespace Translator.Providers.Tests.DeepL;

public sealed class DeepLTranslationProviderTests : DeepLStandInTests
{
    [Fact]
    public async Task TranslateAsync_Batch_SendsAuthLanguagesAndOptionsAndReturnsInOrder()
    {
        await using var harness = Create(DeepL.Url);

        var result = await harness.DeepL.TranslateAsync(Batch("ko", "One.", "Two."), Ct);

        Assert.Equal(["[KO] One.", "[KO] Two."], result);
        var request = Assert.Single(DeepL.Requests);
        Assert.Equal("DeepL-Auth-Key stand-in-key:fx", request.Authorization);
        var body = request.Body!.Value;
        Assert.Equal("EN", body.GetProperty("source_lang").GetString());
        Assert.Equal("KO", body.GetProperty("target_lang").GetString());
        Assert.Equal("nonewlines", body.GetProperty("split_sentences").GetString());
        Assert.True(body.GetProperty("preserve_formatting").GetBoolean());
        Assert.False(body.TryGetProperty("tag_handling", out _));
        Assert.False(body.TryGetProperty("context", out _));
    }

    [Theory]
    [InlineData("ko", "KO")]
    [InlineData("ja", "JA")]
    [InlineData("ru", "RU")]
    [InlineData("pt", "PT-BR")]
    [InlineData("pt-PT", "PT-PT")]
    [InlineData("zh", "ZH-HANS")]
    [InlineData("zh-Hant", "ZH-HANT")]
    [InlineData("zh-TW", "ZH-HANT")]
    [InlineData("en-GB", "EN-GB")]
    public async Task TranslateAsync_Bcp47Target_SendsDeepLCode(string target, string expected)
    {
        await using var harness = Create(DeepL.Url);
        var source = target.StartsWith("en", StringComparison.Ordinal) ? "de" : "en";

        await harness.DeepL.TranslateAsync(new ProviderBatch(source, target, [new("Text.", null)], Formality.Default), Ct);

        Assert.Equal(expected, Assert.Single(DeepL.TranslateRequests).GetProperty("target_lang").GetString());
    }

    [Fact]
    public async Task TranslateAsync_PlainEnglishTarget_UsesConfiguredVariant()
    {
        await using var harness = Create(DeepL.Url, null, ("DeepL:EnglishVariant", "EN-GB"));

        await harness.DeepL.TranslateAsync(new ProviderBatch("ko", "en", [new("Text.", null)], Formality.Default), Ct);

        Assert.Equal("EN-GB", Assert.Single(DeepL.TranslateRequests).GetProperty("target_lang").GetString());
    }

    [Theory]
    [InlineData("ko", "ko-KR", true)]
    [InlineData("ko", "ko-Kore", true)]
    [InlineData("en", "en-US", true)]
    [InlineData("pt-BR", "pt-PT", false)]
    [InlineData("zh-Hans", "zh-Hant", false)]
    [InlineData("zh", "zh-TW", false)]
    [InlineData("en-GB", "en-US", false)]
    public async Task OutputLanguage_TwoTags_SameOnlyWhenDeepLWritesOneLanguage(string first, string second, bool same)
    {
        await using var harness = Create(DeepL.Url);

        Assert.Equal(same, harness.DeepL.OutputLanguage(first) == harness.DeepL.OutputLanguage(second));
    }

    [Fact]
    public async Task SupportsSource_LanguageDeepLReadsAndOneItDoesNot_TrueThenFalse()
    {
        await using var harness = Create(DeepL.Url);

        Assert.True(harness.DeepL.SupportsSource("en"));
        Assert.False(harness.DeepL.SupportsSource("vi"));
    }

    [Theory]
    [InlineData("en", "xx")]
    [InlineData("xx", "ko")]
    [InlineData("en", "vi")]
    public async Task Supports_PairDeepLDoesNotTranslate_IsFalse(string source, string target)
    {
        await using var harness = Create(DeepL.Url);

        Assert.False(harness.DeepL.Supports(source, target));
        Assert.True(harness.DeepL.Supports("en", "ko"));
    }

    [Theory]
    [InlineData("de", true)]
    [InlineData("ja", true)]
    [InlineData("ko", false)]
    public async Task TranslateAsync_Formality_SentOnlyWhereTheTargetHasIt(string target, bool sent)
    {
        await using var harness = Create(DeepL.Url);

        await harness.DeepL.TranslateAsync(new ProviderBatch("en", target, [new("You are right.", null)], Formality.More), Ct);

        var body = Assert.Single(DeepL.TranslateRequests);
        Assert.Equal(sent, body.TryGetProperty("formality", out var formality));
        if (sent)
        {
            Assert.Equal("more", formality.GetString());
        }
    }

    [Fact]
    public async Task TranslateAsync_120Texts_SplitsIntoRequestsOfAtMost50KeepingOrder()
    {
        await using var harness = Create(DeepL.Url);
        var texts = Enumerable.Range(0, 120).Select(i => $"Sentence {i}.").ToArray();

        var result = await harness.DeepL.TranslateAsync(Batch("ja", texts), Ct);

        Assert.Equal(texts.Select(t => DeepLStandIn.Translate(t, "JA")), result);
        Assert.Equal([50, 50, 20], DeepL.TranslateRequests.Select(r => r.GetProperty("text").GetArrayLength()).Order().Reverse());
    }

    [Fact]
    public async Task TranslateAsync_TextsBeyond128KiB_SplitsSoEveryRequestFits()
    {
        await using var harness = Create(DeepL.Url);
        // 30 Korean-sized texts of ~9 KB UTF-8 each: ~270 KB in all.
        var texts = Enumerable.Range(0, 30).Select(i => $"{i} " + new string('한', 3000)).ToArray();

        var result = await harness.DeepL.TranslateAsync(new ProviderBatch("ko", "en", texts.Select(t => new ProviderText(t, null)).ToArray(), Formality.Default), Ct);

        Assert.Equal(texts.Select(t => DeepLStandIn.Translate(t, "EN-US")), result);
        Assert.True(DeepL.Requests.Count >= 3);
        Assert.All(DeepL.Requests, r => Assert.InRange(r.BodyBytes, 1, DeepLStandIn.MaxBodyBytes));
    }

    [Fact]
    public async Task TranslateAsync_SegmentBeyondDeepLsLimit_FailsRejectedWithoutSending()
    {
        await using var harness = Create(DeepL.Url);

        var error = await Assert.ThrowsAsync<ProviderException>(() =>
            harness.DeepL.TranslateAsync(Batch("ko", new string('a', 140 * 1024)), Ct));

        Assert.Equal(ProviderFailure.Rejected, error.Failure);
        Assert.Empty(DeepL.Requests);
    }

    [Fact]
    public async Task TranslateAsync_SegmentsOfParagraphs_SendTheirParagraphsAsOneContext()
    {
        await using var harness = Create(DeepL.Url);
        var batch = new ProviderBatch("en", "ko",
        [
            new("Kim met Putin.", "Kim met Putin. He smiled."),
            new("He smiled.", "Kim met Putin. He smiled."),
            new("A one-sentence paragraph.", null),
            new("She left.", "Then it rained. She left."),
        ], Formality.Default);

        await harness.DeepL.TranslateAsync(batch, Ct);

        var body = Assert.Single(DeepL.TranslateRequests);
        Assert.Equal("Kim met Putin. He smiled.\nThen it rained. She left.", body.GetProperty("context").GetString());
    }

    [Fact]
    public async Task TranslateAsync_ContextTurnedOff_SendsNone()
    {
        await using var harness = Create(DeepL.Url, null, ("DeepL:SendContext", "false"));

        await harness.DeepL.TranslateAsync(new ProviderBatch("en", "ko", [new("He smiled.", "Kim met Putin. He smiled.")], Formality.Default), Ct);

        Assert.False(Assert.Single(DeepL.TranslateRequests).TryGetProperty("context", out _));
    }

    [Fact]
    public async Task TranslateAsync_ProtectedSpans_SendsXmlTagHandlingAndKeepsTextAroundThemIntact()
    {
        await using var harness = Create(DeepL.Url);
        var text = $"AT&T <3 {ProtectedSpans.Wrap(0, "Kim & Co")} said.";

        var result = await harness.DeepL.TranslateAsync(Batch("ko", text), Ct);

        var body = Assert.Single(DeepL.TranslateRequests);
        Assert.Equal("xml", body.GetProperty("tag_handling").GetString());
        Assert.Equal(["x"], body.GetProperty("ignore_tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(DeepLStandIn.Translate(text, "KO"), Assert.Single(result));
    }

    [Fact]
    public async Task TranslateAsync_BilledCharacters_RecordedAsMetric()
    {
        await using var harness = Create(DeepL.Url);
        using var metrics = new MetricCapture(harness.Services);

        await harness.DeepL.TranslateAsync(Batch("ko", "Hello.", "World!"), Ct);

        Assert.True(Assert.Single(DeepL.TranslateRequests).GetProperty("show_billed_characters").GetBoolean());
        Assert.Equal(12, metrics.Sum("translator.provider.billed_characters"));
    }

    [Fact]
    public void Limits_DeclaredWithinDeepLsLimits()
    {
        using var harness = Create(DeepL.Url).AsSync();

        Assert.Equal(50, harness.Value.DeepL.Limits.MaxTexts);
        Assert.InRange(harness.Value.DeepL.Limits.MaxBytes, 1, DeepLStandIn.MaxBodyBytes / 2);
    }
}

/// <summary>Disposes an async-disposable harness from a synchronous test.</summary>
internal static class SyncDisposal
{
    public static Disposer AsSync(this ProviderHarness harness) => new(harness);

    internal sealed class Disposer(ProviderHarness value) : IDisposable
    {
        public ProviderHarness Value { get; } = value;

        public void Dispose() => Value.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
