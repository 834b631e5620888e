using System.Text;
using System.Xml;
using Translator.Core.Glossary;
using Translator.Core.Pipeline;
using Translator.Core.Providers;

namespace Translator.Core.Corrections.Xliff;

/// <summary>
/// A translated article as XLIFF 2.0: one <c>unit</c> per paragraph (the title first), one <c>segment</c> per
/// sentence, <c>state</c> "translated" for machine output and "final" for editors' corrections. Each glossary term
/// in the source, and its rendering in the target, is a <c>ph</c> code whose text is in the unit's
/// <c>originalData</c>: CAT tools show it as a tag the editor moves but does not retype or translate.
/// Line breaks go between elements by hand: an indenting writer would put whitespace inside source and target.
/// </summary>
internal static class XliffWriter
{
    /// <param name="glossaryId">The glossary the request named (empty for the default), written so an import keys its
    /// corrections the same way; the matcher's own id may name a layered composition.</param>
    public static string Write(TranslatedArticle article, string sourceLanguage, string glossaryId, GlossaryMatcher? glossary, Formality formality)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false) };
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("xliff", Xliff.Namespace);
            xml.WriteAttributeString("xmlns", "tr", null, Xliff.TranslatorNamespace);
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("srcLang", sourceLanguage);
            xml.WriteAttributeString("trgLang", article.TargetLanguage);
            xml.WriteStartElement("file", Xliff.Namespace);
            xml.WriteAttributeString("id", "f1");
            xml.WriteAttributeString("glossary", Xliff.TranslatorNamespace, glossaryId);
            xml.WriteAttributeString("formality", Xliff.TranslatorNamespace, Xliff.Name(formality));
            if (article.Title is { } title)
            {
                WriteUnit(xml, "title", title, glossary, article.TargetLanguage);
            }
            for (var p = 0; p < article.Paragraphs.Count; p++)
            {
                WriteUnit(xml, $"p{p + 1}", article.Paragraphs[p], glossary, article.TargetLanguage);
            }
            xml.WriteWhitespace("\n");
            xml.WriteEndElement();
            xml.WriteWhitespace("\n");
            xml.WriteEndElement();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteUnit(XmlWriter xml, string id, TranslatedParagraph paragraph, GlossaryMatcher? glossary, string target)
    {
        var segments = new CodedSegment[paragraph.Segments.Count];
        for (int s = 0, codes = 0; s < segments.Length; codes += segments[s].Data.Count / 2, s++)
        {
            // Code ids are unique per unit, so each segment numbers on from the last.
            segments[s] = Coded(paragraph.Segments[s], glossary, target, codes);
        }
        xml.WriteWhitespace("\n");
        xml.WriteStartElement("unit", Xliff.Namespace);
        xml.WriteAttributeString("id", id);
        var data = segments.SelectMany(s => s.Data).ToArray();
        if (data.Length > 0)
        {
            xml.WriteStartElement("originalData", Xliff.Namespace);
            foreach (var (dataId, text) in data)
            {
                xml.WriteStartElement("data", Xliff.Namespace);
                xml.WriteAttributeString("id", dataId);
                xml.WriteString(text);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        for (var s = 0; s < segments.Length; s++)
        {
            xml.WriteWhitespace("\n");
            xml.WriteStartElement("segment", Xliff.Namespace);
            xml.WriteAttributeString("id", $"s{s + 1}");
            xml.WriteAttributeString("state", paragraph.Segments[s].Origin == SegmentOrigin.Human ? Xliff.Final : Xliff.Translated);
            WriteContent(xml, "source", segments[s].Source);
            WriteContent(xml, "target", segments[s].Target);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void WriteContent(XmlWriter xml, string element, IReadOnlyList<(string Text, int Code)> parts)
    {
        xml.WriteStartElement(element, Xliff.Namespace);
        foreach (var (text, code) in parts)
        {
            if (code < 0)
            {
                if (text.Length > 0)
                {
                    xml.WriteString(text);
                }
                continue;
            }
            var n = code + 1;
            xml.WriteStartElement("ph", Xliff.Namespace);
            xml.WriteAttributeString("id", $"c{n}");
            xml.WriteAttributeString("dataRef", element == "source" ? $"d{n}s" : $"d{n}t");
            xml.WriteAttributeString("canDelete", "no");
            xml.WriteAttributeString("canCopy", "no");
            xml.WriteAttributeString("disp", text);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private sealed record CodedSegment(List<(string Text, int Code)> Source, List<(string Text, int Code)> Target, List<(string Id, string Text)> Data);

    /// <summary>
    /// Splits source and target into text and codes: every glossary term with a rendering for the target, and the
    /// rendering where it occurs in the translation (in order; a rendering the translation lacks stays uncoded).
    /// </summary>
    /// <param name="firstCode">The first code number free in the unit.</param>
    private static CodedSegment Coded(TranslatedSegment segment, GlossaryMatcher? glossary, string target, int firstCode)
    {
        // With no glossary (the request opted out of the default) nothing is coded.
        var entries = glossary?.Glossary.Entries ?? [];
        var source = new List<(string, int)>();
        var targetSpans = new List<(int Start, int Length, int Code)>();
        var data = new List<(string, string)>();
        var searchFrom = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = 0;
        var code = firstCode;
        foreach (var match in glossary?.Match(segment.SourceText) ?? [])
        {
            // A short form matched in one sentence stands for no entry yet (entry -1: which one is the story's
            // decision), so only full names become codes; a short form's rendering stays plain text.
            if (match.Entry < 0 || entries[match.Entry].RenderingFor(target) is not { } rendering)
            {
                continue;
            }
            var term = segment.SourceText.Substring(match.Start, match.Length);
            source.Add((segment.SourceText[last..match.Start], -1));
            source.Add((term, code));
            last = match.Start + match.Length;
            var n = $"d{code + 1}";
            var at = segment.Text.IndexOf(rendering, searchFrom.GetValueOrDefault(rendering), StringComparison.Ordinal);
            if (at >= 0 && !targetSpans.Any(t => at < t.Start + t.Length && t.Start < at + rendering.Length))
            {
                searchFrom[rendering] = at + rendering.Length;
                targetSpans.Add((at, rendering.Length, code));
            }
            data.Add(($"{n}s", term));
            data.Add(($"{n}t", rendering));
            code++;
        }
        source.Add((segment.SourceText[last..], -1));

        var translated = new List<(string, int)>();
        var position = 0;
        foreach (var (start, length, c) in targetSpans.OrderBy(t => t.Start))
        {
            translated.Add((segment.Text[position..start], -1));
            translated.Add((segment.Text.Substring(start, length), c));
            position = start + length;
        }
        translated.Add((segment.Text[position..], -1));
        return new CodedSegment(source, translated, data);
    }
}
