using Translator.Core.Tenants;
using Translator.Core.Text;

namespace Translator.Core.Glossary;

/// <summary>No glossary with the requested id.</summary>
public sealed class GlossaryNotFoundException(string id) : Exception($"No glossary \"{id}\".")
{
    public string Id { get; } = id;
}

/// <summary>The caller may read the glossary but not change it (a tenant and the shared default glossary).</summary>
public sealed class GlossaryAccessDeniedException(string id) : Exception($"Glossary \"{id}\" is shared; only the operator (the admin key) changes it.")
{
    public string Id { get; } = id;
}

/// <summary>A glossary with the id exists already.</summary>
public sealed class GlossaryAlreadyExistsException(string id) : Exception($"A glossary \"{id}\" already exists.")
{
    public string Id { get; } = id;
}

/// <summary>The change cannot be made in the glossary's current state (a stale expected version, an absent entry).</summary>
public sealed class GlossaryStateException(string message) : Exception(message);

/// <summary>
/// The glossary store cannot be reached (a shared store is down). Reads fall back to what the replica last
/// saw; changes fail with this, so nothing is silently lost.
/// </summary>
public sealed class GlossaryStoreUnavailableException(string store, Exception? inner = null)
    : Exception($"The {store} glossary store is unavailable.", inner);

/// <summary>
/// Every change to glossaries goes through here: validated, version bumped by exactly one, saved with
/// compare-and-swap so concurrent edits on different replicas never overwrite each other silently.
/// Versions start at the creation time in Unix milliseconds, so a glossary deleted and created again never reuses a
/// version that caches (compiled matchers, providers' native glossaries) may still hold.
/// A tenant (<see cref="ITenantContext"/>) sees only the glossaries it created and the default one, which it cannot
/// change; to it every other glossary does not exist. Ids are one namespace across tenants.
/// </summary>
public sealed class GlossaryManager(IGlossaryStore store, TimeProvider time, ITenantContext tenants)
{
    private const int MaxAttempts = 5;

    public async Task<Glossary> GetAsync(string id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new GlossaryNotFoundException(id);

    /// <summary>
    /// The stored glossary, or null when there is none. A missing "default" glossary is re-established from the
    /// starter glossary first: a store that restarted empty (a new Redis, a failover, a flush) must not leave
    /// translations without it.
    /// </summary>
    public async Task<Glossary?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var glossary = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (glossary is not null || id != Glossary.DefaultId)
        {
            return glossary is not null && IsVisible(glossary) ? glossary : null;
        }
        await EnsureDefaultAsync(cancellationToken).ConfigureAwait(false);
        return await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Glossary>> ListAsync(CancellationToken cancellationToken)
    {
        var all = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Where(IsVisible).ToArray();
        if (all.Any(g => g.Id == Glossary.DefaultId) || await FindAsync(Glossary.DefaultId, cancellationToken).ConfigureAwait(false) is not { } starter)
        {
            return all;
        }
        return [.. all.Append(starter).OrderBy(g => g.Id, StringComparer.Ordinal)];
    }

    public async Task<Glossary> CreateAsync(string id, string name, string sourceLanguage, IReadOnlyList<GlossaryEntry> entries, CancellationToken cancellationToken)
    {
        var glossary = new Glossary(id, name, sourceLanguage, NewVersion(), entries) { Owner = tenants.Current?.Id };
        GlossaryValidator.Validate(glossary);
        return await store.TrySaveAsync(glossary, 0, cancellationToken).ConfigureAwait(false)
            ? glossary
            : throw new GlossaryAlreadyExistsException(id);
    }

    /// <summary>Replaces name and entries; <paramref name="expectedVersion"/> 0 means "whatever is current".</summary>
    public Task<Glossary> ReplaceAsync(string id, string? name, IReadOnlyList<GlossaryEntry> entries, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, g => g with { Name = name ?? g.Name, Entries = entries }, cancellationToken);

    /// <summary>Adds an entry, or replaces the entry with the same term.</summary>
    public Task<Glossary> PutEntryAsync(string id, GlossaryEntry entry, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, g =>
        {
            var index = IndexOf(g, entry.Term);
            var entries = g.Entries.ToList();
            if (index < 0)
            {
                entries.Add(entry);
            }
            else
            {
                entries[index] = entry;
            }
            return g with { Entries = entries };
        }, cancellationToken);

    public Task<Glossary> RemoveEntryAsync(string id, string term, long expectedVersion, CancellationToken cancellationToken) =>
        ChangeAsync(id, expectedVersion, g =>
        {
            var index = IndexOf(g, term);
            return index < 0
                ? throw new GlossaryStateException($"Glossary \"{id}\" has no entry {QuotedValue.Of(term)}.")
                : g with { Entries = g.Entries.Where((_, i) => i != index).ToArray() };
        }, cancellationToken);

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        CheckEditable(await GetAsync(id, cancellationToken).ConfigureAwait(false));
        if (!await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false))
        {
            throw new GlossaryNotFoundException(id);
        }
    }

    /// <summary>
    /// Seeds the starter glossary (<see cref="DefaultGlossary"/>) unless the store already holds a "default"
    /// glossary; called at start-up and whenever the default is found missing. Replicas sharing a store race
    /// safely: the compare-and-swap lets one of them write it.
    /// </summary>
    public async Task EnsureDefaultAsync(CancellationToken cancellationToken)
    {
        var glossary = DefaultGlossary.Load();
        GlossaryValidator.Validate(glossary);
        await store.TrySaveAsync(glossary with { Version = NewVersion() }, 0, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Glossary> ChangeAsync(string id, long expectedVersion, Func<Glossary, Glossary> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await GetAsync(id, cancellationToken).ConfigureAwait(false);
            CheckEditable(current);
            if (expectedVersion != 0 && current.Version != expectedVersion)
            {
                throw new GlossaryStateException($"Glossary \"{id}\" is at version {current.Version}, not {expectedVersion}.");
            }
            var changed = change(current) with { Version = current.Version + 1 };
            GlossaryValidator.Validate(changed);
            if (await store.TrySaveAsync(changed, current.Version, cancellationToken).ConfigureAwait(false))
            {
                return changed;
            }
        }
        throw new GlossaryStateException($"Glossary \"{id}\" kept changing concurrently; retry.");
    }

    private bool IsVisible(Glossary glossary) =>
        tenants.Current is not { } tenant || glossary.Owner == tenant.Id || glossary.Id == Glossary.DefaultId;

    private void CheckEditable(Glossary glossary)
    {
        if (tenants.Current is { } tenant && glossary.Owner != tenant.Id)
        {
            throw new GlossaryAccessDeniedException(glossary.Id);
        }
    }

    private long NewVersion() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static int IndexOf(Glossary glossary, string term)
    {
        for (var i = 0; i < glossary.Entries.Count; i++)
        {
            if (string.Equals(glossary.Entries[i].Term, term, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
