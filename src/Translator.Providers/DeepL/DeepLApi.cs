using System.Text.Json.Serialization;

namespace Translator.Providers.DeepL;

// DeepL's documented JSON shapes (https://developers.deepl.com/api-reference), only the fields we use.

internal sealed record DeepLTranslateRequest
{
    [JsonPropertyName("text")] public required IReadOnlyList<string> Text { get; init; }
    [JsonPropertyName("source_lang")] public string? SourceLang { get; init; }
    [JsonPropertyName("target_lang")] public required string TargetLang { get; init; }
    [JsonPropertyName("context")] public string? Context { get; init; }
    [JsonPropertyName("split_sentences")] public string? SplitSentences { get; init; }
    [JsonPropertyName("preserve_formatting")] public bool? PreserveFormatting { get; init; }
    [JsonPropertyName("formality")] public string? Formality { get; init; }
    [JsonPropertyName("glossary_id")] public string? GlossaryId { get; init; }
    [JsonPropertyName("tag_handling")] public string? TagHandling { get; init; }
    [JsonPropertyName("ignore_tags")] public IReadOnlyList<string>? IgnoreTags { get; init; }
    [JsonPropertyName("show_billed_characters")] public bool? ShowBilledCharacters { get; init; }
}

internal sealed record DeepLTranslateResponse(
    [property: JsonPropertyName("translations")] IReadOnlyList<DeepLTranslation> Translations);

internal sealed record DeepLTranslation(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("billed_characters")] long? BilledCharacters);

internal sealed record DeepLUsage(
    [property: JsonPropertyName("character_count")] long CharacterCount,
    [property: JsonPropertyName("character_limit")] long CharacterLimit);

/// <summary>A DeepL glossary, as v3 (dictionaries) or v2 (one pair) reports it.</summary>
internal sealed record DeepLGlossary(
    [property: JsonPropertyName("glossary_id")] string GlossaryId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("source_lang")] string? SourceLang = null,
    [property: JsonPropertyName("target_lang")] string? TargetLang = null,
    [property: JsonPropertyName("dictionaries")] IReadOnlyList<DeepLGlossaryDictionary>? Dictionaries = null);

internal sealed record DeepLGlossaryDictionary(
    [property: JsonPropertyName("source_lang")] string SourceLang,
    [property: JsonPropertyName("target_lang")] string TargetLang,
    [property: JsonPropertyName("entries")] string? Entries = null,
    [property: JsonPropertyName("entries_format")] string? EntriesFormat = null,
    [property: JsonPropertyName("entry_count")] int? EntryCount = null);

internal sealed record DeepLGlossaryList([property: JsonPropertyName("glossaries")] IReadOnlyList<DeepLGlossary> Glossaries);

internal sealed record DeepLCreateGlossaryV3(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("dictionaries")] IReadOnlyList<DeepLGlossaryDictionary> Dictionaries);

internal sealed record DeepLCreateGlossaryV2(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("source_lang")] string SourceLang,
    [property: JsonPropertyName("target_lang")] string TargetLang,
    [property: JsonPropertyName("entries")] string Entries,
    [property: JsonPropertyName("entries_format")] string EntriesFormat);
