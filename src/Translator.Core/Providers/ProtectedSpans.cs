namespace Translator.Core.Providers;

/// <summary>
/// The markup that marks text a provider must not translate: <c>&lt;x id="N"&gt;…&lt;/x&gt;</c>. XML so that
/// providers with tag handling (DeepL's <c>tag_handling=xml</c> with <c>ignore_tags=x</c>) keep the
/// element and its content intact while translating the sentence around it.
/// </summary>
public static class ProtectedSpans
{
    /// <summary>The element name, for providers that take a list of tags to ignore.</summary>
    public const string TagName = "x";

    internal const string OpenPrefix = "<x id=\"";
    internal const string Close = "</x>";

    public static string Wrap(int id, string content) =>
        $"{OpenPrefix}{id}\">{System.Security.SecurityElement.Escape(content)}{Close}";

    public static bool Contains(string text) => text.Contains(OpenPrefix, StringComparison.Ordinal);
}
