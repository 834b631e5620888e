using Translator.Core.Languages;
using Domain = Translator.Core.Glossary;
using Proto = Translator.Protos.V1;

namespace Translator.Server.Grpc;

/// <summary>Maps glossaries between the wire contract and the core.</summary>
internal static class GlossaryProtoMapping
{
    public static Proto.Glossary ToProto(this Domain.Glossary glossary) => new()
    {
        Id = glossary.Id,
        Name = glossary.Name,
        SourceLanguage = glossary.SourceLanguage,
        Version = glossary.Version,
        Entries = { glossary.Entries.Select(ToProto) },
    };

    public static Proto.GlossarySummary ToSummary(this Domain.Glossary glossary) => new()
    {
        Id = glossary.Id,
        Name = glossary.Name,
        SourceLanguage = glossary.SourceLanguage,
        Version = glossary.Version,
        EntryCount = glossary.Entries.Count,
    };

    public static Proto.GlossaryEntry ToProto(this Domain.GlossaryEntry entry) => new()
    {
        Term = entry.Term,
        Variants = { entry.Variants },
        Renderings = { entry.Renderings.ToDictionary() },
        Note = entry.Note ?? "",
        CaseSensitive = entry.CaseSensitive,
        ShortForms = { entry.ShortForms },
        ShortFormRenderings = { entry.ShortRenderings.ToDictionary() },
    };

    /// <summary>Language tags are normalised here so "KO" and "ko" are one rendering; malformed ones are left for validation to report.</summary>
    public static Domain.GlossaryEntry ToCore(this Proto.GlossaryEntry entry) => new(
        entry.Term.Trim(),
        entry.Variants.Select(v => v.Trim()).ToArray(),
        ToCore(entry.Renderings),
        entry.Note.Length == 0 ? null : entry.Note,
        entry.CaseSensitive,
        entry.ShortForms.Select(v => v.Trim()).ToArray(),
        ToCore(entry.ShortFormRenderings));

    private static Dictionary<string, string> ToCore(IDictionary<string, string> renderings) =>
        renderings.ToDictionary(r => LanguageTag.IsWellFormed(r.Key) ? LanguageTag.Normalize(r.Key) : r.Key, r => r.Value.Trim(), StringComparer.Ordinal);

    public static Domain.GlossaryFormat? ToCore(this Proto.GlossaryFormat format) => format switch
    {
        Proto.GlossaryFormat.Tsv => Domain.GlossaryFormat.Tsv,
        Proto.GlossaryFormat.Csv => Domain.GlossaryFormat.Csv,
        Proto.GlossaryFormat.Tbx => Domain.GlossaryFormat.Tbx,
        _ => null,
    };
}
