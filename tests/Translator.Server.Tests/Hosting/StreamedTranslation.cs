using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Grpc;

namespace Translator.Server.Tests.Hosting;

/// <summary>A streaming translation of the standard test article into Korean, read to its end.</summary>
internal static class StreamedTranslation
{
    /// <summary>The test article has a title and four body sentences: five segments, then one completion.</summary>
    public const int Segments = 5;

    public static AsyncServerStreamingCall<StreamTranslateArticleResponse> Start(TranslationService.TranslationServiceClient client, CancellationToken cancellationToken) =>
        client.StreamTranslateArticle(new StreamTranslateArticleRequest
        {
            Article = TranslationServiceTests.Request().Article,
            SourceLanguage = "en",
            TargetLanguages = { "ko" },
        }, cancellationToken: cancellationToken);

    /// <summary>Reads every message; returns the segments and completions received (throws if the call fails).</summary>
    public static async Task<(int Segments, int Completed)> ReadToEndAsync(AsyncServerStreamingCall<StreamTranslateArticleResponse> call, CancellationToken cancellationToken)
    {
        var (segments, completed) = (0, 0);
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            if (message.EventCase == StreamTranslateArticleResponse.EventOneofCase.Segment)
            {
                segments++;
            }
            else
            {
                completed++;
            }
        }
        return (segments, completed);
    }
}
