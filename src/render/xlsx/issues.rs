//! The warnings under the rejected rows on the Data issues sheet: each message wrapped
//! over the sheet's width, its row as tall as its lines.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::Formats;
use crate::cli::Lang;
use crate::ingest::Warning;
use crate::render::i18n;

/// The column where a warning's message starts on the Data issues sheet (after the table
/// and the rows); it is merged from there to the sheet's last column.
const MESSAGE_COLUMN: u16 = 2;

/// The fewest characters' width a warning's message is given on the Data issues sheet.
const MESSAGE_WIDTH: f64 = 90.0;

/// The height in points of a row holding `text` wrapped over `width` characters' width
/// (Excel's column unit, a digit's width): its lines, word by word as Excel breaks them,
/// of 15 points each (Calibri 11). The letters of a sentence are wider than digits on
/// average, Cyrillic ones more so: a line holds a tenth fewer of them than the width, so
/// a message is never cut at its last line.
pub(super) fn wrapped_height(text: &str, width: f64) -> f64 {
    let per_line = ((width * 0.9).floor() as usize).max(1);
    let mut lines = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if used == 0 {
            used = n;
        } else if used + 1 + n <= per_line {
            used += 1 + n;
        } else {
            lines += 1;
            used = n;
        }
        // A word longer than a line takes as many lines as it fills.
        while used > per_line {
            lines += 1;
            used -= per_line;
        }
    }
    15.0 * lines as f64
}

/// The warnings' title on row `r` of the Data issues sheet `ws`, their header and one row
/// each below; `widths` are the widths of the sheet's columns.
pub(super) fn warnings(
    ws: &mut Worksheet,
    mut r: u32,
    widths: &[f64],
    warnings: &[Warning],
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(r, 0, i18n::t(lang, "ui.warnings"), &f.title)?;
    r += 1;
    // A message is a sentence or three: one cell ran far to the right of the
    // sheet and was cut when printed. It is merged over the columns from the
    // third to the last and wrapped there; Excel does not fit a merged row's
    // height to its text, so the height is set from the text's length.
    let (first, last_col) = (MESSAGE_COLUMN, widths.len().max(4) as u16 - 1);
    let mut room: f64 = widths
        .get(first as usize..=last_col as usize)
        .map_or(0.0, |w| w.iter().sum());
    if room < MESSAGE_WIDTH {
        // Without rejects the columns are as narrow as their labels.
        let widened = widths.get(last_col as usize).copied().unwrap_or(8.0);
        ws.set_column_width(last_col, widened + MESSAGE_WIDTH - room)?;
        room = MESSAGE_WIDTH;
    }
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let count = Format::new()
        .set_num_format("#,##0")
        .set_align(FormatAlign::Top);
    for (c, key) in ["col.table", "col.rows"].iter().enumerate() {
        ws.write_string_with_format(r, c as u16, i18n::t(lang, key), &f.header)?;
    }
    ws.merge_range(
        r,
        first,
        r,
        last_col,
        i18n::t(lang, "col.message"),
        &f.header,
    )?;
    for w in warnings {
        r += 1;
        let table = i18n::word(lang, "table", &w.table);
        ws.write_string_with_format(r, 0, table.as_deref().unwrap_or(&w.table), &top)?;
        if w.rows > 0 {
            ws.write_number_with_format(r, 1, w.rows as f64, &count)?;
        }
        let message = i18n::warning(lang, &w.message);
        let message = message.as_deref().unwrap_or(&w.message);
        ws.merge_range(r, first, r, last_col, message, &wrapped)?;
        ws.set_row_height(r, wrapped_height(message, room))?;
    }
    Ok(())
}
