using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Translator.Core.Providers;
using Translator.Protos.V1;
using Translator.Server.Tests.Infrastructure;
using Translator.Testing;

namespace Translator.Server.Tests.Grpc;

public sealed class ProviderFailureTests
{
    // A safety net, not synchronisation: a broken server fails the test instead of hanging the run.
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static TranslationService.TranslationServiceClient Client(TranslatorServerFactory factory) => new(factory.CreateChannel());

    [Fact]
    public async Task TranslateArticle_ProviderOutOfQuota_ReturnsResourceExhaustedWithErrorInfo()
    {
        using var factory = new TranslatorServerFactory().WithProvider(new CountingProvider
        {
            Fail = _ => new ProviderException("Counting", ProviderFailure.QuotaExceeded, "456 from provider"),
        });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client(factory).TranslateArticleAsync(TranslationServiceTests.Request("ko"), cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("PROVIDER_QUOTA_EXCEEDED", error.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
        Assert.DoesNotContain("456 from provider", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslateArticle_ProviderUnavailable_ReturnsUnavailableWithRetryInfo()
    {
        using var factory = new TranslatorServerFactory().WithProvider(new CountingProvider
        {
            Fail = _ => new ProviderException("Counting", ProviderFailure.Unavailable, "503", retryAfter: TimeSpan.FromSeconds(7)),
        });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client(factory).TranslateArticleAsync(TranslationServiceTests.Request("ko"), cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan());
    }

    [Fact]
    public async Task TranslateArticle_ProviderCrashes_ReturnsInternalWithoutExceptionText()
    {
        using var factory = new TranslatorServerFactory().WithProvider(new CountingProvider
        {
            Fail = _ => new InvalidOperationException("secret internal detail"),
        });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client(factory).TranslateArticleAsync(TranslationServiceTests.Request("ko"), cancellationToken: _ct).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("secret internal detail", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamTranslateArticle_ProviderHeldOnLaterBatch_FirstSegmentArrivesFirst()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new CountingProvider(new ProviderLimits(MaxTexts: 1, MaxBytes: 4096))
        {
            BeforeBatch = (index, ct) => index == 0 ? Task.CompletedTask : release.Task.WaitAsync(ct),
        };
        using var factory = new TranslatorServerFactory().WithProvider(provider).With("Translation:MaxConcurrentBatches", "1");
        var request = new StreamTranslateArticleRequest
        {
            Article = new Article { Paragraphs = new Paragraphs { Items = { "First paragraph.", "Second paragraph.", "Last paragraph." } } },
            SourceLanguage = "en",
            TargetLanguages = { "ko" },
        };

        using var call = Client(factory).StreamTranslateArticle(request, cancellationToken: _ct);
        Assert.True(await call.ResponseStream.MoveNext(_ct));
        var first = call.ResponseStream.Current.Segment;
        Assert.Equal(0, first.ParagraphIndex);
        Assert.Equal("ko:First paragraph.", first.Segment.TranslatedText);
        Assert.False(release.Task.IsCompleted);

        release.SetResult();
        var rest = new List<StreamTranslateArticleResponse>();
        while (await call.ResponseStream.MoveNext(_ct))
        {
            rest.Add(call.ResponseStream.Current);
        }
        Assert.Equal(StreamTranslateArticleResponse.EventOneofCase.Completed, rest[^1].EventCase);
        Assert.Equal(3, rest[^1].Completed.Paragraphs.Count);
    }

    [Fact]
    public async Task TranslateArticle_DeadlineExpires_ReturnsDeadlineExceededAndCancelsProviderWork()
    {
        var providerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = new CountingProvider
        {
            BeforeBatch = async (_, ct) =>
            {
                using var registration = ct.Register(() => providerCancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, ct);
            },
        };
        using var factory = new TranslatorServerFactory().WithProvider(provider);
        // Real HTTP/2 on Kestrel: the in-memory transport resets a call whose client deadline fires first,
        // which hides the status a real client sees.
        using var channel = GrpcChannel.ForAddress(factory.StartKestrel());
        var client = new TranslationService.TranslationServiceClient(channel);
        // Warm the server up first, so the deadline expires while the provider works, not while the host starts.
        await client.SegmentArticleAsync(new SegmentArticleRequest { Article = TranslationServiceTests.Request().Article, SourceLanguage = "en" }, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.TranslateArticleAsync(
            TranslationServiceTests.Request("ko"), deadline: DateTime.UtcNow.AddSeconds(1), cancellationToken: _ct).ResponseAsync);

        Assert.True(error.StatusCode == StatusCode.DeadlineExceeded, error.ToString());
        await providerCancelled.Task.WaitAsync(_ct);
    }

    [Fact]
    public async Task StreamTranslateArticle_CallLongerThanServerLimit_EndsWithDeadlineExceeded()
    {
        var provider = new CountingProvider { BeforeBatch = (_, ct) => Task.Delay(Timeout.Infinite, ct) };
        using var factory = new TranslatorServerFactory().WithProvider(provider).With("Translation:MaxCallDuration", "00:00:01");

        using var call = Client(factory).StreamTranslateArticle(new StreamTranslateArticleRequest
        {
            Article = TranslationServiceTests.Request().Article,
            SourceLanguage = "en",
            TargetLanguages = { "ko" },
        }, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(_ct));
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }
}
