using System.Text;
using System.Xml;
using Translator.Core.Languages;
using Translator.Core.Providers;

namespace Translator.Core.Corrections.Xliff;

/// <summary>
/// Reads the reviewed and final segments of an XLIFF 2.0 document as corrections, one batch per <c>file</c>.
/// Untrusted input: no DTD (so no entities, internal or external), no resolver, a bounded element depth and
/// document size; one forward pass, so the work is linear in the document and stops when the call is cancelled.
/// Inline codes are read back as the text in <c>originalData</c> they point to (a glossary rendering stays a
/// rendering); markers (<c>mrk</c>, <c>pc</c>) keep their content. Whitespace-only text with a line break is a
/// formatter's indentation (tools pretty-print mixed content), not the editor's text, and is dropped.
/// </summary>
internal static class XliffReader
{
    public const int MaxDepth = 32;

    /// <exception cref="XliffFormatException">Not well-formed, not XLIFF 2.0, or a reviewed segment that cannot be a correction.</exception>
    public static IReadOnlyList<CorrectionBatch> Read(string content, int maxCharacters, CancellationToken cancellationToken)
    {
        if (content.Length > maxCharacters)
        {
            throw new XliffFormatException(0, $"The document has more than {maxCharacters} characters.");
        }
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            // Create already reads the first block, so it can fail too.
            using var xml = XmlReader.Create(new StringReader(content), settings);
            return new Parser(xml, (IXmlLineInfo)xml, cancellationToken).Document();
        }
        catch (XmlException ex)
        {
            // XmlException's own message can quote the document; say where, not what.
            throw new XliffFormatException(ex.LineNumber, ex.Message.Contains("DTD", StringComparison.Ordinal)
                ? "DTDs are not accepted."
                : $"Not well-formed XML (line {ex.LineNumber}, position {ex.LinePosition}).");
        }
    }

    private sealed class Parser(XmlReader xml, IXmlLineInfo lines, CancellationToken cancellationToken)
    {
        private string _source = "";
        private string _target = "";

        public List<CorrectionBatch> Document()
        {
            if (!Next() || xml.MoveToContent() != XmlNodeType.Element || xml.NodeType != XmlNodeType.Element || xml.LocalName != "xliff" || xml.NamespaceURI != Xliff.Namespace
                || xml.GetAttribute("version") is not ("2.0" or "2.1" or "2.2"))
            {
                throw Error("Not an XLIFF 2 document: the root must be <xliff version=\"2.0\"> in namespace " + Xliff.Namespace + ".");
            }
            _source = Language("srcLang");
            _target = Language("trgLang");
            if (LanguageTag.PrimaryLanguage(_source) == LanguageTag.PrimaryLanguage(_target))
            {
                throw Error("trgLang is the source language.");
            }
            var batches = new List<CorrectionBatch>();
            while (!xml.IsEmptyElement && Next())
            {
                if (IsStart("file"))
                {
                    batches.Add(File());
                }
            }
            return batches;
        }

        private CorrectionBatch File()
        {
            var glossary = xml.GetAttribute("glossary", Xliff.TranslatorNamespace);
            var formality = Xliff.ParseFormality(xml.GetAttribute("formality", Xliff.TranslatorNamespace))
                ?? throw Error("Unknown formality; use default, more or less.");
            var corrections = new List<SegmentCorrection>();
            var (depth, empty) = (xml.Depth, xml.IsEmptyElement);
            while (!empty && Next() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                if (IsStart("unit"))
                {
                    Unit(corrections);
                }
            }
            return new CorrectionBatch(_source, _target, corrections, formality, string.IsNullOrEmpty(glossary) ? null : glossary);
        }

        private void Unit(List<SegmentCorrection> corrections)
        {
            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            // Codes are resolved when the unit ends: originalData may come after the segments that use it.
            var pending = new List<(List<object> Source, List<object> Target, int Line)>();
            var (depth, empty) = (xml.Depth, xml.IsEmptyElement);
            while (!empty && Next() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                if (IsStart("data") && xml.GetAttribute("id") is { } id)
                {
                    data[id] = Text();
                }
                else if (IsStart("segment"))
                {
                    var line = lines.LineNumber;
                    var state = xml.GetAttribute("state");
                    var (source, target) = Segment();
                    if (state is Xliff.Reviewed or Xliff.Final)
                    {
                        pending.Add((source, target, line));
                    }
                }
            }
            foreach (var (source, target, line) in pending)
            {
                var correction = new SegmentCorrection(Resolve(source, data).Trim(), Resolve(target, data).Trim());
                if (string.IsNullOrWhiteSpace(correction.SourceText) || string.IsNullOrWhiteSpace(correction.TranslatedText))
                {
                    throw new XliffFormatException(line, $"Line {line}: a reviewed or final segment needs a source and a target.");
                }
                if (correction.SourceText.Length > CorrectionLimits.MaxSentenceCharacters || correction.TranslatedText.Length > CorrectionLimits.MaxSentenceCharacters)
                {
                    throw new XliffFormatException(line, $"Line {line}: a segment is longer than {CorrectionLimits.MaxSentenceCharacters} characters.");
                }
                corrections.Add(correction);
            }
        }

        private (List<object> Source, List<object> Target) Segment()
        {
            List<object> source = [], target = [];
            var (depth, empty) = (xml.Depth, xml.IsEmptyElement);
            while (!empty && Next() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                if (IsStart("source"))
                {
                    Content(source);
                }
                else if (IsStart("target"))
                {
                    Content(target);
                }
            }
            return (source, target);
        }

        /// <summary>Text as strings, codes as their data reference (a <see cref="DataRef"/>).</summary>
        private void Content(List<object> parts)
        {
            if (xml.IsEmptyElement)
            {
                return;
            }
            var depth = xml.Depth;
            while (Next() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                switch (xml.NodeType)
                {
                    case XmlNodeType.Whitespace when xml.Value.Contains('\n'):
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        parts.Add(xml.Value);
                        break;
                    case XmlNodeType.Element when xml.NamespaceURI == Xliff.Namespace && xml.LocalName == "cp":
                        parts.Add(CodePoint());
                        break;
                    case XmlNodeType.Element when xml.NamespaceURI == Xliff.Namespace && xml.LocalName is "ph" or "sc" or "ec":
                        if (xml.GetAttribute("dataRef") is { } dataRef)
                        {
                            parts.Add(new DataRef(dataRef, lines.LineNumber));
                        }
                        break;
                }
            }
        }

        private string CodePoint()
        {
            var hex = xml.GetAttribute("hex");
            return hex is not null && int.TryParse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, null, out var value) && value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF)
                ? char.ConvertFromUtf32(value)
                : throw Error("<cp> needs a hex code point.");
        }

        private static string Resolve(List<object> parts, Dictionary<string, string> data)
        {
            var text = new StringBuilder();
            foreach (var part in parts)
            {
                text.Append(part is DataRef code
                    ? data.TryGetValue(code.Id, out var original) ? original : throw new XliffFormatException(code.Line, $"Line {code.Line}: dataRef \"{Short(code.Id)}\" names no <data> in the unit.")
                    : (string)part);
            }
            return text.ToString();
        }

        /// <summary>The text content of the current element (no markup inside <c>data</c> but <c>cp</c>).</summary>
        private string Text()
        {
            var parts = new List<object>();
            Content(parts);
            return string.Concat(parts.OfType<string>());
        }

        private bool Next()
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!xml.Read())
            {
                return false;
            }
            return xml.Depth <= MaxDepth ? true : throw Error($"Elements are nested deeper than {MaxDepth} levels.");
        }

        private bool IsStart(string name) =>
            xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == Xliff.Namespace && xml.LocalName == name;

        private string Language(string attribute) =>
            xml.GetAttribute(attribute) is { } tag && LanguageTag.IsWellFormed(tag)
                ? LanguageTag.Normalize(tag)
                : throw Error($"{attribute} must be a BCP-47 language tag.");

        private XliffFormatException Error(string message) => new(lines.LineNumber, $"Line {lines.LineNumber}: {message}");

        private static string Short(string value) => value.Length <= 35 ? value : value[..32] + "...";

        private sealed record DataRef(string Id, int Line);
    }
}
