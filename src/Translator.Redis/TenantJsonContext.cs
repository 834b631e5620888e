using System.Text.Json;
using System.Text.Json.Serialization;
using Translator.Core.Tenants;

namespace Translator.Redis;

/// <summary>Source-generated JSON for the tenants and key records <see cref="RedisTenantStore"/> keeps (web defaults: camelCase names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Tenant))]
[JsonSerializable(typeof(TenantApiKey))]
internal sealed partial class TenantJsonContext : JsonSerializerContext;
