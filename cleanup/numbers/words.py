"""English number words and the context words around them: language data, not lexicon entries.

Every table is keyed by a case-folded word (``Token.key``). Spoken forms follow what
recognisers write: "twenty one" or "twenty-one", "o"/"oh" for a zero digit, "p m" for p.m.
"""

from __future__ import annotations


def split_words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read as data)."""
    return frozenset(text.split())


UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
# A zero digit said as a letter: only inside a number ("nineteen o five", "point o five").
ZERO_LETTERS = frozenset({"o", "oh"})
TEENS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
HUNDRED = "hundred"
SCALES: dict[str, int] = {
    "thousand": 10**3,
    "lakh": 10**5,
    "million": 10**6,
    "crore": 10**7,
    "billion": 10**9,
    "trillion": 10**12,
    "quadrillion": 10**15,
    "quintillion": 10**18,
    "sextillion": 10**21,
    "septillion": 10**24,
}
# Scales kept as a word after a figure ("2.5 million", "13 billion").
WORD_SCALES = frozenset({"million", "billion", "trillion"})
ORDINAL_UNITS: dict[str, int] = {
    "zeroth": 0,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
ORDINAL_TEENS: dict[str, int] = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
ORDINAL_TENS: dict[str, int] = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
ORDINAL_SCALES: dict[str, int] = {
    "hundredth": 100,
    "thousandth": 10**3,
    "millionth": 10**6,
    "billionth": 10**9,
}
DECADES: dict[str, int] = {
    "tens": 10,
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
# Number words a recogniser hears as other words, repaired only where nothing else fits
# ("two thousand and free" -> 2003: after "<hundred|scale> and", at the end of the number).
MISHEARD: dict[str, int] = {"free": 3, "tree": 3}

MONTHS: dict[str, str] = {
    name: name.capitalize()
    for name in split_words(
        "january february march april may june july august september october november december"
    )
}
# Months that are also everyday words ("you may", "march on"): a date only with a year
# after the day, or after a word that introduces a date.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "august"})
DATE_LEAD = split_words(
    "on of in since until till by from through to before after early late mid last next this "
    "that every each between and"
)
# Words before a bare "two thousand"-shaped number that make it a year (no separator).
YEAR_LEAD = split_words(
    "in since until till by from through during before after around circa year of to "
    "early late mid summer winter spring autumn fall"
)
# Words before "H MM" that make it a clock time even for ten, eleven and twelve o'clock.
TIME_LEAD = split_words("at by until till around about from before after")

# Currency words after an amount: "symbol|word kept after the figure".
CURRENCIES: dict[tuple[str, ...], str] = {
    ("dollars",): "$|",
    ("dollar",): "$|",
    ("us", "dollars"): "$|",
    ("u", "s", "dollars"): "$|",
    ("united", "states", "dollars"): "$|",
    ("united", "states", "dollar"): "$|",
    ("euros",): "€|",
    ("euro",): "€|",
    ("pounds", "sterling"): "£|",
    ("british", "pounds"): "£|",
    ("yen",): "¥|",
    ("yuan",): "|yuan",
    ("rupees",): "|rupees",
    ("rupee",): "|rupee",
    ("pesos",): "|pesos",
}
# Won is a verb too ("eleven won"): a currency only after a scale ("460 billion won").
SCALE_ONLY_CURRENCIES: dict[tuple[str, ...], str] = {("won",): "₩|"}
CENTS = frozenset({"cents", "cent"})

PERCENT: tuple[tuple[str, ...], ...] = (("percent",), ("per", "cent"))
# Units after which a number is always a figure (AP: distances, dimensions, weights, speed,
# temperatures); the unit word is kept as spoken.
UNITS_OF_MEASURE = split_words(
    "mile miles kilometer kilometers kilometre kilometres km meter meters metre metres "
    "centimeter centimeters centimetres millimeter millimeters millimetres foot feet inch "
    "inches yard yards pound pounds lb lbs ounce ounces gram grams kilogram kilograms "
    "kilo kilos kg ton tons tonne tonnes degree degrees liter liters litre litres gallon "
    "gallons acre acres hectare hectares mph kph volts watts megawatts kilowatts hertz "
    "megabytes gigabytes terabytes bytes bits"
)
AGE_AFTER: tuple[tuple[str, ...], ...] = (
    ("years", "old"),
    ("year", "old"),
    ("months", "old"),
    ("month", "old"),
)
PERCENTAGE_POINTS = ("percentage", "points")
CENTURY = frozenset({"century", "centuries", "millennium"})
ERAS: dict[tuple[str, ...], str] = {
    ("b", "c"): "B.C.",
    ("bc",): "B.C.",
    ("b", "c", "e"): "BCE",
    ("bce",): "BCE",
    ("a", "d"): "A.D.",
    ("c", "e"): "CE",
}
# Clock words.
MERIDIEMS: dict[tuple[str, ...], str] = {
    ("a", "m"): "a.m.",
    ("p", "m"): "p.m.",
    ("am",): "a.m.",
    ("pm",): "p.m.",
    ("a.m.",): "a.m.",
    ("p.m.",): "p.m.",
}
OCLOCK: tuple[tuple[str, ...], ...] = (("o'clock",), ("oclock",), ("o", "clock"))
ZONES = split_words("est edt cst cdt mst mdt pst pdt gmt utc bst cet cest ist jst aest akst hst")
MINUTE_WORDS = frozenset({"min", "mins", "minute", "minutes"})
PAST_TO = frozenset({"past", "to"})
QUARTER_HALF: dict[str, int] = {"quarter": 15, "half": 30}

# Numbers with a written form of their own.
NAMED: dict[tuple[str, ...], str] = {
    ("nine", "eleven"): "9/11",
    ("twenty", "four", "seven"): "24/7",
    ("twenty", "four", "slash", "seven"): "24/7",
    ("fifty", "fifty"): "50-50",
}
# Hyphenated words whose first part is a number ("five-year-old", "ten-day"): the rest.
HYPHEN_SUFFIXES_AGE = frozenset({"year-old", "years-old", "month-old", "week-old", "day-old"})

# Words that begin an idiom when "one" comes right before them, or that come right before
# "one" in one ("one of the", "no one"): "one" stays a word in every style.
ONE_AFTER = frozenset({"of", "by", "another", "or", "day", "thing", "way", "time", "more"})
ONE_BEFORE = frozenset(
    {"no", "the", "any", "every", "some", "this", "that", "which", "each", "someone", "anyone"}
)
ARTICLES = frozenset({"a", "an"})
# An ordinal after one of these is a fraction or a unit of time, not a rank ("a third of
# Iraq", "wait a second", "one tenth").
FRACTION_LEAD = frozenset({"a", "an", "one", "per"})
