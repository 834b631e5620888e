using Grpc.Core;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Review;

/// <summary>Corrections with <c>ConnectionStrings:Redis</c> set, against a real redis-server.</summary>
public sealed class RedisCorrectionTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync(_ct);

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private TranslatorServerFactory Server()
    {
        return new TranslatorServerFactory().WithProvider(new CountingProvider()).WithRedis(_redis);
    }

    [Fact]
    public async Task SubmitCorrections_ServerRestarted_CorrectionStillServedAsHuman()
    {
        using (var server = Server())
        {
            await new ReviewService.ReviewServiceClient(server.CreateChannel())
                .SubmitCorrectionsAsync(CorrectionTests.Correction("The leaders met on Tuesday.", CorrectionTests.Corrected), cancellationToken: _ct);
        }

        using var restarted = Server();
        var translated = await new TranslationService.TranslationServiceClient(restarted.CreateChannel())
            .TranslateArticleAsync(CorrectionTests.Outlet("Talks began. The leaders met on Tuesday.", "ko"), cancellationToken: _ct);

        var segment = CorrectionTests.Segment(translated.Translations[0], "Tuesday");
        Assert.Equal(SegmentOrigin.Human, segment.Origin);
        Assert.Equal(CorrectionTests.Corrected, segment.TranslatedText);
    }

    [Fact]
    public async Task SubmitCorrections_OneReplica_NextRequestOnOtherReplicaServesIt()
    {
        using var first = Server();
        using var second = Server();
        var translation = new TranslationService.TranslationServiceClient(second.CreateChannel());
        var request = CorrectionTests.Outlet("The leaders met on Tuesday.", "ko");
        Assert.Equal(SegmentOrigin.Provider, (await translation.TranslateArticleAsync(request, cancellationToken: _ct)).Translations[0].Paragraphs[0].Segments[0].Origin);

        await new ReviewService.ReviewServiceClient(first.CreateChannel())
            .SubmitCorrectionsAsync(CorrectionTests.Correction("The leaders met on Tuesday.", CorrectionTests.Corrected), cancellationToken: _ct);
        var segment = (await translation.TranslateArticleAsync(request, cancellationToken: _ct)).Translations[0].Paragraphs[0].Segments[0];

        Assert.Equal(SegmentOrigin.Human, segment.Origin);
        Assert.Equal(CorrectionTests.Corrected, segment.TranslatedText);
    }

    [Fact]
    public async Task SubmitCorrections_RedisDown_UnavailableWithReason()
    {
        using var server = Server();
        await _redis.KillAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => new ReviewService.ReviewServiceClient(server.CreateChannel())
            .SubmitCorrectionsAsync(CorrectionTests.Correction("The leaders met on Tuesday.", CorrectionTests.Corrected), cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("CORRECTION_STORE_UNAVAILABLE", error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Reason);
    }
}
