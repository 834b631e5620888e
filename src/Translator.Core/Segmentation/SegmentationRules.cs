using System.Collections.Frozen;

namespace Translator.Core.Segmentation;

/// <summary>
/// The abbreviation knowledge for one language. Lookups take spans so the scanner never allocates
/// a string per token.
/// </summary>
internal sealed class SegmentationRules
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> prepositive;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> abbreviations;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> starters;

    private SegmentationRules(
        IEnumerable<string> prepositive,
        IEnumerable<string> abbreviations,
        IEnumerable<string> starters,
        bool yearAbbreviation)
    {
        this.prepositive = prepositive.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        this.abbreviations = abbreviations.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        this.starters = starters.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        YearAbbreviation = yearAbbreviation;
        HasStarters = this.starters.Set.Count > 0;
    }

    /// <summary>False when any capitalised word may open a sentence after an abbreviation (Russian).</summary>
    public bool HasStarters { get; }

    /// <summary>
    /// Russian "г." is "year" after a number (and may end a sentence) but "city" before a name.
    /// </summary>
    public bool YearAbbreviation { get; }

    /// <summary>Titles that always precede a name ("Gen.", "Mt.", "ул."): never a sentence end.</summary>
    public bool IsPrepositive(ReadOnlySpan<char> word) => prepositive.Contains(word);

    /// <summary>Abbreviations that may also end a sentence ("Co.", "Jan.", "т. д.").</summary>
    public bool IsAbbreviation(ReadOnlySpan<char> word) => abbreviations.Contains(word);

    /// <summary>
    /// Words that typically open a sentence. After an abbreviation that could end a sentence
    /// ("…moved to the U.S. He said") only such a word proves a boundary; "U.S. State Department" does not.
    /// </summary>
    public bool IsStarter(ReadOnlySpan<char> word) => starters.Contains(word);

    /// <summary>Rules by the primary subtag of a BCP-47 tag; English is the default for other scripts' punctuation too.</summary>
    public static SegmentationRules For(string language)
    {
        var dash = language.IndexOf('-', StringComparison.Ordinal);
        var primary = dash < 0 ? language.AsSpan() : language.AsSpan(0, dash);
        if (primary.Equals("ru", StringComparison.OrdinalIgnoreCase))
        {
            return Russian;
        }
        return English;
    }

    public static SegmentationRules English { get; } = new(
        prepositive:
        [
            "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Adm", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cpl", "Sgt",
            "Pvt", "Brig", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Supt", "Insp", "Fr", "Sr", "St", "Mt", "Ft",
            "Atty", "Msgr", "Mme", "Mlle", "Sens", "Reps", "Gens", "Drs", "Profs", "Ald", "Amb",
        ],
        abbreviations:
        [
            "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
            "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
            "No", "Nos", "no", "nos", "Vol", "vol", "Art", "art", "Fig", "fig", "p", "pp", "para", "ch", "sec",
            "Co", "co", "Corp", "Inc", "Ltd", "Bros", "Assn", "Dept", "Univ", "Jr", "Esq", "Ph.D", "etc",
            "vs", "v", "approx", "est", "st", "ave", "Ave", "Blvd", "Rd", "Hwy", "Ste", "mins", "hr", "hrs", "min",
            "Ariz", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass",
            "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt",
            "Wash", "Wis", "Wyo", "N°",
        ],
        starters:
        [
            "A", "After", "All", "Also", "An", "And", "Are", "As", "At", "Because", "Before", "But", "By", "Can",
            "Could", "Did", "Do", "Does", "During", "Each", "Even", "For", "From", "Had", "Has", "Have", "He", "Her",
            "Here", "His", "How", "However", "I", "If", "In", "Is", "It", "Its", "Last", "Many", "More", "Most",
            "My", "No", "Not", "Now", "Of", "On", "One", "Only", "Or", "Our", "She", "Since", "So", "Some", "Still",
            "That", "The", "Their", "Then", "There", "These", "They", "This", "Those", "Thus", "To", "Two", "Under",
            "Was", "We", "Were", "What", "When", "Where", "Which", "While", "Who", "Why", "Will", "With", "Would",
            "Yet", "You", "Your",
        ],
        yearAbbreviation: false);

    public static SegmentationRules Russian { get; } = new(
        prepositive:
        [
            "им", "ул", "пр", "просп", "пл", "пер", "наб", "акад", "проф", "ген", "св", "г-н", "г-жа", "кв", "корп",
            "см", "ср", "напр", "обл", "ст", "Им", "Ул", "Акад", "Проф", "Ген", "См", "Ср", "Напр", "г",
        ],
        abbreviations:
        [
            "т", "е", "д", "др", "п", "гг", "вв", "в", "н", "э", "руб", "тыс", "млн", "млрд", "долл", "коп", "стр",
            "рис", "с", "ч", "мин",
        ],
        // Russian has no closed list of sentence openers: any capitalised word after "т. д." starts one.
        starters: [],
        yearAbbreviation: true);
}
