using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Cli;

/// <summary>
/// <c>translator admin …</c> and <c>--api-key</c> as a separate process against an AdminService that records what
/// arrives: the request each command builds, the bearer metadata on every call, and what the CLI prints back.
/// </summary>
public sealed class AdminCliTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
    private FakeAdminServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAdminServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Runs the CLI with no TRANSLATOR_API_KEY inherited unless <paramref name="environmentKey"/> gives one.</summary>
    private Task<ProcessResult> Cli(string? environmentKey, params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "translator.dll"), .. args, "--server", _server.Address.ToString()],
            null, null, new Dictionary<string, string?> { ["TRANSLATOR_API_KEY"] = environmentKey }, _ct);

    private FakeAdminServer.RecordedCall SingleCall(string method)
    {
        var call = Assert.Single(_server.Calls);
        Assert.Equal(method, call.Method);
        return call;
    }

    [Fact]
    public async Task TenantsCreate_WithApiKeyOption_SendsTheRequestWithBearerMetadataAndPrintsTheTenant()
    {
        var result = await Cli(null, "admin", "tenants", "create", "seoul-daily", "--name", "Seoul Daily", "--quota", "2000000", "--requests-per-minute", "120", "--own-cache", "--api-key", "adm_root_key");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var call = SingleCall("CreateTenant");
        Assert.Equal("Bearer adm_root_key", call.Authorization);
        var request = Assert.IsType<CreateTenantRequest>(call.Request);
        Assert.Equal(("seoul-daily", "Seoul Daily", 2_000_000L, 120), (request.TenantId, request.DisplayName, request.MonthlyCharacterQuota, request.RequestsPerMinute));
        Assert.True(request.HasShareCache);
        Assert.False(request.ShareCache);
        Assert.Contains("seoul-daily\tSeoul Daily\tquota 2000000 characters/month\trate 120 requests/minute\tcache own", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantsCreate_WithoutOwnCache_LeavesShareCacheUnsetSoTheServerDefaultApplies()
    {
        var result = await Cli("adm", "admin", "tenants", "create", "moscow-wire", "--name", "Moscow Wire");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var request = Assert.IsType<CreateTenantRequest>(SingleCall("CreateTenant").Request);
        Assert.False(request.HasShareCache);
        Assert.Equal(0, request.MonthlyCharacterQuota);
    }

    [Fact]
    public async Task AnyCommand_KeyFromEnvironment_IsSentAsBearer()
    {
        var result = await Cli("adm_from_env", "admin", "tenants", "list");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("Bearer adm_from_env", SingleCall("ListTenants").Authorization);
        Assert.Contains("moscow-wire\tMoscow Wire\tquota unlimited characters/month\trate 60 requests/minute\tcache own", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_OptionAndEnvironment_OptionWins()
    {
        var result = await Cli("adm_from_env", "admin", "tenants", "get", "seoul-daily", "--api-key", "adm_from_option");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("Bearer adm_from_option", SingleCall("GetTenant").Authorization);
    }

    [Fact]
    public async Task AnyCommand_NoKey_SendsNoAuthorization()
    {
        var result = await Cli(null, "admin", "usage", "seoul-daily");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Null(SingleCall("GetUsage").Authorization);
        Assert.Contains("seoul-daily 2026-12: 1234 billed characters, 567 cached characters, 8 requests", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_WithASpace_ExitsOneBeforeAnyCall()
    {
        var result = await Cli(null, "admin", "tenants", "list", "--api-key", "two words");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--api-key", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(_server.Calls);
    }

    [Fact]
    public async Task TenantsUpdate_OnlyTheGivenFields_AreSet()
    {
        var result = await Cli("adm", "admin", "tenants", "update", "seoul-daily", "--quota", "0", "--share-cache", "false");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var request = Assert.IsType<UpdateTenantRequest>(SingleCall("UpdateTenant").Request);
        Assert.True(request.HasMonthlyCharacterQuota);
        Assert.Equal(0, request.MonthlyCharacterQuota);
        Assert.True(request.HasShareCache);
        Assert.False(request.ShareCache);
        Assert.False(request.HasDisplayName);
        Assert.False(request.HasRequestsPerMinute);
    }

    [Fact]
    public async Task KeysCreate_PrintsIdAndKeyOnStandardOutputAndTheWarningOnStandardError()
    {
        var result = await Cli("adm", "admin", "keys", "create", "seoul-daily");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("seoul-daily", Assert.IsType<CreateApiKeyRequest>(SingleCall("CreateApiKey").Request).TenantId);
        Assert.Equal(["key_id\tseoul-daily-k1", "key\ttk_seoul-daily_secret"], result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("only this once", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysListAndRevoke_SendTheTenantAndKeyIds()
    {
        var listed = await Cli("adm", "admin", "keys", "list", "seoul-daily", "--json");
        var revoked = await Cli("adm", "admin", "keys", "revoke", "k2");

        Assert.True(listed.ExitCode == 0, listed.StandardError);
        Assert.True(revoked.ExitCode == 0, revoked.StandardError);
        var calls = _server.Calls.ToArray();
        Assert.Equal("seoul-daily", Assert.IsType<ListApiKeysRequest>(calls[0].Request).TenantId);
        Assert.Equal("k2", Assert.IsType<RevokeApiKeyRequest>(calls[1].Request).KeyId);
        using var json = System.Text.Json.JsonDocument.Parse(listed.StandardOutput);
        var keys = json.RootElement.GetProperty("apiKeys");
        Assert.Equal(["k1", "k2"], keys.EnumerateArray().Select(k => k.GetProperty("keyId").GetString()));
        Assert.True(keys[0].TryGetProperty("revokeTime", out _));
        Assert.Contains("revoked k2", revoked.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCode.Unauthenticated)]
    [InlineData(StatusCode.PermissionDenied)]
    public async Task AnyCommand_KeyRefused_ExitsFiveWithTheStatus(StatusCode code)
    {
        _server.FailWith = new Status(code, "refused");

        var result = await Cli("tenant_key", "admin", "tenants", "list");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains(code.ToString(), result.StandardError, StringComparison.Ordinal);
    }
}
