using Translator.Core.Providers;

namespace Translator.Core.Corrections.Xliff;

/// <summary>The XLIFF 2.0 names this service writes and reads.</summary>
internal static class Xliff
{
    public const string Namespace = "urn:oasis:names:tc:xliff:document:2.0";

    /// <summary>Our own attributes on <c>file</c> (XLIFF 2.0 allows other namespaces there): what the correction key needs.</summary>
    public const string TranslatorNamespace = "urn:translator:v1";

    public const string Translated = "translated";
    public const string Reviewed = "reviewed";
    public const string Final = "final";

    public static string Name(Formality formality) => formality switch
    {
        Formality.More => "more",
        Formality.Less => "less",
        _ => "default",
    };

    public static Formality? ParseFormality(string? name) => name switch
    {
        null or "default" => Formality.Default,
        "more" => Formality.More,
        "less" => Formality.Less,
        _ => null,
    };
}

/// <summary>An XLIFF document that cannot be imported; <see cref="Line"/> is where (0 when it is the document as a whole).</summary>
public sealed class XliffFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
