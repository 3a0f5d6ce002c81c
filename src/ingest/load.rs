//! The load itself: every table read, validated and accounted for in the order the others
//! need them, and what each step found turned into warnings. Kept apart from the types it
//! fills (`ingest`'s own), which the commands and the report use without the steps.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use polars::prelude::*;

use super::before::before_validation;
use super::header::Synonyms;
use super::rejects::concat_rejects;
use super::validate::{self, validate, Context};
use super::{
    accounting, amounts, cells, derive_visits, flat, locate, names, overlap, percent_commissions,
    read, reasons, rejected_visits, times, warnings, zero_intervals, IngestError, Ingested,
    InputReport, Warning,
};
use crate::config::Config;
use crate::model::Model;
use crate::schema::Table;

/// Tables in the order they are validated: those referred to before those referring.
const LOAD_ORDER: [Table; 7] = [
    Table::Visits,
    Table::Clients,
    Table::PriceList,
    Table::OrderLines,
    Table::CompetitorPrices,
    Table::Feedback,
    Table::Agents,
];

/// Read, validate and account for every table in the data folder.
///
/// Rejected rows do not fail the load; they are in [`Ingested::rejects`]. A missing
/// required table or column, or a file that cannot be read, is an error; a mistake of a
/// `[files]` entry is said in the settings' file at its place ([`IngestError::in_settings`]).
///
/// A file whose slash dates show no order of their own follows the files read before it
/// (`cells::date_order`); where a file read after it decides otherwise than those did
/// (visits of 1–12 September only, competitor prices of `9/16/2026`), the data is read
/// once more with the order every file shows, known now. That is rare: a station's
/// visits nearly always have a day past the 12th.
pub fn load(data_dir: &Path, config: &Config) -> Result<Ingested, IngestError> {
    // The sheet a `[files]` entry names is found missing by the workbook's reader, which
    // knows the table's synonyms but not the settings.
    load_dated(data_dir, config).map_err(|e| e.in_settings(config))
}

/// [`load`], its errors as they are found.
fn load_dated(data_dir: &Path, config: &Config) -> Result<Ingested, IngestError> {
    let (ingested, dates) = load_with(data_dir, config, None)?;
    match dates.read_again() {
        Some(lead) => {
            drop(ingested);
            Ok(load_with(data_dir, config, Some(lead))?.0)
        }
        None => Ok(ingested),
    }
}

/// [`load_dated`] once, every file whose slash dates show no order given `preset`'s lead
/// where given; with what the files showed of their order.
fn load_with(
    data_dir: &Path,
    config: &Config,
    preset: Option<Option<cells::Lead>>,
) -> Result<(Ingested, cells::FolderOrder), IngestError> {
    let locate::Located {
        mut sources,
        mut passed,
    } = locate::locate(data_dir, config)?;
    let missing: Vec<Table> = Table::ALL
        .into_iter()
        .filter(|t| t.required() && !sources.contains_key(t))
        .collect();
    // The order lines alone missing: the visits' table may hold them, a row per line (see
    // `flat`); known once the visits' header is read.
    let lines_in_visits = missing == [Table::OrderLines];
    if let Some(&t) = missing.first().filter(|_| !lines_in_visits) {
        if let Some(path) = locate::unread_file(data_dir, t) {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            return Err(IngestError::UnreadKind {
                table: t,
                hint: match ext.to_lowercase().as_str() {
                    "numbers" => " (an Apple Numbers file)",
                    "pdf" => " (a PDF, which holds no table to read)",
                    "doc" | "docx" => " (a Word document)",
                    _ => "",
                },
                path,
            });
        }
        return Err(IngestError::missing_table(t, data_dir));
    }
    let mut model = Model::empty();
    let mut ctx = Context {
        values: config.values.clone(),
        currency: cells::Currency::new(&config.currency),
        dates: cells::FolderOrder {
            preset,
            ..Default::default()
        },
        ..Context::default()
    };
    let mut reports: BTreeMap<Table, InputReport> = BTreeMap::new();
    let mut rejects: Vec<DataFrame> = Vec::new();
    let mut line_visits = None;
    let mut feedback_visits = None;
    let mut table_warnings = Vec::new();
    // The headers of the columns the scientific-notation warning may name, as the files
    // write them (of a table's first file).
    let mut digit_headers: HashMap<(Table, &str), String> = HashMap::new();
    // The visit ids the visits hold more than once, for the order lines' repeats.
    let mut duplicated_visits: Option<Series> = None;
    // The visits rejected, for the reason of their lines and feedback.
    let mut rejected: Option<DataFrame> = None;
    // An optional table there only as a file stoa does not read (`feedback.numbers`): its
    // section was empty without a word.
    for t in Table::ALL
        .into_iter()
        .filter(|t| !t.required() && !sources.contains_key(t))
    {
        if let Some(path) = locate::unread_file(data_dir, t) {
            table_warnings.push(Warning {
                table: t.name().to_string(),
                rows: 0,
                message: reasons::fill(
                    reasons::UNREAD_KIND,
                    &[&path.display().to_string(), t.name()],
                ),
            });
        }
    }
    let mut workbooks = read_workbooks(&sources, config);
    // Set when the order lines are read from the visits' own sheet (see `flat`).
    let mut lines_config: Option<Config> = None;
    for table in LOAD_ORDER {
        let Some(source) = sources.get(&table).cloned() else {
            continue;
        };
        // The order lines of a flat table know their visit's column as the visits did.
        let flat_lines = table == Table::OrderLines && lines_config.is_some();
        let synonyms = Synonyms::new(
            table,
            lines_config
                .as_ref()
                .filter(|_| flat_lines)
                .unwrap_or(config),
        );
        let t0 = std::time::Instant::now();
        let (mut raw, sheet) = match workbooks.remove(&table) {
            Some(read) if !flat_lines => read?,
            _ => read::read(&source, &synonyms)?,
        };
        raw.hidden.extend(passed.remove(&table).unwrap_or_default());
        let t1 = std::time::Instant::now();
        let file = source.path.display().to_string();
        let polars = |source| IngestError::Polars { table, source };
        // Visits read from a flat table of lines: a visit's further lines are not visits,
        // and the order lines may be read from the same table.
        if table == Table::Visits {
            let found = flat::visits_read(&mut raw, &source, &sheet, &mut sources, config)
                .map_err(polars)?;
            if lines_in_visits && !found.lines {
                return Err(IngestError::missing_table(Table::OrderLines, data_dir));
            }
            if let Some(f) = &found.further {
                table_warnings.push(warnings::further_lines(f, &file));
            }
            lines_config = found.lines_config;
            ctx.continued = found.continued;
        }
        // Only a workbook's number cells can be Excel percentages (text says `10 %`); an
        // xlsx tells which cells are formatted so, and they were read as shown already.
        let shown =
            |raw: &read::RawTable, name: &str| raw.percent_formats.iter().any(|f| f.column == name);
        let pct_numbers = raw.numbers.iter().any(|c| c.name() == "commission_pct")
            && !shown(&raw, "commission_pct");
        // What the reading says, some of it over the rows validation accepts (below).
        let said = before_validation(table, &mut raw, &ctx, config, &file, &source.path)
            .map_err(polars)?;
        // After: subtotal rows of a grouped report are set aside there, as total rows are.
        let rows_read = raw.frame.height() as u64;
        let amount_header = raw.header.source_name("amount").to_string();
        // The header, kept for warnings that name the columns as the file does.
        let header = raw.header.clone();
        let header_of = |name: &str| header.source_name(name).to_string();
        for (t, c) in warnings::DIGITS_COUNT.iter().filter(|(t, _)| *t == table) {
            digit_headers
                .entry((*t, *c))
                .or_insert_with(|| header_of(c));
        }
        let parts = raw.parts.clone();
        let visit_keys = (table == Table::Visits)
            .then(|| rejected_visits::keys(&raw.frame))
            .flatten();
        // Order lines that do not say their station, where visits of several stations have
        // one number: a line's visit cannot be told, and reading them by the number alone
        // credited one station's work to another's.
        if let (Some(shared), Table::OrderLines) = (&ctx.shared_numbers, table) {
            if raw.frame.column("station").is_err() {
                let (example, stations) = shared.example();
                return Err(IngestError::SharedNumbers {
                    count: shared.count(),
                    example: format!("«{example}»"),
                    stations,
                    path: file,
                });
            }
        }
        // Validation takes the raw table and lets its text go as soon as it can.
        let mut v = validate(table, raw, &file, sheet.as_deref(), &ctx).map_err(polars)?;
        table_warnings.extend(said.told(&v.early).map_err(polars)?);
        let rows = v.accepted.height() as u64;
        table_warnings.extend(amounts::scaled_warnings(
            table,
            &header,
            &parts,
            rows,
            &file,
            &ctx.currency,
        ));
        table_warnings.extend(amounts::rouble_warnings(
            table,
            &header,
            &parts,
            rows,
            &file,
            &ctx.currency,
        ));
        if let Some(keys) = &visit_keys {
            rejected = rejected_visits::of(keys, &v.rejects).map_err(polars)?;
        }
        if let (Some(r), Table::OrderLines | Table::Feedback) = (&rejected, table) {
            let what = match table {
                Table::OrderLines => "order line",
                _ => "feedback row",
            };
            v.rejects = rejected_visits::name(v.rejects, r, what).map_err(polars)?;
        }
        let t2 = std::time::Instant::now();
        let mut accepted = match table {
            Table::Visits => {
                let (visits, joined) = times::join_times(v.accepted).map_err(polars)?;
                for j in &joined {
                    let (place, cells) =
                        warnings::columns_in(&parts, &file, &header, j.time, &[j.date, j.time]);
                    let warning = warnings::times_joined(j, &cells[0], &cells[1], &place);
                    table_warnings.push(warning);
                }
                if let Some(n) = times::without_time_of_day(&visits).map_err(polars)? {
                    // Each file's own date column, where a folder's files name it apart.
                    let (_, dates) =
                        warnings::columns_in(&parts, &file, &header, "opened_at", &["opened_at"]);
                    table_warnings.push(warnings::no_time_of_day(n, &dates[0]));
                }
                derive_visits(visits, config).map_err(polars)?
            }
            Table::Agents if pct_numbers => {
                let (agents, rows) = percent_commissions(v.accepted).map_err(polars)?;
                if rows > 0 {
                    table_warnings.push(warnings::percent_fractions(rows));
                }
                agents
            }
            Table::PriceList => {
                let (prices, codes) = zero_intervals(v.accepted).map_err(polars)?;
                if !codes.is_empty() {
                    table_warnings.push(warnings::zero_intervals(&codes));
                }
                prices
            }
            Table::Clients => {
                let (clients, joined) = names::join_names(v.accepted).map_err(polars)?;
                if let Some(j) = joined {
                    let columns = ["surname", "name", "patronymic"];
                    let (place, cells) =
                        warnings::columns_in(&parts, &file, &header, "surname", &columns);
                    let cells: [String; 3] = [0, 1, 2].map(|i| cells[i].clone());
                    table_warnings.push(warnings::names_joined(&j, &cells, &place));
                }
                clients
            }
            Table::OrderLines => {
                let rows = v.accepted.height() as u64;
                table_warnings.extend(amounts::derived_warning(table, &header, rows, &file));
                let gross = amounts::gross_amounts(&v.accepted).map_err(polars)?;
                if let Some(g) = gross.filter(|g| g.rows > 0) {
                    table_warnings.push(warnings::gross_amounts(&g, &amount_header));
                }
                let mut said = false;
                if let Some(dups) = &duplicated_visits {
                    let repeated = overlap::repeated_lines(&v.accepted, dups).map_err(polars)?;
                    if let Some(r) = repeated {
                        table_warnings.push(warnings::repeated_lines(&r));
                        said = true;
                    }
                }
                // The lines pasted twice with the visits clean: said once, the visits'
                // overlap above being the fuller story when both are so.
                if !said {
                    if let Some(b) = overlap::repeated_export(&v.accepted).map_err(polars)? {
                        table_warnings.push(warnings::repeated_export(&b, &file));
                    }
                }
                v.accepted
            }
            _ => v.accepted,
        };
        // A CSV body is parsed in batches and chunks, and text columns that validation
        // passed through keep them (85 per column for the chain's order lines). Every
        // join and group-by of the analytics would otherwise gather across the chunks, or
        // concatenate them again; a text column's concatenation copies only its views.
        accepted.rechunk_mut_par();
        trace(format_args!(
            "{table}: read {:?}, validate {:?}, derive {:?}",
            t1 - t0,
            t2 - t1,
            t2.elapsed()
        ));
        match table {
            Table::Visits => {
                ctx.visit_ids = Some(accepted.select(["visit_id"]).map_err(polars)?);
                ctx.shared_numbers = v.shared_numbers.take();
                duplicated_visits = Some(overlap::duplicated_visits(&v.rejects).map_err(polars)?);
            }
            Table::PriceList => {
                ctx.price_categories = Some(
                    accepted
                        .select(["service_code", "category"])
                        .map_err(polars)?,
                )
            }
            _ => {}
        }
        for (column, m) in &v.month_first {
            table_warnings.push(warnings::month_first(table, column, &file, m));
        }
        if let Some(mixed) = &v.mixed_orders {
            table_warnings.push(warnings::dates_mixed(table, &file, mixed));
        }
        ctx.dates.add(table, &file, &v.dates);
        for (column, t) in &v.thousands {
            table_warnings.push(warnings::thousands(table, column, &file, t));
        }
        for (column, r) in &v.rounded {
            table_warnings.push(warnings::rounded(table, column, &file, r));
        }
        for (column, d) in &v.dot_zero {
            table_warnings.push(warnings::dot_zero(table, column, &file, d));
        }
        let sign = crate::config::currency_sign(&config.currency);
        for (column, l) in &v.lost_sign {
            table_warnings.push(warnings::lost_sign(table, column, &file, l, &sign));
        }
        let kop = |k: Option<i64>| k.map(|k| k as f64 / 100.0);
        let files = accounting::files(table, &parts, &v.rejects)?;
        let sheets = accounting::sheets(table, &parts, &v.rejects)?;
        reports.insert(
            table,
            InputReport {
                table: table.name().to_string(),
                path: file,
                sheet,
                sha256: match files.is_empty() {
                    true => accounting::sha256(&source.path)?,
                    false => accounting::folder_digest(&files),
                },
                rows_read,
                rows_accepted: accepted.height() as u64,
                rows_rejected: v.rejects.height() as u64,
                files,
                sheets,
                money_read: kop(v.money_read),
                money_accepted: kop(v.money_accepted),
                money_rejected: kop(v.money_rejected),
            },
        );
        if let Some(r) = &v.respelled {
            table_warnings.push(warnings::respelled(table, r));
        }
        if let Some(r) = &v.respelled_visits {
            table_warnings.push(warnings::respelled_visits(table, r));
        }
        if let Some(r) = &v.visits_unzeroed {
            table_warnings.push(warnings::visits_unzeroed(table, r));
        }
        if let Some(r) = &v.visits_by_title {
            table_warnings.push(warnings::visits_by_title(table, r));
        }
        for u in &v.unread {
            table_warnings.push(warnings::unread(table, u));
        }
        if let Some(ids) = &v.collided {
            table_warnings.push(warnings::collided(ids).map_err(polars)?);
        }
        rejects.push(v.rejects);
        match table {
            Table::OrderLines => line_visits = v.visit_rows,
            Table::Feedback => feedback_visits = v.visit_rows,
            _ => {}
        }
        model = model.with(table, accepted.lazy());
    }
    if let Some(c) = ctx.dates.conflict() {
        table_warnings.push(warnings::month_first_conflict(&c));
    }
    // Visits' client codes written another way than the clients': taken as the client's
    // before anything counts clients, and before the line visits (replacing a table
    // forgets them).
    if model.has(Table::Visits) && model.has(Table::Clients) {
        let polars = |source| IngestError::Polars {
            table: Table::Visits,
            source,
        };
        let clients = model
            .clients
            .clone()
            .select([col("client_id").cast(DataType::String)])
            .collect()
            .map_err(polars)?;
        let mut visits = model.visits.clone().collect().map_err(polars)?;
        if visits
            .column("client_id")
            .is_ok_and(|c| c.dtype() == &DataType::String)
        {
            let clients = clients
                .column("client_id")
                .map_err(polars)?
                .str()
                .map_err(polars)?;
            if let Some(r) = validate::respell_clients(&mut visits, clients).map_err(polars)? {
                table_warnings.push(warnings::clients_respelled(&r));
                model = model.with(Table::Visits, visits.lazy());
            }
        }
    }
    // After every table is in: replacing one forgets what was derived from the tables.
    if let Some(rows) = line_visits {
        model = model.with_line_visits(rows);
    }
    if let Some(rows) = feedback_visits {
        model = model.with_feedback_visits(rows);
    }
    let tw = std::time::Instant::now();
    let visits_error = |source| IngestError::Polars {
        table: Table::Visits,
        source,
    };
    let stray = crate::analytics::period::StrayTail::of(&model).map_err(visits_error)?;
    let head = crate::analytics::period::StrayHead::of(&model).map_err(visits_error)?;
    let mut warnings = warnings::warnings(&model, stray.as_ref(), head.as_ref(), &digit_headers)
        .map_err(visits_error)?;
    warnings.splice(0..0, table_warnings);
    let rejects = concat_rejects(rejects, data_dir).map_err(|source| IngestError::Polars {
        table: Table::Visits,
        source,
    })?;
    trace(format_args!("warnings and rejects: {:?}", tw.elapsed()));
    let ingested = Ingested {
        model,
        inputs: reports.into_values().collect(),
        rejects,
        warnings,
        stray,
    };
    Ok((ingested, ctx.dates))
}

/// What [`read::read`] gives for a table.
type Read = Result<(read::RawTable, Option<String>), IngestError>;

/// The tables that come from workbooks, read side by side, the largest file first. calamine
/// parses a sheet on one thread, so a station's `order_lines.xlsx` took its 2.7 s alone
/// while the other core waited, then `visits.xlsx` its 0.7 s. CSV and Parquet are read in
/// turn in [`load`]: their readers use every core already, and two of them held at once
/// would raise the peak.
fn read_workbooks(
    sources: &BTreeMap<Table, read::Source>,
    config: &Config,
) -> BTreeMap<Table, Read> {
    let tables: Vec<Table> = LOAD_ORDER
        .into_iter()
        .filter(|t| {
            sources
                .get(t)
                .is_some_and(|s| read::FileKind::of(&s.path) == Some(read::FileKind::Workbook))
        })
        .collect();
    if tables.len() < 2 {
        return BTreeMap::new();
    }
    let size = |t: &Table| std::fs::metadata(&sources[t].path).map_or(0, |m| m.len() as usize);
    let read = crate::parallel::map_largest_first(&tables, crate::parallel::cores(), size, |t| {
        read::read(&sources[t], &Synonyms::new(*t, config))
    });
    tables.into_iter().zip(read).collect()
}

/// With `STOA_INGEST_TRACE` set, print a line to stderr with the process's resident and
/// peak memory (Linux): how ingest is profiled stage by stage (docs/performance.md).
fn trace(what: std::fmt::Arguments) {
    if std::env::var_os("STOA_INGEST_TRACE").is_some() {
        let st = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let mem: Vec<&str> = st
            .lines()
            .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
            .collect();
        // A trace that cannot be written is no failure of the run (no panic, as
        // `eprintln!` would on a closed pipe).
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "{what} {mem:?}");
    }
}
