//! `report.html`: one self-contained page — inline CSS, the charts as inline SVG, no script
//! and nothing loaded from the network — with the KPIs and their changes, every table, a
//! table of contents linking the sections, the definitions and the data issues. Printable:
//! the contents and the back links are hidden on paper.

mod table;
mod text;

pub use text::{escape, format_cell, group_digits, localise, page_cell, thousands};

use super::charts::Drawn;
use super::xlsx::{feedback_scales, kpi_changes, kpi_rows};
use super::{definitions, i18n, metric_kind, Cell, RenderError, RenderInput};
use crate::cli::Lang;
use table::{page_kinds, shown, table};
use text::format_change;

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

/// KPIs for which a rise is bad news: their changes are coloured the other way round.
const LOWER_IS_BETTER: [&str; 2] = ["comeback_rate", "no_shows"];

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
