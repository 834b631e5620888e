using System.Text.Json;
using System.Text.Json.Serialization;
using Translator.Core.Corrections;

namespace Translator.Redis;

/// <summary>Source-generated JSON for the corrections <see cref="RedisCorrectionStore"/> keeps (web defaults: camelCase names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Correction))]
internal sealed partial class CorrectionJsonContext : JsonSerializerContext;
