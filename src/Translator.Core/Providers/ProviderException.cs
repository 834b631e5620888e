namespace Translator.Core.Providers;

/// <summary>Why a provider call failed, in terms a caller can act on.</summary>
public enum ProviderFailure
{
    /// <summary>Down, overloaded or unreachable; the same call may succeed later.</summary>
    Unavailable,

    /// <summary>The account's character quota is used up.</summary>
    QuotaExceeded,

    /// <summary>Credentials rejected: an operator must fix the configuration.</summary>
    Misconfigured,

    /// <summary>The provider rejected the request itself: a bug on our side.</summary>
    Rejected,

    /// <summary>The language pair is not one the provider translates.</summary>
    UnsupportedLanguage,
}

/// <summary>
/// A provider failure. The message is for server logs and must never contain article text; clients
/// see only a status derived from <see cref="Failure"/>.
/// </summary>
public sealed class ProviderException(string provider, ProviderFailure failure, string message, Exception? inner = null, TimeSpan? retryAfter = null)
    : Exception(message, inner)
{
    public string Provider { get; } = provider;

    public ProviderFailure Failure { get; } = failure;

    /// <summary>When the provider said to come back, if it did.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Whether the next provider in a fallback chain should take over.</summary>
    public bool AllowsFallback => Failure is ProviderFailure.Unavailable or ProviderFailure.QuotaExceeded or ProviderFailure.Misconfigured;
}
