using System.Text.Json;
using System.Text.Json.Serialization;
using Translator.Core.Caching;

namespace Translator.Redis;

/// <summary>
/// How a <see cref="CachedTranslation"/> is stored: compact JSON, <c>{"t":"…","p":"DeepL","at":1763884800}</c>
/// (translation, provider, Unix seconds UTC). Short names because there are millions of values;
/// JSON so an operator can read one with <c>redis-cli GET</c>.
/// </summary>
internal static partial class CachedTranslationFormat
{
    public static byte[] Serialize(CachedTranslation value) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new Stored(value.Text, value.Provider, value.TranslatedAt.ToUnixTimeSeconds()), FormatContext.Default.Stored);

    /// <returns>Null for a value this version cannot read, which is then simply a miss.</returns>
    public static CachedTranslation? Deserialize(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, FormatContext.Default.Stored) is { T: { } text, P: { } provider } stored
                ? new CachedTranslation(text, provider, DateTimeOffset.FromUnixTimeSeconds(stored.At))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal sealed record Stored(
        [property: JsonPropertyName("t")] string? T,
        [property: JsonPropertyName("p")] string? P,
        [property: JsonPropertyName("at")] long At);

    [JsonSerializable(typeof(Stored))]
    private sealed partial class FormatContext : JsonSerializerContext;
}
