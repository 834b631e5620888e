using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Translator.Core.Glossary;
using Translator.Core.Languages;
using Translator.Protos.V1;
using CoreGlossary = Translator.Core.Glossary.Glossary;
using Translator.Server.Access;

namespace Translator.Server.Grpc;

/// <summary>
/// The gRPC adapter for glossary management: validate the request's shape, call <see cref="GlossaryManager"/>,
/// map the result. Content rules (conflicts, sizes, languages, file formats) are the core's; domain failures,
/// these included, become statuses in <see cref="TranslationErrorInterceptor"/> only.
/// </summary>
[Authorize(AccessPolicies.Caller)]
[BindServiceMethod(typeof(GlossaryGrpcService), nameof(BindService))]
internal sealed class GlossaryGrpcService(GlossaryManager glossaries) : GlossaryService.GlossaryServiceBase
{
    private const int MaxNameLength = 200;
    private const int MaxImportCharacters = 2_000_000;

    /// <summary>
    /// The contract's descriptor, where JSON transcoding looks for it: on the type that holds the binding
    /// method (this one, not the generated class), to read the google.api.http routes.
    /// </summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => GlossaryService.Descriptor;

    /// <summary>The generated binding, with malformed requests reported as INVALID_ARGUMENT.</summary>
    public static void BindService(ServiceBinderBase binder, GlossaryService.GlossaryServiceBase? service) =>
        GlossaryService.BindService(new MarshallingBinder(binder), service);

    public override async Task<CreateGlossaryResponse> CreateGlossary(CreateGlossaryRequest request, ServerCallContext context)
    {
        var glossary = request.Glossary ?? throw RpcErrors.InvalidArgument("glossary", "Required.");
        Check(ValidateId(glossary.Id, "glossary.id"), ValidateName(glossary.Name, "glossary.name"));
        var created = await Validating("glossary.", glossaries.CreateAsync(glossary.Id, glossary.Name, glossary.SourceLanguage,
            glossary.Entries.Select(e => e.ToCore()).ToArray(), context.CancellationToken));
        return new CreateGlossaryResponse { Glossary = created.ToProto() };
    }

    public override async Task<GetGlossaryResponse> GetGlossary(GetGlossaryRequest request, ServerCallContext context)
    {
        Check(ValidateId(request.GlossaryId, "glossary_id"));
        return new GetGlossaryResponse { Glossary = (await glossaries.GetAsync(request.GlossaryId, context.CancellationToken)).ToProto() };
    }

    public override async Task<ListGlossariesResponse> ListGlossaries(ListGlossariesRequest request, ServerCallContext context) =>
        new() { Glossaries = { (await glossaries.ListAsync(context.CancellationToken)).Select(g => g.ToSummary()) } };

    public override async Task<UpdateGlossaryResponse> UpdateGlossary(UpdateGlossaryRequest request, ServerCallContext context)
    {
        Check(ValidateId(request.GlossaryId, "glossary_id"), ValidateName(request.Name, "name"));
        var updated = await Validating("", glossaries.ReplaceAsync(request.GlossaryId, request.Name.Length == 0 ? null : request.Name,
            request.Entries.Select(e => e.ToCore()).ToArray(), request.ExpectedVersion, context.CancellationToken));
        return new UpdateGlossaryResponse { Glossary = updated.ToSummary() };
    }

    public override async Task<PutGlossaryEntryResponse> PutGlossaryEntry(PutGlossaryEntryRequest request, ServerCallContext context)
    {
        Check(ValidateId(request.GlossaryId, "glossary_id"), request.Entry is null ? new FieldViolation("entry", "Required.") : null);
        var updated = await Validating("", glossaries.PutEntryAsync(request.GlossaryId, request.Entry!.ToCore(), request.ExpectedVersion, context.CancellationToken));
        return new PutGlossaryEntryResponse { Glossary = updated.ToSummary() };
    }

    public override async Task<RemoveGlossaryEntryResponse> RemoveGlossaryEntry(RemoveGlossaryEntryRequest request, ServerCallContext context)
    {
        Check(ValidateId(request.GlossaryId, "glossary_id"), request.Term.Length == 0 ? new FieldViolation("term", "Required.") : null);
        var updated = await glossaries.RemoveEntryAsync(request.GlossaryId, request.Term, request.ExpectedVersion, context.CancellationToken);
        return new RemoveGlossaryEntryResponse { Glossary = updated.ToSummary() };
    }

    public override async Task<DeleteGlossaryResponse> DeleteGlossary(DeleteGlossaryRequest request, ServerCallContext context)
    {
        Check(ValidateId(request.GlossaryId, "glossary_id"));
        await glossaries.DeleteAsync(request.GlossaryId, context.CancellationToken);
        return new DeleteGlossaryResponse();
    }

    public override async Task<ImportGlossaryResponse> ImportGlossary(ImportGlossaryRequest request, ServerCallContext context)
    {
        var format = request.Format.ToCore();
        Check(
            ValidateId(request.GlossaryId, "glossary_id"),
            ValidateName(request.Name, "name"),
            format is null ? new FieldViolation("format", "Required: TSV, CSV or TBX.") : null,
            request.Content.Length is 0 or > MaxImportCharacters ? new FieldViolation("content", $"Must be 1 to {MaxImportCharacters} characters.") : null,
            !request.Replace && !LanguageTag.IsWellFormed(request.SourceLanguage) ? new FieldViolation("source_language", "Required for a new glossary: a BCP-47 tag such as \"en\".") : null);
        var cancellationToken = context.CancellationToken;
        var sourceLanguage = request.Replace
            ? (await glossaries.GetAsync(request.GlossaryId, cancellationToken)).SourceLanguage
            : LanguageTag.Normalize(request.SourceLanguage);
        var entries = GlossaryFiles.Read(format!.Value, request.Content, sourceLanguage, cancellationToken);
        var imported = await Validating("content: ", request.Replace
            ? glossaries.ReplaceAsync(request.GlossaryId, request.Name.Length == 0 ? null : request.Name, entries, 0, cancellationToken)
            : glossaries.CreateAsync(request.GlossaryId, request.Name, sourceLanguage, entries, cancellationToken));
        return new ImportGlossaryResponse { Glossary = imported.ToSummary() };
    }

    public override async Task<ExportGlossaryResponse> ExportGlossary(ExportGlossaryRequest request, ServerCallContext context)
    {
        var format = request.Format.ToCore();
        Check(ValidateId(request.GlossaryId, "glossary_id"), format is null ? new FieldViolation("format", "Required: TSV, CSV or TBX.") : null);
        var glossary = await glossaries.GetAsync(request.GlossaryId, context.CancellationToken);
        return new ExportGlossaryResponse { Content = GlossaryFiles.Write(format!.Value, glossary) };
    }

    /// <summary>
    /// Places the core's validation problems under the request field they came from ("glossary.entries[2]");
    /// <see cref="TranslationErrorInterceptor"/> reports them, as it does every domain failure.
    /// </summary>
    private static async Task<CoreGlossary> Validating(string fieldPrefix, Task<CoreGlossary> change)
    {
        try
        {
            return await change;
        }
        catch (GlossaryValidationException ex) when (fieldPrefix.Length > 0)
        {
            throw new GlossaryValidationException(ex.Problems.Select(p => p with { Field = fieldPrefix + p.Field }).ToArray());
        }
    }

    private static void Check(params FieldViolation?[] violations)
    {
        var found = violations.OfType<FieldViolation>().ToArray();
        if (found.Length > 0)
        {
            throw RpcErrors.InvalidArgument(found);
        }
    }

    private static FieldViolation? ValidateId(string id, string field) =>
        GlossaryValidator.IsValidId(id) ? null : new FieldViolation(field, GlossaryValidator.IdRule);

    private static FieldViolation? ValidateName(string name, string field) =>
        name.Length <= MaxNameLength ? null : new FieldViolation(field, $"At most {MaxNameLength} characters.");
}
