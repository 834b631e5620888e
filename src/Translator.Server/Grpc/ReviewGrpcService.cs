using Grpc.Core;
using Translator.Core.Corrections;
using Translator.Protos.V1;
using CoreViolation = Translator.Core.Corrections.CorrectionViolation;
using ProtoViolation = Translator.Protos.V1.CorrectionViolation;

namespace Translator.Server.Grpc;

/// <summary>
/// The gRPC adapter for editors: validate and map the request, call the core, map the result. Store and glossary
/// failures become statuses in <see cref="TranslationErrorInterceptor"/>.
/// </summary>
internal sealed class ReviewGrpcService(ICorrectionService corrections) : ReviewService.ReviewServiceBase
{
    public override async Task<SubmitCorrectionsResponse> SubmitCorrections(SubmitCorrectionsRequest request, ServerCallContext context)
    {
        var report = await corrections.SubmitAsync(ReviewRequestMapper.ToBatch(request), context.CancellationToken);
        return new SubmitCorrectionsResponse { Accepted = report.Accepted, Violations = { report.Violations.Select(ToProto) } };
    }

    private static ProtoViolation ToProto(CoreViolation violation) =>
        new() { Index = violation.Index, Term = violation.Term, ExpectedRendering = violation.ExpectedRendering };
}
