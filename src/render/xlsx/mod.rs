//! `report.xlsx`: the workbook as an Excel user expects it — a Summary of the KPIs with
//! their changes and the 24-month charts, one sheet per table (title row, frozen header,
//! autofilter, currency / percent / date formats, fitted widths, native charts), the
//! Definitions and the Data issues. Its creation time is the as-of date, so two runs give
//! the same bytes.

use std::path::Path;
use std::sync::Mutex;

use chrono::Datelike;
use polars::prelude::DataFrame;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::{
    definitions, i18n, metric_kind, table_cells, Cell, ColumnKind, RenderError, RenderInput,
};
use crate::cli::Lang;

mod issues;
mod parts;
mod save;
mod sheets;

pub use parts::SHEET_ROWS;
use parts::{sheets_of, Sheet};
use sheets::{table_sheet, table_worksheet, width};

/// Sheets built at once: one per core of a small machine.
const WORKERS: usize = 2;

/// The first data row of a table sheet: row 0 is the title, row 1 the header.
const FIRST_ROW: u32 = 2;

/// The formats of the workbook, made once.
struct Formats {
    title: Format,
    header: Format,
    money: Format,
    rate: Format,
    date: Format,
    integer: Format,
    number: Format,
    change: Format,
    change_pp: Format,
    wrap: Format,
    ordinal: Format,
}

impl Formats {
    /// Every format, in a fixed order.
    fn all(&self) -> [&Format; 11] {
        [
            &self.title,
            &self.header,
            &self.money,
            &self.rate,
            &self.date,
            &self.integer,
            &self.number,
            &self.change,
            &self.change_pp,
            &self.wrap,
            &self.ordinal,
        ]
    }

    fn new(lang: Lang, currency: &str) -> Formats {
        let pp = i18n::t(lang, "ui.pp");
        let sign = crate::config::currency_sign(currency).replace('"', "");
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color("#DCE6F1")
                .set_border_bottom(FormatBorder::Thin),
            // The currency's sign where the report's language writes it (`$1,800.00`,
            // `1 800,00 ₽`: [`crate::config::sign_before`]): money looked like norm hours and
            // indices, and the workbook named no currency; until session 32 the sign
            // followed in English too (`1,800.00 $`).
            money: Format::new().set_num_format(match crate::config::sign_before(lang, &sign) {
                true => format!("\"{sign}\"#,##0.00"),
                false => format!("#,##0.00\" {sign}\""),
            }),
            rate: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            integer: Format::new().set_num_format("#,##0"),
            number: Format::new().set_num_format("#,##0.00"),
            change: Format::new().set_num_format("+0.0%;-0.0%;0.0%"),
            change_pp: Format::new()
                .set_num_format(format!("+0.0\" {pp}\";-0.0\" {pp}\";0.0\" {pp}\"")),
            wrap: Format::new().set_text_wrap(),
            ordinal: Format::new().set_num_format("0"),
        }
    }

    fn of(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Money => &self.money,
            ColumnKind::Rate => &self.rate,
            ColumnKind::Date => &self.date,
            ColumnKind::Integer => &self.integer,
            ColumnKind::Ordinal => &self.ordinal,
            ColumnKind::Number => &self.number,
            ColumnKind::Text => &self.wrap,
        }
    }
}

/// The Summary: title, the KPIs of M, M−1 and M−12 with the changes. Returns the row
/// below the KPI block.
fn summary(ws: &mut Worksheet, input: &RenderInput, f: &Formats) -> Result<u32, RenderError> {
    let lang = input.lang;
    let title = format!(
        "{} — {} — {} ({} {})",
        i18n::t(lang, "ui.report"),
        input.station,
        input.period.month,
        i18n::t(lang, "ui.as_of"),
        input.period.as_of.format("%Y-%m-%d")
    );
    let err = |e: XlsxError| xlsx_error(Path::new("report.xlsx"), e);
    ws.write_string_with_format(0, 0, &title, &f.title)
        .map_err(err)?;
    let [m, m1, m12] = input.period.compared().map(|m| m.to_string());
    let header = [
        i18n::t(lang, "col.metric").to_string(),
        m.clone(),
        m1.clone(),
        m12.clone(),
        i18n::t(lang, "ui.change_prev").to_string(),
        i18n::t(lang, "ui.change_year").to_string(),
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, h, &f.header)
            .map_err(err)?;
    }
    ws.set_column_width(0, 34).map_err(err)?;
    for c in 1..6 {
        ws.set_column_width(c, 18).map_err(err)?;
    }
    ws.set_freeze_panes(3, 1).map_err(err)?;
    let Some(kpi) = input.table("kpi") else {
        return Ok(4);
    };
    let months = [m, m1, m12];
    let scales = feedback_scales(input.table("feedback"), &months)?;
    let scales = [0, 1, 2].map(|i| scales[i].as_deref());
    let rows = kpi_rows(kpi, &months)?;
    for (i, (metric, values)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        let kind = metric_kind(metric);
        ws.write_string(r, 0, i18n::metric(lang, metric))
            .map_err(err)?;
        for (c, v) in values.iter().enumerate() {
            if let Some(v) = v {
                let v = super::settled(*v, kind.decimals());
                ws.write_number_with_format(r, 1 + c as u16, v, f.of(kind))
                    .map_err(err)?;
            }
        }
        let changes = kpi_changes(metric, kind, values, &scales);
        for (c, ch) in [4u16, 5].into_iter().zip(changes) {
            match ch {
                Some(Change::Relative(x)) => ws.write_number_with_format(r, c, x, &f.change),
                Some(Change::Points(x)) => ws.write_number_with_format(r, c, x, &f.change_pp),
                None => continue,
            }
            .map_err(err)?;
        }
    }
    Ok(4 + rows.len() as u32)
}

/// The change of a KPI between M and a compared month.
#[derive(Debug, PartialEq)]
pub enum Change {
    /// M / other − 1, for counts and amounts.
    Relative(f64),
    /// (M − other) × 100, percentage points, for rates.
    Points(f64),
}

impl Change {
    /// The change as shown, one decimal of its percent or points: 0 when it rounds to zero
    /// there ([`crate::render::settled`]). A change of −0.0004 pp read `-0,0 п.п.` in red on
    /// the page and `-0.0 pp` in the workbook.
    pub fn settled(self) -> Change {
        match self {
            Change::Relative(x) => Change::Relative(super::settled(x, 3)),
            Change::Points(x) => Change::Points(super::settled(x, 1)),
        }
    }
}

/// The change of a KPI of `kind` from `other` to `now`; none when either is empty or a
/// relative change would divide by zero.
pub fn change(kind: ColumnKind, now: Option<f64>, other: Option<f64>) -> Option<Change> {
    let (now, other) = (now?, other?);
    if kind == ColumnKind::Rate {
        Some(Change::Points((now - other) * 100.0))
    } else if other == 0.0 {
        None
    } else {
        Some(Change::Relative(now / other - 1.0))
    }
}

/// The changes of a KPI from M−1 and from M−12 to M, as the Summary shows them. A mean
/// feedback score has no change against a month read on another scale (`feedback.csv`'s
/// `scale`): 4.5 of 5 against 8.2 of 10 is not a fall of 45 %.
///
/// ```
/// use stoa::render::xlsx::{kpi_changes, Change};
/// use stoa::render::ColumnKind;
/// let scales = [Some("1-5"), Some("0-10"), Some("1-5")];
/// let values = [Some(4.5), Some(8.2), Some(4.0)];
/// let [prev, year] = kpi_changes("feedback_mean", ColumnKind::Number, &values, &scales);
/// assert_eq!(prev, None);
/// assert_eq!(year, Some(Change::Relative(0.125)));
/// ```
pub fn kpi_changes(
    metric: &str,
    kind: ColumnKind,
    values: &[Option<f64>; 3],
    scales: &[Option<&str>; 3],
) -> [Option<Change>; 2] {
    [1, 2].map(|i| {
        let across = metric == "feedback_mean"
            && matches!((scales[0], scales[i]), (Some(a), Some(b)) if a != b);
        if across {
            None
        } else {
            change(kind, values[0], values[i]).map(Change::settled)
        }
    })
}

/// The feedback scale (`1-5`, `0-10`) of each of `months` in `feedback.csv`; none for a
/// month without scores or a report without the table.
pub fn feedback_scales(
    feedback: Option<&polars::prelude::DataFrame>,
    months: &[String; 3],
) -> Result<[Option<String>; 3], RenderError> {
    let Some(df) = feedback else {
        return Ok([None, None, None]);
    };
    let text = |name: &str| -> Result<Vec<Option<String>>, RenderError> {
        let c = df
            .column(name)
            .and_then(|c| c.str())
            .map_err(|source| RenderError::Table {
                table: "feedback".into(),
                source,
            })?;
        Ok(c.iter().map(|v| v.map(str::to_string)).collect())
    };
    let (month, scale) = (text("month")?, text("scale")?);
    Ok(months.clone().map(|m| {
        month
            .iter()
            .position(|x| x.as_deref() == Some(m.as_str()))
            .and_then(|i| scale[i].clone())
    }))
}

/// A KPI with its values for M, M−1 and M−12.
pub type KpiRow = (String, [Option<f64>; 3]);

/// `kpi.csv` pivoted: one row per metric, in the table's order, with the values of the
/// `months` (M, M−1, M−12 as `YYYY-MM`); a month missing from the table is empty.
pub fn kpi_rows(
    kpi: &polars::prelude::DataFrame,
    months: &[String; 3],
) -> Result<Vec<KpiRow>, RenderError> {
    // The metric names are read here, not shown: no column of `kpi` is coded.
    let columns = table_cells("kpi", kpi, crate::cli::Lang::En)?;
    let text = |c: &Cell| match c {
        Cell::Text(s) => s.clone(),
        _ => String::new(),
    };
    let mut rows: Vec<KpiRow> = Vec::new();
    for ((metric, month), value) in columns[0].iter().zip(&columns[1]).zip(&columns[2]) {
        let (metric, month) = (text(metric), text(month));
        let value = match value {
            Cell::Number(v) => Some(*v),
            _ => None,
        };
        let Some(slot) = months.iter().position(|m| *m == month) else {
            continue;
        };
        match rows.iter_mut().find(|(m, _)| *m == metric) {
            Some((_, values)) => values[slot] = value,
            None => {
                let mut values = [None; 3];
                values[slot] = value;
                rows.push((metric, values));
            }
        }
    }
    // The order of SPEC §5.1 (the table itself is sorted by name); other metrics after.
    let order = |m: &str| {
        crate::analytics::management::kpi::METRICS
            .iter()
            .position(|k| *k == m)
            .unwrap_or(usize::MAX)
    };
    rows.sort_by_key(|(m, _)| order(m));
    Ok(rows)
}

/// A writer's failure: the file's (I/O, the temporary files of its sheets, the zip) or the
/// workbook's content.
fn xlsx_error(path: &Path, e: XlsxError) -> RenderError {
    let path = path.to_path_buf();
    let message = e.to_string();
    match e {
        XlsxError::IoError(_) | XlsxError::TempFileError(..) | XlsxError::ZipError(_) => {
            RenderError::Workbook { path, message }
        }
        _ => RenderError::WorkbookContent { path, message },
    }
}

/// A sheet name not used yet: the localised name, numbered when two tables share it.
fn unique_name(used: &mut Vec<String>, name: String) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&candidate)) {
        let suffix = format!(" {n}");
        let keep = 31 - suffix.chars().count();
        candidate = name.chars().take(keep).collect::<String>() + &suffix;
        n += 1;
    }
    used.push(candidate.clone());
    candidate
}

/// At most this many rows on a charted sheet are kept in memory for the charts' caches; a
/// longer one is streamed like the others, its charts then without cached points.
const CACHED_ROWS: usize = 20_000;

/// Whether a sheet holds the rows of a native chart, so is kept in memory for its cache:
/// the first (or only) sheet of a charted table of at most [`CACHED_ROWS`] rows.
fn charted(sheet: &Sheet) -> bool {
    let first = sheet.part.as_ref().is_none_or(|p| p.rows.start == 0);
    first
        && sheet.rows.height() <= CACHED_ROWS
        && crate::render::charts::SPECS
            .iter()
            .any(|s| s.table == sheet.stem)
}

/// Write the workbook to `path`.
pub fn write(path: &Path, input: &RenderInput) -> Result<(), RenderError> {
    build(path, input)?.save()
}

/// A workbook with every sheet built, to be saved to its path.
pub struct Built {
    workbook: Workbook,
    path: std::path::PathBuf,
}

impl Built {
    /// Save the workbook: the sheets' XML compressed into the file, on one thread.
    pub fn save(mut self) -> Result<(), RenderError> {
        let path = self.path;
        let file = std::fs::File::create(&path).map_err(|e| xlsx_error(&path, e.into()))?;
        save::save_to(&mut self.workbook, file).map_err(|e| xlsx_error(&path, e))
    }
}

/// Build every sheet of the workbook that [`Built::save`] writes to `path`.
pub fn build(path: &Path, input: &RenderInput) -> Result<Built, RenderError> {
    build_in_sheets(path, input, SHEET_ROWS)
}

/// [`build`], with at most `per_sheet` data rows on a sheet.
fn build_in_sheets(
    path: &Path,
    input: &RenderInput,
    per_sheet: usize,
) -> Result<Built, RenderError> {
    let lang = input.lang;
    let f = Formats::new(lang, input.currency);
    let err = |e: XlsxError| xlsx_error(path, e);
    let mut wb = Workbook::new();
    // Deflate at level 2: the save runs on one thread after every sheet is built, and on a
    // chain workbook (300 MB of sheet XML) takes 1.26 s against 2.2 s at level 3 (and about
    // three times that at the default 6), for a file 9 % larger than level 3's
    // (docs/render.md).
    wb.set_zip_compression_level(2);
    let as_of = input.period.as_of;
    let created =
        ExcelDateTime::from_ymd(as_of.year() as u16, as_of.month() as u8, as_of.day() as u8)
            .map_err(err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{} {}",
                i18n::t(lang, "ui.report"),
                input.period.month
            ))
            .set_company(input.station)
            .set_creation_datetime(&created),
    );

    let mut used = Vec::new();
    let mut summary_ws = Worksheet::new();
    summary_ws
        .set_name(unique_name(&mut used, i18n::sheet(lang, "summary")))
        .map_err(err)?;
    let mut chart_row = summary(&mut summary_ws, input, &f)? + 1;

    // The table sheets are independent: two are built at a time (most of the workbook's
    // time on a chain is turning millions of cells into sheet XML). They are made in
    // constant-memory mode: each row goes out as XML as soon as it is written, with its
    // text inline, instead of into cell maps and a shared-string table that the save
    // would then walk on one thread. Names are given in table order first, so they do
    // not depend on which thread finishes first.
    //
    // Constant-memory sheets take a format's style index from the workbook when they first
    // use it, so sheets built side by side would number the styles in whichever order the
    // threads happen to run. Every format is registered here first, in a fixed order,
    // through a sheet that is never added: the indices, hence the bytes, are the same in
    // every run.
    let mut styles = wb.new_worksheet_with_constant_memory().map_err(err)?;
    for (c, format) in f.all().into_iter().enumerate() {
        styles.write_blank(0, c as u16, format).map_err(err)?;
    }
    drop(styles);
    let jobs = input
        .tables
        .iter()
        .filter(|(stem, _)| stem != "kpi")
        .flat_map(|(stem, df)| {
            let base = i18n::sheet(lang, stem);
            sheets_of(stem, df, base, &mut used, per_sheet)
        })
        .map(|sheet| {
            // A sheet a chart reads is kept in memory instead: the save fills each native
            // chart's cached points from its sheet's cells, which a constant-memory sheet
            // has already streamed out, and a viewer that does not recalculate (Quick
            // Look, protected view, Google Sheets, openpyxl) showed empty charts without
            // them. Charted tables are small (months, weeks, services).
            let ws = if charted(&sheet) {
                Worksheet::new()
            } else {
                wb.new_worksheet_with_constant_memory().map_err(err)?
            };
            Ok((sheet, Mutex::new(Some(ws))))
        })
        .collect::<Result<Vec<(Sheet, Mutex<Option<Worksheet>>)>, _>>()?;
    // The largest first: a chain's client lists (hundreds of thousands of rows each) are
    // most of the work, and one of them started last would be built alone at the end.
    let cells = |(sheet, _): &(Sheet, _)| sheet.rows.height() * sheet.rows.width();
    let built = crate::parallel::map_largest_first(&jobs, WORKERS, cells, |(sheet, ws)| {
        let ws = ws
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
            .expect("each sheet is built once");
        table_worksheet(ws, sheet, input, &f, path)
    });
    let mut sheets = Vec::with_capacity(built.len());
    for result in built {
        let (ws, charts) = result?;
        for chart in charts {
            summary_ws.insert_chart(chart_row, 0, &chart).map_err(err)?;
            chart_row += 17;
        }
        sheets.push(ws);
    }
    wb.push_worksheet(summary_ws);
    for ws in sheets {
        wb.push_worksheet(ws);
    }

    // Definitions: the KPI's label, then the formula in words.
    let mut ws = Worksheet::new();
    ws.set_name(unique_name(&mut used, i18n::sheet(lang, "definitions")))
        .map_err(err)?;
    // Only the figures of the sections the report has (`--only`).
    let defs = definitions::of_tables(
        lang,
        &input.settings,
        input.tables.iter().map(|(s, _)| s.as_str()),
    );
    let labels = [
        i18n::t(lang, "col.metric").to_string(),
        i18n::t(lang, "col.definition").to_string(),
    ];
    let columns = vec![
        defs.iter()
            .map(|(n, _)| Cell::Text(i18n::metric(lang, n)))
            .collect(),
        defs.iter().map(|(_, t)| Cell::Text(t.clone())).collect(),
    ];
    table_sheet(
        &mut ws,
        i18n::t(lang, "sheet.definitions"),
        &labels,
        &[ColumnKind::Text; 2],
        columns,
        &f,
    )
    .map_err(err)?;
    ws.set_column_width(1, 100).map_err(err)?;
    // Wrapped within the column: the longest definitions ran three screens wide on one
    // line and were cut when printed.
    for (i, (_, text)) in defs.iter().enumerate() {
        ws.write_string_with_format(FIRST_ROW + i as u32, 1, text, &f.wrap)
            .map_err(err)?;
    }
    wb.push_worksheet(ws);

    // Data issues: the rejected rows, then the warnings below them on the last sheet of
    // the rejects (which leave the warnings their rows).
    let rejects = input.rejects;
    let base = i18n::sheet(lang, "data_issues");
    let room = input.warnings.len() + 3;
    let parts = if rejects.width() == 0 {
        vec![Sheet {
            stem: "rejects",
            rows: DataFrame::empty(),
            name: unique_name(&mut used, base),
            part: None,
        }]
    } else {
        sheets_of(
            "rejects",
            rejects,
            base,
            &mut used,
            per_sheet.saturating_sub(room),
        )
    };
    let last = parts.len() - 1;
    for (k, sheet) in parts.into_iter().enumerate() {
        let mut ws = Worksheet::new();
        ws.set_name(&sheet.name).map_err(err)?;
        let (labels, columns, kinds) = if sheet.rows.width() == 0 {
            let labels = crate::report::write::REJECT_COLUMNS
                .iter()
                .map(|c| i18n::column(lang, c))
                .collect();
            (labels, vec![Vec::new(); 7], vec![ColumnKind::Text; 7])
        } else {
            (
                sheet
                    .rows
                    .get_column_names()
                    .iter()
                    .map(|c| i18n::column(lang, c))
                    .collect::<Vec<_>>(),
                table_cells("rejects", &sheet.rows, lang)?,
                sheet
                    .rows
                    .columns()
                    .iter()
                    .map(|c| ColumnKind::of(c.name(), c.dtype()))
                    .collect(),
            )
        };
        let title = sheet.title(
            format!("{} — {}", i18n::t(lang, "ui.rejects"), input.period.month),
            lang,
        );
        let height = columns.first().map_or(0, Vec::len) as u32;
        // The width the rejects' columns get, the warnings' messages spread over.
        let widths: Vec<f64> = labels
            .iter()
            .zip(&columns)
            .map(|(l, c)| width(l, c))
            .collect();
        table_sheet(&mut ws, &title, &labels, &kinds, columns, &f).map_err(err)?;
        if k == last {
            let r = FIRST_ROW + height + 1;
            issues::warnings(&mut ws, r, &widths, input.warnings, lang, &f).map_err(err)?;
        }
        wb.push_worksheet(ws);
    }

    Ok(Built {
        workbook: wb,
        path: path.to_path_buf(),
    })
}

#[cfg(test)]
mod tests;
