using Microsoft.Extensions.DependencyInjection;
using Translator.Core.Articles;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Tenants;
using Translator.Core.Tests.Pipeline;
using Translator.Testing;
using CoreGlossary = Translator.Core.Glossary.Glossary;

namespace Translator.Core.Tests.Tenants;

public sealed class GlossaryOwnershipTests : IDisposable
{
    private readonly TenantTestContext _caller = new();
    private readonly PipelineHarness _harness;

    public GlossaryOwnershipTests() =>
        _harness = new PipelineHarness([new CountingProvider()], configure: s => s.AddSingleton<ITenantContext>(_caller));

    public void Dispose() => _harness.Dispose();

    private Task<CoreGlossary> CreateAsOwnerAsync(string owner, string id) =>
        As(owner, () => _harness.Glossaries.CreateAsync(id, "Desk", "en",
            [new GlossaryEntry("Khasan", [], new Dictionary<string, string> { ["ko"] = "하산역" })], CancellationToken.None));

    private async Task<T> As<T>(string? tenant, Func<Task<T>> call)
    {
        _caller.Current = tenant is null ? null : TenantTestContext.Tenant(tenant);
        return await call();
    }

    [Fact]
    public async Task Get_OtherTenantsGlossary_IsNotFound()
    {
        await CreateAsOwnerAsync("acme", "acme-desk");

        await Assert.ThrowsAsync<GlossaryNotFoundException>(() => As("rival", () => _harness.Glossaries.GetAsync("acme-desk", CancellationToken.None)));
        await Assert.ThrowsAsync<GlossaryNotFoundException>(() => As("rival", () => _harness.Glossaries.PutEntryAsync("acme-desk",
            new GlossaryEntry("Tumen", [], new Dictionary<string, string> { ["ko"] = "두만강" }), 0, CancellationToken.None)));
        await Assert.ThrowsAsync<GlossaryNotFoundException>(() => As<bool>("rival", async () =>
        {
            await _harness.Glossaries.DeleteAsync("acme-desk", CancellationToken.None);
            return true;
        }));
        Assert.Equal("acme-desk", (await As("acme", () => _harness.Glossaries.GetAsync("acme-desk", CancellationToken.None))).Id);
    }

    [Fact]
    public async Task List_Tenant_SeesItsOwnAndTheDefaultOnly()
    {
        await CreateAsOwnerAsync("acme", "acme-desk");
        await CreateAsOwnerAsync("rival", "rival-desk");
        await As<CoreGlossary?>(null, () => _harness.Glossaries.CreateAsync("operator-desk", "Ops", "en", [], CancellationToken.None)!);

        var listed = await As("acme", () => _harness.Glossaries.ListAsync(CancellationToken.None));
        var operatorView = await As(null, () => _harness.Glossaries.ListAsync(CancellationToken.None));

        Assert.Equal(["acme-desk", "default"], listed.Select(g => g.Id));
        Assert.Equal(["acme-desk", "default", "operator-desk", "rival-desk"], operatorView.Select(g => g.Id));
    }

    [Fact]
    public async Task PutEntry_TenantOnTheDefaultGlossary_IsDeniedButTheOperatorMayEdit()
    {
        var entry = new GlossaryEntry("Khasan", [], new Dictionary<string, string> { ["ko"] = "하산" });

        await Assert.ThrowsAsync<GlossaryAccessDeniedException>(() => As("acme", () => _harness.Glossaries.PutEntryAsync(CoreGlossary.DefaultId, entry, 0, CancellationToken.None)));
        var edited = await As(null, () => _harness.Glossaries.PutEntryAsync(CoreGlossary.DefaultId, entry, 0, CancellationToken.None));

        Assert.Contains(edited.Entries, e => e.Term == "Khasan");
    }

    [Fact]
    public async Task TranslateAll_NamingOtherTenantsGlossary_IsAnUnknownGlossary()
    {
        await CreateAsOwnerAsync("acme", "acme-desk");
        var job = new TranslationJob(new SourceArticle(null, null, ["The train reached Khasan."]), "en", ["ko"], GlossaryId: "acme-desk");

        var refused = await Assert.ThrowsAsync<TranslationRequestException>(() => As("rival", () => _harness.Pipeline.TranslateAllAsync(job, CancellationToken.None)));
        var owned = await As("acme", () => _harness.Pipeline.TranslateAllAsync(job, CancellationToken.None));

        Assert.Equal("glossary_id", refused.Field);
        Assert.Contains("하산역", owned[0].Paragraphs[0].Text, StringComparison.Ordinal);
    }
}
