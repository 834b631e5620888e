using System.Text.Json.Serialization;
using Translator.Providers.DeepL;
using Translator.Providers.LibreTranslate;

namespace Translator.Providers.Http;

/// <summary>Source-generated JSON metadata for every provider request and response body.</summary>
[JsonSerializable(typeof(DeepLTranslateRequest))]
[JsonSerializable(typeof(DeepLTranslateResponse))]
[JsonSerializable(typeof(DeepLUsage))]
[JsonSerializable(typeof(DeepLGlossary))]
[JsonSerializable(typeof(DeepLGlossaryList))]
[JsonSerializable(typeof(DeepLCreateGlossaryV2))]
[JsonSerializable(typeof(DeepLCreateGlossaryV3))]
[JsonSerializable(typeof(LibreTranslateProvider.TranslateRequest))]
[JsonSerializable(typeof(LibreTranslateProvider.TranslateResponse))]
internal sealed partial class ProviderJsonContext : JsonSerializerContext;
