using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Translator.Core.Corrections;
using Translator.Core.Corrections.Xliff;
using Translator.Protos.V1;
using Translator.Server.Access;
using CoreViolation = Translator.Core.Corrections.CorrectionViolation;
using ProtoViolation = Translator.Protos.V1.CorrectionViolation;

namespace Translator.Server.Grpc;

/// <summary>
/// The gRPC adapter for editors: validate and map the request, call the core, map the result. Store, glossary and
/// provider failures become statuses in <see cref="TranslationErrorInterceptor"/>.
/// </summary>
[Authorize(AccessPolicies.Caller)]
[BindServiceMethod(typeof(ReviewGrpcService), nameof(BindService))]
internal sealed class ReviewGrpcService(ICorrectionService corrections, TranslateRequestMapper mapper) : ReviewService.ReviewServiceBase
{
    /// <summary>
    /// The contract's descriptor, where JSON transcoding looks for it: on the type that holds the binding
    /// method (this one, not the generated class), to read the google.api.http routes.
    /// </summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => ReviewService.Descriptor;

    /// <summary>The generated binding, with malformed requests reported as INVALID_ARGUMENT.</summary>
    public static void BindService(ServiceBinderBase binder, ReviewService.ReviewServiceBase? service) =>
        ReviewService.BindService(new MarshallingBinder(binder), service);

    public override async Task<SubmitCorrectionsResponse> SubmitCorrections(SubmitCorrectionsRequest request, ServerCallContext context)
    {
        var report = await corrections.SubmitAsync(ReviewRequestMapper.ToBatch(request), context.CancellationToken);
        return new SubmitCorrectionsResponse { Accepted = report.Accepted, Violations = { report.Violations.Select(ToProto) } };
    }

    public override async Task<ExportXliffResponse> ExportXliff(ExportXliffRequest request, ServerCallContext context) =>
        new() { Content = await corrections.ExportXliffAsync(mapper.ToJob(request, context.CancellationToken), context.CancellationToken) };

    public override async Task<ImportXliffResponse> ImportXliff(ImportXliffRequest request, ServerCallContext context)
    {
        CorrectionReport report;
        try
        {
            report = await corrections.ImportXliffAsync(ReviewRequestMapper.ToXliff(request), context.CancellationToken);
        }
        catch (XliffFormatException ex)
        {
            throw RpcErrors.InvalidArgument("content", ex.Message);
        }
        return new ImportXliffResponse { Imported = report.Accepted, Violations = { report.Violations.Select(ToProto) } };
    }

    private static ProtoViolation ToProto(CoreViolation violation) =>
        new() { Index = violation.Index, Term = violation.Term, ExpectedRendering = violation.ExpectedRendering };
}
