using Translator.Core.Providers;
using Translator.Testing.StandIns;
using static Translator.Providers.Tests.ProviderHarness;

namespace Translator.Providers.Tests.DeepL;

public sealed class DeepLGlossaryTests : DeepLStandInTests
{
    private static ProviderGlossary Glossary(long version, params (string Source, string Target)[] terms) =>
        new("names", version, terms.Select(t => new KeyValuePair<string, string>(t.Source, t.Target)).ToArray());

    private static ProviderBatch Batch(ProviderGlossary glossary, string text) =>
        new("en", "ko", [new(text, null)], Formality.Default, glossary);

    [Fact]
    public async Task TranslateAsync_FirstUseOfGlossary_CreatesItOnceAndSendsItsIdWithSourceLang()
    {
        await using var harness = Create(DeepL.Url);
        var glossary = Glossary(1, ("Kim Jong Un", "김정은"));

        var first = await harness.DeepL.TranslateAsync(Batch(glossary, "Kim Jong Un spoke."), Ct);
        await harness.DeepL.TranslateAsync(Batch(glossary, "Kim Jong Un left."), Ct);

        Assert.Equal("[KO] 김정은 spoke.", Assert.Single(first));
        var created = Assert.Single(DeepL.Glossaries);
        Assert.Equal(3, created.Version);
        Assert.Equal(("en", "ko"), (created.Source, created.Target));
        Assert.Single(DeepL.Requests, r => r.Method == "POST" && r.Path == "/v3/glossaries");
        Assert.All(DeepL.TranslateRequests, r =>
        {
            Assert.Equal(created.Id, r.GetProperty("glossary_id").GetString());
            Assert.Equal("EN", r.GetProperty("source_lang").GetString());
        });
    }

    [Fact]
    public async Task TranslateAsync_NewGlossaryVersion_CreatesNewAndDeletesStale()
    {
        await using var harness = Create(DeepL.Url);
        await harness.DeepL.TranslateAsync(Batch(Glossary(1, ("Putin", "푸틴")), "Putin spoke."), Ct);
        var old = Assert.Single(DeepL.Glossaries);

        var result = await harness.DeepL.TranslateAsync(Batch(Glossary(2, ("Putin", "블라디미르 푸틴")), "Putin spoke."), Ct);

        Assert.Equal("[KO] 블라디미르 푸틴 spoke.", Assert.Single(result));
        var current = Assert.Single(DeepL.Glossaries);
        Assert.NotEqual(old.Id, current.Id);
        Assert.Contains(":v2:", current.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateAsync_GlossaryCreatedByEarlierRun_ReusedNotDuplicated()
    {
        var existing = DeepL.AddGlossary("translator:names:v1:en-ko", "en", "ko", new Dictionary<string, string> { ["Putin"] = "푸틴" });
        await using var harness = Create(DeepL.Url);

        await harness.DeepL.TranslateAsync(Batch(Glossary(1, ("Putin", "푸틴")), "Putin spoke."), Ct);

        Assert.Equal(existing.Id, Assert.Single(DeepL.Glossaries).Id);
        Assert.Equal(existing.Id, Assert.Single(DeepL.TranslateRequests).GetProperty("glossary_id").GetString());
    }

    [Fact]
    public async Task TranslateAsync_ServerWithoutV3Glossaries_UsesV2PerPair()
    {
        DeepL.SupportsV3Glossaries = false;
        await using var harness = Create(DeepL.Url);

        var result = await harness.DeepL.TranslateAsync(Batch(Glossary(1, ("Seoul", "서울")), "Seoul is big."), Ct);

        Assert.Equal("[KO] 서울 is big.", Assert.Single(result));
        Assert.Equal(2, Assert.Single(DeepL.Glossaries).Version);
    }

    [Fact]
    public async Task TranslateAsync_GlossaryRejected_TranslatesWithoutIt()
    {
        await using var harness = Create(DeepL.Url);
        // The glossary creation is the first scripted request.
        DeepL.Enqueue(HttpStandIn.Status(400, message: "Unsupported glossary language pair"));

        var result = await harness.DeepL.TranslateAsync(Batch(Glossary(1, ("Seoul", "서울")), "Seoul is big."), Ct);

        Assert.Equal("[KO] Seoul is big.", Assert.Single(result));
        Assert.False(Assert.Single(DeepL.TranslateRequests).TryGetProperty("glossary_id", out _));
    }

    [Fact]
    public async Task TranslateAsync_GlossaryCreationFailedEarlier_RetriedOnNextBatch()
    {
        await using var harness = Create(DeepL.Url);
        var glossary = Glossary(1, ("Seoul", "서울"));
        // A key briefly refused (rotated, say) fails the batch like any translate call would.
        DeepL.Enqueue(HttpStandIn.Status(403));

        var first = await Assert.ThrowsAsync<ProviderException>(() => harness.DeepL.TranslateAsync(Batch(glossary, "Seoul is big."), Ct));
        var second = await harness.DeepL.TranslateAsync(Batch(glossary, "Seoul is big."), Ct);

        Assert.Equal(ProviderFailure.Misconfigured, first.Failure);
        Assert.Equal("[KO] 서울 is big.", Assert.Single(second));
        Assert.Single(DeepL.Glossaries);
    }

    [Fact]
    public async Task TranslateAsync_GlossaryDeletedOnDeepL_TranslatesWithoutItThenRecreatesIt()
    {
        await using var harness = Create(DeepL.Url);
        var glossary = Glossary(1, ("Seoul", "서울"));
        await harness.DeepL.TranslateAsync(Batch(glossary, "Seoul is big."), Ct);
        DeepL.RemoveGlossary(Assert.Single(DeepL.Glossaries).Id);

        var without = await harness.DeepL.TranslateAsync(Batch(glossary, "Seoul is big."), Ct);
        var recreated = await harness.DeepL.TranslateAsync(Batch(glossary, "Seoul is big."), Ct);

        Assert.Equal("[KO] Seoul is big.", Assert.Single(without));
        Assert.Equal("[KO] 서울 is big.", Assert.Single(recreated));
        Assert.Single(DeepL.Glossaries);
    }

    [Fact]
    public void Tsv_TermsDeepLCannotTake_AreLeftOut()
    {
        var tsv = Translator.Providers.DeepL.DeepLGlossaries.Tsv(
        [
            new(" Kim ", "김"), new("Kim", "킴"), new("Bad\tTerm", "x"), new("Empty", " "), new("Lee", "이"),
        ], out var count);

        Assert.Equal("Kim\t김\nLee\t이\n", tsv);
        Assert.Equal(2, count);
    }
}
