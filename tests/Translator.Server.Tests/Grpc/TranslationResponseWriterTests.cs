using System.Buffers;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Grpc;

namespace Translator.Server.Tests.Grpc;

/// <summary>
/// The hand-written response serializer (<see cref="MarshallingBinder.WriteInOnePiece"/> of the server's
/// TranslateArticleResponse) against the generated one, and against the contract's fields.
/// </summary>
public sealed class TranslationResponseWriterTests
{
    private sealed class BufferContext : SerializationContext
    {
        public int? Length { get; private set; }

        public ArrayBufferWriter<byte> Written { get; } = new();

        public bool Completed { get; private set; }

        public override void SetPayloadLength(int payloadLength) => Length = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter() => Written;

        public override void Complete() => Completed = true;

        public override void Complete(byte[] payload) => throw new InvalidOperationException("Not used by the writer.");
    }

    /// <summary>
    /// The server's own type for a message of the contract: this project compiles the protos as a client, so its
    /// <see cref="TranslateArticleResponse"/> is not the one the server's marshaller recognises.
    /// </summary>
    internal static IMessage ServerMessage(IMessage message)
    {
        var type = typeof(MarshallingBinder).Assembly.GetType(message.Descriptor.ClrType.FullName!)!;
        var parser = (MessageParser)type.GetProperty("Parser")!.GetValue(null)!;
        return parser.ParseFrom(message.ToByteArray());
    }

    private static byte[] Written(TranslateArticleResponse response)
    {
        var context = new BufferContext();
        MarshallingBinder.WriteInOnePiece(ServerMessage(response), context);
        Assert.True(context.Completed);
        Assert.Equal(context.Written.WrittenCount, context.Length);
        return context.Written.WrittenSpan.ToArray();
    }

    /// <summary>Random responses of every shape the contract allows, from a fixed seed.</summary>
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 40));

    private static TranslateArticleResponse RandomResponse(Random random)
    {
        string Text(int max)
        {
            // Empty, ASCII, Cyrillic, Hangul and an emoji (a surrogate pair), so lengths and UTF-8 widths vary.
            string[] pieces = ["", "Jo Chun Ryong ", "Цой Сон Хи ", "최선희 ", "チョ・チュンリョン ", "📰 "];
            var length = random.Next(max + 1);
            return string.Concat(Enumerable.Range(0, length).Select(_ => pieces[random.Next(pieces.Length)]));
        }
        var response = new TranslateArticleResponse { ArticleId = Text(3) };
        for (var a = random.Next(4); a > 0; a--)
        {
            var article = new TranslatedArticle
            {
                TargetLanguage = random.Next(5) == 0 ? "" : "ko",
                Title = Text(20),
                Stats = random.Next(3) == 0 ? null : new TranslationStats { Segments = random.Next(100), CacheHits = random.Next(100), ProviderCharacters = random.NextInt64(1L << 40) },
                Glossary = random.Next(3) == 0 ? null : new GlossaryReport
                {
                    GlossaryId = Text(2),
                    GlossaryVersion = random.Next(10),
                    Applied = { new AppliedGlossaryEntry { Term = "Jo Chun Ryong", Rendering = "조춘룡", Occurrences = random.Next(5) } },
                },
            };
            for (var p = random.Next(6); p > 0; p--)
            {
                // Up to ~2,000 pieces: paragraph lengths past one- and two-byte varints.
                var paragraph = new TranslatedParagraph { Text = Text(random.Next(3) == 0 ? 2000 : 30) };
                for (var s = random.Next(4); s > 0; s--)
                {
                    paragraph.Segments.Add(new TranslatedSegment
                    {
                        SourceText = Text(40),
                        TranslatedText = Text(40),
                        FromCache = random.Next(2) == 0,
                        Provider = random.Next(2) == 0 ? "" : "deepl",
                        Origin = (SegmentOrigin)random.Next(4),
                    });
                }
                article.Paragraphs.Add(paragraph);
            }
            response.Translations.Add(article);
        }
        return response;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Write_RandomResponse_WritesTheGeneratedSerializersBytes(int seed)
    {
        var response = RandomResponse(new Random(seed));

        Assert.Equal(response.ToByteArray(), Written(response));
    }

    [Fact]
    public void Write_EmptyResponse_WritesNothing()
    {
        Assert.Empty(Written(new TranslateArticleResponse()));
    }

    /// <summary>
    /// The writer knows these fields of the three messages it writes itself; a field added to the contract must be
    /// added to the writer (and here), or responses would silently lose it.
    /// </summary>
    [Theory]
    [InlineData(nameof(TranslateArticleResponse), new[] { 1, 2 })]
    [InlineData(nameof(TranslatedArticle), new[] { 1, 2, 3, 4, 5 })]
    [InlineData(nameof(TranslatedParagraph), new[] { 1, 2 })]
    public void Contract_MessagesTheWriterWrites_HaveOnlyTheFieldsItKnows(string message, int[] fields)
    {
        MessageDescriptor descriptor = message switch
        {
            nameof(TranslateArticleResponse) => TranslateArticleResponse.Descriptor,
            nameof(TranslatedArticle) => TranslatedArticle.Descriptor,
            _ => TranslatedParagraph.Descriptor,
        };

        Assert.Equal(fields, descriptor.Fields.InFieldNumberOrder().Select(f => f.FieldNumber));
    }
}
