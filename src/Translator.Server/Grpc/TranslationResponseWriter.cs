using System.Buffers;
using Google.Protobuf;
using Translator.Protos.V1;

namespace Translator.Server.Grpc;

/// <summary>
/// Serializes a <see cref="TranslateArticleResponse"/> exactly as the generated code does, working out each nested
/// message's size once. The generated code asks every message for its size again at every level it is nested in
/// (response, article, paragraph, segment), so each segment's strings were measured five times; for the cached FULL
/// view into three languages (90 KB) serialization was a sixth of the server's CPU. Only the three container messages are
/// written here, field by field; everything inside them is written by the generated code.
/// <c>TranslationResponseWriterTests</c> pins the bytes to the generated serializer's and the fields to the contract's,
/// so a field added to the proto fails a test until it is added here.
/// </summary>
internal static class TranslationResponseWriter
{
    private const int ArticleIdField = TranslateArticleResponse.ArticleIdFieldNumber;
    private const int TranslationsField = TranslateArticleResponse.TranslationsFieldNumber;

    /// <summary>Works out the size of <paramref name="response"/> and of every message nested in it, once.</summary>
    public static Measured Measure(TranslateArticleResponse response)
    {
        // One size per article, per paragraph and per segment, in the order they are written.
        var count = 0;
        foreach (var article in response.Translations)
        {
            count += 1 + article.Paragraphs.Count;
            foreach (var paragraph in article.Paragraphs)
            {
                count += paragraph.Segments.Count;
            }
        }
        var sizes = ArrayPool<int>.Shared.Rent(count);
        var next = 0;
        var size = StringSize(ArticleIdField, response.ArticleId);
        foreach (var article in response.Translations)
        {
            size += MessageSize(TranslationsField, ArticleSize(article, sizes, ref next));
        }
        return new Measured(response, size, sizes);
    }

    /// <summary>A response with its nested sizes, ready to write; holds pooled memory until disposed.</summary>
    internal sealed class Measured(TranslateArticleResponse response, int size, int[] sizes) : IDisposable
    {
        public int Size => size;

        /// <summary>Writes the response into <paramref name="destination"/>, exactly <see cref="Size"/> bytes.</summary>
        public void WriteTo(Span<byte> destination)
        {
            // CodedOutputStream writes only into arrays; the response's span is Kestrel's.
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                using var output = new CodedOutputStream(buffer);
                var next = 0;
                WriteString(output, ArticleIdField, response.ArticleId);
                foreach (var article in response.Translations)
                {
                    WriteArticle(output, article, sizes, ref next);
                }
                if (output.Position != size)
                {
                    throw new InvalidOperationException($"Wrote {output.Position} bytes of a {size}-byte response: the writer and the contract disagree.");
                }
                buffer.AsSpan(0, size).CopyTo(destination);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        public void Dispose() => ArrayPool<int>.Shared.Return(sizes);
    }

    private static int ArticleSize(TranslatedArticle article, int[] sizes, ref int next)
    {
        var slot = next++;
        var size = StringSize(TranslatedArticle.TargetLanguageFieldNumber, article.TargetLanguage)
            + StringSize(TranslatedArticle.TitleFieldNumber, article.Title)
            + OptionalMessageSize(TranslatedArticle.StatsFieldNumber, article.Stats)
            + OptionalMessageSize(TranslatedArticle.GlossaryFieldNumber, article.Glossary);
        foreach (var paragraph in article.Paragraphs)
        {
            var paragraphSlot = next++;
            var paragraphSize = StringSize(TranslatedParagraph.TextFieldNumber, paragraph.Text);
            foreach (var segment in paragraph.Segments)
            {
                var segmentSize = segment.CalculateSize();
                sizes[next++] = segmentSize;
                paragraphSize += MessageSize(TranslatedParagraph.SegmentsFieldNumber, segmentSize);
            }
            sizes[paragraphSlot] = paragraphSize;
            size += MessageSize(TranslatedArticle.ParagraphsFieldNumber, paragraphSize);
        }
        sizes[slot] = size;
        return size;
    }

    // Fields in number order, as the generated code writes them.
    private static void WriteArticle(CodedOutputStream output, TranslatedArticle article, int[] sizes, ref int next)
    {
        WriteHeader(output, TranslationsField, sizes[next++]);
        WriteString(output, TranslatedArticle.TargetLanguageFieldNumber, article.TargetLanguage);
        WriteString(output, TranslatedArticle.TitleFieldNumber, article.Title);
        foreach (var paragraph in article.Paragraphs)
        {
            WriteHeader(output, TranslatedArticle.ParagraphsFieldNumber, sizes[next++]);
            WriteString(output, TranslatedParagraph.TextFieldNumber, paragraph.Text);
            foreach (var segment in paragraph.Segments)
            {
                WriteHeader(output, TranslatedParagraph.SegmentsFieldNumber, sizes[next++]);
                segment.WriteTo(output);
            }
        }
        WriteOptionalMessage(output, TranslatedArticle.StatsFieldNumber, article.Stats);
        WriteOptionalMessage(output, TranslatedArticle.GlossaryFieldNumber, article.Glossary);
    }

    private static int StringSize(int field, string value) =>
        value.Length == 0 ? 0 : CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeStringSize(value);

    private static int MessageSize(int field, int size) =>
        CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeLengthSize(size) + size;

    private static int OptionalMessageSize(int field, IMessage? message) =>
        message is null ? 0 : MessageSize(field, message.CalculateSize());

    private static void WriteString(CodedOutputStream output, int field, string value)
    {
        if (value.Length != 0)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }
    }

    private static void WriteHeader(CodedOutputStream output, int field, int size)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteLength(size);
    }

    private static void WriteOptionalMessage(CodedOutputStream output, int field, IMessage? message)
    {
        if (message is not null)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteMessage(message);
        }
    }
}
