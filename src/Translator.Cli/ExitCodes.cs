namespace Translator.Cli;

/// <summary>Exit codes scripts can rely on (also listed in <c>--help</c> and the README).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line itself was wrong (System.CommandLine's own code for parse errors).</summary>
    public const int Usage = 1;

    /// <summary>
    /// The server rejected the input (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, or RESOURCE_EXHAUSTED for a
    /// request over the size limit) or the file could not be read.
    /// </summary>
    public const int InvalidInput = 2;

    /// <summary>
    /// The server or its provider is unreachable, unavailable or out of quota (PROVIDER_QUOTA_EXCEEDED), or the
    /// tenant's per-minute rate is used up (RESOURCE_EXHAUSTED with RetryInfo): retry later.
    /// </summary>
    public const int Unavailable = 3;

    /// <summary>Anything else: the server failed, or the call timed out.</summary>
    public const int Failed = 4;

    /// <summary>The key was missing, unknown or revoked (UNAUTHENTICATED), or may not do this (PERMISSION_DENIED).</summary>
    public const int Denied = 5;

    public const string Help = "Exit codes: 0 success, 1 usage, 2 invalid input, 3 unavailable (retry later), 4 failed, 5 not authorized.";
}
