using System.Collections.Frozen;
using Translator.Core.Languages;

namespace Translator.Core.Segmentation;

/// <summary>
/// What a language's news copy abbreviates and how its sentences begin. Abbreviations come in three
/// kinds, because a period after them means different things:
/// <list type="bullet">
/// <item><b>prefixes</b> stand before a name and never end a sentence ("Adm. Kim", "Mt. Fuji");</item>
/// <item><b>numeric prefixes</b> stand before a number ("No. 1", "p. 55") and end a sentence only when no number follows;</item>
/// <item><b>terminal</b> abbreviations may end a sentence ("… & Co. It closed", "… in 1990 г. Затем"), which they do
/// only when the next word is one sentences commonly start with.</item>
/// </list>
/// Lookups are by span, case-insensitively, so classifying a candidate allocates nothing.
/// </summary>
internal sealed class SegmentationRules
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _prefixes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _numericPrefixes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _terminal;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _starters;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _dateSuffixes;

    private SegmentationRules(
        IEnumerable<string> prefixes, IEnumerable<string> numericPrefixes, IEnumerable<string> terminal, IEnumerable<string> starters, bool cjk,
        IEnumerable<string>? dateSuffixes = null)
    {
        _dateSuffixes = Lookup(dateSuffixes ?? [], StringComparer.Ordinal);
        _prefixes = Lookup(prefixes, StringComparer.OrdinalIgnoreCase);
        _numericPrefixes = Lookup(numericPrefixes, StringComparer.OrdinalIgnoreCase);
        _terminal = Lookup(terminal, StringComparer.OrdinalIgnoreCase);
        // Starters are capitalised words; "the" in lower case is no sentence start.
        _starters = Lookup(starters, StringComparer.Ordinal);
        IsCjk = cjk;
    }

    /// <summary>Whether the language writes without spaces between sentences (Japanese, Chinese).</summary>
    public bool IsCjk { get; }

    public bool IsPrefix(ReadOnlySpan<char> word) => _prefixes.Contains(word);

    public bool IsNumericPrefix(ReadOnlySpan<char> word) => _numericPrefixes.Contains(word);

    public bool IsTerminal(ReadOnlySpan<char> word) => _terminal.Contains(word);

    public bool IsStarter(ReadOnlySpan<char> word) => _starters.Contains(word);

    /// <summary>
    /// Year and century marks written after a number ("1999 г.", "2020–2021 гг."). A number cannot follow them,
    /// so any capitalised word after one starts a sentence: no starter list can hold every Russian noun.
    /// </summary>
    public bool IsDateSuffix(ReadOnlySpan<char> word) => _dateSuffixes.Contains(word);

    public static SegmentationRules For(string language) => LanguageTag.PrimaryLanguage(language) switch
    {
        "ru" or "uk" or "be" or "bg" => Russian,
        "ja" or "zh" => Cjk,
        _ => English,
    };

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(IEnumerable<string> words, StringComparer comparer) =>
        words.ToFrozenSet(comparer).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] EnglishPrefixes =
    [
        // Titles and ranks as wire copy abbreviates them (AP style).
        "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Gen", "Gens", "Adm", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cdr",
        "Sgt", "Sgts", "Cpl", "Pvt", "Pfc", "Spc", "Gov", "Govs", "Sen", "Sens", "Rep", "Reps", "Rev", "Fr", "Hon", "Pres", "Supt",
        "Insp", "Det", "Brig", "Cmdt", "Amb", "Atty", "Gov-elect", "Msgr", "Sr", "Sra", "Srta",
        // Places before a name.
        "Mt", "Ft", "St", "Ste", "Pt", "Mts",
        // Never the last word of a sentence.
        "e.g", "i.e", "cf", "vs", "viz", "approx", "ca", "incl", "est", "Nos",
    ];

    private static readonly string[] EnglishNumericPrefixes =
    [
        "No", "Nos", "p", "pp", "Vol", "Vols", "Art", "Arts", "Fig", "Figs", "N°", "Nr", "Ch", "Sec", "Para", "Op", "Ed", "Rte", "Hwy",
        // Months and days are written before a date ("Jan. 5", "Sept. 11").
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ];

    private static readonly string[] EnglishTerminal =
    [
        "Co", "Cos", "Corp", "Inc", "Ltd", "Jr", "Bros", "Esq", "Plc", "Llc", "Assn", "Dept", "Univ", "Intl", "Natl", "Gov't",
        "etc", "al", "Ave", "Blvd", "Rd", "Pl", "Sq", "Hts",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
        // US states, AP style: they end sentences as often as they sit inside them.
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass", "Mich",
        "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wyo",
    ];

    private static readonly string[] EnglishStarters =
    [
        "A", "About", "After", "Also", "Although", "An", "And", "Another", "Any", "Are", "As", "At", "Because", "Before", "Both",
        "But", "By", "Can", "Could", "Did", "Do", "Does", "During", "Each", "Even", "Few", "For", "From", "Had", "Has", "Have",
        "He", "Her", "Here", "His", "How", "However", "I", "If", "In", "Is", "It", "Its", "It's", "Many", "Meanwhile", "More",
        "Most", "Much", "My", "No", "None", "Not", "Now", "Of", "On", "One", "Only", "Or", "Our", "She", "Since", "So", "Some",
        "Such", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those", "Though", "To", "Two", "Under",
        "Until", "Was", "We", "Were", "What", "When", "Where", "Whether", "Which", "While", "Who", "Why", "Will", "With",
        "Without", "Would", "Yet", "You", "Your",
    ];

    private static readonly string[] RussianPrefixes =
    [
        "ул", "пр", "просп", "пер", "пл", "наб", "бул", "ш", "им", "т", "проф", "акад", "ген", "г-н", "г-жа", "тов", "св", "о",
        "см", "ср", "напр", "т.е", "т.к", "т.н", "т.д", "т.п",
    ];

    private static readonly string[] RussianNumericPrefixes = ["№", "с", "стр", "рис", "гл", "п", "ч", "ст", "д", "кв", "корп", "ок"];

    private static readonly string[] RussianTerminal =
    [
        "г", "гг", "в", "вв", "н.э", "до н.э", "руб", "коп", "долл", "млн", "млрд", "тыс", "трлн", "км", "кг", "др", "пр", "т.д", "т.п",
        "проч", "etc",
    ];

    private static readonly string[] RussianStarters =
    [
        "А", "Без", "В", "Во", "Впрочем", "Вот", "Все", "Всё", "Вчера", "Где", "Да", "Для", "До", "Если", "Еще", "Ещё", "Же",
        "За", "Затем", "Здесь", "И", "Из", "Или", "Им", "Их", "К", "Как", "Когда", "Кроме", "Кто", "Мы", "На", "Не", "Но",
        "Нет", "О", "Об", "Он", "Она", "Они", "Оно", "От", "По", "Позже", "После", "При", "Причем", "Также", "Там", "Тем",
        "То", "Только", "Уже", "Хотя", "Что", "Это", "Эти", "Этот", "Я",
    ];

    private static readonly SegmentationRules English = new(EnglishPrefixes, EnglishNumericPrefixes, EnglishTerminal, EnglishStarters, cjk: false);

    // Russian copy quotes English names and agencies ("U.S.", "Mr."), so the English lists apply too.
    private static readonly SegmentationRules Russian = new(
        RussianPrefixes.Concat(EnglishPrefixes), RussianNumericPrefixes.Concat(EnglishNumericPrefixes),
        RussianTerminal.Concat(EnglishTerminal), RussianStarters.Concat(EnglishStarters), cjk: false,
        dateSuffixes: ["г", "гг", "в", "вв"]);

    private static readonly SegmentationRules Cjk = new(EnglishPrefixes, EnglishNumericPrefixes, EnglishTerminal, EnglishStarters, cjk: true);
}
