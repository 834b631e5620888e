using System.Globalization;
using System.Text;

namespace Translator.Core.Text;

/// <summary>
/// A client-supplied value as it may appear in an error detail or a log line: quoted, cut to a short prefix
/// (enough to recognise it, never a payload), and with line breaks and other control or format characters
/// escaped, so a value cannot forge log lines or smuggle invisible text into a message.
/// </summary>
public static class QuotedValue
{
    public const int MaxCharacters = 32;

    public static string Of(string value)
    {
        var sb = new StringBuilder(MaxCharacters + 8).Append('"');
        var shown = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (shown == MaxCharacters)
            {
                return sb.Append("\"...").ToString();
            }
            shown++;
            switch (rune.Value)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    var category = Rune.GetUnicodeCategory(rune);
                    if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
                    }
                    else
                    {
                        sb.Append(rune.ToString());
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
