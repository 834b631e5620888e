using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi.Models;

namespace Translator.Server.Hosting;

/// <summary>
/// The HTTP/JSON API for partners without gRPC: the same services, transcoded from the protos'
/// <c>google.api.http</c> routes, through the same interceptors (errors, and whatever authorizes a call).
/// Served on every endpoint that speaks HTTP/1.1 or HTTP/2; appsettings.json gives it its own cleartext
/// HTTP/1.1 endpoint (Kestrel:Endpoints:Json) because h2c gRPC and HTTP/1.1 cannot share a cleartext port.
/// </summary>
internal static class HttpApiExtensions
{
    /// <summary>The OpenAPI document of the JSON API, at a path that does not move between releases.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>
    /// JSON bodies may be this many times gRPC's receive limit: escaping (quotes, newlines, \uXXXX) makes the
    /// largest page longer in JSON than in protobuf. The services' own limits still apply once it is parsed.
    /// </summary>
    private const int JsonOverProtobuf = 2;

    public static WebApplicationBuilder AddTranslatorHttpApi(this WebApplicationBuilder builder)
    {
        // google.rpc.Status details are Any messages: without their types the error body cannot be written as JSON.
        builder.Services.AddGrpc().AddJsonTranscoding(o => o.TypeRegistry = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor));
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(o => o.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "Translator",
            Version = "v1",
            Description = "HTTP/JSON transcoding of the translator.v1 gRPC services. Errors are google.rpc.Status JSON.",
        }));
        return builder;
    }

    public static WebApplication MapTranslatorHttpApi(this WebApplication app)
    {
        app.MapSwagger("/openapi/{documentName}.json");
        // The transcoder reads the whole body whatever gRPC's MaxReceiveMessageSize says (only Kestrel's 30 MB
        // default would stop it): bound it here, after routing has chosen the endpoint.
        var maxBytes = (long)app.Services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value.MaxReceiveMessageSize!.Value * JsonOverProtobuf;
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is not null)
            {
                if (context.Request.ContentLength > maxBytes)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await context.Response.WriteAsJsonAsync(new { code = (int)global::Grpc.Core.StatusCode.ResourceExhausted, message = $"The request body is over {maxBytes} bytes." });
                    return;
                }
                // A body without a length (chunked) is cut off by the server at the same size.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                {
                    limit.MaxRequestBodySize = maxBytes;
                }
            }
            await next(context);
        });
        return app;
    }
}
