using System.Collections.Frozen;

namespace Translator.Core.Languages;

/// <summary>
/// Function words per script, shared by article cleaning and second-reference resolution. Prose is dense in them and navigation, headlines and captions are not,
/// which is what makes the density a feature that carries across outlets and languages.
/// </summary>
public static class StopWords
{
    // English plus the commonest German, French and Spanish function words: Latin-script pages share one list
    // because a block is too short to identify its language reliably.
    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Latin = Set("""
        a about above after again against all also am an and any are as at be because been before being below
        between both but by can could did do does doing down during each few for from further had has have having
        he her here hers him his how i if in into is it its itself just may me might more most must my no nor not
        now of off on once only or other our out over own same she should so some such than that the their them
        then there these they this those through to too under until up very was we were what when where which
        while who whom why will with would you your said says says told according since without
        der die das und ist nicht ein eine zu den dem mit sich des auf für im dass er sie es wurde von bei auch
        le la les et est une un des du dans que qui pour sur pas au aux par ce il elle ont été avec
        el los las y es una un del en que por con para se su al lo como más pero sus fue ha
        """);

    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Cyrillic = Set("""
        и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее её мне было вот
        от меня еще ещё нет о об из ему теперь когда даже ну ли если уже или ни быть был него до вас ведь там
        потом себя ей может они тут где есть надо ней для мы их чем была сам без будто чего раз тоже себе под
        будет тогда кто этот того потому этого какой ним здесь этом один почти тем чтобы нее сейчас были куда всех
        можно при два другой хоть после над больше тот через эти нас про всего них много три эту этой перед
        том такой им более всегда между также это заявил заявила сообщил сообщила сказал сказала которые который
        которая которое которых которым году года время около также лишь уже более менее очень самый свой своей
        своих своим весь вся всё её ему нему ним ними нём этих этим эта эти тех тому такие такая такое же ли бы
        вокруг среди вместо кроме против согласно вслед благодаря ради из-за из-под либо зато причем причём
        пока однако впрочем именно почти примерно всего уже ещё себя был была были было будут будет является
        """);

    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Hangul = Set("""
        그 이 저 것 수 등 및 또 더 또한 그리고 하지만 그러나 있다 있는 있는데 없다 했다 한다 하는 하고 해 위해 대한 대해
        통해 따라 것으로 것이다 것은 것을 지난 이번 그는 그녀는 이날 밝혔다 말했다 전했다 덧붙였다 때문에 관련 가운데
        """);

    /// <summary>Korean marks grammar with suffixes on a word; a word ending in one behaves like a function word.</summary>
    public static readonly string[] HangulEndings =
    [
        "은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "로", "와", "과", "도", "만", "다", "며", "고", "서",
    ];

    /// <summary>Japanese has no spaces; hiragana carries its particles and inflections, so its share stands in.</summary>
    public static bool IsHiragana(char c) => c is >= '\u3041' and <= '\u309F';

    // Looked up by span and case-insensitively, so counting words allocates nothing.
    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(string words) =>
        words.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();
}
