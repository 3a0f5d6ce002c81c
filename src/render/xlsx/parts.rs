//! Tables past Excel's rows: a sheet holds 1 048 576 rows, and a large chain's client lists
//! pass a million, so such a table goes on over numbered sheets instead of failing the
//! workbook.

use polars::prelude::DataFrame;

use super::{i18n, unique_name, FIRST_ROW};
use crate::cli::Lang;

/// The rows of an Excel sheet, the most any sheet holds.
const EXCEL_ROWS: u32 = 1_048_576;

/// The data rows one table sheet holds below its title and header. A longer table (a
/// large chain's client lists pass a million rows) goes on over numbered sheets, `Name
/// (2)`, `Name (3)`, … each titled with the rows it holds; `tables/` keeps it in one file.
///
/// ```
/// // Excel's 1 048 576 rows, less the title and the header.
/// assert_eq!(stoa::render::xlsx::SHEET_ROWS, 1_048_574);
/// ```
pub const SHEET_ROWS: usize = (EXCEL_ROWS - FIRST_ROW) as usize;

/// One sheet of a table: the whole table, or the rows one sheet holds of a longer one.
pub(super) struct Sheet<'a> {
    /// The table's file stem.
    pub(super) stem: &'a str,
    /// The rows on this sheet (a zero-copy slice of the table).
    pub(super) rows: DataFrame,
    /// The sheet's name, unique in the workbook.
    pub(super) name: String,
    /// Which rows these are, for a table over several sheets.
    pub(super) part: Option<Part>,
}

impl Sheet<'_> {
    /// The sheet's title: `title`, then the rows it holds when its table goes on over
    /// several sheets.
    pub(super) fn title(&self, title: String, lang: Lang) -> String {
        match &self.part {
            Some(part) => format!("{title} — {}", part.label(lang)),
            None => title,
        }
    }
}

/// The rows of a table over several sheets that one sheet holds.
pub(super) struct Part {
    /// The rows, 0-based, end excluded.
    pub(super) rows: std::ops::Range<usize>,
    /// The table's rows in all.
    of: usize,
}

impl Part {
    /// `rows 1,048,575–2,097,148 of 2,300,000` (`строки 1 048 575–2 097 148 из 2 300 000`):
    /// 1-based, as a reader counts rows, the thousands apart as `lang` writes them (English
    /// had spaces, as Russian has).
    fn label(&self, lang: Lang) -> String {
        let n = |v: usize| crate::render::html::thousands(lang, &v.to_string());
        format!(
            "{} {}–{} {} {}",
            i18n::t(lang, "ui.rows"),
            n(self.rows.start + 1),
            n(self.rows.end),
            i18n::t(lang, "ui.of"),
            n(self.of)
        )
    }
}

/// The row ranges of the sheets a table of `height` rows takes, at most `per_sheet` rows
/// each; an empty table still has its (empty) sheet.
fn sheet_rows(height: usize, per_sheet: usize) -> Vec<std::ops::Range<usize>> {
    if height == 0 {
        return std::iter::once(0..0).collect();
    }
    (0..height)
        .step_by(per_sheet.max(1))
        .map(|start| start..(start + per_sheet.max(1)).min(height))
        .collect()
}

/// The sheets of one table named `base` (made unique in `used`), at most `per_sheet` rows
/// each: `base`, then `base (2)`, `base (3)`, … within Excel's 31 characters.
pub(super) fn sheets_of<'a>(
    stem: &'a str,
    df: &DataFrame,
    base: String,
    used: &mut Vec<String>,
    per_sheet: usize,
) -> Vec<Sheet<'a>> {
    let ranges = sheet_rows(df.height(), per_sheet);
    let several = ranges.len() > 1;
    let first = unique_name(used, base);
    ranges
        .into_iter()
        .enumerate()
        .map(|(k, rows)| {
            let name = if k == 0 {
                first.clone()
            } else {
                let suffix = format!(" ({})", k + 1);
                let keep = 31 - suffix.chars().count();
                unique_name(used, first.chars().take(keep).collect::<String>() + &suffix)
            };
            Sheet {
                stem,
                rows: df.slice(rows.start as i64, rows.len()),
                name,
                part: several.then(|| Part {
                    rows,
                    of: df.height(),
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_takes_as_many_sheets_as_its_rows_need() {
        assert_eq!(sheet_rows(5, 2), [0..2, 2..4, 4..5]);
        assert_eq!(sheet_rows(4, 2), [0..2, 2..4]);
        assert_eq!(sheet_rows(1, 2), [(0, 1)].map(|(a, b)| a..b));
        // An empty table keeps its sheet, with its header.
        assert_eq!(sheet_rows(0, 2), [(0, 0)].map(|(a, b)| a..b));
        // Excel's last row is 1 048 576; the title and header take two.
        assert_eq!(SHEET_ROWS, 1_048_574);
        assert_eq!(sheet_rows(SHEET_ROWS + 1, SHEET_ROWS).len(), 2);
    }

    #[test]
    fn regression_part_labels_group_thousands_as_the_language_does() {
        // English labels read `rows 1 048 575–…` with spaces.
        let part = Part {
            rows: 1_048_574..2_097_148,
            of: 2_300_000,
        };
        assert!(part
            .label(Lang::En)
            .ends_with(" 1,048,575–2,097,148 of 2,300,000"));
        assert!(part
            .label(Lang::Ru)
            .ends_with(" 1 048 575–2 097 148 из 2 300 000"));
    }
}
