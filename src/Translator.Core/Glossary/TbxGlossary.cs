using System.Xml;
using System.Xml.Linq;
using Translator.Core.Languages;

namespace Translator.Core.Glossary;

/// <summary>
/// TBX (ISO 30042:2019, TBX-Basic dialect): one <c>conceptEntry</c> per entry, a <c>langSec</c> per language.
/// In the source language the first <c>termSec</c> is the canonical term (administrativeStatus
/// preferredTerm-admn-sts) and the rest are variants (admittedTerm-admn-sts); in each target language the first
/// term is the rendering. The note is a <c>note</c> on the concept; case sensitivity, which TBX has no data category
/// for, is a <c>descrip type="x-caseSensitive"</c>. Short forms are terms with <c>termNote type="termType"</c>
/// shortForm (TBX-Basic's term type for them; abbreviation is read the same way): in the source language the
/// second references, in a target language the short form's rendering.
/// Reading also accepts TBX v2 (<c>martif</c>: termEntry, langSet, tig).
/// </summary>
public static class TbxGlossary
{
    private static readonly XNamespace Tbx = "urn:iso:std:iso:30042:ed-2";
    private const string Preferred = "preferredTerm-admn-sts";
    private const string Admitted = "admittedTerm-admn-sts";
    private const string CaseSensitiveType = "x-caseSensitive";
    private const string ShortFormType = "shortForm";

    public static string Write(Glossary glossary)
    {
        var body = new XElement(Tbx + "body");
        for (var e = 0; e < glossary.Entries.Count; e++)
        {
            var entry = glossary.Entries[e];
            var concept = new XElement(Tbx + "conceptEntry", new XAttribute("id", $"c{e + 1}"));
            if (entry.Note is { } note)
            {
                concept.Add(new XElement(Tbx + "note", note));
            }
            if (entry.CaseSensitive)
            {
                concept.Add(new XElement(Tbx + "descrip", new XAttribute("type", CaseSensitiveType), "true"));
            }
            concept.Add(new XElement(Tbx + "langSec", new XAttribute(XNamespace.Xml + "lang", glossary.SourceLanguage),
                entry.Forms.Select((form, i) => TermSec(form, i == 0 ? Preferred : Admitted)),
                entry.ShortForms.Select(ShortTermSec)));
            foreach (var (language, rendering) in entry.Renderings.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                concept.Add(new XElement(Tbx + "langSec", new XAttribute(XNamespace.Xml + "lang", language), TermSec(rendering, Preferred),
                    entry.ShortRenderings.TryGetValue(language, out var shortRendering) ? ShortTermSec(shortRendering) : null));
            }
            body.Add(concept);
        }
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Tbx + "tbx",
                new XAttribute("type", "TBX-Basic"),
                new XAttribute("style", "dca"),
                new XAttribute(XNamespace.Xml + "lang", glossary.SourceLanguage),
                new XElement(Tbx + "tbxHeader",
                    new XElement(Tbx + "fileDesc",
                        new XElement(Tbx + "titleStmt", new XElement(Tbx + "title", glossary.Name)),
                        new XElement(Tbx + "sourceDesc", new XElement(Tbx + "p", $"Translator glossary {glossary.Id} version {glossary.Version}")))),
                new XElement(Tbx + "text", body)));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString();
    }

    /// <param name="sourceLanguage">Selects the language section holding the source terms.</param>
    public static IReadOnlyList<GlossaryEntry> Read(string text, string sourceLanguage)
    {
        XDocument document;
        try
        {
            // No DTDs: a glossary upload must not be able to expand entities or fetch anything.
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new GlossaryFormatException($"Not well-formed XML (line {ex.LineNumber}).");
        }
        var root = document.Root!;
        var source = LanguageTag.PrimaryLanguage(sourceLanguage);
        var entries = new List<GlossaryEntry>();
        var index = 0;
        foreach (var concept in root.Descendants().Where(e => e.Name.LocalName is "conceptEntry" or "termEntry"))
        {
            index++;
            string[] forms = [], shortForms = [];
            var renderings = new Dictionary<string, string>(StringComparer.Ordinal);
            var shortRenderings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var section in concept.Elements().Where(e => e.Name.LocalName is "langSec" or "langSet"))
            {
                var language = Lang(section) ?? throw new GlossaryFormatException($"Concept {index}: a language section has no xml:lang.");
                var all = section.Descendants().Where(e => e.Name.LocalName == "term" && e.Value.Trim().Length > 0).ToArray();
                var terms = all.Where(t => !IsShortForm(t)).Select(t => t.Value.Trim()).ToArray();
                var shortTerms = all.Where(IsShortForm).Select(t => t.Value.Trim()).ToArray();
                if (LanguageTag.PrimaryLanguage(language) == source)
                {
                    (forms, shortForms) = (terms, shortTerms);
                    continue;
                }
                if (terms.Length > 0)
                {
                    renderings[LanguageTag.Normalize(language)] = terms[0];
                }
                if (shortTerms.Length > 0)
                {
                    shortRenderings[LanguageTag.Normalize(language)] = shortTerms[0];
                }
            }
            if (forms.Length == 0)
            {
                throw new GlossaryFormatException($"Concept {index}: no term in the source language.");
            }
            var note = concept.Elements().FirstOrDefault(e => e.Name.LocalName == "note")?.Value;
            var caseSensitive = concept.Elements().Any(e => e.Name.LocalName == "descrip" && (string?)e.Attribute("type") == CaseSensitiveType && e.Value.Trim() == "true");
            entries.Add(new GlossaryEntry(forms[0], forms[1..], renderings, note, caseSensitive, shortForms, shortRenderings));
        }
        return entries;
    }

    private static XElement TermSec(string term, string status) =>
        new(Tbx + "termSec",
            new XElement(Tbx + "term", term),
            new XElement(Tbx + "termNote", new XAttribute("type", "administrativeStatus"), status));

    private static XElement ShortTermSec(string term) =>
        new(Tbx + "termSec",
            new XElement(Tbx + "term", term),
            new XElement(Tbx + "termNote", new XAttribute("type", "termType"), ShortFormType),
            new XElement(Tbx + "termNote", new XAttribute("type", "administrativeStatus"), Admitted));

    /// <summary>A term whose term type (on its termSec, tig or termGrp) marks a short form.</summary>
    private static bool IsShortForm(XElement term) =>
        term.Parent is { } holder && holder.Elements().Any(e => e.Name.LocalName == "termNote" && (string?)e.Attribute("type") == "termType"
            && e.Value.Trim() is ShortFormType or "abbreviation");

    private static string? Lang(XElement element) => (string?)element.Attribute(XNamespace.Xml + "lang") is { Length: > 0 } lang && LanguageTag.IsWellFormed(lang)
        ? LanguageTag.Normalize(lang)
        : null;

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
