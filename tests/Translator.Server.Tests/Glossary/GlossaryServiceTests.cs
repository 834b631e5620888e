using Google.Rpc;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;

namespace Translator.Server.Tests.Glossary;

public sealed class GlossaryServiceTests : IDisposable
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private readonly TranslatorServerFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private GlossaryService.GlossaryServiceClient Client() => new(_factory.CreateChannel());

    private static GlossaryEntry Entry(string term, string ko, params string[] variants) =>
        new() { Term = term, Variants = { variants }, Renderings = { ["ko"] = ko, ["RU"] = $"ru-{ko}" } };

    private static Protos.V1.Glossary Desk(params GlossaryEntry[] entries) =>
        new() { Id = "desk", Name = "Desk", SourceLanguage = "en", Entries = { entries } };

    [Fact]
    public async Task CreateGlossary_ThenGetAndList_ReturnsItWithNormalisedLanguages()
    {
        var client = Client();

        var created = await client.CreateGlossaryAsync(new CreateGlossaryRequest { Glossary = Desk(Entry("Pyongyang", "평양")) }, cancellationToken: _ct);
        var got = await client.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "desk" }, cancellationToken: _ct);
        var list = await client.ListGlossariesAsync(new ListGlossariesRequest(), cancellationToken: _ct);

        Assert.True(created.Glossary.Version > 0);
        Assert.Equal(created.Glossary, got.Glossary);
        Assert.Equal("ru-평양", got.Glossary.Entries[0].Renderings["ru"]);
        Assert.Equal(["default", "desk"], list.Glossaries.Select(g => g.Id));
        Assert.Equal(23, list.Glossaries[0].EntryCount);
    }

    [Fact]
    public async Task CreateGlossary_IdTaken_AlreadyExists()
    {
        var client = Client();
        await client.CreateGlossaryAsync(new CreateGlossaryRequest { Glossary = Desk(Entry("Pyongyang", "평양")) }, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.CreateGlossaryAsync(new CreateGlossaryRequest { Glossary = Desk(Entry("Khasan", "하산")) }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("desk", error.GetRpcStatus()!.GetDetail<ResourceInfo>()!.ResourceName);
    }

    [Fact]
    public async Task CreateGlossary_ConflictingEntries_InvalidArgumentNamingTheEntry()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client().CreateGlossaryAsync(
            new CreateGlossaryRequest { Glossary = Desk(Entry("Kim Jong Un", "김정은"), Entry("Kim Jong-un", "김종운")) }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["glossary.entries[1]"], error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field));
    }

    [Theory]
    [InlineData("", "glossary_id")]
    [InlineData("has space", "glossary_id")]
    public async Task GetGlossary_MalformedId_InvalidArgument(string id, string field)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client().GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = id }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task GetGlossary_Unknown_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client().GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "nope" }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task UpdateGlossary_ReplacesEntriesAndBumpsVersionByOne_StaleVersionFailsPrecondition()
    {
        var client = Client();
        var created = (await client.CreateGlossaryAsync(new CreateGlossaryRequest { Glossary = Desk(Entry("Pyongyang", "평양")) }, cancellationToken: _ct)).Glossary;

        var updated = await client.UpdateGlossaryAsync(new UpdateGlossaryRequest
        {
            GlossaryId = "desk", Entries = { Entry("Khasan", "하산"), Entry("Ussuriysk", "우수리스크") }, ExpectedVersion = created.Version,
        }, cancellationToken: _ct);
        var stale = await Assert.ThrowsAsync<RpcException>(() => client.UpdateGlossaryAsync(new UpdateGlossaryRequest
        {
            GlossaryId = "desk", Entries = { Entry("Khasan", "하산") }, ExpectedVersion = created.Version,
        }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal((created.Version + 1, 2, "Desk"), (updated.Glossary.Version, updated.Glossary.EntryCount, updated.Glossary.Name));
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
    }

    [Fact]
    public async Task PutAndRemoveGlossaryEntry_ChangeOneEntry_RemovingAbsentTermFailsPrecondition()
    {
        var client = Client();
        await client.CreateGlossaryAsync(new CreateGlossaryRequest { Glossary = Desk(Entry("Pyongyang", "평양")) }, cancellationToken: _ct);

        await client.PutGlossaryEntryAsync(new PutGlossaryEntryRequest { GlossaryId = "desk", Entry = Entry("Khasan", "하산") }, cancellationToken: _ct);
        await client.PutGlossaryEntryAsync(new PutGlossaryEntryRequest { GlossaryId = "desk", Entry = Entry("Pyongyang", "평양시") }, cancellationToken: _ct);
        var removed = await client.RemoveGlossaryEntryAsync(new RemoveGlossaryEntryRequest { GlossaryId = "desk", Term = "Khasan" }, cancellationToken: _ct);
        var absent = await Assert.ThrowsAsync<RpcException>(() =>
            client.RemoveGlossaryEntryAsync(new RemoveGlossaryEntryRequest { GlossaryId = "desk", Term = "Khasan" }, cancellationToken: _ct).ResponseAsync);

        var entry = Assert.Single((await client.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "desk" }, cancellationToken: _ct)).Glossary.Entries);
        Assert.Equal(("Pyongyang", "평양시"), (entry.Term, entry.Renderings["ko"]));
        Assert.Equal(1, removed.Glossary.EntryCount);
        Assert.Equal(StatusCode.FailedPrecondition, absent.StatusCode);
    }

    [Fact]
    public async Task DeleteGlossary_ThenGet_NotFound()
    {
        var client = Client();
        await client.CreateGlossaryAsync(new CreateGlossaryRequest { Glossary = Desk(Entry("Pyongyang", "평양")) }, cancellationToken: _ct);

        await client.DeleteGlossaryAsync(new DeleteGlossaryRequest { GlossaryId = "desk" }, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "desk" }, cancellationToken: _ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task ExportThenImport_DefaultGlossaryThroughTbxAndCsv_SameEntries()
    {
        var client = Client();
        var tbx = await client.ExportGlossaryAsync(new ExportGlossaryRequest { GlossaryId = "default", Format = GlossaryFormat.Tbx }, cancellationToken: _ct);

        await client.ImportGlossaryAsync(new ImportGlossaryRequest
        {
            GlossaryId = "copy", Name = "Copy", SourceLanguage = "en", Format = GlossaryFormat.Tbx, Content = tbx.Content,
        }, cancellationToken: _ct);
        var csv = await client.ExportGlossaryAsync(new ExportGlossaryRequest { GlossaryId = "copy", Format = GlossaryFormat.Csv }, cancellationToken: _ct);
        await client.ImportGlossaryAsync(new ImportGlossaryRequest
        {
            GlossaryId = "copy", Format = GlossaryFormat.Csv, Content = csv.Content, Replace = true,
        }, cancellationToken: _ct);

        var original = (await client.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "default" }, cancellationToken: _ct)).Glossary;
        var copy = (await client.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "copy" }, cancellationToken: _ct)).Glossary;
        Assert.Equal(original.Entries, copy.Entries);
        Assert.Equal("Copy", copy.Name);
    }

    [Theory]
    [InlineData(GlossaryFormat.Tsv, "term\tko\n\"unterminated\t김", "content")]
    [InlineData(GlossaryFormat.Tsv, "term\tko\nKim Jong Un\t김정은\nKim Jong-un\t김종운", "content: entries[1]")]
    [InlineData(GlossaryFormat.Unspecified, "term\tko", "format")]
    public async Task ImportGlossary_BadContent_InvalidArgument(GlossaryFormat format, string content, string field)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client().ImportGlossaryAsync(new ImportGlossaryRequest
        {
            GlossaryId = "bad", SourceLanguage = "en", Format = format, Content = content,
        }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(field, error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task ImportGlossary_TbxWith200000NestedElements_InvalidArgumentOnContent()
    {
        // The reported attack (1.4 MB, under the size limit) once burned minutes of CPU, quadratic in depth.
        var tbx = "<tbx xml:lang=\"en\"><text><body>" + string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000)) + "</body></text></tbx>";

        var error = await Assert.ThrowsAsync<RpcException>(() => Client().ImportGlossaryAsync(new ImportGlossaryRequest
        {
            GlossaryId = "deep", SourceLanguage = "en", Format = GlossaryFormat.Tbx, Content = tbx,
        }, cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Single();
        Assert.Equal("content", violation.Field);
        Assert.Contains("nested deeper than", violation.Description, StringComparison.Ordinal);
    }
}
