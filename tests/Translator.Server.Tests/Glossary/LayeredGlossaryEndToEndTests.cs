using Google.Rpc;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;

namespace Translator.Server.Tests.Glossary;

/// <summary>Short forms through the glossary API, and a named glossary layered over the default one, through the real server.</summary>
public sealed class LayeredGlossaryEndToEndTests : IDisposable
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly TranslatorServerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static readonly GlossaryEntry DeskEntry = new()
    {
        Term = "Lee Jae-myung",
        Renderings = { ["ko"] = "이재명", ["RU"] = "Ли Чжэ Мён" },
        ShortForms = { "Lee" },
        ShortFormRenderings = { ["ru"] = "Ли" },
    };

    private async Task<TranslatedArticle> TranslateAsync(string glossaryId, bool? useDefault, params string[] paragraphs)
    {
        var request = new TranslateArticleRequest
        {
            Article = new Article { Paragraphs = new Paragraphs { Items = { paragraphs } } },
            SourceLanguage = "en",
            TargetLanguages = { "ru" },
            GlossaryId = glossaryId,
        };
        if (useDefault is { } use)
        {
            request.UseDefaultGlossary = use;
        }
        return (await new TranslationService.TranslationServiceClient(_factory.CreateChannel()).TranslateArticleAsync(request, cancellationToken: _ct)).Translations[0];
    }

    private async Task CreateDeskAsync() =>
        await new GlossaryService.GlossaryServiceClient(_factory.CreateChannel()).CreateGlossaryAsync(
            new CreateGlossaryRequest { Glossary = new Protos.V1.Glossary { Id = "desk", Name = "Desk", SourceLanguage = "en", Entries = { DeskEntry } } },
            cancellationToken: _ct);

    [Fact]
    public async Task PutGlossaryEntry_WithShortForms_ReturnedByGetAndExportedAsTbxShortForms()
    {
        var client = new GlossaryService.GlossaryServiceClient(_factory.CreateChannel());
        await CreateDeskAsync();

        var got = (await client.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "desk" }, cancellationToken: _ct)).Glossary.Entries.Single();
        var tbx = (await client.ExportGlossaryAsync(new ExportGlossaryRequest { GlossaryId = "desk", Format = GlossaryFormat.Tbx }, cancellationToken: _ct)).Content;

        Assert.Equal(["Lee"], got.ShortForms);
        Assert.Equal("Ли", got.ShortFormRenderings["ru"]);
        var lee = System.Xml.Linq.XDocument.Parse(tbx).Descendants().Single(e => e.Name.LocalName == "term" && e.Value == "Lee").Parent!;
        Assert.Contains(lee.Elements(), e => (string?)e.Attribute("type") == "termType" && e.Value == "shortForm");
    }

    [Fact]
    public async Task PutGlossaryEntry_ShortFormRenderingWithoutShortForm_InvalidArgumentNamingTheField()
    {
        var entry = DeskEntry.Clone();
        entry.ShortForms.Clear();

        var error = await Assert.ThrowsAsync<RpcException>(() => new GlossaryService.GlossaryServiceClient(_factory.CreateChannel())
            .PutGlossaryEntryAsync(new PutGlossaryEntryRequest { GlossaryId = "default", Entry = entry }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations, v => v.Field.EndsWith(".short_form_renderings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TranslateArticle_NamedGlossary_LayeredOverTheDefaultWithShortFormsFromBoth()
    {
        await CreateDeskAsync();

        var ru = await TranslateAsync("desk", null, "Lee Jae-myung called Vladimir Putin.", "Lee said Putin listened.");

        Assert.Equal("desk+default", ru.Glossary.GlossaryId);
        Assert.StartsWith("⟦ru⟧ Ли Чжэ Мён ", ru.Paragraphs[0].Text, StringComparison.Ordinal);
        Assert.Contains("Владимир Путин", ru.Paragraphs[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("⟦ru⟧ Ли ", ru.Paragraphs[1].Text, StringComparison.Ordinal);
        Assert.Contains(" Путин ", ru.Paragraphs[1].Text, StringComparison.Ordinal);
        Assert.Equal([("Lee", "Ли"), ("Putin", "Путин")], ru.Glossary.ResolvedShortForms.Select(r => (r.ShortForm, r.Rendering)));
    }

    [Fact]
    public async Task TranslateArticle_UseDefaultGlossaryFalse_OnlyTheNamedGlossaryApplies()
    {
        await CreateDeskAsync();

        var ru = await TranslateAsync("desk", false, "Lee Jae-myung called Vladimir Putin.");

        Assert.Equal("desk", ru.Glossary.GlossaryId);
        Assert.Contains("Ли Чжэ Мён", ru.Paragraphs[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Путин", ru.Paragraphs[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateArticle_NoGlossaryAndUseDefaultGlossaryFalse_NoGlossaryApplies()
    {
        var ru = await TranslateAsync("", false, "Vladimir Putin spoke.");

        Assert.Equal("", ru.Glossary.GlossaryId);
        Assert.DoesNotContain("Путин", ru.Paragraphs[0].Text, StringComparison.Ordinal);
    }
}
