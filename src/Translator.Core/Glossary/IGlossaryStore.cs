namespace Translator.Core.Glossary;

/// <summary>
/// Where glossaries live. Deliberately small so a shared store (Redis) is a few commands:
/// the store keeps whole glossaries under their id and never interprets them; validation, version bumps and
/// matching live in <see cref="GlossaryManager"/> and the pipeline. Implementations must be thread-safe and
/// must make <see cref="TrySaveAsync"/> atomic across every replica that shares the store.
/// </summary>
public interface IGlossaryStore
{
    /// <summary>Name for logs and diagnostics ("memory", "redis").</summary>
    string Name { get; }

    /// <returns>The stored glossary, or null when there is none with that id.</returns>
    Task<Glossary?> GetAsync(string id, CancellationToken cancellationToken);

    /// <returns>Every glossary, ordered by id.</returns>
    Task<IReadOnlyList<Glossary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Compare-and-swap: stores <paramref name="glossary"/> only if the stored version is
    /// <paramref name="expectedVersion"/> (0: only if no glossary with that id exists).
    /// </summary>
    /// <returns>False when the stored version differs (a concurrent change or an existing id); nothing is written.</returns>
    Task<bool> TrySaveAsync(Glossary glossary, long expectedVersion, CancellationToken cancellationToken);

    /// <returns>False when there was no glossary with that id.</returns>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);
}
