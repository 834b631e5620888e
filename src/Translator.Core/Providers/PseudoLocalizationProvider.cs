using System.Text;
using Translator.Core.Languages;

namespace Translator.Core.Providers;

/// <summary>
/// Offline, deterministic pseudo-localization: marks each text with its target language and swaps
/// Latin letters for accented look-alikes, so a fresh machine can run and demo the service with no
/// keys. Digits, markup and protected spans pass through untouched, which makes it a faithful stand-in
/// for checking that numbers and glossary renderings survive the round trip.
/// </summary>
internal sealed class PseudoLocalizationProvider : ITranslationProvider
{
    public const string ProviderName = "Pseudo";

    private static readonly HashSet<string> Languages = new(StringComparer.Ordinal)
    {
        "ar", "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "he", "hu", "id", "it", "ja",
        "ko", "lt", "lv", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "th", "tr", "uk", "vi", "zh",
    };

    private const string Plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Accented = "àƀçđéƒğĥîĵķĺɱñöþqŕšţûvŵxýžÀßÇĐÉƑĞĤÎĴĶĹṀÑÖÞQŔŠŢÛVŴXÝŽ";

    public string Name => ProviderName;

    public string Version => "1";

    public ProviderLimits Limits { get; } = new(MaxTexts: 100, MaxBytes: 256 * 1024);

    public bool Supports(string source, string target) =>
        Languages.Contains(LanguageTag.PrimaryLanguage(source)) && Languages.Contains(LanguageTag.PrimaryLanguage(target));

    public bool SupportsSource(string source) => Languages.Contains(LanguageTag.PrimaryLanguage(source));

    public Task<IReadOnlyList<string>> TranslateAsync(ProviderBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> result = batch.Texts.Select(t => Localize(t.Text, batch.TargetLanguage)).ToArray();
        return Task.FromResult(result);
    }

    internal static string Localize(string text, string targetLanguage)
    {
        var sb = new StringBuilder(text.Length + targetLanguage.Length + 3);
        sb.Append('⟦').Append(targetLanguage).Append("⟧ ");
        var protectedDepth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<' && text.IndexOf('>', i) is var close and > 0)
            {
                var tag = text.AsSpan(i, close - i + 1);
                protectedDepth += tag.StartsWith("</") ? -1 : tag.EndsWith("/>") ? 0 : 1;
                sb.Append(tag);
                i = close;
                continue;
            }
            var index = protectedDepth > 0 ? -1 : Plain.IndexOf(c, StringComparison.Ordinal);
            sb.Append(index < 0 ? c : Accented[index]);
        }
        return sb.ToString();
    }
}
