using System.Text;
using CsCheck;
using Translator.Core.Glossary;
using Translator.Testing;

namespace Translator.Core.Tests.Glossary;

/// <summary>
/// Every glossary the validator accepts survives export -> import unchanged in every format, and no text
/// makes a reader fail with anything but <see cref="GlossaryFormatException"/>. Fixed seeds and case counts.
/// </summary>
public sealed class GlossaryFilePropertyTests
{
    // Letters of several scripts plus every character the formats treat specially.
    private const string TermChars = "abcKLM xyz019-'.&<>;,\"#|/Ким김정은金正恩é\u00a0";
    private const string NoteChars = TermChars + "\n\r\t  \u2028]]>";
    private static readonly string[] Languages = ["ko", "ru", "ja", "pt-BR", "zh-Hant"];

    // Starts with a letter; the validator's whitespace rule is met by trimming, the rest is left to chance.
    private static readonly Gen<string> Term = Gen.Select(Gen.Char["aKК김金"], Gen.String[Gen.Char[TermChars], 0, 24], (first, rest) => (first + rest).Trim());
    private static readonly Gen<string> Variant = Term.Select(t => t.Replace('|', '/'));

    private static readonly Gen<GlossaryEntry> Entry =
        Gen.Select(
            Term,
            Variant.Array[0, 3],
            Gen.Select(Gen.Int[0, Languages.Length - 1], Term).Array[1, 4],
            Gen.String[Gen.Char[NoteChars], 1, 40].Null(),
            Gen.Bool,
            (term, variants, renderings, note, caseSensitive) => new GlossaryEntry(
                term, variants,
                renderings.DistinctBy(r => r.Item1).ToDictionary(r => Languages[r.Item1], r => r.Item2, StringComparer.Ordinal),
                note, caseSensitive));

    private static readonly Gen<Core.Glossary.Glossary> AnyGlossary =
        Entry.Array[0, 8].Select(entries => new Core.Glossary.Glossary("generated", "Generated", "en", 3, entries));

    [Theory]
    [InlineData(GlossaryFormat.Tsv)]
    [InlineData(GlossaryFormat.Csv)]
    [InlineData(GlossaryFormat.Tbx)]
    public void WriteThenRead_GeneratedValidGlossaries_IsIdentity(GlossaryFormat format)
    {
        var checkedGlossaries = 0;
        Properties.ForAll(AnyGlossary, 400, glossary =>
        {
            if (!IsValid(glossary))
            {
                return;
            }
            checkedGlossaries++;
            var read = GlossaryFiles.Read(format, GlossaryFiles.Write(format, glossary), glossary.SourceLanguage);
            AssertSameEntries(glossary.Entries, read);
        });
        // The generator is meant to exercise the formats, not the validator: most cases must reach the round trip.
        Assert.InRange(checkedGlossaries, 300, 400);
    }

    [Theory]
    [InlineData(GlossaryFormat.Tsv)]
    [InlineData(GlossaryFormat.Csv)]
    [InlineData(GlossaryFormat.Tbx)]
    public void Read_ArbitraryText_ReturnsEntriesOrThrowsFormatException(GlossaryFormat format)
    {
        var fragments = format == GlossaryFormat.Tbx
            ? OneOf("<tbx xml:lang=\"en\">", "</tbx>", "<conceptEntry>", "</conceptEntry>", "<langSec xml:lang=\"en\">", "<langSec xml:lang=\"ko\">",
                "</langSec>", "<term>", "</term>", "<note>", "</note>", "Kim", "김", "&amp;", "&bogus;", "<![CDATA[x]]>", "<!--c-->", "<term/>", "\n", "<", ">", "\"")
            : OneOf("term", "variants", "note", "case_sensitive", "ko", "ru", "not a tag", "true", "maybe", "Kim", "김", "\"", "\"\"", ",", "\t", "\n", "\r\n",
                "#", "|", " ", "");
        var text = fragments.Array[0, 60].Select(parts => string.Concat(parts));
        Properties.ForAll(text, 1500, t =>
        {
            try
            {
                GlossaryFiles.Read(format, t, "en");
            }
            catch (GlossaryFormatException)
            {
            }
        });
    }

    [Fact]
    public void Read_Rfc4180CsvWithLineBreakInQuotedField_KeepsTheLineBreak()
    {
        const string csv = "term,note,ko\r\n\"Kim Jong Un\",\"first line\r\nsecond line, with a comma\",김정은\r\nKCNA,,조선중앙통신\r\n";

        var entries = GlossaryFiles.Read(GlossaryFormat.Csv, csv, "en");

        Assert.Equal(2, entries.Count);
        Assert.Equal("first line\r\nsecond line, with a comma", entries[0].Note);
        Assert.Equal("조선중앙통신", entries[1].Renderings["ko"]);
    }

    [Theory]
    [InlineData(GlossaryFormat.Tsv)]
    [InlineData(GlossaryFormat.Csv)]
    public void Write_NoteWithLineBreaksAndTermStartingWithHash_ReadsBackTheSame(GlossaryFormat format)
    {
        var glossary = new Core.Glossary.Glossary("g", "G", "en", 1,
        [
            new GlossaryEntry("#Hashtag", [], new Dictionary<string, string> { ["ko"] = "해시태그" }, "line one\nline two\tand a tab, \"quoted\""),
        ]);

        var read = GlossaryFiles.Read(format, GlossaryFiles.Write(format, glossary), "en");

        AssertSameEntries(glossary.Entries, read);
    }

    [Fact]
    public void Read_TbxNestedFarDeeperThanTbxNeeds_ThrowsFormatExceptionNamingTheLimit()
    {
        // The shape of the reported attack: 200,000 nested elements, 1.4 MB.
        var sb = new StringBuilder("<tbx xml:lang=\"en\"><text><body><conceptEntry><langSec xml:lang=\"en\">");
        for (var i = 0; i < 100_000; i++)
        {
            sb.Append("<term>");
        }
        sb.Append('x');
        for (var i = 0; i < 100_000; i++)
        {
            sb.Append("</term>");
        }
        sb.Append("</langSec></conceptEntry></body></text></tbx>");

        var error = Assert.Throws<GlossaryFormatException>(() => GlossaryFiles.Read(GlossaryFormat.Tbx, sb.ToString(), "en"));

        Assert.Contains($"deeper than {TbxGlossary.MaxDepth}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TbxWithMoreElementsThanTheLimit_ThrowsFormatException()
    {
        var sb = new StringBuilder("<tbx xml:lang=\"en\"><text><body>");
        for (var i = 0; i <= TbxGlossary.MaxElements; i++)
        {
            sb.Append("<p/>");
        }
        sb.Append("</body></text></tbx>");

        var error = Assert.Throws<GlossaryFormatException>(() => GlossaryFiles.Read(GlossaryFormat.Tbx, sb.ToString(), "en"));

        Assert.Contains($"more than {TbxGlossary.MaxElements} elements", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GlossaryFormat.Tsv)]
    [InlineData(GlossaryFormat.Csv)]
    [InlineData(GlossaryFormat.Tbx)]
    public void Read_CancelledCall_StopsWithOperationCanceled(GlossaryFormat format)
    {
        var glossary = new Core.Glossary.Glossary("g", "G", "en", 1,
            Enumerable.Range(0, 5_000).Select(i => new GlossaryEntry($"Name {i}", [], new Dictionary<string, string> { ["ko"] = $"이름 {i}" })).ToArray());
        var text = GlossaryFiles.Write(format, glossary);

        Assert.ThrowsAny<OperationCanceledException>(() => GlossaryFiles.Read(format, text, "en", new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData(GlossaryFormat.Tsv)]
    [InlineData(GlossaryFormat.Tbx)]
    public void Read_MoreEntriesThanAGlossaryHolds_StopsWithFormatException(GlossaryFormat format)
    {
        var glossary = new Core.Glossary.Glossary("g", "G", "en", 1,
            Enumerable.Range(0, GlossaryValidator.MaxEntries + 1).Select(i => new GlossaryEntry($"Name {i}", [], new Dictionary<string, string> { ["ko"] = "이름" })).ToArray());

        var error = Assert.Throws<GlossaryFormatException>(() => GlossaryFiles.Read(format, GlossaryFiles.Write(format, glossary), "en"));

        Assert.Contains($"more than {GlossaryValidator.MaxEntries} entries", error.Message, StringComparison.Ordinal);
    }

    private static Gen<string> OneOf(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static bool IsValid(Core.Glossary.Glossary glossary)
    {
        try
        {
            GlossaryValidator.Validate(glossary);
            return true;
        }
        catch (GlossaryValidationException)
        {
            return false;
        }
    }

    private static void AssertSameEntries(IReadOnlyList<GlossaryEntry> expected, IReadOnlyList<GlossaryEntry> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            Assert.Equal(expected[i].Term, actual[i].Term);
            Assert.Equal(expected[i].Variants, actual[i].Variants);
            Assert.Equal(expected[i].Renderings.OrderBy(r => r.Key), actual[i].Renderings.OrderBy(r => r.Key));
            Assert.Equal(expected[i].Note, actual[i].Note);
            Assert.Equal(expected[i].CaseSensitive, actual[i].CaseSensitive);
        }
    }
}
