//! `report.html`: one self-contained page — inline CSS, the charts as inline SVG, no script
//! and nothing loaded from the network — with the KPIs and their changes, every table, a
//! table of contents linking the sections, the definitions and the data issues. Printable:
//! the contents and the back links are hidden on paper.

use super::charts::Drawn;
use super::xlsx::{feedback_scales, kpi_changes, kpi_rows, Change};
use super::{
    definitions, i18n, ids_as_text, metric_kind, table_cells, Cell, ColumnKind, RenderError,
    RenderInput,
};
use crate::cli::Lang;

/// Rows of a table shown on the page; the workbook and the CSV have them all.
pub const MAX_ROWS: usize = 200;

const STYLE: &str =
    "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222;max-width:1200px}\
h1{font-size:1.6em}h2{border-bottom:2px solid #1f77b4;padding-bottom:.2em;margin-top:2em}\
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}\
th,td{border:1px solid #ccc;padding:.25em .6em}th{background:#dce6f1;text-align:left}\
td.n{text-align:right;white-space:nowrap}.up{color:#2a7d2a}.down{color:#b22}\
nav ul{columns:3}figure{margin:1em 0}figure svg{max-width:100%;height:auto}\
p.note{color:#666;font-size:.85em}a.top{font-size:.8em}\
@media print{nav,a.top{display:none}section{page-break-inside:avoid}body{margin:0}}";

/// Escape text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Thousands separated by a space in the integer part of a formatted number:
/// `-1234567.5` → `-1 234 567.5`.
pub fn group_digits(number: &str) -> String {
    let (sign, rest) = match number.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", number),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
}

/// A number as the reader of `lang` writes it ([`group_digits`]'s spaces the thousands'
/// separator): in English a comma between thousands (`12,000.50`), as the workbook's
/// `#,##0.00` shows it in an English Excel (the page wrote `12 000.50`); in Russian a
/// decimal comma and a non-breaking space between thousands, as a Russian Excel writes
/// them (a plain space did not read back as a number when a table was copied from the
/// page into Excel).
pub fn localise(lang: Lang, text: String) -> String {
    match lang {
        Lang::En => text.replace(' ', ","),
        Lang::Ru => text.replace('.', ",").replace(' ', "\u{a0}"),
    }
}

/// The text of a cell of `kind`.
pub fn format_cell(lang: Lang, kind: ColumnKind, cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        Cell::Text(s) => s.clone(),
        Cell::Number(v) => {
            // What rounds to zero is `0.00`, not `-0.00` ([`super::settled`]).
            let v = super::settled(*v, kind.decimals());
            localise(
                lang,
                match kind {
                    ColumnKind::Money => group_digits(&format!("{v:.2}")),
                    ColumnKind::Rate => format!("{:.1}%", v * 100.0),
                    ColumnKind::Integer => group_digits(&format!("{v:.0}")),
                    ColumnKind::Ordinal => format!("{v:.0}"),
                    // Two decimals, as the workbook shows them: trimmed, `137.14` stood
                    // beside `240` in one column and the decimal points did not line up.
                    _ => group_digits(&format!("{v:.2}")),
                },
            )
        }
    }
}

/// The text of a cell of `kind` on the page: [`format_cell`], money with the currency's
/// `sign` where `lang` writes it (`1 234,50 ₽`, `$1,234.50`: [`crate::config::with_sign`]),
/// as the workbook's money format shows it; before, the page's amounts named no currency.
/// The space before a sign that follows does not break.
pub fn page_cell(lang: Lang, kind: ColumnKind, cell: &Cell, sign: &str) -> String {
    let text = format_cell(lang, kind, cell);
    match (kind, cell) {
        (ColumnKind::Money, Cell::Number(_)) => crate::config::with_sign(lang, &text, sign),
        _ => text,
    }
}

/// KPIs for which a rise is bad news: their changes are coloured the other way round.
const LOWER_IS_BETTER: [&str; 2] = ["comeback_rate", "no_shows"];

/// The text and colour class of a change (`up` green, `down` red; `better_low` swaps them).
fn format_change(lang: Lang, change: Option<Change>, better_low: bool) -> (String, &'static str) {
    // Only the number is localised: the unit "п.п." keeps its dots. What rounds to zero
    // is `0.0` without a sign or a colour (it read `-0,0 п.п.` in red).
    let signed = |x: f64| match x == 0.0 {
        true => format!("{:.1}", 0.0),
        false => format!("{x:+.1}"),
    };
    let (value, text) = match change.map(Change::settled) {
        None => return (String::new(), ""),
        Some(Change::Relative(x)) => (x, localise(lang, format!("{}%", signed(x * 100.0)))),
        Some(Change::Points(x)) => (
            x,
            format!("{} {}", localise(lang, signed(x)), i18n::t(lang, "ui.pp")),
        ),
    };
    let class = match (value > 0.0, value < 0.0, better_low) {
        (true, _, false) | (_, true, true) => "up",
        (true, _, true) | (_, true, false) => "down",
        _ => "",
    };
    (text, class)
}

/// The cells of the rows a page shows of `df` (at most [`MAX_ROWS`]) and its height: only
/// those are turned into cells, not the hundreds of thousands of rows of a chain's lists.
///
/// A table of months (its first column `month`, `cohort` or `week`, sorted oldest first)
/// shows its latest rows: its first 200 were the oldest, and a page of cohorts stopped
/// seven months before M, a page of demand halfway through M's categories.
///
/// An id, phone, VIN or plate a table holds as a number is shown as text, as the CSV
/// writes it ([`ids_as_text`]): the page grouped `123456` as a count, `123 456`.
fn shown(stem: &str, df: &polars::prelude::DataFrame, lang: Lang) -> Result<Shown, RenderError> {
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
fn page_kinds(df: &polars::prelude::DataFrame) -> Vec<ColumnKind> {
    df.columns()
        .iter()
        .map(|c| ColumnKind::of(c.name(), c.dtype()))
        .collect()
}

/// The cells a page shows of a table, the table's height, and whether they are its latest
/// rows (else its first).
type Shown = (Vec<Vec<Cell>>, usize, bool);

/// Whether `df` is a table of months, oldest first: its first column says when.
fn by_month(df: &polars::prelude::DataFrame) -> bool {
    df.get_column_names()
        .first()
        .is_some_and(|c| matches!(c.as_str(), "month" | "cohort" | "week"))
}

/// An HTML table of labelled columns: the rows of `shown` (at most [`MAX_ROWS`] of the
/// table's `height`).
fn table(
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

/// The page.
pub fn page(input: &RenderInput, charts: &[Drawn]) -> Result<String, RenderError> {
    let lang = input.lang;
    let sign = crate::config::currency_sign(input.currency);
    let t = |k: &str| escape(i18n::t(lang, k));
    let title = format!(
        "{} — {} — {}",
        i18n::t(lang, "ui.report"),
        input.station,
        input.period.month
    );
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        if lang == Lang::En { "en" } else { "ru" },
        escape(&title)
    ));
    out.push_str(&format!(
        "<h1 id=\"top\">{}</h1>\n<p>{} {} · {}: {}</p>\n",
        escape(&title),
        t("ui.as_of"),
        input.period.as_of.format("%Y-%m-%d"),
        t("ui.currency"),
        escape(input.currency)
    ));

    // Contents: fixed parts, then a link per table.
    let tables: Vec<&(String, polars::prelude::DataFrame)> =
        input.tables.iter().filter(|(s, _)| s != "kpi").collect();
    out.push_str(&format!("<nav><h2>{}</h2><ul>\n", t("ui.contents")));
    let mut links = vec![("summary".to_string(), i18n::sheet(lang, "summary"))];
    if !charts.is_empty() {
        links.push(("charts".to_string(), i18n::t(lang, "ui.charts").to_string()));
    }
    links.extend(
        tables
            .iter()
            .map(|(s, _)| (format!("table-{s}"), i18n::sheet(lang, s))),
    );
    links.push(("definitions".to_string(), i18n::sheet(lang, "definitions")));
    links.push(("data-issues".to_string(), i18n::sheet(lang, "data_issues")));
    for (id, name) in &links {
        out.push_str(&format!(
            "<li><a href=\"#{id}\">{}</a></li>\n",
            escape(name)
        ));
    }
    out.push_str("</ul></nav>\n");
    let back = format!("<a class=\"top\" href=\"#top\">{}</a>\n", t("ui.top"));

    // Summary: the KPIs with their changes.
    out.push_str(&format!(
        "<section id=\"summary\"><h2>{}</h2>\n",
        escape(&i18n::sheet(lang, "summary"))
    ));
    if let Some(kpi) = input.table("kpi") {
        let [m, m1, m12] = input.period.compared().map(|m| m.to_string());
        out.push_str(&format!(
            "<table><thead><tr><th>{}</th><th>{m}</th><th>{m1}</th><th>{m12}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
            t("col.metric"),
            t("ui.change_prev"),
            t("ui.change_year")
        ));
        let months = [m, m1, m12];
        let scales = feedback_scales(input.table("feedback"), &months)?;
        let scales = [0, 1, 2].map(|i| scales[i].as_deref());
        for (metric, values) in kpi_rows(kpi, &months)? {
            let kind = metric_kind(&metric);
            out.push_str(&format!(
                "<tr><td>{}</td>",
                escape(&i18n::metric(lang, &metric))
            ));
            for v in values {
                let cell = v.map_or(Cell::Empty, Cell::Number);
                out.push_str(&format!(
                    "<td class=\"n\">{}</td>",
                    escape(&page_cell(lang, kind, &cell, &sign))
                ));
            }
            for ch in kpi_changes(&metric, kind, &values, &scales) {
                let (text, class) =
                    format_change(lang, ch, LOWER_IS_BETTER.contains(&metric.as_str()));
                out.push_str(&format!("<td class=\"n {class}\">{}</td>", escape(&text)));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str(&back);
    out.push_str("</section>\n");

    if !charts.is_empty() {
        out.push_str(&format!(
            "<section id=\"charts\"><h2>{}</h2>\n",
            t("ui.charts")
        ));
        for chart in charts {
            // The SVG comes from plotters, which escapes its own text.
            let svg = chart.svg.trim_start_matches(|c| c != '<');
            let svg = svg
                .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .unwrap_or(svg);
            out.push_str(&format!(
                "<figure id=\"chart-{}\" aria-label=\"{}\">{}</figure>\n",
                chart.id,
                escape(&chart.title),
                svg.trim()
            ));
        }
        out.push_str(&back);
        out.push_str("</section>\n");
    }

    for (stem, df) in tables {
        let columns = shown(stem, df, lang)?;
        let labels: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| i18n::table_column(lang, stem, n, &input.settings))
            .collect();
        let kinds = page_kinds(df);
        out.push_str(&format!(
            "<section id=\"table-{}\"><h2>{}</h2>\n",
            escape(stem),
            escape(&i18n::sheet(lang, stem))
        ));
        // Rows without a figure say why above them: below 168 empty cells, unseen.
        if let Some(note) = i18n::blank_note(lang, stem, df) {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(note)));
        }
        out.push_str(&table(lang, &sign, &labels, &kinds, &columns));
        if let (0, Some(note)) = (df.height(), i18n::empty_note(lang, stem)) {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(note)));
        }
        out.push_str(&back);
        out.push_str("</section>\n");
    }

    out.push_str(&format!(
        "<section id=\"definitions\"><h2>{}</h2><dl>\n",
        escape(&i18n::sheet(lang, "definitions"))
    ));
    // Only the figures of the sections the report has (`--only`).
    for (name, text) in definitions::of_tables(
        lang,
        &input.settings,
        input.tables.iter().map(|(s, _)| s.as_str()),
    ) {
        out.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape(&i18n::metric(lang, name)),
            escape(&text)
        ));
    }
    out.push_str("</dl>\n");
    out.push_str(&back);
    out.push_str("</section>\n");

    out.push_str(&format!(
        "<section id=\"data-issues\"><h2>{}</h2>\n<h3>{}</h3>\n",
        escape(&i18n::sheet(lang, "data_issues")),
        t("ui.rejects")
    ));
    if input.rejects.height() == 0 {
        out.push_str(&format!("<p>{}</p>\n", t("ui.none")));
    } else {
        let labels: Vec<String> = input
            .rejects
            .get_column_names()
            .iter()
            .map(|n| i18n::column(lang, n))
            .collect();
        let kinds = page_kinds(input.rejects);
        out.push_str(&table(
            lang,
            &sign,
            &labels,
            &kinds,
            &shown("rejects", input.rejects, lang)?,
        ));
    }
    out.push_str(&format!("<h3>{}</h3>\n", t("ui.warnings")));
    if input.warnings.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", t("ui.none")));
    } else {
        out.push_str("<ul>\n");
        for w in input.warnings {
            let table = i18n::word(lang, "table", &w.table);
            let message = i18n::warning(lang, &w.message);
            // A warning about a table as a whole (one that is missing) concerns no rows.
            let rows = if w.rows > 0 {
                format!(" ({})", w.rows)
            } else {
                String::new()
            };
            out.push_str(&format!(
                "<li>{}{rows}: {}</li>\n",
                escape(table.as_deref().unwrap_or(&w.table)),
                escape(message.as_deref().unwrap_or(&w.message))
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str(&back);
    out.push_str("</section>\n</body>\n</html>\n");
    Ok(out)
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

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn numbers_are_grouped_and_localised() {
        assert_eq!(group_digits("1234567.50"), "1 234 567.50");
        assert_eq!(group_digits("-123"), "-123");
        assert_eq!(group_digits("-1234"), "-1 234");
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Money, &Cell::Number(1234.5)),
            "1,234.50"
        );
        // English: a comma between thousands, as the workbook's `#,##0` (it was a space).
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Integer, &Cell::Number(12000.0)),
            "12,000"
        );
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Money, &Cell::Number(-1234567.5)),
            "-1,234,567.50"
        );
        // Russian: a non-breaking space between thousands, as a Russian Excel reads them.
        assert_eq!(
            format_cell(Lang::Ru, ColumnKind::Money, &Cell::Number(1234.5)),
            "1\u{a0}234,50"
        );
        // A row of the user's file, as Excel numbers it.
        assert_eq!(
            format_cell(Lang::Ru, ColumnKind::Ordinal, &Cell::Number(1464.0)),
            "1464"
        );
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Rate, &Cell::Number(0.256)),
            "25.6%"
        );
        // Other numbers keep two decimals, as in the workbook, so a column's points align.
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Number, &Cell::Number(2.5)),
            "2.50"
        );
        assert_eq!(
            format_cell(Lang::Ru, ColumnKind::Number, &Cell::Number(240.0)),
            "240,00"
        );
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Date, &Cell::Date(2026, 3, 1)),
            "2026-03-01"
        );
    }

    #[test]
    fn regression_money_on_the_page_carries_the_currency_sign() {
        // As the workbook's `#,##0.00" ₽"`: the page's amounts named no currency.
        assert_eq!(
            page_cell(Lang::Ru, ColumnKind::Money, &Cell::Number(1234.5), "₽"),
            "1\u{a0}234,50\u{a0}₽"
        );
        // The dollar before the amount in English, after its minus (session 32: it was
        // `-20.00 $`), and after it in Russian; the rouble after it in both.
        assert_eq!(
            page_cell(Lang::En, ColumnKind::Money, &Cell::Number(-20.0), "$"),
            "-$20.00"
        );
        assert_eq!(
            page_cell(Lang::En, ColumnKind::Money, &Cell::Number(1800.0), "€"),
            "€1,800.00"
        );
        assert_eq!(
            page_cell(Lang::Ru, ColumnKind::Money, &Cell::Number(1800.0), "$"),
            "1\u{a0}800,00\u{a0}$"
        );
        assert_eq!(
            page_cell(Lang::En, ColumnKind::Money, &Cell::Number(1800.0), "₽"),
            "1,800.00\u{a0}₽"
        );
        // Not money, or no amount: no sign.
        assert_eq!(
            page_cell(Lang::Ru, ColumnKind::Number, &Cell::Number(240.0), "₽"),
            "240,00"
        );
        assert_eq!(
            page_cell(Lang::Ru, ColumnKind::Money, &Cell::Empty, "₽"),
            ""
        );
    }

    #[test]
    fn changes_carry_their_direction() {
        // 1 100 after 1 000 is +10 %; a rate from 0.5 to 0.4 is −10 pp.
        assert_eq!(
            format_change(Lang::En, Some(Change::Relative(0.1)), false),
            ("+10.0%".to_string(), "up")
        );
        assert_eq!(
            format_change(Lang::Ru, Some(Change::Points(-10.0)), false),
            ("-10,0 п.п.".to_string(), "down")
        );
        // What rounds to zero is an unsigned zero without colour: −0.0004 pp read
        // `-0,0 п.п.` in red.
        assert_eq!(
            format_change(Lang::Ru, Some(Change::Points(-0.0004)), false),
            ("0,0 п.п.".to_string(), "")
        );
        assert_eq!(
            format_change(Lang::En, Some(Change::Points(0.04)), true),
            ("0.0 pp".to_string(), "")
        );
        assert_eq!(
            format_change(Lang::Ru, Some(Change::Relative(-0.0004)), false),
            ("0,0%".to_string(), "")
        );
        // A change of money that rounds to zero on the page: no minus.
        assert_eq!(
            page_cell(Lang::En, ColumnKind::Money, &Cell::Number(-0.004), "$"),
            "$0.00"
        );
        assert_eq!(
            format_cell(Lang::Ru, ColumnKind::Rate, &Cell::Number(-0.0004)),
            "0,0%"
        );
        // Just past it, the sign and the colour stay.
        assert_eq!(
            format_change(Lang::Ru, Some(Change::Points(-0.06)), false),
            ("-0,1 п.п.".to_string(), "down")
        );
        // Fewer comebacks is good news.
        assert_eq!(
            format_change(Lang::En, Some(Change::Points(-1.0)), true),
            ("-1.0 pp".to_string(), "up")
        );
    }
}
