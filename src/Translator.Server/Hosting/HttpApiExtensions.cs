using Google.Protobuf.Reflection;
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
        return app;
    }
}
