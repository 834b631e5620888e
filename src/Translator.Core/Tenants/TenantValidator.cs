namespace Translator.Core.Tenants;

/// <summary>The shape rules of tenant fields, shared by the adapter's field checks and the manager.</summary>
public static class TenantValidator
{
    public const int MaxIdLength = 64;
    public const int MaxDisplayNameLength = 200;
    public const string IdRule = "Lowercase letters, digits and '-'; 1 to 64 characters.";

    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public static bool IsValidKeyId(string keyId) =>
        keyId.Length is > 4 and <= 64 && keyId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
