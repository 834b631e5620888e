namespace Translator.Server.Access;

/// <summary>The authorization policies the gRPC services are marked with.</summary>
internal static class AccessPolicies
{
    /// <summary>Any valid key: a tenant's or the admin key.</summary>
    public const string Caller = "Caller";

    /// <summary>The admin key only.</summary>
    public const string Admin = "Admin";

    public const string AdminRole = "admin";
    public const string TenantClaim = "translator:tenant";
    public const string KeyIdClaim = "translator:key_id";
}
