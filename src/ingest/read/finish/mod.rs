//! The step every reader ends with: the header's required columns checked, the matched
//! columns kept under their canonical names and their text cleaned (no-value marks such as
//! a lone dash made empty), blank rows dropped, subtotals set aside and the table ended at
//! its total row. How text columns are cleaned is in [`clean`].

mod clean;
pub(in crate::ingest::read) mod wide;

pub(crate) use clean::cleaned;

use polars::prelude::*;

use super::footer::frame_footer;
use super::totals::{below_at, split_totals, Required, Subtotal};
use super::{Footer, RawTable, EXTRA, EXTRA_REASON, ROW};
use crate::ingest::cells::blank_no_value_marks;
use crate::ingest::header::{Header, Synonyms};
use crate::ingest::parallel::in_parallel;
use crate::ingest::repeated_header::frame_repeats;
use crate::ingest::IngestError;
use crate::schema::Kind;

/// Check the header's required columns, then keep only the matched columns under their
/// canonical names, drop blank rows, and end the table at the first total row (unless the
/// reader already did: `trimmed`). `frame` holds every source column (any names, in
/// order) plus `__row`, and may hold [`EXTRA`] after the source columns and
/// [`EXTRA_REASON`], which are kept for validation.
pub(crate) fn finish(
    frame: DataFrame,
    header: Header,
    synonyms: &Synonyms,
    place: &str,
    trimmed: bool,
) -> Result<RawTable, IngestError> {
    let table = synonyms.table();
    if let Some((column, name, base, count)) = synonyms.misplaced(&header) {
        return Err(IngestError::MisplacedName {
            table,
            place: place.to_string(),
            column,
            name,
            base,
            count,
        });
    }
    let missing = synonyms.missing_required(&header);
    if !missing.is_empty() {
        // A competitor price file with one column per competitor: no synonym would read
        // it, so the error says what it sees and which layout stoa reads.
        let sources: Vec<&str> = frame
            .get_column_names()
            .into_iter()
            .map(|n| n.as_str())
            .filter(|n| *n != ROW && *n != EXTRA_REASON)
            .collect();
        let prices = |i: usize| {
            sources
                .get(i)
                .is_some_and(|n| wide::frame_holds_prices(&frame, n, synonyms.currency()))
        };
        if let Some(e) = wide::wide_layout(table, &header, place, prices) {
            return Err(e);
        }
        return Err(IngestError::MissingColumns {
            table,
            place: place.to_string(),
            lacking: crate::ingest::Lacking::of(table, &missing),
            found: header
                .cells
                .iter()
                .filter(|c| !c.is_empty())
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", "),
        });
    }
    let names: Vec<PlSmallStr> = frame
        .get_column_names()
        .into_iter()
        // The fields past the header are a row's data for the blank and total rows' test
        // (a row of nothing else is rejected, not lost); their reason is not.
        .filter(|n| n.as_str() != ROW && n.as_str() != EXTRA_REASON)
        .cloned()
        .collect();
    let polars = |source| IngestError::Polars { table, source };
    let mut subtotals = Vec::new();
    let mut below = Vec::new();
    let mut footers = Vec::new();
    let mut header_repeats = Vec::new();
    let keep = if trimmed {
        None
    } else {
        // The header's rows repeated whole, found while every cell of a row is at hand.
        header_repeats = frame_repeats(&frame, &names, &header.written).map_err(polars)?;
        let required = Required::of(table, &header);
        let rows = data_rows(&frame, &names, &required).map_err(polars)?;
        subtotals = subtotals_at(&frame, &names, &rows.inside, place).map_err(polars)?;
        if let Some(under) = rows.below {
            below.push(below_at(&frame, &names, under, place).map_err(polars)?);
        }
        if let Some(&at) = rows.footer.first() {
            let first = below_at(&frame, &names, (at, rows.footer.len(), at), place);
            let first = first.map_err(polars)?;
            footers.push(Footer {
                place: place.to_string(),
                rows: first.rows,
                first: first.first,
                text: first.text,
            });
        }
        Some(rows.keep)
    };
    // Text columns are cleaned here, a pass over every cell, column by column on the cores.
    // Columns of other kinds are cleaned by validation, which parses most of them by their
    // distinct cells and can tell from those alone whether any cell needs cleaning.
    let is_text = |canonical: &str| {
        table
            .input_columns()
            .iter()
            .find(|c| c.name == canonical)
            .is_none_or(|c| c.kind == Kind::Text)
    };
    let mapped: Vec<(&Column, bool)> = header
        .mapping
        .iter()
        .map(|(canonical, &i)| Ok((frame.column(names[i].as_str())?, is_text(canonical))))
        .collect::<PolarsResult<_>>()
        .map_err(polars)?;
    let names_of: Vec<&str> = header.mapping.keys().copied().collect();
    let cleaned = in_parallel(
        &mapped.iter().zip(&names_of).collect::<Vec<_>>(),
        |((c, text), canonical)| match text {
            true => {
                let clean = cleaned(c)?;
                if !marks_blanked(table, canonical) {
                    return Ok(clean);
                }
                let blanked = blank_no_value_marks(Kind::Text, clean.as_ref().unwrap_or(c))?;
                Ok(blanked.or(clean))
            }
            false => Ok(None),
        },
    )
    .map_err(polars)?;
    let mut columns: Vec<Column> = Vec::with_capacity(header.mapping.len() + 1);
    for (((canonical, _), (c, _)), cleaned) in header.mapping.iter().zip(&mapped).zip(cleaned) {
        let c = cleaned.unwrap_or_else(|| (*c).clone());
        columns.push(c.with_name((*canonical).into()));
    }
    columns.push(frame.column(ROW).map_err(polars)?.clone());
    for hidden in [EXTRA, EXTRA_REASON] {
        if let Ok(c) = frame.column(hidden) {
            columns.push(c.clone());
        }
    }
    let mut frame = DataFrame::new(frame.height(), columns).map_err(polars)?;
    if let Some(keep) = keep {
        if keep.sum().unwrap_or(0) as usize != frame.height() {
            frame = frame.filter(&keep).map_err(polars)?;
        }
    }
    Ok(RawTable {
        frame,
        header,
        subtotals,
        below,
        footers,
        header_repeats,
        ..RawTable::default()
    })
}

/// Whether a text column's marks for "no value" (a lone dash, `NULL`) are made
/// empty: in every column but a required text that is no id (a brand, a line's
/// description, a competitor), where an empty cell would reject a real visit, line or
/// price for a cell that only says nothing; there the mark is kept as written. An
/// id of `-` is empty, and its row follows the rule of a required value missing.
fn marks_blanked(table: crate::schema::Table, canonical: &str) -> bool {
    table
        .input_columns()
        .iter()
        .find(|c| c.name == canonical)
        .is_none_or(|c| !c.required || c.name.ends_with("_id") || table.key() == Some(c.name))
}

/// The rows of a frame as [`data_rows`] decides them.
struct DataRows {
    /// The rows kept: data above the total row that ends the table.
    keep: BooleanChunked,
    /// The subtotals' indices.
    inside: Vec<usize>,
    /// The rows below the total row that are not blank: the total's index, how many, the
    /// first one's index.
    below: Option<(usize, usize, usize)>,
    /// The footer's rows, not kept: a line of one text cell after the last blank row of
    /// a table with no total row ([`super::footer`]).
    footer: Vec<usize>,
}

/// Which rows are data: a row is blank when it has no cell but white space (readers give
/// empty cells as null), and a row whose first cell that is not white space starts with a
/// total word (итого, всего, total; any case) and which gives none of a line's data
/// ([`Required::is_total`]) is a total row ([`super::totals`]): above the table's last complete
/// row a subtotal, set aside, else the end of the table, as for a workbook's rows. Typed
/// cells (numbers, dates, booleans) are never blank nor total words. Returns the rows
/// kept, the subtotals' indices and the rows below the end that are not blank. Done by hand over the columns: most rows are decided
/// by their first cell, and a lower-cased copy of every first cell cost seconds on
/// millions of rows.
fn data_rows(
    frame: &DataFrame,
    names: &[PlSmallStr],
    required: &Required,
) -> PolarsResult<DataRows> {
    let h = frame.height();
    // Per row: 0 = no cell but white space seen yet (blank if it stays so), 1 = data,
    // 3 = starts with a total word (at the column in `words`).
    let mut state = vec![0u8; h];
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut undecided = h;
    for (position, n) in names.iter().enumerate() {
        if undecided == 0 {
            break;
        }
        let c = frame.column(n.as_str())?;
        let d = c.dtype();
        if d.is_primitive_numeric() || d.is_temporal() || d.is_bool() {
            let valid = c.is_not_null();
            for (st, v) in state.iter_mut().zip(valid.iter()) {
                if *st == 0 && v == Some(true) {
                    *st = 1;
                    undecided -= 1;
                }
            }
            continue;
        }
        let text = c.cast(&DataType::String)?;
        let ca = text.str()?;
        let mut row = 0usize;
        for (arr, dyn_arr) in ca.downcast_iter().zip(ca.chunks()) {
            let validity = dyn_arr.validity();
            for (j, view) in arr.views().iter().enumerate() {
                let st = &mut state[row + j];
                if *st != 0 || validity.is_some_and(|v| !v.get_bit(j)) {
                    continue;
                }
                // A view holds its text's first four bytes, enough to tell most cells
                // without reaching the text itself.
                let head = view.prefix.to_le_bytes();
                *st = if plain_data(&head[..(view.length as usize).min(4)]) {
                    1
                } else {
                    // White space decides nothing: the row's next cell does.
                    match arr.value(j).trim() {
                        "" => continue,
                        t if is_total_word(t) => {
                            words.push((row + j, position));
                            3
                        }
                        _ => 1,
                    }
                };
                undecided -= 1;
            }
            row += arr.len();
        }
    }
    // Rows of total words are few: whether each is a total is asked of it alone.
    let filled = |row: usize, position: usize| -> PolarsResult<bool> {
        let c = frame.column(names[position].as_str())?;
        Ok(match c.get(row)? {
            AnyValue::Null => false,
            AnyValue::String(t) => !t.trim().is_empty(),
            AnyValue::StringOwned(t) => !t.trim().is_empty(),
            _ => true,
        })
    };
    let mut totals = Vec::new();
    for &(row, word) in &words {
        let cells = (0..names.len())
            .map(|p| filled(row, p))
            .collect::<PolarsResult<Vec<bool>>>()?;
        match required.is_total(word, |p| cells.get(p).copied().unwrap_or(false)) {
            true => totals.push(row),
            false => state[row] = 1,
        }
    }
    let (inside, end) = if totals.is_empty() {
        (Vec::new(), None)
    } else {
        split_totals(&totals, last_complete(frame, names, required, &state)?)
    };
    // Below the end every row that is not blank is counted: data (1) and total words (3)
    // alike, a second total (`Всего к оплате`) and a signature as much as a line of work.
    let below = end.and_then(|end| {
        let mut rows = state[end + 1..]
            .iter()
            .enumerate()
            .filter(|(_, &st)| st != 0);
        let (first, _) = rows.next()?;
        Some((end, rows.count() + 1, end + 1 + first))
    });
    // Under a total row the footer is among the rows below it, not read either way.
    let footer = match end {
        Some(_) => Vec::new(),
        None => frame_footer(frame, names, required, &state)?,
    };
    for &i in &footer {
        state[i] = 0;
    }
    let end = end.unwrap_or(h);
    let keep = state
        .iter()
        .enumerate()
        .map(|(i, &st)| i < end && st == 1)
        .collect::<BooleanChunked>()
        .with_name(ROW.into());
    Ok(DataRows {
        keep,
        inside,
        below,
        footer,
    })
}

/// The last data row that fills every required column (None if none does).
fn last_complete(
    frame: &DataFrame,
    names: &[PlSmallStr],
    required: &Required,
    state: &[u8],
) -> PolarsResult<Option<usize>> {
    if required.all.is_empty() {
        return Ok(None);
    }
    let mut complete: Option<BooleanChunked> = None;
    for &p in &required.all {
        let valid = frame.column(names[p].as_str())?.is_not_null();
        complete = Some(match complete {
            Some(c) => &c & &valid,
            None => valid,
        });
    }
    let complete = complete.expect("a required column");
    let last = complete
        .iter()
        .enumerate()
        .filter(|(i, c)| *c == Some(true) && state[*i] == 1)
        .map(|(i, _)| i)
        .next_back();
    Ok(last)
}

/// The subtotals at `rows` of the frame, for the warning: each one's row number and first
/// cell that is not empty.
fn subtotals_at(
    frame: &DataFrame,
    names: &[PlSmallStr],
    rows: &[usize],
    place: &str,
) -> PolarsResult<Vec<Subtotal>> {
    let numbers = frame.column(ROW)?;
    let mut out = Vec::with_capacity(rows.len());
    for &i in rows {
        let mut text = String::new();
        for n in names {
            let v = frame.column(n.as_str())?.get(i)?;
            let t = match v {
                AnyValue::Null => continue,
                AnyValue::String(t) => t.trim().to_string(),
                AnyValue::StringOwned(t) => t.trim().to_string(),
                v => v.to_string(),
            };
            if !t.is_empty() {
                text = t;
                break;
            }
        }
        let row = match numbers.get(i)? {
            AnyValue::UInt32(r) => r,
            v => v.extract::<u32>().unwrap_or(0),
        };
        out.push(Subtotal {
            place: place.to_string(),
            row,
            text,
        });
    }
    Ok(out)
}

/// Whether a cell is certainly data by its first bytes alone (nearly every cell): it
/// starts with no white space and with no letter of a total word's first (и, в, t, in
/// either case).
fn plain_data(b: &[u8]) -> bool {
    match b {
        [] => false,
        [f, ..] if may_start_space(*f) || matches!(f, b't' | b'T') => false,
        // и И в В о О: D0 B8, D0 98, D0 B2, D0 92, D0 BE, D0 9E.
        [0xd0, 0xb8 | 0x98 | 0xb2 | 0x92 | 0xbe | 0x9e, ..] => false,
        _ => true,
    }
}

/// Whether trimmed text starts with a total word, whole: `Итого`, `Итого:`, `ИТОГО по
/// филиалу`, `Итог` (Russian Excel's total row of a table), `Всего`, `Total`, `Totals`,
/// `Общий итог` (the grand total of Excel's pivot table); not `Итогов` (a surname) nor
/// `Totalgaz`.
pub(crate) fn is_total_word(t: &str) -> bool {
    // Lower-casing works char by char: a first char that does not lower-case to и, в, о or
    // t starts no total word (and nearly every row is decided here, without allocating).
    let first = t.chars().next().and_then(|c| c.to_lowercase().next());
    if first == Some('о') {
        return grand_total(t);
    }
    if !matches!(first, Some('и' | 'в' | 't')) {
        return false;
    }
    let word: String = t
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(7)
        .collect::<String>()
        .to_lowercase();
    matches!(
        word.as_str(),
        "итого" | "итог" | "всего" | "total" | "totals"
    )
}

/// Whether text starts with `общий итог` (any case, any white space between), whole.
fn grand_total(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let lower_is = |w: Option<&str>, goal: &str| {
        w.is_some_and(|w| {
            let letters: String = w.chars().take_while(|c| c.is_alphabetic()).collect();
            letters.to_lowercase() == goal
                && w[letters.len()..].chars().all(|c| !c.is_alphanumeric())
        })
    };
    lower_is(words.next(), "общий") && lower_is(words.next(), "итог")
}

/// Whether a character starting with this byte may be white space: ASCII white space, or
/// the first byte of a multi-byte white space (U+0085, U+00A0: C2; U+1680: E1; U+2000 to
/// U+205F: E2; U+3000: E3). Cyrillic letters start with D0 or D1.
pub(super) fn may_start_space(b: u8) -> bool {
    matches!(
        b,
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_taken_as_data_by_its_first_bytes_is_data_when_trimmed_and_folded() {
        // Every character up to U+3100 (all white space and both alphabets) in front of
        // texts that are total words after it, and the total words in both cases.
        let slow = |v: &str| {
            let t = v.trim();
            !t.is_empty() && !is_total_word(t)
        };
        let mut cells: Vec<String> = [
            "Итого",
            "ИТОГО",
            "всего",
            "Всего:",
            "Total",
            "TOTAL",
            "Итог",
            "Totals",
            "Общий итог",
            "ОБЩИЙ ИТОГ",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            for tail in ["", "того", "тог", "сего", "otal", "otals", "бщий итог", "x"]
            {
                cells.push(format!("{c}{tail}"));
            }
        }
        for v in &cells {
            if plain_data(v.as_bytes()) {
                assert!(slow(v), "{v:?}");
            }
        }
        assert!(plain_data("ЗН-0000001".as_bytes()) && !plain_data("итого".as_bytes()));
    }

    #[test]
    fn a_total_word_ends_the_table_only_whole() {
        for t in [
            "Итого",
            "ИТОГО по филиалу",
            "Итого:",
            "Итог",
            "Всего 12",
            "Total",
            "Totals",
            "Общий итог",
            "Общий итог:",
            "ОБЩИЙ  ИТОГ по станциям",
        ] {
            assert!(is_total_word(t), "{t}");
        }
        for t in [
            "Общий",
            "Общий итоговый",
            "Оплата",
            "Общийитог",
            "Итогова Мария",
            "Всеволод",
            "Totalgaz",
            "Тотал",
            "Итоговый отчёт",
        ] {
            assert!(!is_total_word(t), "{t}");
        }
    }

    #[test]
    fn a_total_above_a_complete_row_is_a_subtotal_and_a_line_of_total_oil_is_data() {
        // The work first (required text), then the visit (required text) and the amount
        // (required), as an export that starts with `Номенклатура`.
        let work = [
            Some("ТО"),
            Some("Итого по мастеру"),
            Some("Total Quartz"),
            Some("ТО"),
        ];
        let visit = [Some("V1"), None, Some("V2"), Some("V2")];
        let amount = [Some("1"), Some("1"), Some("2"), Some("3")];
        let frame = df!(
            "a" => [&work[..], &[Some("Итого"), Some("Подпись")]].concat(),
            "b" => [&visit[..], &[None, None]].concat(),
            "c" => [&amount[..], &[Some("6"), None]].concat()
        )
        .unwrap();
        let required = Required {
            all: vec![0, 1, 2],
            text: vec![0, 1],
            items: vec![],
        };
        let names: Vec<PlSmallStr> = vec!["a".into(), "b".into(), "c".into()];
        let rows = data_rows(&frame, &names, &required).unwrap();
        let keep: Vec<Option<bool>> = rows.keep.iter().collect();
        let want = [true, false, true, true, false, false];
        assert_eq!(keep, want.map(Some));
        assert_eq!(rows.inside, [1]);
        // The signature below the total: one row, at index 5.
        assert_eq!(rows.below, Some((4, 1, 5)));
    }

    #[test]
    fn data_rows_decide_by_the_first_cell_across_chunks() {
        // Two chunks (as batches of a CSV give): a long and a short data cell, a blank
        // cell decided by the next column, an empty row, white space of every length
        // around four bytes, and a total row ending the table before the last data row.
        let first = |v: &[Option<&str>]| Column::new("a".into(), v);
        let mut frame = df!("a" => [Some("ЗН-0000001"), Some("x"), Some("  "), None],
                            "b" => [Some("1"), None, Some("2"), None])
        .unwrap();
        let tail = DataFrame::new(
            4,
            vec![
                first(&[
                    Some("    "),
                    Some("\u{a0}\u{a0}\u{a0}"),
                    Some("  Итого:"),
                    Some("B"),
                ]),
                Column::new("b".into(), [Some("3"), None, Some("9"), Some("4")]),
            ],
        )
        .unwrap();
        frame.vstack_mut_owned(tail).unwrap();
        assert_eq!(frame.first_col_n_chunks(), 2);
        let keep = data_rows(&frame, &["a".into(), "b".into()], &Required::default())
            .unwrap()
            .keep;
        let keep: Vec<Option<bool>> = keep.iter().collect();
        let want = [true, true, true, false, true, false, false, false];
        assert_eq!(keep, want.map(Some));
    }
}
