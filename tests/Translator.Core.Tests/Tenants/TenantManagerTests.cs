using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Translator.Core.Tenants;
using Translator.Testing;

namespace Translator.Core.Tests.Tenants;

public sealed class TenantManagerTests : IDisposable
{
    private readonly InMemoryTenantStore _store = new();
    private readonly LogRecorder _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly TenantManager _manager;

    public TenantManagerTests()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        _manager = new TenantManager(_store, new InMemoryTenantMeter(time), time, new Logger<TenantManager>(_loggers));
    }

    public void Dispose() => _loggers.Dispose();

    [Fact]
    public async Task CreateKey_NewKey_StoresOnlyItsHashAndAuthenticatesTheTenant()
    {
        await _manager.CreateAsync("acme", "Acme", 0, 0, shareCache: true, CancellationToken.None);

        var (record, key) = await _manager.CreateKeyAsync("acme", CancellationToken.None);

        Assert.StartsWith(ApiKeys.Prefix, key, StringComparison.Ordinal);
        Assert.Null(await _store.FindKeyAsync(key, CancellationToken.None));
        Assert.Equal(record.KeyId, (await _store.FindKeyAsync(ApiKeys.Hash(key), CancellationToken.None))?.KeyId);
        Assert.Equal("acme", (await _manager.AuthenticateAsync(key, CancellationToken.None))?.Tenant.Id);
    }

    [Fact]
    public async Task Authenticate_RevokedOrUnknownKey_IsNull()
    {
        await _manager.CreateAsync("acme", "Acme", 0, 0, shareCache: true, CancellationToken.None);
        var (record, key) = await _manager.CreateKeyAsync("acme", CancellationToken.None);

        await _manager.RevokeKeyAsync(record.KeyId, CancellationToken.None);

        Assert.Null(await _manager.AuthenticateAsync(key, CancellationToken.None));
        Assert.Null(await _manager.AuthenticateAsync(ApiKeys.NewKey(), CancellationToken.None));
        Assert.NotNull(Assert.Single(await _manager.ListKeysAsync("acme", CancellationToken.None)).RevokedAt);
    }

    [Fact]
    public void NewKey_TwoKeys_AreDifferentAndLong()
    {
        var first = ApiKeys.NewKey();
        var second = ApiKeys.NewKey();

        Assert.NotEqual(first, second);
        Assert.True(first.Length >= 40);
    }

    [Fact]
    public async Task Create_TakenId_ThrowsAlreadyExists()
    {
        await _manager.CreateAsync("acme", "Acme", 0, 0, shareCache: true, CancellationToken.None);

        await Assert.ThrowsAsync<TenantAlreadyExistsException>(() => _manager.CreateAsync("acme", "Other", 0, 0, shareCache: true, CancellationToken.None));
    }

    [Fact]
    public async Task AdminActions_EachOne_IsLoggedByIdNeverWithTheKey()
    {
        await _manager.CreateAsync("acme", "Acme", 100, 10, shareCache: false, CancellationToken.None);
        await _manager.UpdateAsync("acme", t => t with { MonthlyCharacterQuota = 200 }, CancellationToken.None);
        var (record, key) = await _manager.CreateKeyAsync("acme", CancellationToken.None);
        await _manager.RevokeKeyAsync(record.KeyId, CancellationToken.None);

        Assert.Equal(["TenantCreated", "TenantUpdated", "ApiKeyCreated", "ApiKeyRevoked"], _logs.Entries.Select(e => e.EventName));
        Assert.All(_logs.Entries, e => Assert.Contains("acme", e.Message, StringComparison.Ordinal));
        Assert.All(_logs.Entries, e => Assert.DoesNotContain(key, e.Text, StringComparison.Ordinal));
        Assert.Contains(record.KeyId, _logs.Entries.Last().Message, StringComparison.Ordinal);
    }
}
