using System.Security.Cryptography;
using System.Text;

namespace Translator.Core.Tenants;

/// <summary>
/// API keys: 256 random bits, so a plain SHA-256 is a safe thing to store (a slow password hash guards guessable
/// secrets; nobody guesses 2^256). The prefix lets secret scanners and people recognise a leaked key.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "trk_";

    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A name for the key that is not a secret: shown in lists, used to revoke it.</summary>
    public static string NewKeyId() => "key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
