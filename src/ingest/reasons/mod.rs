//! The reasons a row is rejected and the warnings about rows kept, as templates: ingest
//! fills them in (in English, for `rejects.csv`, the manifest and `stoa check`), and the
//! renderers read them back to word them in the report's language. One list, so a new
//! reason or warning cannot reach the Russian workbook unworded without a test failing.

/// A cell of text that is not valid text.
pub const TEXT: &str = "unreadable text";
/// A date cell that is not a date.
pub const DATE: &str = "unparseable date: expected dd.mm.yyyy, yyyy-mm-dd or an Excel date";
/// A date written in a date's form whose day does not exist (`31.02.2026`).
pub const NO_SUCH_DAY: &str = "no such date: the month has no such day (written as a date, e.g. 31.02 or 29.02 of a common year); correct the day";
/// A date-and-time cell that is not one.
pub const DATE_TIME: &str =
    "unparseable date: expected dd.mm.yyyy [hh:mm], yyyy-mm-dd [hh:mm] or an Excel date";
/// A time-of-day cell that is not one.
pub const TIME: &str = "unparseable time of day: expected hh:mm, hh:mm:ss or an Excel time";
/// A money cell that is not an amount.
pub const MONEY: &str = "unparseable money: expected a number such as 1 234,50 or 1234.50 ₽";
/// A cell that should hold a whole number.
pub const INT: &str = "not a whole number";
/// A cell that should hold a number.
pub const NUMBER: &str = "not a number";
/// A cell that should hold yes or no.
pub const BOOL: &str = "not a yes/no value: expected да/нет, yes/no, 1/0, true/false or +/−";
/// A value outside a closed vocabulary: the vocabulary's name, then its values.
pub const UNKNOWN_VALUE: &str = "unknown {} value: expected one of {}";
/// An empty required cell: the column, then the table.
pub const REQUIRED: &str = "required value is empty ({} is required in {})";
/// A negative amount where none can be: what the column holds.
pub const NEGATIVE: &str = "negative {}";
/// A feedback score on no scale.
pub const SCORE_RANGE: &str = "a score outside 0–10: scores are on a 1–5 or a 0–10 scale";
/// A competitor's price with nothing to match it to our services by.
pub const NO_SERVICE: &str =
    "the row has neither a service code nor a description, so it cannot be matched to a service";
/// A competitor's price of 0: typed 0, or a dash (money's dash is a zero) for a service
/// the competitor does not offer.
pub const ZERO_COMPETITOR_PRICE: &str = "a competitor's price of 0 (a 0, or a dash as a list of competitors' prices writes a service not offered) is not a price to compare ours with, so the row is left out of the price comparison; if the competitor does offer the service, give its price";
/// A key seen before: the key column, then the row it was first seen on.
pub const DUPLICATE: &str = "duplicate {}: the same value is already on row {}";
/// The same in a table read from several sheets of a workbook: the column, the first
/// row's sheet and number.
pub const DUPLICATE_ON_SHEET: &str =
    "duplicate {}: the same value is already on the sheet «{}», row {}";
/// The same in a table read from a folder of files: the column, the first row's file (with
/// `#sheet` for a workbook's sheet) and number.
pub const DUPLICATE_IN_FILE: &str =
    "duplicate {}: the same value is already in the file «{}», row {}";
/// A visit's row in progress whose visit a later file of the folder gives no longer in
/// progress (overlapping monthly exports): that row's file (with `#sheet`) and number.
pub const SUPERSEDED: &str = "superseded by a later export: the file «{}», row {} gives this visit no longer in progress, and that row is read instead of this one, which gives it in progress";
/// An order line or feedback without its visit: what the row is. "This number", not
/// stoa's key `visit_id`: the reject's `column` names the file's own header.
pub const UNKNOWN_VISIT: &str = "{} of an unknown visit: no accepted visit has this number";
/// An order line or feedback row whose visit was rejected: what the row is, the visit's
/// row, its file (and sheet).
pub const VISIT_REJECTED: &str =
    "{} of a rejected visit: the visit with this number is row {} of {}, rejected there";

/// An order line or feedback row that names no station, of a visit number that visits of
/// several stations have (numbered apart): what the row is, the number, the stations.
pub const AMBIGUOUS_VISIT: &str = "{} that names no station, of the visit number {}, which visits of several stations have ({}): its visit cannot be told; give the row its station (a column «Филиал» or «Станция»)";

/// An order line with no price where the table has no amount column: the amount is
/// computed from the price, and this line has none.
pub const NO_PRICE: &str = "the table has no amount column, so a line's amount is computed from its price, and this line has no price";

/// An order line with no amount before the discount where the table has no amount
/// column: the amount is computed from it, and this line has none (nor a price).
pub const NO_GROSS: &str = "the table has no amount after the discount, so a line's amount is computed from its amount before the discount, and this line has none";

/// A row whose cell is its column's header text: the header written again, as an export
/// printed in pages repeats it on each page.
pub const REPEATED_HEADER: &str =
    "the row repeats the header (as an export printed in pages does); it holds no data";

/// A cell holding a spreadsheet formula's error value (`#N/A`, `#ДЕЛ/0!`, `Err:502`).
pub const SPREADSHEET_ERROR: &str = "the cell holds an error of a spreadsheet formula (such as #N/A or #DIV/0!), not a value: correct the formula or clear the cell, then export the table again";

/// A CSV row with more fields than its header, a field past the header not empty: the
/// row's fields, the header's, the delimiter (`;`, `,` or tab) twice. Read as it lies,
/// every value after a stray delimiter is in the next column.
pub const EXTRA_FIELDS: &str = "the row has {} fields where the header has {}: a {} inside a value that is not in quotes splits the value in two and shifts every value after it one column to the right, so the row is not read; put that value in quotes, or remove the {}, and export the table again";

/// An order line whose amount is computed from its price, with a percentage discount
/// outside 0–100 %.
pub const DISCOUNT_PCT_RANGE: &str = "a percentage discount outside 0–100 %: the line's amount is computed from its price less this percentage, and no such discount gives one; correct the percentage (10 % is written 10, 10 % or 10,5 %)";

/// A money cell that is no amount of the station's currency (`currency` in stoa.toml)
/// where that is not the rouble: the currency's code, twice. The rouble's reason is
/// [`MONEY`], as it was before the setting was followed.
pub const MONEY_IN: &str = "unparseable money: expected a number such as 1 234,50 or 1234.50 {}; a sum in another currency than the station's {} is not read: convert it, or set `currency` in stoa.toml to the currency the books are kept in";

/// A slash date that can only be read month first (`09/17/2026`) in a column read day
/// first, as others of its slash dates can only be read so (`16/09/2026`).
pub const AGAINST_ORDER: &str = "a slash date that can only be read month first (its second number is 13 or more), in a column whose other slash dates can only be read day first (their first number is 13 or more), so the column is read day first: one export writes all its dates one way; correct this date, or the column's others if they are the ones written otherwise";

/// Every reason, for the renderers and their tests.
pub const ALL: [&str; 30] = [
    TEXT,
    DATE,
    DATE_TIME,
    TIME,
    MONEY,
    INT,
    NUMBER,
    BOOL,
    UNKNOWN_VALUE,
    REQUIRED,
    NEGATIVE,
    NO_SERVICE,
    ZERO_COMPETITOR_PRICE,
    NO_PRICE,
    NO_GROSS,
    DUPLICATE_IN_FILE,
    DUPLICATE_ON_SHEET,
    DUPLICATE,
    SUPERSEDED,
    UNKNOWN_VISIT,
    VISIT_REJECTED,
    AMBIGUOUS_VISIT,
    NO_SUCH_DAY,
    REPEATED_HEADER,
    SPREADSHEET_ERROR,
    EXTRA_FIELDS,
    SCORE_RANGE,
    DISCOUNT_PCT_RANGE,
    MONEY_IN,
    AGAINST_ORDER,
];

mod warnings;
pub use warnings::*;

/// `template` with its `{}` filled by `args` in order (a missing argument leaves it empty),
/// and its groups of forms (`{row|rows}`, `{строка|строки|строк}`, `{0:is|are}`) in the
/// form that agrees with their count ([`crate::render::i18n::plural`]).
///
/// ```
/// use stoa::ingest::reasons::{fill, NEGATIVE};
/// assert_eq!(fill(NEGATIVE, &["price"]), "negative price");
/// assert_eq!(fill("{} {row|rows} {0:is|are} left", &["1"]), "1 row is left");
/// assert_eq!(fill("{} {row|rows} {0:is|are} left", &["21"]), "21 rows are left");
/// assert_eq!(fill("{} {строка|строки|строк}", &["21"]), "21 строка");
/// ```
pub fn fill(template: &str, args: &[&str]) -> String {
    use crate::render::i18n::plural::{agree, count};
    let mut out = String::with_capacity(template.len() + 16);
    let mut pieces = template.split("{}");
    let mut nearest = None;
    out.push_str(&agree(pieces.next().unwrap_or(""), args, nearest));
    for (i, piece) in pieces.enumerate() {
        let arg = args.get(i).copied().unwrap_or("");
        nearest = count(arg).or(nearest);
        out.push_str(arg);
        out.push_str(&agree(piece, args, nearest));
    }
    out
}

/// Of an English message written by `format!` (an error's `#[error]`, not a template of
/// [`fill`]), the one of `forms` (one, other) that agrees with a count of `n`, as a group
/// of forms of a template does: `{count} {cells}` with `counted(count, ["cell", "cells"])`.
/// The message's template for the reader's language gives the group (`{cell|cells}`), so
/// that it reads either form back.
///
/// ```
/// use stoa::ingest::reasons::counted;
/// assert_eq!(counted(1, ["cell", "cells"]), "cell");
/// assert_eq!(counted(0, ["cell has", "cells have"]), "cells have");
/// ```
pub fn counted(n: usize, forms: [&str; 2]) -> &str {
    crate::render::i18n::plural::form(Some(n as u64), &forms)
}

/// The arguments `text` fills `template` with, or `None` when `text` is not of that
/// template: the inverse of [`fill`].
///
/// ```
/// use stoa::ingest::reasons::{fill, parse, DUPLICATE};
/// let text = fill(DUPLICATE, &["visit_id", "17"]);
/// assert_eq!(parse(DUPLICATE, &text), Some(vec!["visit_id", "17"]));
/// assert_eq!(parse(DUPLICATE, "not a number"), None);
/// ```
pub fn parse<'t>(template: &str, text: &'t str) -> Option<Vec<&'t str>> {
    // A template of groups of forms reads a text in any of its forms.
    if template.contains('|') {
        let variants = crate::render::i18n::plural::variants(template);
        if variants.len() > 1 {
            return variants.iter().find_map(|v| parse_plain(v, text));
        }
    }
    parse_plain(template, text)
}

/// [`parse`] of a template without groups of forms.
fn parse_plain<'t>(template: &str, text: &'t str) -> Option<Vec<&'t str>> {
    let pieces: Vec<&str> = template.split("{}").collect();
    let (first, rest) = pieces.split_first()?;
    let mut left = text.strip_prefix(first)?;
    let mut args = Vec::new();
    for (i, piece) in rest.iter().enumerate() {
        let end = if i + 1 == rest.len() {
            // The last piece ends the text (asked with `ends_with`: the length alone may
            // cut a Cyrillic letter of the text in two).
            left.strip_suffix(*piece)?.len()
        } else {
            left.find(piece)?
        };
        args.push(&left[..end]);
        left = &left[end + piece.len()..];
    }
    left.is_empty().then_some(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_text_whose_end_is_a_letter_of_two_bytes_is_not_cut_inside_it() {
        // The report panicked wording a warning: its text was held against a template
        // whose last piece, counted back from the text's end, began inside a Cyrillic
        // letter.
        let all: Vec<&str> = ALL.iter().chain(&WARNINGS).copied().collect();
        for template in &all {
            let n = template.matches("{}").count();
            let args: Vec<String> = (0..n).map(|i| format!("«Развал-схождение {i}»")).collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let text = fill(template, &args);
            for other in &all {
                let read = parse(other, &text);
                assert_eq!(read.is_some(), other == template, "{text} as {other}");
            }
        }
    }

    #[test]
    fn every_reason_and_warning_reads_back_its_arguments() {
        let all: Vec<&str> = ALL.iter().chain(&WARNINGS).copied().collect();
        for template in all.iter().copied() {
            let n = template.matches("{}").count();
            let args: Vec<String> = (0..n).map(|i| format!("arg{i}")).collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let text = fill(template, &args);
            assert_eq!(parse(template, &text), Some(args), "{template}");
            for other in all.iter().filter(|o| **o != template) {
                assert_eq!(parse(other, &text), None, "{text} read as {other}");
            }
        }
    }

    #[test]
    fn a_text_with_more_after_a_fixed_reason_is_not_that_reason() {
        assert_eq!(parse(NUMBER, "not a number"), Some(vec![]));
        assert_eq!(parse(NUMBER, "not a number at all"), None);
    }
}
