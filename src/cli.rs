//! Command-line syntax (clap). Only parsing lives here; `commands::*` turns it into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// stoa: client analytics for car service stations.
#[derive(Debug, Parser)]
#[command(name = "stoa", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the input tables and print the accounting of every row.
    Check(CheckArgs),
    /// Build the monthly report (tables, workbook, charts, lists) into reports/YYYY-MM/.
    Report(ReportArgs),
    /// Write realistic synthetic station data.
    Generate(GenerateArgs),
    /// Fit the customer-base model (BG/NBD + Gamma-Gamma) on a transaction log.
    Clv(ClvArgs),
    /// Split a chain's data into one data folder per station, for station reports run apart.
    Split(SplitArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Folder holding the input tables.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Configuration file (default: stoa.toml inside the data folder, if present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Print the `inputs` accounting as JSON instead of the readable table.
    #[arg(long)]
    pub json: bool,
    /// Write every rejected row to this CSV file.
    #[arg(long)]
    pub rejects: Option<PathBuf>,
    /// Also print the in-memory size of every accepted table (polars' estimate), to
    /// standard error, so that `--json` stays the `inputs` list.
    #[arg(long)]
    pub sizes: bool,
    /// Language of the readable accounting, its reasons and warnings (overrides the
    /// config); `--json` and `--rejects` keep the English codes of the contract.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folder holding the input tables.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Configuration file (default: stoa.toml inside the data folder, if present).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Report month, YYYY-MM or MM.YYYY, one-digit months too (default: the latest complete month in the data).
    #[arg(long)]
    pub month: Option<String>,
    /// Output folder; the report lands in OUT/YYYY-MM/ (a station's in
    /// OUT/stations/<station>/YYYY-MM/).
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Report on one station of a chain (the visits' `station`, trimmed, any case) into
    /// OUT/stations/<station>/YYYY-MM/.
    #[arg(long, conflicts_with = "by_station")]
    pub station: Option<String>,
    /// Report on the whole chain (OUT/YYYY-MM/) and on every station
    /// (OUT/stations/<station>/YYYY-MM/) in one run that reads the data once.
    #[arg(long)]
    pub by_station: bool,
    /// Language of labels and list reasons (overrides the config).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Run only this section (may be repeated).
    #[arg(long)]
    pub only: Vec<String>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the time of every stage.
    #[arg(long, short)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Output folder.
    #[arg(long)]
    pub out: PathBuf,
    /// Number of clients.
    #[arg(long, default_value_t = 1200)]
    pub clients: usize,
    /// Number of months of history.
    #[arg(long, default_value_t = 36)]
    pub months: u32,
    /// Last month of the data, YYYY-MM.
    #[arg(long, default_value = "2026-10")]
    pub end: String,
    /// Number of stations.
    #[arg(long, default_value_t = 1)]
    pub stations: usize,
    /// Random seed: the same arguments give byte-identical files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// File format of the tables.
    #[arg(long, value_enum, default_value_t = Format::Xlsx)]
    pub format: Format,
    /// Language of the headers and values.
    #[arg(long, value_enum, default_value_t = Lang::Ru)]
    pub lang: Lang,
    /// Plant this many faulty rows of each kind real exports have (duplicate ids, lines of
    /// unknown orders, negative quantities, clients missing from the client list), to see
    /// `stoa check` account for them.
    #[arg(long, default_value_t = 0)]
    pub defects: usize,
}

/// The longest `stoa clv --horizon`, in weeks: ten years. Beyond that a model fitted on a
/// few years of history says little, and the hypergeometric series behind the expected
/// visits converges ever more slowly.
pub const MAX_HORIZON_WEEKS: u32 = 520;

#[derive(Debug, Args)]
pub struct ClvArgs {
    /// Transaction log: CSV with client_id,date,amount (ISO dates).
    #[arg(long)]
    pub transactions: PathBuf,
    /// Calibration end date, YYYY-MM-DD.
    #[arg(long)]
    pub end: String,
    /// Prediction horizon in weeks, 1 to 520 (ten years).
    // The range is clap's, so that an out-of-range value is told the real range (a bare
    // u32 said "not in 0..=4294967295"); negative numbers are taken as values so that
    // `--horizon -5` is told it too, not that -5 is an unknown option.
    #[arg(
        long,
        default_value_t = 52,
        allow_negative_numbers = true,
        value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_HORIZON_WEEKS))
    )]
    pub horizon: u32,
    /// Output folder for clv_params.json and clv_clients.csv.
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct SplitArgs {
    /// Folder holding the chain's input tables.
    #[arg(long, default_value = "data")]
    pub data: PathBuf,
    /// Configuration file (default: stoa.toml inside the data folder, if present); it is
    /// copied into every station's folder.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Output folder: one folder per station (OUT/<station>/), stations.tsv and split.json.
    #[arg(long, default_value = "stations")]
    pub out: PathBuf,
    /// File format of the stations' tables.
    #[arg(long, value_enum, default_value_t = Format::Parquet)]
    pub format: Format,
    /// Language of the summary and the errors (overrides the config); the folders' tables
    /// keep their canonical English columns and values.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Output file format of `stoa generate` and `stoa split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Xlsx,
    Csv,
    Parquet,
}

/// Language of labels, headers and reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Ru,
}
