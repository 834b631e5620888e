using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using Translator.Protos.V1;

namespace Translator.Server.Grpc;

/// <summary>
/// Serializes a <see cref="TranslateArticleResponse"/> exactly as the generated code does, working out each nested
/// message's size once. The generated code asks every message for its size again at every level it is nested in
/// (response, article, paragraph, segment), so each segment's strings were measured five times; for the cached FULL
/// view into three languages (90 KB) that was a fifth of the server's CPU. Only the three container messages are
/// written here, field by field; everything inside them is written by the generated code.
/// <c>TranslationResponseWriterTests</c> pins the bytes to the generated serializer's and the fields to the contract's,
/// so a field added to the proto fails a test until it is added here.
/// </summary>
internal static class TranslationResponseWriter
{
    private const int ArticleIdField = TranslateArticleResponse.ArticleIdFieldNumber;
    private const int TranslationsField = TranslateArticleResponse.TranslationsFieldNumber;

    /// <summary>
    /// Serializes <paramref name="response"/> as <see cref="MarshallingBinder.WriteInOnePiece"/> does any message: the
    /// length first, then the whole message into one span of the response.
    /// </summary>
    public static void Write(TranslateArticleResponse response, SerializationContext context)
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
        var buffer = Array.Empty<byte>();
        try
        {
            var next = 0;
            var size = StringSize(ArticleIdField, response.ArticleId);
            foreach (var article in response.Translations)
            {
                size += MessageSize(TranslationsField, ArticleSize(article, sizes, ref next));
            }
            context.SetPayloadLength(size);
            buffer = ArrayPool<byte>.Shared.Rent(size);
            using var output = new CodedOutputStream(buffer);
            next = 0;
            WriteString(output, ArticleIdField, response.ArticleId);
            foreach (var article in response.Translations)
            {
                WriteArticle(output, article, sizes, ref next);
            }
            if (output.Position != size)
            {
                throw new InvalidOperationException($"Wrote {output.Position} bytes of a {size}-byte response: the writer and the contract disagree.");
            }
            var writer = context.GetBufferWriter();
            buffer.AsSpan(0, size).CopyTo(writer.GetSpan(size));
            writer.Advance(size);
            context.Complete();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(sizes);
            ArrayPool<byte>.Shared.Return(buffer);
        }
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
