using Translator.Testing;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Translator.Protos.V1;
using static Translator.Server.Tests.Access.AccessCluster;

namespace Translator.Server.Tests.Access;

/// <summary>Issue 12's "done when": keys, isolation, quotas and usage across two replicas sharing one Redis.</summary>
public sealed class AccessReplicaTests(AccessCluster cluster) : IClassFixture<AccessCluster>
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private static TranslateArticleRequest Request(string text, string? glossaryId = null) => new()
    {
        Article = new Article { Text = text },
        SourceLanguage = "en",
        TargetLanguages = { "ko" },
        GlossaryId = glossaryId ?? "",
    };

    private Task<TranslateArticleResponse> TranslateAsync(GrpcChannel channel, string key, string text, string? glossaryId = null) =>
        new TranslationService.TranslationServiceClient(channel).TranslateArticleAsync(Request(text, glossaryId), Bearer(key), cancellationToken: _ct).ResponseAsync;

    private static async Task<RpcException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    [Fact]
    public async Task TranslateArticle_NoKeyOrUnknownKey_IsUnauthenticatedWhileHealthStaysAnonymous()
    {
        var client = new TranslationService.TranslationServiceClient(cluster.A);

        var noKey = await RefusedAsync(() => client.TranslateArticleAsync(Request("The council met."), cancellationToken: _ct).ResponseAsync);
        var unknown = await RefusedAsync(() => client.TranslateArticleAsync(Request("The council met."), Bearer("trk_not-a-key-anybody-was-given"), cancellationToken: _ct).ResponseAsync);
        var health = await new Health.HealthClient(cluster.B).CheckAsync(new HealthCheckRequest(), cancellationToken: _ct);

        Assert.Equal(StatusCode.Unauthenticated, noKey.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, unknown.StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task RevokeApiKey_OnOneReplica_IsRefusedByTheOtherWithinFiveSeconds()
    {
        var (_, keyId, key) = await cluster.NewTenantAsync(_ct);
        await TranslateAsync(cluster.B, key, "The harbour reopened after the storm.");

        await Admin(cluster.A).RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = keyId }, Bearer(AdminKey), cancellationToken: _ct);

        // Polls replica B until it refuses the key, for at most the 5 seconds the contract allows.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        StatusCode? refusedWith = null;
        while (refusedWith is null && !deadline.IsCancellationRequested)
        {
            try
            {
                await TranslateAsync(cluster.B, key, "The harbour reopened after the storm.");
            }
            catch (RpcException ex)
            {
                refusedWith = ex.StatusCode;
            }
        }
        Assert.Equal(StatusCode.Unauthenticated, refusedWith);
    }

    [Fact]
    public async Task AdminService_TenantKeyOrNoKey_IsRefused()
    {
        var (tenant, _, key) = await cluster.NewTenantAsync(_ct);
        var admin = Admin(cluster.B);

        var withTenantKey = await RefusedAsync(() => admin.GetUsageAsync(new GetUsageRequest { TenantId = tenant }, Bearer(key), cancellationToken: _ct).ResponseAsync);
        var withoutKey = await RefusedAsync(() => admin.ListTenantsAsync(new ListTenantsRequest(), cancellationToken: _ct).ResponseAsync);
        var withAdminKey = await admin.ListTenantsAsync(new ListTenantsRequest(), Bearer(AdminKey), cancellationToken: _ct);

        Assert.Equal(StatusCode.PermissionDenied, withTenantKey.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, withoutKey.StatusCode);
        Assert.Contains(withAdminKey.Tenants, t => t.TenantId == tenant);
    }

    [Fact]
    public async Task CreateTenant_InvalidFields_IsInvalidArgumentNamingEachField()
    {
        var error = await RefusedAsync(() => Admin(cluster.A).CreateTenantAsync(
            new CreateTenantRequest { TenantId = "Not Valid!", MonthlyCharacterQuota = -1, RequestsPerMinute = -5 }, Bearer(AdminKey), cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["tenant_id", "monthly_character_quota", "requests_per_minute"],
            error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task GlossaryService_OtherTenantsGlossary_IsNotFoundEverywhereAndAnUnknownGlossaryInTranslation()
    {
        var (_, _, owner) = await cluster.NewTenantAsync(_ct);
        var (_, _, rival) = await cluster.NewTenantAsync(_ct);
        var id = $"desk-{Guid.NewGuid():N}"[..20];
        var entry = new GlossaryEntry { Term = "Khasan", Renderings = { ["ko"] = "하산역" } };
        await new GlossaryService.GlossaryServiceClient(cluster.A).CreateGlossaryAsync(new CreateGlossaryRequest
        {
            Glossary = new Protos.V1.Glossary { Id = id, Name = "Desk", SourceLanguage = "en", Entries = { entry } },
        }, Bearer(owner), cancellationToken: _ct);
        var glossaries = new GlossaryService.GlossaryServiceClient(cluster.B);
        var asRival = Bearer(rival);

        var refusals = new[]
        {
            await RefusedAsync(() => glossaries.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = id }, asRival, cancellationToken: _ct).ResponseAsync),
            await RefusedAsync(() => glossaries.UpdateGlossaryAsync(new UpdateGlossaryRequest { GlossaryId = id, Entries = { entry } }, asRival, cancellationToken: _ct).ResponseAsync),
            await RefusedAsync(() => glossaries.PutGlossaryEntryAsync(new PutGlossaryEntryRequest { GlossaryId = id, Entry = entry }, asRival, cancellationToken: _ct).ResponseAsync),
            await RefusedAsync(() => glossaries.RemoveGlossaryEntryAsync(new RemoveGlossaryEntryRequest { GlossaryId = id, Term = "Khasan" }, asRival, cancellationToken: _ct).ResponseAsync),
            await RefusedAsync(() => glossaries.ExportGlossaryAsync(new ExportGlossaryRequest { GlossaryId = id, Format = GlossaryFormat.Tsv }, asRival, cancellationToken: _ct).ResponseAsync),
            await RefusedAsync(() => glossaries.DeleteGlossaryAsync(new DeleteGlossaryRequest { GlossaryId = id }, asRival, cancellationToken: _ct).ResponseAsync),
        };
        var listedForRival = await glossaries.ListGlossariesAsync(new ListGlossariesRequest(), asRival, cancellationToken: _ct);
        var translation = await RefusedAsync(() => TranslateAsync(cluster.B, rival, "The train reached Khasan.", id));
        var ownersTranslation = await TranslateAsync(cluster.B, owner, "The train reached Khasan.", id);

        Assert.All(refusals, r => Assert.Equal(StatusCode.NotFound, r.StatusCode));
        Assert.Equal(["default"], listedForRival.Glossaries.Select(g => g.Id));
        Assert.Equal(StatusCode.InvalidArgument, translation.StatusCode);
        Assert.Equal("glossary_id", Assert.Single(translation.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Contains("하산역", ownersTranslation.Translations[0].Paragraphs[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutGlossaryEntry_DefaultGlossary_IsDeniedToTenantsAndAllowedWithTheAdminKey()
    {
        var (_, _, key) = await cluster.NewTenantAsync(_ct);
        var glossaries = new GlossaryService.GlossaryServiceClient(cluster.A);
        var entry = new GlossaryEntry { Term = "Tumen River", Renderings = { ["ko"] = "두만강" } };

        var denied = await RefusedAsync(() => glossaries.PutGlossaryEntryAsync(new PutGlossaryEntryRequest { GlossaryId = "default", Entry = entry }, Bearer(key), cancellationToken: _ct).ResponseAsync);
        var readable = await glossaries.GetGlossaryAsync(new GetGlossaryRequest { GlossaryId = "default" }, Bearer(key), cancellationToken: _ct);
        await glossaries.PutGlossaryEntryAsync(new PutGlossaryEntryRequest { GlossaryId = "default", Entry = entry }, Bearer(AdminKey), cancellationToken: _ct);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal("default", readable.Glossary.Id);
    }

    [Fact]
    public async Task TranslateArticle_TenantOverQuota_IsResourceExhaustedWithQuotaFailureWhileAnotherTenantSucceeds()
    {
        const string first = "The committee approved the plan for new housing.";
        const string second = "Officials expect construction to begin next spring in the valley.";
        var (limited, _, limitedKey) = await cluster.NewTenantAsync(_ct, quota: first.Length + 10);
        var (_, _, otherKey) = await cluster.NewTenantAsync(_ct, quota: 1000);
        await TranslateAsync(cluster.A, limitedKey, first);
        var billedBefore = cluster.DeepL.CharacterCount;

        var refused = await RefusedAsync(() => TranslateAsync(cluster.B, limitedKey, second));
        var billedByRefusal = cluster.DeepL.CharacterCount - billedBefore;
        var other = await TranslateAsync(cluster.B, otherKey, second);
        var usage = (await Admin(cluster.A).GetUsageAsync(new GetUsageRequest { TenantId = limited }, Bearer(AdminKey), cancellationToken: _ct)).Usage;

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<QuotaFailure>().Violations);
        Assert.Equal($"tenant:{limited}", violation.Subject);
        Assert.Equal(0, billedByRefusal);
        Assert.Single(other.Translations);
        Assert.Equal(first.Length, usage.BilledCharacters);
    }

    [Fact]
    public async Task GetUsage_AfterCallsOnBothReplicas_EqualsWhatTheProviderBilledForTheTenant()
    {
        // Its own cache namespace, so sentences other tests translated are not hits for it.
        var (tenant, _, key) = await cluster.NewTenantAsync(_ct, shareCache: false);
        string[] texts =
        [
            "Fishing boats returned early because of high winds.",
            "The mayor said the bridge would stay closed until Friday.",
            "Fishing boats returned early because of high winds.",
        ];
        var billedBefore = cluster.DeepL.CharacterCount;

        for (var i = 0; i < texts.Length; i++)
        {
            await TranslateAsync(i % 2 == 0 ? cluster.A : cluster.B, key, texts[i]);
        }
        var billed = cluster.DeepL.CharacterCount - billedBefore;
        var usage = (await Admin(cluster.B).GetUsageAsync(new GetUsageRequest { TenantId = tenant }, Bearer(AdminKey), cancellationToken: _ct)).Usage;

        Assert.Equal(texts[0].Length + texts[1].Length, billed);
        Assert.Equal(billed, usage.BilledCharacters);
        Assert.Equal(texts[2].Length, usage.CachedCharacters);
        Assert.Equal(3, usage.Requests);
        Assert.Matches(@"^\d{4}-\d{2}$", usage.Month);
    }

    [Fact]
    public async Task TranslateArticle_PastRequestsPerMinuteAcrossReplicas_IsResourceExhaustedWithRetryInfo()
    {
        const int limit = 3;
        var (_, _, key) = await cluster.NewTenantAsync(_ct, requestsPerMinute: limit);
        var (_, _, otherKey) = await cluster.NewTenantAsync(_ct, requestsPerMinute: limit);

        // Calls alternate between the replicas until one is refused; a minute that turns meanwhile can at most
        // double what is accepted, never refuse early.
        var accepted = 0;
        RpcException? refused = null;
        for (var i = 0; i < 2 * limit + 1 && refused is null; i++)
        {
            try
            {
                await TranslateAsync(i % 2 == 0 ? cluster.A : cluster.B, key, "Schools reopened on Monday.");
                accepted++;
            }
            catch (RpcException ex)
            {
                refused = ex;
            }
        }
        var other = await TranslateAsync(cluster.A, otherKey, "Schools reopened on Monday.");

        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var retry = refused.GetRpcStatus()!.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan();
        Assert.InRange(retry, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        Assert.InRange(accepted, limit, 2 * limit);
        Assert.Single(other.Translations);
    }

    [Fact]
    public async Task TranslateArticle_TwoTenantsRenderTheSameNameDifferently_NeitherSeesTheOthersThroughTheSharedCache()
    {
        var (_, _, first) = await cluster.NewTenantAsync(_ct);
        var (_, _, second) = await cluster.NewTenantAsync(_ct);
        var glossaries = new GlossaryService.GlossaryServiceClient(cluster.A);
        async Task<string> GlossaryAsync(string key, string rendering)
        {
            var id = $"names-{Guid.NewGuid():N}"[..20];
            await glossaries.CreateGlossaryAsync(new CreateGlossaryRequest
            {
                Glossary = new Protos.V1.Glossary { Id = id, Name = "Names", SourceLanguage = "en", Entries = { new GlossaryEntry { Term = "Khasan", Renderings = { ["ko"] = rendering } } } },
            }, Bearer(key), cancellationToken: _ct);
            return id;
        }
        var firstGlossary = await GlossaryAsync(first, "하산역");
        var secondGlossary = await GlossaryAsync(second, "핫산");
        const string text = "The freight train reached Khasan at dawn.";

        var firstTwice = new[] { await TranslateAsync(cluster.A, first, text, firstGlossary), await TranslateAsync(cluster.B, first, text, firstGlossary) };
        var secondTwice = new[] { await TranslateAsync(cluster.B, second, text, secondGlossary), await TranslateAsync(cluster.A, second, text, secondGlossary) };

        Assert.All(firstTwice, r => Assert.Contains("하산역", r.Translations[0].Paragraphs[0].Text, StringComparison.Ordinal));
        Assert.All(secondTwice, r => Assert.DoesNotContain("하산역", r.Translations[0].Paragraphs[0].Text, StringComparison.Ordinal));
        Assert.All(secondTwice, r => Assert.Contains("핫산", r.Translations[0].Paragraphs[0].Text, StringComparison.Ordinal));
        // The repeats came from the shared cache, so the cache was in play, not bypassed.
        Assert.True(firstTwice[1].Translations[0].Paragraphs[0].Segments[0].FromCache);
        Assert.True(secondTwice[1].Translations[0].Paragraphs[0].Segments[0].FromCache);
    }

    [Fact]
    public async Task TranslateArticle_TenantNotSharingTheCache_NeitherReadsNorLeavesSharedTranslations()
    {
        var (_, _, shared) = await cluster.NewTenantAsync(_ct);
        var (_, _, embargoed) = await cluster.NewTenantAsync(_ct, shareCache: false);
        const string public1 = "The festival drew record crowds this weekend.";
        const string embargo = "The minister will resign at noon tomorrow.";
        await TranslateAsync(cluster.A, shared, public1);

        var embargoedReadsShared = await TranslateAsync(cluster.B, embargoed, public1);
        var embargoedFirst = await TranslateAsync(cluster.A, embargoed, embargo);
        var sharedAfterEmbargo = await TranslateAsync(cluster.B, shared, embargo);
        var embargoedAgain = await TranslateAsync(cluster.B, embargoed, embargo);

        Assert.False(embargoedReadsShared.Translations[0].Paragraphs[0].Segments[0].FromCache);
        Assert.False(embargoedFirst.Translations[0].Paragraphs[0].Segments[0].FromCache);
        Assert.False(sharedAfterEmbargo.Translations[0].Paragraphs[0].Segments[0].FromCache);
        Assert.True(embargoedAgain.Translations[0].Paragraphs[0].Segments[0].FromCache);
    }

    [Fact]
    public async Task SubmitCorrections_ByOneTenant_AreServedToItAndNotToAnother()
    {
        var (_, _, editor) = await cluster.NewTenantAsync(_ct);
        var (_, _, other) = await cluster.NewTenantAsync(_ct);
        const string sentence = "The ferry service resumed this morning.";
        await new ReviewService.ReviewServiceClient(cluster.A).SubmitCorrectionsAsync(new SubmitCorrectionsRequest
        {
            SourceLanguage = "en",
            TargetLanguage = "ko",
            Corrections = { new SegmentCorrection { SourceText = sentence, TranslatedText = "편집자의 번역" } },
        }, Bearer(editor), cancellationToken: _ct);

        var forEditor = await TranslateAsync(cluster.B, editor, sentence);
        var forOther = await TranslateAsync(cluster.B, other, sentence);

        Assert.Equal("편집자의 번역", forEditor.Translations[0].Paragraphs[0].Text);
        Assert.Equal(SegmentOrigin.Human, forEditor.Translations[0].Paragraphs[0].Segments[0].Origin);
        Assert.NotEqual(SegmentOrigin.Human, forOther.Translations[0].Paragraphs[0].Segments[0].Origin);
    }

    [Fact]
    public async Task TranslateArticle_TenantKey_TagsTheRequestSpanWithTheTenantIdNeverTheKey()
    {
        var (tenant, _, key) = await cluster.NewTenantAsync(_ct);
        using var spans = new ActivityRecorder("Microsoft.AspNetCore", Core.Telemetry.TranslatorTelemetry.Name);

        await TranslateAsync(cluster.A, key, "The library extended its opening hours.");

        var tagged = spans.Spans.Where(a => Equals(a.GetTagItem(Core.Telemetry.TranslatorTelemetry.TenantTag), tenant)).ToArray();
        Assert.Contains(tagged, a => a.Source.Name == "Microsoft.AspNetCore");
        Assert.Contains(tagged, a => a.OperationName == "translate language");
        Assert.All(tagged, a => Assert.DoesNotContain(a.TagObjects, t => t.Value?.ToString()?.Contains(key, StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task TranslateArticle_ConcurrentOnBothReplicasPastTheQuota_NeverBillsMoreThanIt()
    {
        // Eight different sentences of one length, so each costs the same and none is a cache hit.
        var sentences = Enumerable.Range(0, 8).Select(i => $"Report number {i} on the regional budget was filed.").ToArray();
        var length = sentences[0].Length;
        var (tenant, _, key) = await cluster.NewTenantAsync(_ct, quota: 3 * length + length / 2, shareCache: false);
        var billedBefore = cluster.DeepL.CharacterCount;

        var outcomes = await Task.WhenAll(sentences.Select(async (text, i) =>
        {
            try
            {
                await TranslateAsync(i % 2 == 0 ? cluster.A : cluster.B, key, text);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));
        var billed = cluster.DeepL.CharacterCount - billedBefore;
        var usage = (await Admin(cluster.B).GetUsageAsync(new GetUsageRequest { TenantId = tenant }, Bearer(AdminKey), cancellationToken: _ct)).Usage;

        Assert.Equal(3, outcomes.Count(o => o == StatusCode.OK));
        Assert.Equal(5, outcomes.Count(o => o == StatusCode.ResourceExhausted));
        Assert.Equal(3 * length, billed);
        Assert.Equal(billed, usage.BilledCharacters);
    }
}
