using System.Collections.Concurrent;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Translator.Testing.StandIns;

/// <summary>
/// DeepL's REST API as documented, enforced strictly: the auth header, at most 50 texts and 128 KiB per
/// translate request, DeepL's language codes, formality only for targets that have it, glossary_id only
/// with source_lang and a matching glossary, well-formed XML under tag_handling=xml; a character quota
/// answered with 456; v3 glossaries (or only v2, to test the fallback). Translates by prefixing
/// "[TARGET] " and applying the glossary's terms, so tests can see what happened.
/// </summary>
public sealed class DeepLStandIn : HttpStandIn
{
    public const int MaxTexts = 50;
    public const int MaxBodyBytes = 128 * 1024;

    private static readonly HashSet<string> SourceLanguages = new(StringComparer.Ordinal)
    {
        "AR", "BG", "CS", "DA", "DE", "EL", "EN", "ES", "ET", "FI", "FR", "HU", "ID", "IT", "JA", "KO",
        "LT", "LV", "NB", "NL", "PL", "PT", "RO", "RU", "SK", "SL", "SV", "TR", "UK", "ZH",
    };

    private static readonly HashSet<string> TargetLanguages = new(StringComparer.Ordinal)
    {
        "AR", "BG", "CS", "DA", "DE", "EL", "EN-GB", "EN-US", "ES", "ET", "FI", "FR", "HU", "ID", "IT", "JA", "KO",
        "LT", "LV", "NB", "NL", "PL", "PT-BR", "PT-PT", "RO", "RU", "SK", "SL", "SV", "TR", "UK", "ZH-HANS", "ZH-HANT",
    };

    private static readonly HashSet<string> FormalityTargets = new(StringComparer.Ordinal)
    {
        "DE", "FR", "IT", "ES", "NL", "PL", "PT-BR", "PT-PT", "JA", "RU",
    };

    private readonly ConcurrentDictionary<string, StandInGlossary> _glossaries = new();
    private long _characterCount;
    private long _rateLimited;
    private long _translateRequests;
    private long _lastTranslatedAt;
    private readonly Lock _rateLock = new();
    private double _charactersPerSecond;
    private double _burst;
    private double _tokens;
    private long _refilledAt;
    private int _nextGlossary;

    private DeepLStandIn(string authKey) => AuthKey = authKey;

    public string AuthKey { get; }

    /// <summary>The account's characters per billing period; translating past it answers 456.</summary>
    public long CharacterLimit { get; set; } = 10_000_000;

    public long CharacterCount => Interlocked.Read(ref _characterCount);

    /// <summary>Time every translate call takes before answering, for benchmarks (real DeepL takes longer for longer requests).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Time a translate call takes per character of its texts, on top of <see cref="Latency"/>.</summary>
    public TimeSpan LatencyPerCharacter { get; set; }

    /// <summary>Awaited before each accepted translation is answered: lets a test hold translations back (<see cref="BatchGate"/>).</summary>
    public Func<CancellationToken, Task>? BeforeTranslate { get; set; }

    /// <summary>Translate requests answered 429 because they went past <see cref="LimitRate"/>'s rate.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Translate requests received, 429s included.</summary>
    public long TranslateRequestCount => Interlocked.Read(ref _translateRequests);

    /// <summary>When the last translation was answered (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long LastTranslatedAt => Interlocked.Read(ref _lastTranslatedAt);

    /// <summary>
    /// Enforces an account rate as DeepL does: a bucket of <paramref name="charactersPerSecond"/> refilled
    /// continuously, holding <paramref name="burstSeconds"/> worth; a request it cannot cover is answered 429
    /// with Retry-After.
    /// </summary>
    public void LimitRate(double charactersPerSecond, double burstSeconds = 2)
    {
        lock (_rateLock)
        {
            _charactersPerSecond = charactersPerSecond;
            _burst = charactersPerSecond * burstSeconds;
            _tokens = _burst;
            _refilledAt = TimeProvider.System.GetTimestamp();
        }
    }

    private bool TakeRate(long characters)
    {
        lock (_rateLock)
        {
            if (_charactersPerSecond <= 0)
            {
                return true;
            }
            var now = TimeProvider.System.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + TimeProvider.System.GetElapsedTime(_refilledAt, now).TotalSeconds * _charactersPerSecond);
            _refilledAt = now;
            if (_tokens < characters)
            {
                return false;
            }
            _tokens -= characters;
            return true;
        }
    }

    /// <summary>When false, the v3 glossary endpoints answer 404 like a server that predates them.</summary>
    public bool SupportsV3Glossaries { get; set; } = true;

    public IReadOnlyCollection<StandInGlossary> Glossaries => _glossaries.Values.ToArray();

    /// <summary>The translate requests received, in arrival order.</summary>
    public IReadOnlyList<JsonElement> TranslateRequests =>
        Requests.Where(r => r.Path == "/v2/translate" && r.Body is not null).Select(r => r.Body!.Value).ToArray();

    public static async Task<DeepLStandIn> StartAsync(string authKey = "stand-in-key:fx")
    {
        var standIn = new DeepLStandIn(authKey);
        await standIn.StartServerAsync();
        return standIn;
    }

    /// <summary>What the stand-in returns for a text without glossary.</summary>
    public static string Translate(string text, string targetLang) => $"[{targetLang}] {text}";

    /// <summary>Adds a glossary as if created earlier (by another process).</summary>
    public StandInGlossary AddGlossary(string name, string source, string target, IReadOnlyDictionary<string, string> entries)
    {
        var glossary = new StandInGlossary($"g-{Interlocked.Increment(ref _nextGlossary)}", name, source, target, entries);
        _glossaries[glossary.Id] = glossary;
        return glossary;
    }

    /// <summary>Deletes a glossary behind the client's back (as a user of the DeepL account could).</summary>
    public void RemoveGlossary(string id) => _glossaries.TryRemove(id, out _);

    protected override object ErrorBodyFor(string message) => new { message };

    protected override void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.FirstOrDefault() != $"DeepL-Auth-Key {AuthKey}")
            {
                await RecordAsync(context);
                await ErrorAsync(context, 403, "Authorization failure, check auth_key");
                return;
            }
            await next(context);
        });
        app.MapPost("/v2/translate", TranslateAsync);
        app.MapGet("/v2/usage", () => Results.Json(new { character_count = CharacterCount, character_limit = CharacterLimit }));
        app.MapGet("/v3/glossaries", (HttpContext c) => V3Only(c, () => Results.Json(new { glossaries = _glossaries.Values.Select(V3) })));
        app.MapGet("/v3/glossaries/{id}", (HttpContext c, string id) => V3Only(c, () => _glossaries.TryGetValue(id, out var g) ? Results.Json(V3(g)) : NotFound()));
        app.MapDelete("/v3/glossaries/{id}", (HttpContext c, string id) => V3Only(c, () => _glossaries.TryRemove(id, out _) ? Results.NoContent() : NotFound()));
        app.MapPost("/v3/glossaries", CreateV3Async);
        app.MapGet("/v2/glossaries", () => Results.Json(new { glossaries = _glossaries.Values.Where(g => g.Version == 2).Select(V2) }));
        app.MapGet("/v2/glossaries/{id}", (string id) => _glossaries.TryGetValue(id, out var g) ? Results.Json(V2(g)) : NotFound());
        app.MapDelete("/v2/glossaries/{id}", (string id) => _glossaries.TryRemove(id, out _) ? Results.NoContent() : NotFound());
        app.MapPost("/v2/glossaries", CreateV2Async);
    }

    private async Task TranslateAsync(HttpContext context)
    {
        var (bytes, json) = await RecordAsync(context);
        if (await RunScriptAsync(context))
        {
            return;
        }
        if (bytes.Length > MaxBodyBytes)
        {
            await ErrorAsync(context, 413, "Request Entity Too Large");
            return;
        }
        if (Validate(json) is { } problem)
        {
            await ErrorAsync(context, 400, problem);
            return;
        }
        var body = json!.Value;
        var target = body.GetProperty("target_lang").GetString()!;
        var texts = body.GetProperty("text").EnumerateArray().Select(t => t.GetString()!).ToArray();
        var characters = texts.Sum(t => (long)t.Length);
        Interlocked.Increment(ref _translateRequests);
        if (!TakeRate(characters))
        {
            Interlocked.Increment(ref _rateLimited);
            context.Response.Headers.RetryAfter = "1";
            await ErrorAsync(context, 429, "Too many requests");
            return;
        }
        Interlocked.Exchange(ref _lastTranslatedAt, TimeProvider.System.GetTimestamp());
        if (Interlocked.Add(ref _characterCount, characters) > CharacterLimit)
        {
            Interlocked.Add(ref _characterCount, -characters);
            await ErrorAsync(context, 456, "Quota exceeded");
            return;
        }
        if (Latency + LatencyPerCharacter * characters is { Ticks: > 0 } latency)
        {
            await Task.Delay(latency, context.RequestAborted);
        }
        if (BeforeTranslate is { } before)
        {
            await before(context.RequestAborted);
        }
        var glossary = body.TryGetProperty("glossary_id", out var g) ? _glossaries[g.GetString()!] : null;
        var billed = body.TryGetProperty("show_billed_characters", out var show) && show.GetBoolean();
        await WriteJsonAsync(context, 200, new
        {
            translations = texts.Select(t => new
            {
                detected_source_language = body.TryGetProperty("source_lang", out var s) ? s.GetString() : "EN",
                text = Translate(glossary?.Apply(t) ?? t, target),
                billed_characters = billed ? t.Length : (int?)null,
            }),
        });
    }

    /// <summary>DeepL's documented rules for a translate request; the first one broken, if any.</summary>
    private string? Validate(JsonElement? json)
    {
        if (json is not { ValueKind: JsonValueKind.Object } body)
        {
            return "Request body must be a JSON object";
        }
        if (!body.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.Array || text.GetArrayLength() == 0
            || text.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
        {
            return "Parameter 'text' not specified or not an array of strings";
        }
        if (text.GetArrayLength() > MaxTexts)
        {
            return $"Too many texts: at most {MaxTexts} per request";
        }
        if (!body.TryGetProperty("target_lang", out var targetElement) || !TargetLanguages.Contains(targetElement.GetString() ?? ""))
        {
            return "Value for 'target_lang' not supported";
        }
        var target = targetElement.GetString()!;
        string? source = null;
        if (body.TryGetProperty("source_lang", out var sourceElement) && !SourceLanguages.Contains(source = sourceElement.GetString() ?? ""))
        {
            return "Value for 'source_lang' not supported";
        }
        if (body.TryGetProperty("formality", out var formality))
        {
            var value = formality.GetString();
            if (value is not ("default" or "more" or "less" or "prefer_more" or "prefer_less"))
            {
                return "Value for 'formality' not supported";
            }
            if (value is "more" or "less" && !FormalityTargets.Contains(target))
            {
                return "'formality' is not supported for given 'target_lang'";
            }
        }
        if (body.TryGetProperty("split_sentences", out var split) && split.GetString() is not ("0" or "1" or "nonewlines"))
        {
            return "Value for 'split_sentences' not supported";
        }
        if (body.TryGetProperty("glossary_id", out var glossaryId))
        {
            if (source is null)
            {
                return "Use of a glossary requires the 'source_lang' parameter to be specified";
            }
            if (!_glossaries.TryGetValue(glossaryId.GetString() ?? "", out var glossary))
            {
                return "Glossary not found";
            }
            if (!string.Equals(glossary.Source, source, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(glossary.Target, target.Split('-')[0], StringComparison.OrdinalIgnoreCase))
            {
                return "Language pair of the glossary doesn't match the language pair of the request";
            }
        }
        var tagHandling = body.TryGetProperty("tag_handling", out var th) ? th.GetString() : null;
        if (tagHandling is not (null or "xml" or "html"))
        {
            return "Value for 'tag_handling' not supported";
        }
        if (body.TryGetProperty("ignore_tags", out _) && tagHandling is null)
        {
            return "'ignore_tags' requires 'tag_handling'";
        }
        if (tagHandling == "xml" && text.EnumerateArray().FirstOrDefault(t => !IsWellFormedXml(t.GetString()!)) is { ValueKind: JsonValueKind.String })
        {
            return "Tag handling parsing failed, please check input";
        }
        return null;
    }

    private static bool IsWellFormedXml(string text)
    {
        try
        {
            new XmlDocument().LoadXml($"<root>{text}</root>");
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private async Task CreateV3Async(HttpContext context)
    {
        var (_, json) = await RecordAsync(context);
        if (!SupportsV3Glossaries)
        {
            await ErrorAsync(context, 404, "Not found");
            return;
        }
        if (json is not { } body || !body.TryGetProperty("name", out var name) || !body.TryGetProperty("dictionaries", out var dictionaries)
            || dictionaries.GetArrayLength() == 0)
        {
            await ErrorAsync(context, 400, "Missing 'name' or 'dictionaries'");
            return;
        }
        var d = dictionaries[0];
        await CreateAsync(context, 3, name.GetString()!, d.GetProperty("source_lang").GetString()!, d.GetProperty("target_lang").GetString()!,
            d.GetProperty("entries").GetString()!, d.GetProperty("entries_format").GetString());
    }

    private async Task CreateV2Async(HttpContext context)
    {
        var (_, json) = await RecordAsync(context);
        if (json is not { } body)
        {
            await ErrorAsync(context, 400, "Body must be JSON");
            return;
        }
        await CreateAsync(context, 2, body.GetProperty("name").GetString()!, body.GetProperty("source_lang").GetString()!,
            body.GetProperty("target_lang").GetString()!, body.GetProperty("entries").GetString()!, body.GetProperty("entries_format").GetString());
    }

    private async Task CreateAsync(HttpContext context, int version, string name, string source, string target, string entries, string? format)
    {
        if (await RunScriptAsync(context))
        {
            return;
        }
        if (format != "tsv")
        {
            await ErrorAsync(context, 400, "Unsupported entries_format");
            return;
        }
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in entries.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || parts[0] != parts[0].Trim() || !parsed.TryAdd(parts[0], parts[1]))
            {
                await ErrorAsync(context, 400, "Invalid glossary entries");
                return;
            }
        }
        var glossary = AddGlossary(name, source, target, parsed) with { Version = version };
        _glossaries[glossary.Id] = glossary;
        await WriteJsonAsync(context, 201, version == 3 ? V3(glossary) : V2(glossary));
    }

    private IResult V3Only(HttpContext context, Func<IResult> handle) => SupportsV3Glossaries ? handle() : NotFound();

    private static IResult NotFound() => Results.Json(new { message = "Not found" }, statusCode: 404);

    private static object V3(StandInGlossary g) => new
    {
        glossary_id = g.Id,
        name = g.Name,
        dictionaries = new[] { new { source_lang = g.Source, target_lang = g.Target, entry_count = g.Entries.Count } },
        creation_time = "2026-01-01T00:00:00Z",
    };

    private static object V2(StandInGlossary g) => new
    {
        glossary_id = g.Id,
        name = g.Name,
        ready = true,
        source_lang = g.Source,
        target_lang = g.Target,
        creation_time = "2026-01-01T00:00:00Z",
        entry_count = g.Entries.Count,
    };
}

/// <summary>A glossary the stand-in holds; <see cref="Version"/> is the API version that created it.</summary>
public sealed record StandInGlossary(string Id, string Name, string Source, string Target, IReadOnlyDictionary<string, string> Entries)
{
    public int Version { get; init; } = 3;

    public string Apply(string text) => Entries.Aggregate(text, (t, e) => t.Replace(e.Key, e.Value, StringComparison.Ordinal));
}
