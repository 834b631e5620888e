using System.Text;
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
internal static class TbxGlossary
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
        // Entitized line breaks: a note's '\r' survives the reader's end-of-line normalisation, so export -> import is identity.
        using (var xml = XmlWriter.Create(writer, new XmlWriterSettings { Indent = true, NewLineHandling = NewLineHandling.Entitize }))
        {
            document.Save(xml);
        }
        return writer.ToString();
    }

    /// <summary>Deeper than any TBX file needs (tbx/text/body/conceptEntry/langSec/termSec/term/hi is 8).</summary>
    public const int MaxDepth = 32;

    /// <summary>Elements read before the file is refused: room for <see cref="GlossaryValidator.MaxEntries"/> entries in a dozen languages.</summary>
    public const int MaxElements = 400_000;

    /// <param name="sourceLanguage">Selects the language section holding the source terms.</param>
    /// <remarks>
    /// One forward pass over the XML (time linear in the text, memory bounded by one entry), refusing files
    /// nested deeper than <see cref="MaxDepth"/>, with more than <see cref="MaxElements"/> elements or more entries
    /// than a glossary may hold, and stopping when <paramref name="cancellationToken"/> fires.
    /// </remarks>
    public static IReadOnlyList<GlossaryEntry> Read(string text, string sourceLanguage, CancellationToken cancellationToken = default)
    {
        // No DTDs: a glossary upload must not be able to expand entities or fetch anything.
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        });
        try
        {
            return new TbxReader(reader, LanguageTag.PrimaryLanguage(sourceLanguage)).Read(cancellationToken);
        }
        catch (XmlException ex)
        {
            throw new GlossaryFormatException($"Not well-formed XML (line {ex.LineNumber}).");
        }
    }

    /// <summary>The state of one pass: the concept being read and the element whose text is being collected.</summary>
    private sealed class TbxReader(XmlReader reader, string source)
    {
        private readonly List<GlossaryEntry> _entries = [];
        private readonly StringBuilder _text = new();
        private int _concepts;
        private int _conceptDepth = -1;
        private string[] _forms = [];
        private string[] _shortForms = [];
        private Dictionary<string, string> _renderings = new(StringComparer.Ordinal);
        private Dictionary<string, string> _shortRenderings = new(StringComparer.Ordinal);
        private string? _note;
        private bool _caseSensitive;
        private int _sectionDepth = -1;
        private string? _sectionLanguage;
        private List<string> _sectionTerms = [];
        private List<string> _sectionShortTerms = [];
        // The element holding the terms being read (termSec, tig, termGrp): a termType termNote beside them, before
        // or after, makes them short forms, so they are sorted when it ends.
        private int _holderDepth = -1;
        private readonly List<string> _holderTerms = [];
        private bool _holderShort;
        private int _captureDepth = -1;
        private Capture _capture;

        private enum Capture { None, Term, Note, CaseSensitive, TermType }

        public List<GlossaryEntry> Read(CancellationToken cancellationToken)
        {
            var elements = 0;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (++elements > MaxElements)
                        {
                            throw Refused($"more than {MaxElements} elements.");
                        }
                        if (reader.Depth >= MaxDepth)
                        {
                            throw Refused($"elements nested deeper than {MaxDepth}.");
                        }
                        if ((elements & 0x3FF) == 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                        }
                        var empty = reader.IsEmptyElement;
                        Start();
                        if (empty)
                        {
                            End(reader.Depth);
                        }
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        if (_capture != Capture.None)
                        {
                            _text.Append(reader.Value);
                        }
                        break;
                    case XmlNodeType.EndElement:
                        End(reader.Depth);
                        break;
                }
            }
            return _entries;
        }

        private GlossaryFormatException Refused(string what) => new($"Line {((IXmlLineInfo)reader).LineNumber}: {what}");

        private void Start()
        {
            if (_capture != Capture.None)
            {
                // Inline markup inside a term or note: its text belongs to the element being collected.
                return;
            }
            var depth = reader.Depth;
            switch (reader.LocalName)
            {
                case "conceptEntry" or "termEntry" when _conceptDepth < 0:
                    _concepts++;
                    _conceptDepth = depth;
                    break;
                case "langSec" or "langSet" when _conceptDepth >= 0 && depth == _conceptDepth + 1:
                    var lang = reader.GetAttribute("lang", XNamespace.Xml.NamespaceName);
                    _sectionLanguage = lang is { Length: > 0 } && LanguageTag.IsWellFormed(lang)
                        ? LanguageTag.Normalize(lang)
                        : throw new GlossaryFormatException($"Concept {_concepts}: a language section has no xml:lang.");
                    _sectionDepth = depth;
                    _sectionTerms = [];
                    _sectionShortTerms = [];
                    break;
                case "term" when _sectionDepth >= 0:
                    Hold(depth - 1);
                    Begin(Capture.Term, depth);
                    break;
                case "termNote" when _sectionDepth >= 0 && reader.GetAttribute("type") == "termType":
                    Hold(depth - 1);
                    Begin(Capture.TermType, depth);
                    break;
                case "note" when _conceptDepth >= 0 && depth == _conceptDepth + 1 && _note is null:
                    Begin(Capture.Note, depth);
                    break;
                case "descrip" when _conceptDepth >= 0 && depth == _conceptDepth + 1 && reader.GetAttribute("type") == CaseSensitiveType:
                    Begin(Capture.CaseSensitive, depth);
                    break;
            }
        }

        /// <summary>Starts collecting the terms of the element at <paramref name="depth"/>, sorting any other's first.</summary>
        private void Hold(int depth)
        {
            if (_holderDepth != depth)
            {
                Release();
                _holderDepth = depth;
            }
        }

        private void Release()
        {
            (_holderShort ? _sectionShortTerms : _sectionTerms).AddRange(_holderTerms);
            _holderTerms.Clear();
            _holderShort = false;
            _holderDepth = -1;
        }

        private void Begin(Capture capture, int depth)
        {
            _capture = capture;
            _captureDepth = depth;
            _text.Clear();
        }

        private void End(int depth)
        {
            if (_capture != Capture.None)
            {
                if (depth != _captureDepth)
                {
                    return;
                }
                var value = _text.ToString();
                switch (_capture)
                {
                    case Capture.Term when value.Trim() is { Length: > 0 } term:
                        _holderTerms.Add(term);
                        break;
                    case Capture.TermType:
                        _holderShort |= value.Trim() is ShortFormType or "abbreviation";
                        break;
                    case Capture.Note:
                        _note = value;
                        break;
                    case Capture.CaseSensitive:
                        _caseSensitive |= value.Trim() == "true";
                        break;
                }
                _capture = Capture.None;
            }
            if (depth == _holderDepth)
            {
                Release();
            }
            if (depth == _sectionDepth)
            {
                if (LanguageTag.PrimaryLanguage(_sectionLanguage!) == source)
                {
                    (_forms, _shortForms) = ([.. _sectionTerms], [.. _sectionShortTerms]);
                }
                else
                {
                    if (_sectionTerms.Count > 0)
                    {
                        _renderings[_sectionLanguage!] = _sectionTerms[0];
                    }
                    if (_sectionShortTerms.Count > 0)
                    {
                        _shortRenderings[_sectionLanguage!] = _sectionShortTerms[0];
                    }
                }
                _sectionDepth = -1;
            }
            else if (depth == _conceptDepth)
            {
                EndConcept();
            }
        }

        private void EndConcept()
        {
            if (_forms.Length == 0)
            {
                throw new GlossaryFormatException($"Concept {_concepts}: no term in the source language.");
            }
            if (_entries.Count == GlossaryValidator.MaxEntries)
            {
                throw Refused($"more than {GlossaryValidator.MaxEntries} entries.");
            }
            _entries.Add(new GlossaryEntry(_forms[0], _forms[1..], _renderings, _note, _caseSensitive, _shortForms, _shortRenderings));
            _conceptDepth = -1;
            _forms = [];
            _shortForms = [];
            _renderings = new(StringComparer.Ordinal);
            _shortRenderings = new(StringComparer.Ordinal);
            _note = null;
            _caseSensitive = false;
        }
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

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
