using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Translator.Core.Providers;

namespace Translator.Providers.DeepL;

/// <summary>
/// Keeps DeepL-side glossaries in step with ours. One DeepL glossary per (our glossary, version, language
/// pair), named so it can be found again after a restart: created on first use, reused while the version
/// holds, and on a new version the new one is created and the stale ones deleted.
/// </summary>
internal sealed partial class DeepLGlossaries(DeepLClient client, ILogger<DeepLGlossaries> logger)
{
    private const string NamePrefix = "translator:";

    private readonly ConcurrentDictionary<GlossaryKey, Lazy<Task<string?>>> _ids = new();

    private readonly record struct GlossaryKey(string Id, long Version, string Source, string Target);

    /// <summary>
    /// The DeepL glossary id for the pair, creating it if needed; null when the glossary has no usable
    /// entries or DeepL would not take it (our own masking still protects the terms).
    /// </summary>
    public async Task<string?> GetIdAsync(ProviderGlossary glossary, string sourceCode, string targetCode, CancellationToken cancellationToken)
    {
        var key = Key(glossary, sourceCode, targetCode);
        // Shared by every caller that needs the same glossary, so it is created once; not tied to any one
        // caller's cancellation, and bounded by the HTTP pipeline's own timeouts.
        var sync = _ids.GetOrAdd(key, k => new Lazy<Task<string?>>(() => SyncAsync(glossary, k)));
        try
        {
            return await sync.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A failed sync is never cached: the next batch tries again.
            _ids.TryRemove(new KeyValuePair<GlossaryKey, Lazy<Task<string?>>>(key, sync));
            if (ex is ProviderException { Failure: ProviderFailure.Rejected or ProviderFailure.Unavailable } failure)
            {
                // This batch goes without; our own masking still protects the terms.
                LogGlossaryUnavailable(logger, ex, glossary.Id, glossary.Version, key.Source, key.Target, failure.Failure);
                return null;
            }
            throw;
        }
    }

    /// <summary>Drops the cached id, so the next use checks DeepL again (and recreates the glossary if it is gone).</summary>
    public void Forget(ProviderGlossary glossary, string sourceCode, string targetCode)
    {
        var key = Key(glossary, sourceCode, targetCode);
        if (_ids.TryRemove(key, out _))
        {
            LogGlossaryForgotten(logger, key.Id, key.Version, key.Source, key.Target);
        }
    }

    private static GlossaryKey Key(ProviderGlossary glossary, string sourceCode, string targetCode) =>
        new(glossary.Id, glossary.Version,
            DeepLLanguages.GlossaryCode(sourceCode).ToLowerInvariant(), DeepLLanguages.GlossaryCode(targetCode).ToLowerInvariant());

    private async Task<string?> SyncAsync(ProviderGlossary glossary, GlossaryKey key)
    {
        var entries = Tsv(glossary.Terms, out var count);
        if (count == 0)
        {
            return null;
        }
        var name = Name(key);
        var ours = $"{NamePrefix}{key.Id}:v";
        var pair = $":{key.Source}-{key.Target}";

        string? id = null;
        foreach (var existing in await client.ListGlossariesAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (!existing.Name.StartsWith(ours, StringComparison.Ordinal) || !existing.Name.EndsWith(pair, StringComparison.Ordinal))
            {
                continue;
            }
            if (existing.Name == name && id is null)
            {
                // Made by an earlier run (or another replica) for this very version.
                id = existing.GlossaryId;
                continue;
            }
            await DeleteStaleAsync(existing).ConfigureAwait(false);
        }
        id ??= (await client.CreateGlossaryAsync(name, key.Source, key.Target, entries, CancellationToken.None).ConfigureAwait(false)).GlossaryId;

        foreach (var older in _ids.Keys.Where(k => k.Id == key.Id && k.Source == key.Source && k.Target == key.Target && k.Version < key.Version))
        {
            _ids.TryRemove(older, out _);
        }
        LogGlossaryReady(logger, key.Id, key.Version, key.Source, key.Target, count);
        return id;
    }

    private async Task DeleteStaleAsync(DeepLGlossary stale)
    {
        try
        {
            await client.DeleteGlossaryAsync(stale.GlossaryId, CancellationToken.None).ConfigureAwait(false);
            LogGlossaryDeleted(logger, stale.Name);
        }
        catch (ProviderException ex)
        {
            // A leftover costs a glossary slot, not correctness; the next sync tries again.
            LogGlossaryDeleteFailed(logger, ex, stale.Name);
        }
    }

    private static string Name(GlossaryKey key) => $"{NamePrefix}{key.Id}:v{key.Version}:{key.Source}-{key.Target}";

    /// <summary>
    /// DeepL's TSV: one "source TAB target" per line, no duplicate sources, no empty or multi-line terms.
    /// Terms that cannot be expressed are left to our own masking.
    /// </summary>
    internal static string Tsv(IReadOnlyList<KeyValuePair<string, string>> terms, out int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sb = new StringBuilder();
        count = 0;
        foreach (var (rawSource, rawTarget) in terms)
        {
            var source = rawSource.Trim();
            var target = rawTarget.Trim();
            if (source.Length == 0 || target.Length == 0 || source.AsSpan().IndexOfAny("\t\r\n") >= 0
                || target.AsSpan().IndexOfAny("\t\r\n") >= 0 || !seen.Add(source))
            {
                continue;
            }
            sb.Append(source).Append('\t').Append(target).Append('\n');
            count++;
        }
        return sb.ToString();
    }

    [LoggerMessage(EventId = 3101, EventName = "DeepLGlossaryReady", Level = LogLevel.Information,
        Message = "DeepL glossary for {GlossaryId} v{Version} {Source}->{Target} is ready with {Entries} entries")]
    private static partial void LogGlossaryReady(ILogger logger, string glossaryId, long version, string source, string target, int entries);

    [LoggerMessage(EventId = 3102, EventName = "DeepLGlossaryDeleted", Level = LogLevel.Information,
        Message = "Deleted stale DeepL glossary {Name}")]
    private static partial void LogGlossaryDeleted(ILogger logger, string name);

    [LoggerMessage(EventId = 3103, EventName = "DeepLGlossaryDeleteFailed", Level = LogLevel.Warning,
        Message = "Could not delete stale DeepL glossary {Name}")]
    private static partial void LogGlossaryDeleteFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(EventId = 3105, EventName = "DeepLGlossaryForgotten", Level = LogLevel.Warning,
        Message = "DeepL refused a request carrying the glossary for {GlossaryId} v{Version} {Source}->{Target}; it will be checked again")]
    private static partial void LogGlossaryForgotten(ILogger logger, string glossaryId, long version, string source, string target);

    [LoggerMessage(EventId = 3104, EventName = "DeepLGlossaryUnavailable", Level = LogLevel.Warning,
        Message = "DeepL glossary for {GlossaryId} v{Version} {Source}->{Target} is unavailable ({Failure}); translating without it")]
    private static partial void LogGlossaryUnavailable(ILogger logger, Exception exception, string glossaryId, long version, string source, string target, ProviderFailure failure);
}
