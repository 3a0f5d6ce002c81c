//! The warnings of the workbooks and files a table is read from: cells merged over others
//! or formulas without a saved value, a table read from several sheets, a file whose name
//! hides its format, hidden sheets and sheets in view passed over, hidden columns passed
//! over for columns in view, a Parquet file's time stamps stored in UTC.

use super::warning;
use crate::ingest::reasons;
use crate::ingest::Warning;
use crate::schema::Table;

/// The warning of a column whose empty cells were read from a cell merged over them.
pub(in crate::ingest) fn merged(table: Table, m: &crate::ingest::read::merged::Merged) -> Warning {
    warning(
        table,
        m.cells,
        reasons::MERGED_CELLS,
        &[
            &m.cells.to_string(),
            &format!("«{}»", m.column),
            &m.place,
            &format!("«{}»", m.example),
            shown_by(&m.place),
        ],
    )
}

/// The program a workbook at `place` (a file, with `, sheet "…"` for its sheet) is opened
/// in, as the merged cells' warning names it: LibreOffice Calc for an OpenDocument
/// spreadsheet, Excel for the others (an HTML or XML export is made "for Excel"). The
/// warning said Excel of an .ods too.
fn shown_by(place: &str) -> &'static str {
    let file = place
        .rsplit_once(", sheet \"")
        .map_or(place, |(file, _)| file);
    let extension = std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("ods" | "fods") => "LibreOffice Calc",
        _ => "Excel",
    }
}

/// The warning of a column whose formulas have no saved value.
pub(in crate::ingest) fn unsaved(
    table: Table,
    u: &crate::ingest::read::formulas::Unsaved,
) -> Warning {
    warning(
        table,
        u.cells,
        reasons::UNSAVED_FORMULAS,
        &[
            &u.cells.to_string(),
            &format!("«{}»", u.column),
            &u.place,
            &u.at,
            &u.formula,
        ],
    )
}

/// The warning of a table read from several sheets of its workbook: the sheets with their
/// rows, and the `[files]` line that reads the first alone.
pub(in crate::ingest) fn sheets_read(
    table: Table,
    parts: &[crate::ingest::read::Part],
    path: &std::path::Path,
) -> Warning {
    let rows: u64 = parts.iter().map(|p| p.rows).sum();
    let sheets: Vec<String> = parts
        .iter()
        .map(|p| format!("«{}» ({})", p.sheet.as_deref().unwrap_or(""), p.rows))
        .collect();
    let file = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let first = parts
        .first()
        .and_then(|p| p.sheet.clone())
        .unwrap_or_default();
    Warning {
        table: table.name().to_string(),
        rows,
        message: reasons::fill(
            reasons::SHEETS_READ,
            &[
                &rows.to_string(),
                table.name(),
                &path.display().to_string(),
                &sheets.join(", "),
                &format!("{table} = \"{file}#{first}\""),
            ],
        ),
    }
}

/// The warning of a file read by what it holds, which its name does not say.
pub(in crate::ingest) fn disguised(table: Table, d: &crate::ingest::read::Disguised) -> Warning {
    let format = d.content.format();
    warning(
        table,
        d.rows,
        reasons::DISGUISED,
        &[
            &d.file,
            &d.named,
            format,
            &d.rows.to_string(),
            format,
            d.content.extension(),
        ],
    )
}

/// The warning of hidden sheets that hold the table too and were not read.
pub(in crate::ingest) fn hidden(table: Table, h: &crate::ingest::read::Hidden) -> Warning {
    let sheets: Vec<String> = h.sheets.iter().map(|s| format!("«{s}»")).collect();
    let name = std::path::Path::new(&h.file)
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let first = h.sheets.first().cloned().unwrap_or_default();
    warning(
        table,
        0,
        reasons::HIDDEN_SHEETS,
        &[
            &sheets.join(", "),
            &h.file,
            table.name(),
            &format!("{table} = \"{name}#{first}\""),
        ],
    )
}

/// The warning of a sheet in view that was not read, holding no header of the table: its
/// row nearest a header quoted, at most eight cells of it.
pub(in crate::ingest) fn skipped_sheet(table: Table, s: &crate::ingest::read::Skipped) -> Warning {
    if let Some(aside) = &s.aside {
        return set_aside(table, s, aside);
    }
    const SHOWN: usize = 8;
    let mut cells: Vec<String> = s
        .cells
        .iter()
        .take(SHOWN)
        .map(|c| format!("«{c}»"))
        .collect();
    if s.cells.len() > SHOWN {
        cells.push("…".to_string());
    }
    let cells = match cells.is_empty() {
        true => "—".to_string(),
        false => cells.join(", "),
    };
    warning(
        table,
        0,
        reasons::SKIPPED_SHEET,
        &[
            &s.sheet,
            &s.file,
            table.name(),
            &crate::schema::labels::english(&s.missing),
            &crate::schema::labels::russian(&s.missing),
            &cells,
            &format!("[columns.{table}]"),
        ],
    )
}

/// The warning of a Parquet time stamp column stored in UTC, read as the UTC clock shows it.
pub(in crate::ingest) fn utc_times(
    table: Table,
    u: &crate::ingest::read::parquet::UtcTimes,
) -> Warning {
    warning(
        table,
        u.values,
        reasons::UTC_TIMES,
        &[&format!("«{}»", u.column), &u.file, &u.values.to_string()],
    )
}

/// The warning of a sheet in view set aside as no sheet of the table, its header naming only
/// the columns another table or a summary has too; with the `[files]` line that reads it.
fn set_aside(
    table: Table,
    s: &crate::ingest::read::Skipped,
    aside: &crate::ingest::read::Aside,
) -> Warning {
    let name = std::path::Path::new(&s.file)
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let (reason, like) = match aside.like {
        Some(t) => (reasons::SHEET_OF_OTHER, t.name()),
        None => (reasons::SHEET_SUMMARY, ""),
    };
    let mut args: Vec<&str> = vec![&s.sheet, &s.file, table.name()];
    let named = aside.named.join(", ");
    args.push(&named);
    if !like.is_empty() {
        args.push(like);
    }
    let example = format!("{table} = \"{name}#{}\"", s.sheet);
    args.push(&example);
    warning(table, 0, reason, &args)
}

/// The warning of a hidden column passed over for a column in view that names its column
/// too: both by letter and header cell, and the name that reads the hidden one.
pub(in crate::ingest) fn hidden_column(
    table: Table,
    h: &crate::ingest::read::HiddenColumn,
) -> Warning {
    warning(
        table,
        h.rows,
        reasons::HIDDEN_COLUMN,
        &[
            &h.hidden.0,
            &format!("«{}»", h.hidden.1),
            &h.place,
            &format!("`{}`", h.column),
            &h.read.0,
            &format!("«{}»", h.read.1),
            &format!("columns.{table}"),
            h.column,
            &h.name,
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_merged_cells_of_an_ods_are_shown_by_libreoffice_calc() {
        // The warning said "as Excel shows it" of an .ods too.
        assert_eq!(
            shown_by(r#"data/lines.ods, sheet "Работы""#),
            "LibreOffice Calc"
        );
        assert_eq!(
            shown_by(r#"data/LINES.ODS, sheet "Лист1""#),
            "LibreOffice Calc"
        );
        assert_eq!(shown_by(r#"data/lines.xlsx, sheet "Sheet1""#), "Excel");
        assert_eq!(shown_by(r#"data/lines.xls, sheet "a.ods""#), "Excel");
        assert_eq!(shown_by("data/lines.html"), "Excel");
    }
}
