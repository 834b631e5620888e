using System.Buffers;

namespace Translator.Cleaning;

/// <summary>
/// Phrases that site furniture uses in every outlet, grouped by what they give away. They are evidence, not
/// verdicts: the classifier weighs a hit against the block's length and prose-ness, so a story that quotes
/// "all rights reserved" keeps its paragraph.
/// </summary>
internal static class BoilerplatePhrases
{
    private static readonly string[] FurnitureList =
    [
        // English
        "subscribe", "sign up", "sign-up", "newsletter", "unsubscribe", "cookie", "consent", "privacy policy",
        "terms and conditions", "terms of use", "all rights reserved", "copyright", "©", "advertisement", "advertising",
        "comments", "make a comment", "your comment", "log in", "login", "sign in", "share this", "share on",
        "follow us", "stay informed", "breaking news from", "download our app", "more info", "click here",
        "contact us", "feedback", "support our journalism", "redistribution",
        // Wire trailers: who reported and edited the story, below its last paragraph.
        "editing by", "contributed to this report", "contributed reporting",
        "advert", "personalise", "personalize", "your preferences", "our traffic", "3rd parties", "third parties", "our partners", "inbox", "your email", "email address",
        // German, French, Spanish
        "abonnieren", "datenschutz", "alle rechte", "s'abonner", "abonnez-vous", "tous droits réservés",
        "suscríbete", "todos los derechos",
        // Russian
        "подпис", "рассылк", "все права защищены", "перепечатка", "комментари", "реклама", "поделиться",
        "политика конфиденциальности", "файлы cookie", "войти", "регистрац", "наш телеграм", "telegram",
        // Korean
        "무단", "재배포", "구독", "댓글", "저작권", "공유하기", "로그인", "회원가입", "광고", "뉴스레터", "제보",
        // Japanese
        "無断転載", "無断複製", "著作権", "コメント", "シェア", "ログイン", "会員登録", "ニュースレター", "メルマガ", "広告", "クッキー",
    ];

    private static readonly string[] TeaserList =
    [
        "read more", "continue reading", "read full article", "read the full", "related stories", "related articles", "related:",
        "don't miss", "don’t miss", "also on", "also read", "more from", "most read", "most popular", "recommended",
        "you may also like", "trending", "see also", "watch:", "listen:", "more stories", "next article",
        "читайте также", "читать далее", "по теме", "популярное", "смотрите также", "ещё по теме", "еще по теме",
        "관련기사", "관련 기사", "관련뉴스", "관련 뉴스", "▶", "많이 본", "추천 기사", "더보기", "이 시각", "함께 보면",
        "関連記事", "続きを読む", "おすすめ", "人気記事", "アクセスランキング", "あわせて読みたい",
    ];

    public static readonly SearchValues<string> Furniture = SearchValues.Create(FurnitureList, StringComparison.OrdinalIgnoreCase);

    public static readonly SearchValues<string> Teaser = SearchValues.Create(TeaserList, StringComparison.OrdinalIgnoreCase);

    private static readonly string[] AllPhrases = [.. FurnitureList, .. TeaserList];

    /// <summary>
    /// An English word found inside a longer word is not the word: "subscribers" in a news paragraph is not
    /// "subscribe", "comments" in "commentators" is not a comment box. A plural "s" still counts ("cookies"), and
    /// phrases of several words are what they are ("more info" in "more information").
    /// </summary>
    private static bool IsInsideLongerWord(ReadOnlySpan<char> match)
    {
        // The longest phrase found here decides: "advertising" is a phrase of its own, not "advert" inside it.
        var length = 0;
        foreach (var phrase in AllPhrases)
        {
            if (phrase.Length > length && match.StartsWith(phrase, StringComparison.OrdinalIgnoreCase))
            {
                length = phrase.Length;
            }
        }
        if (length == 0 || length >= match.Length || !char.IsLetter(match[length]) || !IsSingleLatinWord(match[..length]))
        {
            return false;
        }
        var plural = match[length] is 's' or 'S' && (match.Length == length + 1 || !char.IsLetter(match[length + 1]));
        return !plural;
    }

    private static bool IsSingleLatinWord(ReadOnlySpan<char> phrase) => char.IsAsciiLetter(phrase[^1]) && !phrase.Contains(' ');

    /// <summary>Occurrences of any phrase, found in one pass over the text whatever the number of phrases.</summary>
    public static int CountHits(string text, SearchValues<string> phrases)
    {
        var hits = 0;
        var rest = text.AsSpan();
        for (var at = rest.IndexOfAny(phrases); at >= 0; at = rest.IndexOfAny(phrases))
        {
            hits += IsInsideLongerWord(rest[at..]) ? 0 : 1;
            rest = rest[(at + 1)..];
        }
        return hits;
    }
}
