using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Grpc;

namespace Translator.Server.Tests.Grpc;

/// <summary>Responses written through the buffered marshaller are the generated serialization, length first.</summary>
public sealed class MarshallingBinderTests
{
    /// <summary>What grpc-dotnet's serialization context is asked, in order.</summary>
    private sealed class RecordingContext : SerializationContext
    {
        public List<string> Calls { get; } = [];

        public ArrayBufferWriter<byte> Written { get; } = new(16);

        public override void SetPayloadLength(int payloadLength) => Calls.Add($"length {payloadLength}");

        public override IBufferWriter<byte> GetBufferWriter()
        {
            Calls.Add("writer");
            return Written;
        }

        public override void Complete() => Calls.Add("complete");

        public override void Complete(byte[] payload) => throw new InvalidOperationException("The buffered marshaller writes through the buffer writer.");
    }

    /// <summary>Three languages of forty segments of mixed scripts: larger than any pipe block, nested four deep.</summary>
    private static TranslateArticleResponse LargeResponse()
    {
        var response = new TranslateArticleResponse { ArticleId = "a-1" };
        foreach (var language in new[] { "ko", "ru", "ja" })
        {
            var article = new TranslatedArticle { TargetLanguage = language, Title = "조춘룡 — Чо Чхун Рён", Stats = new TranslationStats { Segments = 40, CacheHits = 40 } };
            for (var p = 0; p < 10; p++)
            {
                var paragraph = new TranslatedParagraph { Text = string.Concat(Enumerable.Repeat($"チョ・チュンリョン {p} ", 20)) };
                for (var s = 0; s < 4; s++)
                {
                    paragraph.Segments.Add(new TranslatedSegment
                    {
                        SourceText = $"Jo Chun Ryong said {p}.{s} " + new string('x', 200),
                        TranslatedText = $"최선희 {p}.{s} " + new string('ё', 150),
                        FromCache = true,
                        Provider = "deepl",
                        Origin = SegmentOrigin.Cache,
                    });
                }
                article.Paragraphs.Add(paragraph);
            }
            response.Translations.Add(article);
        }
        return response;
    }

    [Fact]
    public void WriteInOnePiece_LargeResponse_WritesTheGeneratedBytesAfterTheLength()
    {
        var response = LargeResponse();
        var expected = response.ToByteArray();
        var context = new RecordingContext();

        MarshallingBinder.WriteInOnePiece(TranslationResponseWriterTests.ServerMessage(response), context);

        Assert.True(expected.Length > 64 * 1024);
        Assert.Equal([$"length {expected.Length}", "writer", "complete"], context.Calls);
        Assert.Equal(expected, context.Written.WrittenSpan.ToArray());
        Assert.Equal(response, TranslateArticleResponse.Parser.ParseFrom(context.Written.WrittenSpan));
    }

    [Fact]
    public void WriteInOnePiece_OtherMessage_WritesTheGeneratedBytesAfterTheLength()
    {
        var response = new SegmentArticleResponse { Title = "Jo Chun Ryong", Paragraphs = { new SegmentedParagraph { Text = new string('ё', 9000), Segments = { new Segment { Text = "ё", Start = 3 } } } } };
        var context = new RecordingContext();

        MarshallingBinder.WriteInOnePiece(TranslationResponseWriterTests.ServerMessage(response), context);

        Assert.Equal([$"length {response.CalculateSize()}", "writer", "complete"], context.Calls);
        Assert.Equal(response.ToByteArray(), context.Written.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteInOnePiece_EmptyMessage_WritesNothingButTheLength()
    {
        var context = new RecordingContext();

        MarshallingBinder.WriteInOnePiece(TranslationResponseWriterTests.ServerMessage(new TranslateArticleResponse()), context);

        Assert.Equal(["length 0", "writer", "complete"], context.Calls);
        Assert.Equal(0, context.Written.WrittenCount);
    }
}
