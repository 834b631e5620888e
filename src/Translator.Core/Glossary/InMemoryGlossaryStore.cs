using System.Collections.Concurrent;

namespace Translator.Core.Glossary;

/// <summary>The default store: one process, nothing shared. Replicas that must agree use a shared store.</summary>
internal sealed class InMemoryGlossaryStore : IGlossaryStore
{
    private readonly ConcurrentDictionary<string, Glossary> _glossaries = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();

    public string Name => "memory";

    public Task<Glossary?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(_glossaries.GetValueOrDefault(id));

    public Task<IReadOnlyList<Glossary>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Glossary>>(_glossaries.Values.OrderBy(g => g.Id, StringComparer.Ordinal).ToArray());

    public Task<bool> TrySaveAsync(Glossary glossary, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_writes)
        {
            var current = _glossaries.TryGetValue(glossary.Id, out var stored) ? stored.Version : 0;
            if (current != expectedVersion)
            {
                return Task.FromResult(false);
            }
            _glossaries[glossary.Id] = glossary;
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        lock (_writes)
        {
            return Task.FromResult(_glossaries.TryRemove(id, out _));
        }
    }
}
