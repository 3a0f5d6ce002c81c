//! A footer under a table: 1C and hand-kept registers end an export with a blank row and
//! a line of one cell (`Ответственный: ____ Сидоров А. А.`, `Выгружено из 1С 01.11.2026
//! 10:15`). Without a total row above it nothing ended the table there, and the line was
//! read as a row: a client or an agent named by the signature (until session 30). Such
//! rows are set aside as the rows below a total row are ([`super::totals`]): not read, not
//! counted among the rows read, and named in a warning, so that rows read are still rows
//! accepted plus rows rejected.

use polars::prelude::*;

use super::sheet::is_blank;
use super::totals::Required;
use super::ROW;

/// What a row at a table's end is, for finding its footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// No cell but white space.
    Blank,
    /// One text cell and nothing else, worded as a note ([`is_note`]).
    Note,
    /// Anything else: a row of data.
    Data,
}

/// Whether the one filled cell of a row reads as a note rather than data: it holds a
/// letter (a number or a date alone is a value), and either the row leaves a required
/// column empty, so that it could only be rejected, or the cell has words or a label's
/// colon (`Подпись:`), which no id has: a row of a single required column (an agent's
/// code alone) stays a row.
pub(crate) fn is_note(text: &str, complete: bool) -> bool {
    text.chars().any(char::is_alphabetic)
        && (!complete
            || text
                .trim()
                .contains(|c: char| c.is_whitespace() || c == ':'))
}

/// The footer's rows among a table's rows, given from its last row up (index and shape):
/// the notes after the table's last blank row (or rows), where every row after it is a
/// note or blank and a row of data is above it. Ascending; empty when there is none. A
/// row of data after a blank row ends the search: it is read, and so is any note above it.
pub(crate) fn footer_rows(from_the_end: impl Iterator<Item = (usize, Shape)>) -> Vec<usize> {
    let mut notes = Vec::new();
    // Whether the rows seen so far start (from the top) with a blank row.
    let mut blank_above = false;
    for (i, shape) in from_the_end {
        match shape {
            Shape::Blank => blank_above = true,
            Shape::Note => {
                notes.push(i);
                blank_above = false;
            }
            Shape::Data => {
                if !blank_above {
                    notes.clear();
                }
                notes.reverse();
                return notes;
            }
        }
    }
    Vec::new()
}

/// The footer's rows of a sheet's rows from `first` on (indices in the range; see
/// [`footer_rows`]), read from the last row up until a row of data.
pub(super) fn sheet_footer(
    range: &calamine::Range<calamine::Data>,
    first: usize,
    required: &Required,
) -> Vec<usize> {
    let shape = |row: &[calamine::Data]| {
        let mut filled = row.iter().enumerate().filter(|(_, c)| !is_blank(c));
        match (filled.next(), filled.next()) {
            (None, _) => Shape::Blank,
            (Some((p, calamine::Data::String(s))), None)
                if is_note(s, required.complete(|q| q == p)) =>
            {
                Shape::Note
            }
            _ => Shape::Data,
        }
    };
    let rows = range.rows().enumerate().skip(first).rev();
    footer_rows(rows.map(|(i, row)| (i, shape(row))))
}

/// The footer's rows of a frame of every source column (`names`) as a reader gives it,
/// whose rows' `state` is 0 where blank (`finish`'s), read from the last row up until a
/// row of data. A CSV read as Excel reads it leaves its blank lines out: a gap in the
/// rows' line numbers ([`ROW`]) is a blank row too.
pub(super) fn frame_footer(
    frame: &DataFrame,
    names: &[PlSmallStr],
    required: &Required,
    state: &[u8],
) -> PolarsResult<Vec<usize>> {
    let numbers = frame.column(ROW)?.cast(&DataType::UInt32)?;
    let numbers = numbers.u32()?;
    let shape = |i: usize| -> PolarsResult<Shape> {
        if state[i] == 0 {
            return Ok(Shape::Blank);
        }
        let mut filled = Vec::new();
        for (p, n) in names.iter().enumerate() {
            let v = frame.column(n.as_str())?.get(i)?;
            let text = match &v {
                AnyValue::Null => continue,
                AnyValue::String(t) => Some(t.trim()),
                AnyValue::StringOwned(t) => Some(t.trim()),
                _ => None,
            };
            if text != Some("") {
                filled.push((p, text.map(str::to_string)));
            }
            if filled.len() > 1 {
                return Ok(Shape::Data);
            }
        }
        Ok(match filled.first() {
            Some((p, Some(t))) if is_note(t, required.complete(|q| q == *p)) => Shape::Note,
            Some(_) => Shape::Data,
            None => Shape::Blank,
        })
    };
    // Each row from the last up, and a blank row above it where its line number leaves one.
    let mut rows = Vec::new();
    for i in (0..frame.height()).rev() {
        let s = shape(i)?;
        rows.push((i, s));
        if s == Shape::Data {
            break;
        }
        let gap = i > 0
            && matches!((numbers.get(i), numbers.get(i - 1)), (Some(a), Some(b)) if a > b + 1);
        if gap {
            rows.push((i, Shape::Blank));
        }
    }
    Ok(footer_rows(rows.into_iter()))
}

/// The footer rows of a file or sheet, set aside: how many, the first one's row number
/// and its cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Footer {
    /// The file (and sheet) they are in, as messages name it.
    pub place: String,
    /// How many rows.
    pub rows: u64,
    /// The first one's row number, as the user sees it.
    pub first: u32,
    /// The first one's cell.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Shape::*;

    /// [`footer_rows`] of shapes given top to bottom.
    fn footer(shapes: &[Shape]) -> Vec<usize> {
        footer_rows(shapes.iter().copied().enumerate().rev())
    }

    #[test]
    fn notes_after_the_last_blank_row_are_the_footer() {
        assert_eq!(footer(&[Data, Data, Blank, Note]), [3]);
        assert_eq!(footer(&[Data, Blank, Blank, Note, Blank]), [3]);
        // A signature and the export's time, a blank row between them.
        assert_eq!(footer(&[Data, Blank, Note, Blank, Note]), [2, 4]);
        assert_eq!(footer(&[Data, Blank, Note, Note]), [2, 3]);
    }

    #[test]
    fn rows_of_data_after_a_blank_row_are_read() {
        // A row of data after the blank row: read, and the note above it too.
        assert_eq!(footer(&[Data, Blank, Data]), Vec::<usize>::new());
        assert_eq!(footer(&[Data, Blank, Note, Data]), Vec::<usize>::new());
        // After it, a blank row and a note: the footer is the note.
        assert_eq!(footer(&[Data, Blank, Data, Blank, Note]), [4]);
        // A note with no blank row above it, or no data at all.
        assert_eq!(footer(&[Data, Note]), Vec::<usize>::new());
        assert_eq!(footer(&[Data, Note, Blank]), Vec::<usize>::new());
        assert_eq!(footer(&[Blank, Note]), Vec::<usize>::new());
        assert_eq!(footer(&[]), Vec::<usize>::new());
    }

    #[test]
    fn regression_a_signature_under_a_csvs_last_blank_row_is_its_footer() {
        // Clients: code (required) and name. Line 5 is blank (all empty), line 6 the
        // signature in the code's column; a CSV read as Excel reads it leaves blank lines
        // out, so line 9's note is below a gap in the line numbers (7, 8).
        let frame = df!(
            "a" => [Some("C1"), Some("C2"), None, Some("Ответственный: ____ Сидоров А. А."), Some("Подпись")],
            "b" => [Some("Иванов"), Some("Петров"), None, None, None],
            ROW => [2u32, 3, 5, 6, 9],
        )
        .unwrap();
        let names: Vec<PlSmallStr> = vec!["a".into(), "b".into()];
        let required = Required {
            all: vec![0],
            text: vec![0],
            items: vec![],
        };
        let state = [1, 1, 0, 1, 1];
        // `Подпись` alone in the only required column, one word: a client's code as far
        // as can be told, so the search stops there.
        assert_eq!(
            frame_footer(&frame, &names, &required, &state).unwrap(),
            Vec::<usize>::new()
        );
        let both = Required {
            all: vec![0, 1],
            ..required.clone()
        };
        assert_eq!(frame_footer(&frame, &names, &both, &state).unwrap(), [3, 4]);
        // A full row after the blank row is read.
        let frame = df!(
            "a" => [Some("C1"), None, Some("C3")],
            "b" => [Some("Иванов"), None, Some("Сидоров")],
            ROW => [2u32, 3, 4],
        )
        .unwrap();
        let got = frame_footer(&frame, &names, &both, &[1, 0, 1]).unwrap();
        assert_eq!(got, Vec::<usize>::new());
    }

    #[test]
    fn regression_the_time_of_an_export_under_a_sheets_last_blank_row_is_its_footer() {
        // Agents: header, one agent (code, name, commission), a blank row, then 1C's
        // `Выгружено из 1С …` in the code's column: it was an agent.
        use calamine::{Data, Range};
        let mut range: Range<Data> = Range::new((0, 0), (3, 2));
        let text = |s: &str| Data::String(s.to_string());
        for (c, v) in ["Код агента", "Наименование", "Комиссия, %"]
            .iter()
            .enumerate()
        {
            range.set_value((0, c as u32), text(v));
        }
        range.set_value((1, 0), text("АГ-1"));
        range.set_value((1, 1), text("Парковка у ТЦ"));
        range.set_value((1, 2), Data::Float(5.0));
        range.set_value((3, 0), text("Выгружено из 1С 01.11.2026 10:15"));
        let required = Required {
            all: vec![0],
            text: vec![0],
            items: vec![],
        };
        assert_eq!(sheet_footer(&range, 1, &required), [3]);
        // A number alone is a value, not a note: read (and rejected or not) as before.
        range.set_value((3, 0), Data::Float(12.0));
        assert_eq!(sheet_footer(&range, 1, &required), Vec::<usize>::new());
    }

    #[test]
    fn a_note_has_letters_and_an_id_alone_is_a_row() {
        assert!(is_note("Ответственный: ____ Сидоров А. А.", true));
        assert!(is_note("Выгружено из 1С 01.11.2026 10:15", true));
        assert!(is_note("Подпись:", true));
        // A cell of a row that leaves a required column empty can only be rejected.
        assert!(is_note("Подпись", false));
        // A code alone in a table of one required column is a row of it.
        assert!(!is_note("АГ-7", true));
        // Numbers and dates alone are values.
        assert!(!is_note("12 500,00", false));
        assert!(!is_note("01.11.2026 10:15", false));
    }
}
