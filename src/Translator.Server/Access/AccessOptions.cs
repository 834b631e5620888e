using Microsoft.Extensions.Options;

namespace Translator.Server.Access;

/// <summary>Who may call: <c>Auth:Mode</c> and the operator's <c>Auth:AdminKey</c> (from a Secret, as <c>Auth__AdminKey</c>).</summary>
internal sealed class AccessOptions
{
    public const string SectionName = "Auth";

    /// <summary>The admin key's least length: 32 characters of a random key is far beyond guessing.</summary>
    public const int MinAdminKeyLength = 32;

    /// <summary>None (default): no keys, local development. ApiKey: every call but health and reflection needs a key.</summary>
    public AccessMode Mode { get; set; } = AccessMode.None;

    /// <summary>The operator's key: the admin service, every glossary, and translation on nobody's account.</summary>
    public string? AdminKey { get; set; }
}

internal enum AccessMode
{
    None,
    ApiKey,
}

/// <summary>Refuses to start with keys required and no admin key, or one a person could have typed from memory.</summary>
internal sealed class AccessOptionsValidation : IValidateOptions<AccessOptions>
{
    // Fewer distinct characters than this in 32 is a pattern ("aaaa…", "abab…"), not a random key.
    private const int MinDistinctCharacters = 10;

    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        if (options.Mode != AccessMode.ApiKey)
        {
            return ValidateOptionsResult.Success;
        }
        // The messages name the setting, never its value.
        var key = options.AdminKey ?? "";
        if (key.Trim().Length == 0)
        {
            return ValidateOptionsResult.Fail("Auth:Mode is ApiKey but Auth:AdminKey is not set (set Auth__AdminKey from a Secret).");
        }
        if (key.Length < AccessOptions.MinAdminKeyLength || key.Distinct().Count() < MinDistinctCharacters || key.Any(char.IsWhiteSpace))
        {
            return ValidateOptionsResult.Fail(
                $"Auth:AdminKey is too weak: use at least {AccessOptions.MinAdminKeyLength} random characters without spaces (e.g. `openssl rand -base64 33`).");
        }
        return ValidateOptionsResult.Success;
    }
}
