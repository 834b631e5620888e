using Grpc.Core;
using Microsoft.Extensions.Options;
using Translator.Core;
using Translator.Core.Pipeline;
using Translator.Core.Segmentation;
using Translator.Protos.V1;

namespace Translator.Server.Grpc;

/// <summary>The gRPC adapter: validate and map the request, call the pipeline, map the result.</summary>
internal sealed class TranslationGrpcService(
    TranslateRequestMapper mapper,
    ITranslationPipeline pipeline,
    ArticleSegmenter segmenter,
    IOptions<TranslatorOptions> options) : TranslationService.TranslationServiceBase
{
    public override async Task<TranslateArticleResponse> TranslateArticle(TranslateArticleRequest request, ServerCallContext context)
    {
        var job = mapper.ToJob(request, context.CancellationToken);
        var articles = await pipeline.TranslateAllAsync(job, context.CancellationToken);
        return new TranslateArticleResponse
        {
            ArticleId = request.Article.Id,
            Translations = { articles.Select(a => a.ToProto()) },
        };
    }

    public override async Task StreamTranslateArticle(
        StreamTranslateArticleRequest request, IServerStreamWriter<StreamTranslateArticleResponse> responseStream, ServerCallContext context)
    {
        var job = mapper.ToJob(request, context.CancellationToken);
        var limit = options.Value.MaxCallDuration;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        bounded.CancelAfter(limit);
        try
        {
            await foreach (var e in pipeline.TranslateAsync(job, bounded.Token))
            {
                await responseStream.WriteAsync(e.ToProto(), bounded.Token);
            }
        }
        catch (OperationCanceledException) when (bounded.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw RpcErrors.CallTooLong(limit);
        }
    }

    public override Task<SegmentArticleResponse> SegmentArticle(SegmentArticleRequest request, ServerCallContext context)
    {
        var article = mapper.ToArticle(request.Article, request.SourceLanguage);
        return Task.FromResult(segmenter.Segment(article, request.SourceLanguage).ToProto());
    }

    public override Task<CleanArticleResponse> CleanArticle(CleanArticleRequest request, ServerCallContext context) =>
        Task.FromResult(mapper.ToCleanedArticle(request, context.CancellationToken).ToProto());
}
