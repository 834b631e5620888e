using System.Collections.Concurrent;
using Translator.Core.Pipeline;
using Translator.Core.Providers;

namespace Translator.Core.Glossary;

/// <summary>
/// Resolves a request's glossary to a compiled matcher. Compiling is done once per glossary version, so the
/// per-request cost is one store read.
/// </summary>
internal sealed class GlossaryCatalog(GlossaryManager manager)
{
    private readonly ConcurrentDictionary<string, GlossaryMatcher> _compiled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Id, string Target), ProviderGlossary> _forProviders = new();

    // Version 0 never collides with a stored version, so the compiled copy is replaced once the store answers.
    private static readonly Lazy<Glossary> StarterGlossary = new(() => DefaultGlossary.Load() with { Version = 0 });

    /// <param name="useDefault">Layer a named glossary over the default one (<see cref="LayeredGlossary"/>); false: no default at all.</param>
    /// <returns>
    /// The compiled glossary: the one named (over the default one unless <paramref name="useDefault"/> is false), or the
    /// default glossary when none is named (re-established if the store lost it); null only when no id is given and
    /// the request opted out of the default.
    /// </returns>
    /// <exception cref="TranslationRequestException">An id was given and no such glossary exists.</exception>
    public async Task<GlossaryMatcher?> ResolveAsync(string? id, bool useDefault, CancellationToken cancellationToken)
    {
        if (id is null && !useDefault)
        {
            return null;
        }
        Glossary? glossary;
        try
        {
            glossary = await manager.FindAsync(id ?? Glossary.DefaultId, cancellationToken).ConfigureAwait(false);
        }
        catch (GlossaryStoreUnavailableException) when (id is null or Glossary.DefaultId)
        {
            // A shared store that is down (and never seen by this replica) must not stop translation or let
            // names drift: the starter glossary shipped with the service applies until the store returns.
            glossary = StarterGlossary.Value;
        }
        // Never silently "no glossary": a named glossary the store does not have is the client's error, and the
        // default one is re-established above (the shipped copy stands in if even that could not be stored).
        glossary ??= id is null or Glossary.DefaultId
            ? StarterGlossary.Value
            : throw new TranslationRequestException("glossary_id", $"No glossary \"{id}\".");
        if (useDefault && id is not (null or Glossary.DefaultId))
        {
            glossary = LayeredGlossary.Compose(glossary, await DefaultLayerAsync(cancellationToken).ConfigureAwait(false));
        }
        // The common case, an unchanged version, takes no lock (AddOrUpdate locks even when it keeps the value).
        if (_compiled.TryGetValue(glossary.Id, out var compiled) && compiled.Glossary.Version == glossary.Version)
        {
            return compiled;
        }
        return _compiled.AddOrUpdate(glossary.Id,
            static (_, g) => new GlossaryMatcher(g),
            static (_, existing, g) => existing.Glossary.Version == g.Version ? existing : new GlossaryMatcher(g),
            glossary);
    }

    /// <summary>The default glossary under a named one: re-established if the store lost it, the shipped copy if the store is down.</summary>
    private async Task<Glossary> DefaultLayerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await manager.FindAsync(Glossary.DefaultId, cancellationToken).ConfigureAwait(false) ?? StarterGlossary.Value;
        }
        catch (GlossaryStoreUnavailableException)
        {
            return StarterGlossary.Value;
        }
    }

    /// <summary>The glossary's terms for one target language, for providers with a native glossary feature; null without a glossary.</summary>
    public ProviderGlossary? ForProvider(GlossaryMatcher? matcher, string targetLanguage)
    {
        if (matcher is null)
        {
            return null;
        }
        var glossary = matcher.Glossary;
        if (_forProviders.TryGetValue((glossary.Id, targetLanguage), out var built) && built.Version == glossary.Version)
        {
            return built;
        }
        return _forProviders.AddOrUpdate((glossary.Id, targetLanguage),
            static (key, g) => Build(g, key.Target),
            static (key, existing, g) => existing.Version == g.Version ? existing : Build(g, key.Target),
            glossary);
    }

    private static ProviderGlossary Build(Glossary glossary, string targetLanguage) =>
        new(glossary.Id, glossary.Version,
            glossary.Entries
                .Where(e => e.RenderingFor(targetLanguage) is not null)
                .SelectMany(e => e.Forms.Distinct(StringComparer.Ordinal).Select(f => KeyValuePair.Create(f, e.RenderingFor(targetLanguage)!)))
                .ToArray());
}
