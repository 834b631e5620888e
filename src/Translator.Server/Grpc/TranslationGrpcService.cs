using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Translator.Core;
using Translator.Core.Pipeline;
using Translator.Core.Segmentation;
using Translator.Protos.V1;
using Translator.Server.Access;

namespace Translator.Server.Grpc;

/// <summary>The gRPC adapter: validate and map the request, call the pipeline, map the result.</summary>
[Authorize(AccessPolicies.Caller)]
[BindServiceMethod(typeof(TranslationGrpcService), nameof(BindService))]
internal sealed class TranslationGrpcService(
    TranslateRequestMapper mapper,
    ITranslationPipeline pipeline,
    ArticleSegmenter segmenter,
    IOptions<TranslatorOptions> options) : TranslationService.TranslationServiceBase
{
    /// <summary>
    /// The contract's descriptor, where JSON transcoding looks for it: on the type that holds the binding
    /// method (this one, not the generated class), to read the google.api.http routes.
    /// </summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => TranslationService.Descriptor;

    /// <summary>The generated binding, with malformed requests reported as INVALID_ARGUMENT.</summary>
    public static void BindService(ServiceBinderBase binder, TranslationService.TranslationServiceBase? service) =>
        TranslationService.BindService(new MarshallingBinder(binder), service);

    public override async Task<TranslateArticleResponse> TranslateArticle(TranslateArticleRequest request, ServerCallContext context)
    {
        var view = CheckedView(request.View);
        var job = mapper.ToJob(request, context.CancellationToken);
        var articles = await pipeline.TranslateAllAsync(job, context.CancellationToken);
        return new TranslateArticleResponse
        {
            ArticleId = request.Article.Id,
            Translations = { articles.Select(a => a.ToProto(view)) },
        };
    }

    public override async Task StreamTranslateArticle(
        StreamTranslateArticleRequest request, IServerStreamWriter<StreamTranslateArticleResponse> responseStream, ServerCallContext context)
    {
        var view = CheckedView(request.View);
        var job = mapper.ToJob(request, context.CancellationToken);
        var limit = options.Value.MaxCallDuration;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        bounded.CancelAfter(limit);
        try
        {
            await foreach (var e in pipeline.TranslateAsync(job, bounded.Token))
            {
                await responseStream.WriteAsync(e.ToProto(view), bounded.Token);
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

    /// <summary>Proto3 enums are open: a value this server does not know is refused rather than read as FULL.</summary>
    private static TranslationView CheckedView(TranslationView view) => view switch
    {
        TranslationView.Unspecified or TranslationView.Full => TranslationView.Full,
        TranslationView.Basic => TranslationView.Basic,
        _ => throw RpcErrors.InvalidArgument("view", "Unknown view; use TRANSLATION_VIEW_BASIC or TRANSLATION_VIEW_FULL."),
    };

    public override Task<CleanArticleResponse> CleanArticle(CleanArticleRequest request, ServerCallContext context) =>
        Task.FromResult(mapper.ToCleanedArticle(request, context.CancellationToken).ToProto());
}
