namespace Translator.Core.Pipeline;

/// <summary>
/// A request the core cannot serve as sent (a limit only known after segmentation, say). Names the
/// request field at fault; the message describes the problem and never quotes article text.
/// </summary>
public sealed class TranslationRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
