//! Phones of the mail-merge lists: the number as SMS gateways and diallers take it
//! (E.164) and as a caller reads it in Excel, from the ways Russian client bases write one.

use polars::prelude::*;

use crate::cli::Lang;

/// A phone cell read: the number, an extension written after it, and whether the cell
/// holds nothing else that a caller would need (no second number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    /// The number as E.164 (`+79161234567`).
    pub e164: String,
    /// The digits of an extension written after the number (`доб. 12`, `ext 12`).
    pub extension: Option<String>,
    /// Whether the cell is this number alone (with its extension or words such as `тел.`),
    /// not one of two numbers.
    pub alone: bool,
}

/// Words that introduce an extension (`доб. 12`, `вн. 12`, `ext 12`, `x12`, `#12`); `доп.`
/// too, when a short number follows (before a full number it means an additional number).
const EXTENSION: [&str; 6] = ["доб", "ext", "вн", "доп", "x", "#"];

/// The digits of an extension: 1–6 digits after one of [`EXTENSION`]'s words, else None.
fn extension_of(text: &str) -> Option<String> {
    let text = text.trim_start().to_lowercase();
    let word = EXTENSION.iter().find(|w| text.starts_with(**w))?;
    let rest = text[word.len()..].trim_start_matches(|c: char| !c.is_ascii_digit());
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    let ok = (1..=6).contains(&digits.len()) && !after.bytes().any(|b| b.is_ascii_digit());
    ok.then_some(digits)
}

/// Whether `c` is one of the marks a phone's digits are grouped with: spaces, brackets,
/// dots and dashes, the typographic ones too. Word and Outlook put a non-breaking hyphen
/// (U+2011) or an en dash in `123‑45‑67`, web pages a narrow no-break space (U+202F): such
/// a mark ended the number, and `+7 (916) 123‑45‑67` had no `phone_e164`. A dash between
/// two whole numbers parts them ([`numbers_of`]).
fn groups_digits(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '(' | ')' | '.' | '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}' | '\u{2010}'
            ..='\u{2015}' | '\u{2212}'
    )
}

/// How many digits `text` has.
fn digit_count(text: &str) -> usize {
    text.bytes().filter(u8::is_ascii_digit).count()
}

/// Whether `c` is a dash: the hyphen, its typographic look-alikes (U+2010 to U+2015) and
/// the minus sign. Within a number it groups digits; between two numbers of one run
/// (`8 916 123-45-67 - 8 495 765-43-21`) it parts them.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Whether `phone` has the word `word` (lower case) at byte `at`, in any case, with white
/// space or an end of the text on either side.
fn word_at(phone: &str, at: usize, word: &str) -> bool {
    let rest = &phone[at..];
    let n = word.chars().count();
    let same = rest
        .chars()
        .flat_map(char::to_lowercase)
        .take(n)
        .eq(word.chars());
    let len: usize = rest.chars().take(n).map(char::len_utf8).sum();
    let before = phone[..at].chars().next_back();
    let after = rest[len..].chars().next();
    same && before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
}

/// The parts of a phone cell that may each hold a number: the cell split by `,`, `;`, `/`
/// and the words `или` / `or` (`8 916 … или 8 495 …`).
fn parts_of(phone: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut from = 0;
    for (at, c) in phone.char_indices() {
        if at < from {
            continue;
        }
        // Only a word's first letter can start one: lower-casing the text at every
        // character was most of the time a list spent reading its phones.
        let word = match c {
            'и' | 'И' | 'o' | 'O' => ["или", "or"].into_iter().find(|w| word_at(phone, at, w)),
            _ => None,
        };
        let skip = match (c, word) {
            (',' | ';' | '/', _) => c.len_utf8(),
            (_, Some(w)) => phone[at..]
                .chars()
                .take(w.chars().count())
                .map(char::len_utf8)
                .sum(),
            _ => continue,
        };
        parts.push(&phone[from..at]);
        from = at + skip;
    }
    parts.push(&phone[from..]);
    parts
}

/// The E.164 form of one run of digits and the marks that group them (`8 (916) 123-45-67`,
/// `+7 916 1234567`, `916-123-45-67`), or None when its digits make no number (see
/// [`parse_phone`]).
fn number_of(run: &str) -> Option<String> {
    let run = run.trim_matches(|c: char| c != '+' && !c.is_ascii_digit());
    let plus = run.starts_with('+');
    // Digits are ASCII, so the digit count is the length of what is kept.
    let digits: String = run.chars().filter(char::is_ascii_digit).collect();
    let e164 = match (plus, digits.len(), digits.as_bytes()) {
        // `+8 916 …`: the domestic 8 with a plus; no country code starts with 89.
        (true, 11, [b'8', b'9', ..]) => format!("+7{}", &digits[1..]),
        (true, _, [b'8', b'9', ..]) => return None,
        (true, 8..=15, [b'7', ..]) if digits.len() != 11 => return None,
        (true, 8..=15, _) => format!("+{digits}"),
        (false, 11, [b'7' | b'8', ..]) => format!("+7{}", &digits[1..]),
        // Ten digits from 8: a code of 80x–87x (`812` is St Petersburg), or the trunk 8
        // before a number short of a digit (`8 916 123 45 6`); no Russian code starts with
        // 88 or 89, so those are the latter, and `+7 891…` would be a wrong number.
        (false, 10, [b'8', b'8' | b'9', ..]) => return None,
        (false, 10, [b'3'..=b'9', ..]) => format!("+7{digits}"),
        _ => return None,
    };
    Some(e164)
}

/// The most digits a run is split into numbers from: three numbers of fifteen. A longer
/// run is no list of phones, and splitting it at every dash would take long.
const SPLIT_DIGITS: usize = 45;

/// The numbers of one run ([`number_of`]): the run as one number, or, when its digits make
/// none, split at a dash into numbers that each read whole (`89161234567-84957654321`,
/// `+7 916 123-45-67 - 8 495 765-43-21`): before session 30 such a cell was one run of
/// too many digits and gave no `phone_e164`. A dash within a number groups its digits, so
/// a run that reads as one number is never split.
fn numbers_of(run: &str) -> Option<Vec<String>> {
    if let Some(number) = number_of(run) {
        return Some(vec![number]);
    }
    if digit_count(run) > SPLIT_DIGITS {
        return None;
    }
    run.char_indices()
        .filter(|&(_, c)| is_dash(c))
        .find_map(|(at, c)| {
            let first = number_of(&run[..at])?;
            let mut rest = numbers_of(&run[at + c.len_utf8()..])?;
            rest.insert(0, first);
            Some(rest)
        })
}

/// A number found in a phone cell: its E.164 form and the extension written after it.
struct Found {
    e164: String,
    extension: Option<String>,
}

/// The numbers of one part of a cell ([`parts_of`]), and whether the part has digits of
/// another number that could not be read (`доп.` and ten digits that make no number);
/// None when the part has digits that are no number, nor an extension, nor a second
/// number (`кв 12 дом 4`), so that nobody is messaged at a number made of them.
fn read_part(part: &str) -> Option<(Vec<Found>, bool)> {
    let part = part.trim();
    // pandas and spreadsheets write a phone kept as a number as `79161234567.0`.
    let part = match part.strip_suffix(".0") {
        Some(whole) if !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit()) => whole,
        _ => part,
    };
    // The number runs from its first `+` or digit over digits and the marks that group
    // them; letters end it (`тел.` before it, `(моб.)` after it are fine).
    let begin = part.find(|c: char| c == '+' || c.is_ascii_digit())?;
    let number = &part[begin..];
    let end = number
        .char_indices()
        .skip(1)
        .find(|&(_, c)| !(c.is_ascii_digit() || groups_digits(c)))
        .map_or(number.len(), |(i, _)| i);
    let mut found: Vec<Found> = numbers_of(&number[..end])?
        .into_iter()
        .map(|e164| Found {
            e164,
            extension: None,
        })
        .collect();
    let mut unread = false;
    // Digits after it: an extension (`доб. 12`), a second number (`доп. 8 903 …`, ten
    // digits or more), or digits that belong to neither, which nobody should dial.
    let tail = &number[end..];
    if digit_count(tail) > 0 {
        match extension_of(tail) {
            Some(digits) => found.last_mut()?.extension = Some(digits),
            None if digit_count(tail) >= 10 => match read_part(tail) {
                Some((more, more_unread)) => {
                    found.extend(more);
                    unread |= more_unread;
                }
                None => unread = true,
            },
            None => return None,
        }
    }
    Some((found, unread))
}

/// Whether an E.164 number is a Russian mobile (`+79…`, ten digits after the 7): the
/// number an SMS reaches.
fn is_russian_mobile(e164: &str) -> bool {
    e164.len() == 12 && e164.starts_with("+79")
}

/// A phone as an SMS gateway or a dialler takes it (E.164, `+79161234567`), with the
/// extension and the rest of the cell apart (see [`Phone`]). Read from `8 (916) 123-45-67`,
/// `+7 916 123-45-67`, `89161234567`, `916-123-45-67` (ten digits, the country left out), or
/// any number written with its `+` and 8–15 digits; `+8 9xx` and eleven digits, a Russian
/// `8` typed after a `+` (no country code begins with 89), is read as `+7 9xx`. A cell of
/// two numbers or more (split by `,`, `;`, `/`, the word `или` / `or`, a dash between two
/// whole numbers, `8 916 … - 8 495 …`, `89161234567-84957654321`, or `доп.` before the
/// second) gives its first Russian mobile (`+79…`, the number an SMS reaches), else its
/// first number that reads; a number a spreadsheet turned into a decimal
/// (`79161234567.0`) is read without its `.0`. An extension (`доб. 12`, `ext 12`, also
/// after a comma) is kept apart, not dialled. Other digits after a number, too few digits
/// (ten from `88` or `89`: the trunk 8 and a mobile a digit short, as no area code starts
/// so), or a `+7` number of other than ten digits after the 7 (the length of every Russian
/// and Kazakh number) is no number: the list keeps the phone as written, and nobody is
/// messaged at a number made of the wrong digits. Digits may be grouped by typographic
/// dashes and spaces too (`123‑45‑67` with U+2011, see `groups_digits`).
///
/// ```
/// use stoa::analytics::clients::parse_phone;
/// let p = parse_phone("+7 (495) 123-45-67 доб. 12").unwrap();
/// assert_eq!((p.e164.as_str(), p.extension.as_deref(), p.alone), ("+74951234567", Some("12"), true));
/// let p = parse_phone("8(916)123-45-67 доп. 8(903)111-22-33").unwrap();
/// assert_eq!((p.e164.as_str(), p.extension, p.alone), ("+79161234567", None, false));
/// let p = parse_phone("8 495 765-43-21 - 8 916 123-45-67").unwrap();
/// assert_eq!((p.e164.as_str(), p.extension, p.alone), ("+79161234567", None, false));
/// ```
pub fn parse_phone(phone: &str) -> Option<Phone> {
    let mut found: Vec<Found> = Vec::new();
    // Digits of no number beside the ones found: the cell is not one number alone.
    let mut unread = false;
    for part in parts_of(phone)
        .into_iter()
        .filter(|p| p.bytes().any(|b| b.is_ascii_digit()))
    {
        // A part that is an extension alone (`…, доб. 5`) belongs to the number before it;
        // the first part of a cell (most cells have one) is not looked at as one, which
        // lower-cased every phone of every list.
        if let Some(last) = found.last_mut().filter(|l| l.extension.is_none()) {
            if let Some(digits) = extension_of(part) {
                last.extension = Some(digits);
                continue;
            }
        }
        match read_part(part) {
            Some((numbers, more)) => {
                found.extend(numbers);
                unread |= more;
            }
            None => unread = true,
        }
    }
    let alone = found.len() == 1 && !unread;
    let at = found
        .iter()
        .position(|f| is_russian_mobile(&f.e164))
        .unwrap_or(0);
    if at >= found.len() {
        return None;
    }
    let Found { e164, extension } = found.swap_remove(at);
    Some(Phone {
        e164,
        extension,
        alone,
    })
}

/// The E.164 form of a phone cell (see [`parse_phone`]), without its extension.
///
/// ```
/// use stoa::analytics::clients::phone_e164;
/// assert_eq!(phone_e164("8 (916) 123-45-67").as_deref(), Some("+79161234567"));
/// assert_eq!(phone_e164("+7 916 123-45-67").as_deref(), Some("+79161234567"));
/// assert_eq!(phone_e164("916 123 45 67").as_deref(), Some("+79161234567"));
/// assert_eq!(phone_e164("+44 20 7946 0958").as_deref(), Some("+442079460958"));
/// assert_eq!(phone_e164("+7 916 123-45-67, +7 495 123-45-67").as_deref(), Some("+79161234567"));
/// assert_eq!(phone_e164("+7 (495) 123-45-67 доб. 12").as_deref(), Some("+74951234567"));
/// assert_eq!(phone_e164("+8 916 123 45 67").as_deref(), Some("+79161234567"));
/// assert_eq!(phone_e164("123-45"), None);
/// // A digit short, a digit over.
/// assert_eq!(phone_e164("+7 912 345 67 8"), None);
/// assert_eq!(phone_e164("+7 912 345 67 890"), None);
/// ```
pub fn phone_e164(phone: &str) -> Option<String> {
    parse_phone(phone).map(|p| p.e164)
}

/// A phone cell as a caller reads it and as Excel keeps it: a Russian or Kazakh number
/// (`+7`) alone in its cell is written as it is dialled at home, `8 (916) 123-45-67`, with
/// its extension after it (`доб. 12` / `ext. 12`). Excel turns a cell of bare digits
/// (`89161234567`, `+79161234567`) into a number (`8,92E+10`, the `+` lost) and reads a
/// cell that begins with `+` as a formula; spaces, brackets and dashes keep this one text.
/// Any other cell (another country's number, two numbers, something unreadable) is kept as
/// written.
///
/// ```
/// use stoa::analytics::clients::phone_text;
/// use stoa::cli::Lang;
/// assert_eq!(phone_text("+79161234567", Lang::Ru), "8 (916) 123-45-67");
/// assert_eq!(phone_text("8 495 1234567 доб. 12", Lang::En), "8 (495) 123-45-67 ext. 12");
/// assert_eq!(phone_text("89161234567, 84951234567", Lang::Ru), "89161234567, 84951234567");
/// ```
pub fn phone_text(phone: &str, lang: Lang) -> String {
    match parse_phone(phone) {
        Some(p) if p.alone && p.e164.len() == 12 && p.e164.starts_with("+7") => {
            let d = &p.e164[2..];
            let number = format!("8 ({}) {}-{}-{}", &d[..3], &d[3..6], &d[6..8], &d[8..]);
            match (p.extension, lang) {
                (Some(x), Lang::Ru) => format!("{number} доб. {x}"),
                (Some(x), Lang::En) => format!("{number} ext. {x}"),
                (None, _) => number,
            }
        }
        _ => phone.to_string(),
    }
}

/// Every distinct phone of a column worked out once by `f`.
fn map_phones(
    phones: &Column,
    name: &str,
    f: impl Fn(&str) -> Option<String>,
) -> PolarsResult<Column> {
    let mut seen: std::collections::HashMap<&str, Option<String>> = Default::default();
    let out: StringChunked = phones
        .str()?
        .iter()
        .map(|p| p.and_then(|p| seen.entry(p).or_insert_with(|| f(p)).clone()))
        .collect();
    Ok(out.with_name(name.into()).into_column())
}

/// [`phone_e164`] of every phone of a column, named `phone_e164`.
pub fn phones_e164(phones: &Column) -> PolarsResult<Column> {
    map_phones(phones, "phone_e164", phone_e164)
}

/// [`phone_text`] of every phone of a column, keeping the column's name.
pub fn phones_text(phones: &Column, lang: Lang) -> PolarsResult<Column> {
    map_phones(phones, phones.name(), |p| Some(phone_text(p, lang)))
}

#[cfg(test)]
mod tests;
