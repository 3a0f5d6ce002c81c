//! `stoa generate`: realistic synthetic station data, so that the report can be shown, tested
//! and timed without anybody's real clients. The data is seeded (the same arguments give
//! byte-identical files), any size (a station or a chain, written station by station so
//! memory stays flat), and any format (xlsx, csv, parquet; Russian export or English).
//!
//! [`generate`] is the entry point; `sim` simulates, `tables` makes canonical frames,
//! `write` dresses them as an export; `catalog` holds the vocabulary.

pub mod catalog;
pub mod defects;
pub mod sim;
pub mod tables;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Months, NaiveDate};
use polars::prelude::PolarsError;

use crate::cli::{Format, GenerateArgs, Lang};
use crate::error::ExitCode;
use crate::schema::Table;

/// Why a generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// An argument is out of range or malformed.
    #[error("{0}")]
    Usage(String),
    /// A workbook would exceed the rows of an Excel sheet.
    #[error("the table `{table}` would have {rows} rows or more, more than an Excel sheet holds (1 048 576): use --format csv or --format parquet, or fewer --clients")]
    TooManyRows { table: Table, rows: u64 },
    /// The output folder already holds a table in another format, which ingest would find twice.
    #[error("{path} already exists and is the same table in another format, so `stoa check` would find the table twice: delete it or generate into an empty folder")]
    OtherFormat { path: PathBuf },
    /// A file or folder could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// polars failed on a generated frame.
    #[error("building the table `{table}` failed: {source}")]
    Polars {
        table: Table,
        #[source]
        source: PolarsError,
    },
    /// The workbook writer failed.
    #[error("cannot write the workbook {path}: {message}")]
    Xlsx { path: PathBuf, message: String },
    /// The written data set could not be put in place of the output folder.
    #[error(transparent)]
    Replace(#[from] crate::replace::ReplaceError),
}

impl GenerateError {
    /// Bad arguments are usage errors (2); failing to write is I/O (3).
    pub fn exit_code(&self) -> ExitCode {
        match self {
            GenerateError::Usage(_)
            | GenerateError::TooManyRows { .. }
            | GenerateError::OtherFormat { .. } => ExitCode::Usage,
            _ => ExitCode::Internal,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The output folder.
    pub out: PathBuf,
    /// Files written, in table order, then `stoa.toml`.
    pub files: Vec<PathBuf>,
    /// Data rows per table.
    pub rows: BTreeMap<Table, u64>,
    /// First day of the history.
    pub start: NaiveDate,
    /// Last day of the history.
    pub end: NaiveDate,
    /// Faults planted on purpose (`--defects`).
    pub planted: defects::Planted,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "Wrote synthetic data for {} to {} into {}:",
            self.start,
            self.end,
            self.out.display()
        )?;
        for (table, n) in &self.rows {
            writeln!(f, "  {:<18} {n:>10} rows", table.name())?;
        }
        if !self.planted.rejects.is_empty() {
            let each: Vec<String> = self
                .planted
                .rejects
                .iter()
                .map(|(t, n)| format!("{n} in {}", t.name()))
                .collect();
            writeln!(
                f,
                "Planted faults: `stoa check` should reject {}, and warn about {} {} with visits but missing from the client list.",
                each.join(", "),
                self.planted.missing_clients,
                crate::ingest::reasons::counted(
                    self.planted.missing_clients as usize,
                    ["client", "clients"]
                )
            )?;
        }
        Ok(())
    }
}

/// The first and last day of a history of `months` months ending with the month `end`
/// (`YYYY-MM`).
///
/// ```
/// use chrono::NaiveDate;
/// let (start, end) = stoa::generate::history("2026-10", 36).unwrap();
/// assert_eq!(start, NaiveDate::from_ymd_opt(2023, 11, 1).unwrap());
/// assert_eq!(end, NaiveDate::from_ymd_opt(2026, 10, 31).unwrap());
/// assert!(stoa::generate::history("2026-13", 36).is_err());
/// ```
pub fn history(end: &str, months: u32) -> Result<(NaiveDate, NaiveDate), GenerateError> {
    let first_of_end = NaiveDate::parse_from_str(&format!("{}-01", end.trim()), "%Y-%m-%d")
        .ok()
        .filter(|d| (1990..=2100).contains(&d.year()))
        .ok_or_else(|| GenerateError::Usage(format!("--end {end:?} is not a month between 1990-01 and 2100-12: write it as YYYY-MM, e.g. 2026-10")))?;
    if !(1..=240).contains(&months) {
        return Err(GenerateError::Usage(format!(
            "--months {months} is out of range: give between 1 and 240 months of history"
        )));
    }
    let start = first_of_end - Months::new(months - 1);
    let last = first_of_end + Months::new(1) - chrono::Duration::days(1);
    Ok((start, last))
}

fn check_args(args: &GenerateArgs) -> Result<(), GenerateError> {
    if args.clients == 0 {
        return Err(GenerateError::Usage(
            "--clients 0 gives no data: give at least 1 client".into(),
        ));
    }
    if args.stations == 0 || args.stations > args.clients {
        return Err(GenerateError::Usage(format!(
            "--stations {} does not fit --clients {}: give between 1 station and one per client",
            args.stations, args.clients
        )));
    }
    Ok(())
}

const EXTENSIONS: [&str; 5] = ["xlsx", "xls", "ods", "csv", "parquet"];

/// Write the synthetic data set described by `args` into `args.out`: one file per table
/// plus a `stoa.toml` sized to the generated station(s). Everything is written into a
/// hidden folder beside `out`, which takes its place whole once every file is complete,
/// whatever else `out` holds carried over ([`crate::replace`]): the files were renamed in
/// one by one, `stoa.toml` last, and a run interrupted among the renames left tables
/// without the `stoa.toml` by which the next `generate` knows its own folder, so that it
/// refused the folder as real exports. Where `out` cannot be replaced whole (the current
/// folder, say) the files are still renamed in one by one, `stoa.toml` first.
pub fn generate(args: &GenerateArgs) -> Result<Summary, GenerateError> {
    check_args(args)?;
    let (start, end) = history(&args.end, args.months)?;
    let ext = match args.format {
        Format::Xlsx => "xlsx",
        Format::Csv => "csv",
        Format::Parquet => "parquet",
    };
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| GenerateError::Io { path, source }
    };
    for table in Table::ALL {
        for other in EXTENSIONS.iter().filter(|e| **e != ext) {
            let path = args.out.join(format!("{}.{other}", table.name()));
            if path.exists() {
                return Err(GenerateError::OtherFormat { path });
            }
        }
    }
    // Removed if the run is interrupted, as the report's working folder is.
    let staged = crate::replace::Staged::begin(&args.out, "generate")?;

    let lang = args.lang;
    let mut market = sim::rng_for(args.seed, 0);
    let world = sim::World {
        start,
        end,
        lang,
        agents: sim::agents(&mut market, lang),
        chain: args.stations > 1,
    };
    let period = format!("{} – {}", start.format("%d.%m.%Y"), end.format("%d.%m.%Y"));
    let titles = |t: Table| match t {
        Table::Visits => format!("Заказ-наряды за период {period}"),
        Table::OrderLines => format!("Работы и запчасти по заказ-нарядам за период {period}"),
        Table::Clients => "Справочник клиентов".to_string(),
        Table::PriceList => format!("Прайс-лист на {}", end.format("%d.%m.%Y")),
        Table::CompetitorPrices => "Мониторинг цен конкурентов".to_string(),
        Table::Feedback => format!("Отзывы клиентов за период {period}"),
        Table::Agents => "Агенты".to_string(),
    };
    let mut sinks: BTreeMap<Table, write::Sink> = BTreeMap::new();
    for table in Table::ALL {
        sinks.insert(
            table,
            write::Sink::create(staged.path(), table, args.format, lang, &titles(table), end)?,
        );
    }
    let put = |sinks: &mut BTreeMap<Table, write::Sink>,
               table: Table,
               df: Result<polars::prelude::DataFrame, PolarsError>| {
        let df = df.map_err(|source| GenerateError::Polars { table, source })?;
        sinks.get_mut(&table).expect("a sink per table").write(df)
    };

    put(&mut sinks, Table::PriceList, tables::price_list(end, lang))?;
    put(
        &mut sinks,
        Table::CompetitorPrices,
        tables::competitor_prices(&mut market, end, lang),
    )?;
    put(&mut sinks, Table::Agents, tables::agents(&world.agents))?;

    let progress = indicatif::ProgressBar::new(args.clients as u64);
    progress.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} clients")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let mut stations = Vec::new();
    let mut first = 0;
    let mut planted = defects::Planted::default();
    for s in 0..args.stations {
        let n = args.clients / args.stations + usize::from(s < args.clients % args.stations);
        let mut rng = sim::rng_for(args.seed, s as u64 + 1);
        let staff = sim::staff(&mut rng, s, n, lang);
        progress.set_message(format!("station {}", staff.station));
        stations.push((staff.station.clone(), staff.bays));
        let mut data = sim::Station::new(&world, staff, rng).run(first..first + n);
        if s == 0 {
            planted = defects::plant(
                &mut sim::rng_for(args.seed, u64::MAX),
                &mut data,
                args.defects,
            );
        }
        first += n;
        put(&mut sinks, Table::Clients, tables::clients(&data.clients))?;
        put(&mut sinks, Table::Visits, tables::visits(&data.visits))?;
        put(
            &mut sinks,
            Table::OrderLines,
            tables::order_lines(&data.lines),
        )?;
        put(
            &mut sinks,
            Table::Feedback,
            tables::feedback(&data.feedback),
        )?;
        progress.inc(n as u64);
    }
    progress.finish_and_clear();

    let mut rows = BTreeMap::new();
    let mut names = Vec::new();
    for table in Table::ALL {
        let s = sinks.remove(&table).expect("a sink per table");
        rows.insert(table, s.rows);
        let written = s.finish()?;
        names.push(written.file_name().expect("a file name").to_owned());
    }
    let config = staged.path().join("stoa.toml");
    std::fs::write(&config, config_text(&stations, lang)).map_err(io(&config))?;
    names.push("stoa.toml".into());
    // What generate writes is its own, replaced; anything else in the folder is kept. A
    // folder of one of those names is not (generate writes files): it stops the run.
    let own = |name: &str| {
        names.iter().any(|n| n.to_str() == Some(name)) && !args.out.join(name).is_dir()
    };
    staged.finish(own, &["stoa.toml"])?;
    let files = names.iter().map(|n| args.out.join(n)).collect();
    Ok(Summary {
        out: args.out.clone(),
        files,
        rows,
        start,
        end,
        planted,
    })
}

/// The `stoa.toml` that goes with the data: the station's name, language and capacity; for
/// a chain, the lifts of all stations together and each station's own (`stations`: name
/// and bays).
pub fn config_text(stations: &[(String, u32)], lang: Lang) -> String {
    let name = match (stations, lang) {
        ([(one, _)], Lang::Ru) => format!("СТО «{one}»"),
        ([(one, _)], Lang::En) => format!("{one} service station"),
        (_, Lang::Ru) => {
            let n = stations.len();
            // 3 филиала, 5 филиалов, 21 филиал: "3 филиалов" stood in every report title.
            let word = match (n % 10, n % 100) {
                (1, h) if h != 11 => "филиал",
                (2..=4, h) if !(12..=14).contains(&h) => "филиала",
                _ => "филиалов",
            };
            format!("Сеть СТО ({n} {word})")
        }
        (_, Lang::En) => format!("Service chain ({} stations)", stations.len()),
    };
    let lang = match lang {
        Lang::Ru => "ru",
        Lang::En => "en",
    };
    let bays: u32 = stations.iter().map(|(_, b)| b).sum();
    let mut text = format!(
        "# Written by `stoa generate` together with the synthetic data in this folder.\n\
         station = \"{name}\"\n\
         currency = \"RUB\"\n\
         language = \"{lang}\"\n\
         \n\
         [capacity]\n\
         # Lifts of all stations together.\n\
         bays = {bays}\n\
         hours_per_day = 10\n\
         days_per_week = 6\n"
    );
    if stations.len() > 1 {
        for (station, bays) in stations {
            text.push_str(&format!(
                "\n[stations.{station:?}.capacity]\n\
                 bays = {bays}\n\
                 hours_per_day = 10\n\
                 days_per_week = 6\n"
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_a_chains_name_agrees_with_its_number_of_stations() {
        let chain = |n: usize| {
            let stations: Vec<(String, u32)> = (0..n).map(|i| (format!("S{i}"), 2)).collect();
            config_text(&stations, Lang::Ru)
        };
        assert!(chain(3).contains("(3 филиала)"));
        assert!(chain(5).contains("(5 филиалов)"));
        assert!(chain(21).contains("(21 филиал)"));
        assert!(chain(12).contains("(12 филиалов)"));
    }

    #[test]
    fn history_counts_months_back_from_the_end() {
        // 12 months ending 2025-02: March 2024 .. February 2025 (not a leap year: the 28th).
        let (start, end) = history("2025-02", 12).unwrap();
        assert_eq!(start, NaiveDate::from_ymd_opt(2024, 3, 1).unwrap());
        assert_eq!(end, NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
        assert!(matches!(
            history("2025-02", 0),
            Err(GenerateError::Usage(_))
        ));
        assert!(matches!(
            history("feb 2025", 12),
            Err(GenerateError::Usage(_))
        ));
    }

    #[test]
    fn the_config_written_with_the_data_is_valid() {
        for (stations, lang) in [
            (vec![("Центр".to_string(), 7)], Lang::Ru),
            (vec![("A".into(), 3), ("B".into(), 4)], Lang::En),
        ] {
            let text = config_text(&stations, lang);
            let c = crate::config::Config::from_toml(&text, "stoa.toml").unwrap();
            assert_eq!(c.capacity.bays, 7);
            assert_eq!(c.language, lang);
            // A chain's stations each have their own lifts; one station needs no table.
            let own: Vec<u32> = stations
                .iter()
                .filter_map(|(n, _)| Some(c.stations.get(n)?.capacity.as_ref()?.bays))
                .collect();
            let expected: Vec<u32> = if stations.len() > 1 {
                stations.iter().map(|(_, b)| *b).collect()
            } else {
                vec![]
            };
            assert_eq!(own, expected);
        }
    }
}
