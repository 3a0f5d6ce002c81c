//! The page's tables: which rows of a table are shown (its latest, for a table of months;
//! at most [`MAX_ROWS`]), and those rows as an HTML table.

use super::{escape, page_cell, MAX_ROWS};
use crate::cli::Lang;
use crate::render::{i18n, ids_as_text, table_cells, Cell, ColumnKind, RenderError};

/// The cells of the rows a page shows of `df` (at most [`MAX_ROWS`]) and its height: only
/// those are turned into cells, not the hundreds of thousands of rows of a chain's lists.
///
/// A table of months (its first column `month`, `cohort` or `week`, sorted oldest first)
/// shows its latest rows: its first 200 were the oldest, and a page of cohorts stopped
/// seven months before M, a page of demand halfway through M's categories.
///
/// An id, phone, VIN or plate a table holds as a number is shown as text, as the CSV
/// writes it ([`ids_as_text`]): the page grouped `123456` as a count, `123 456`.
pub(super) fn shown(
    stem: &str,
    df: &polars::prelude::DataFrame,
    lang: Lang,
) -> Result<Shown, RenderError> {
    let latest = by_month(df);
    let rows = match latest {
        true => df.tail(Some(MAX_ROWS)),
        false => df.head(Some(MAX_ROWS)),
    };
    let as_text = ids_as_text(&rows).map_err(|source| RenderError::Table {
        table: stem.to_string(),
        source,
    })?;
    let rows = as_text.as_ref().unwrap_or(&rows);
    Ok((table_cells(stem, rows, lang)?, df.height(), latest))
}

/// The kind of each column of `df` as the page shows it ([`ColumnKind::of`]).
pub(super) fn page_kinds(df: &polars::prelude::DataFrame) -> Vec<ColumnKind> {
    df.columns()
        .iter()
        .map(|c| ColumnKind::of(c.name(), c.dtype()))
        .collect()
}

/// The cells a page shows of a table, the table's height, and whether they are its latest
/// rows (else its first).
pub(super) type Shown = (Vec<Vec<Cell>>, usize, bool);

/// Whether `df` is a table of months, oldest first: its first column says when.
fn by_month(df: &polars::prelude::DataFrame) -> bool {
    df.get_column_names()
        .first()
        .is_some_and(|c| matches!(c.as_str(), "month" | "cohort" | "week"))
}

/// An HTML table of labelled columns: the rows of `shown` (at most [`MAX_ROWS`] of the
/// table's `height`).
pub(super) fn table(
    lang: Lang,
    sign: &str,
    labels: &[String],
    kinds: &[ColumnKind],
    (columns, height, latest): &Shown,
) -> String {
    let height = *height;
    let mut out = String::from("<table><thead><tr>");
    for label in labels {
        out.push_str(&format!("<th>{}</th>", escape(label)));
    }
    out.push_str("</tr></thead><tbody>\n");
    for r in 0..columns.first().map_or(0, Vec::len).min(MAX_ROWS) {
        out.push_str("<tr>");
        for (c, cells) in columns.iter().enumerate() {
            let class = if kinds[c] == ColumnKind::Text {
                ""
            } else {
                " class=\"n\""
            };
            out.push_str(&format!(
                "<td{class}>{}</td>",
                escape(&page_cell(lang, kinds[c], &cells[r], sign))
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    if height > MAX_ROWS {
        let said = match latest {
            true => "ui.latest_rows_shown",
            false => "ui.rows_shown",
        };
        out.push_str(&format!(
            "<p class=\"note\">{MAX_ROWS} {} {height}</p>\n",
            i18n::t(lang, said)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_table_by_month_shows_its_latest_rows_not_its_oldest() {
        // 234 cohort rows, oldest first: the page showed the first 200 and stopped at the
        // 2026-03 cohort, seven months before M. It now ends at the newest.
        use polars::prelude::*;
        let months: Vec<String> = (0..234).map(|i| format!("m{i:03}")).collect();
        let df = df!("cohort" => &months, "size" => vec![1i64; 234]).unwrap();
        let (cells, height, latest) = shown("cohorts", &df, Lang::En).unwrap();
        assert_eq!((height, latest), (234, true));
        let html = table(
            Lang::En,
            "₽",
            &["cohort".into(), "size".into()],
            &[ColumnKind::Text, ColumnKind::Integer],
            &(cells, height, latest),
        );
        assert!(html.contains("m233") && html.contains("m034") && !html.contains("m033"));
        assert!(html.contains("200 latest rows shown of 234"));
        // A list keeps its first rows (its order is the order to call).
        let df = df!("client_id" => &months).unwrap();
        let (_, _, latest) = shown("winback", &df, Lang::En).unwrap();
        assert!(!latest);
    }

    #[test]
    fn regression_ids_held_as_numbers_are_shown_as_text_not_grouped() {
        // A table that computes an id as a number: the page grouped it as a count
        // (`123 456`, in Russian with a non-breaking space) and right-aligned it. It is
        // shown as the CSV writes it, a whole number without grouping, as text; a count
        // beside it stays grouped.
        use polars::prelude::*;
        let df = df!(
            "visit_id" => [123_456i64, 7],
            "client_id" => [1_234_567.0, 12.0],
            "phone" => [79_161_234_567i64, 84_957_654_321],
            "visits" => [1_234i64, 12],
        )
        .unwrap();
        let (cells, _, _) = shown("winback", &df, Lang::Ru).unwrap();
        assert_eq!(cells[0][0], Cell::Text("123456".into()));
        assert_eq!(cells[1][0], Cell::Text("1234567".into()));
        assert_eq!(cells[2][1], Cell::Text("84957654321".into()));
        assert_eq!(cells[3][0], Cell::Number(1234.0));
        let kinds = page_kinds(&df);
        assert_eq!(kinds[..3], [ColumnKind::Text; 3]);
        assert_eq!(kinds[3], ColumnKind::Integer);
        let html = table(
            Lang::Ru,
            "₽",
            &["a".into(), "b".into(), "c".into(), "d".into()],
            &kinds,
            &(cells, 2, false),
        );
        assert!(html.contains("<td>123456</td><td>1234567</td><td>79161234567</td>"));
        assert!(html.contains("<td class=\"n\">1\u{a0}234</td>"), "{html}");
    }
}
