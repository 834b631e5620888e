using System.Text.Json;
using System.Text.Json.Serialization;
using Translator.Core.Glossary;

namespace Translator.Redis;

/// <summary>Source-generated JSON for the glossaries <see cref="RedisGlossaryStore"/> keeps (web defaults: camelCase names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Glossary))]
internal sealed partial class GlossaryJsonContext : JsonSerializerContext;
