//! `stoa clv`: fit the customer-base model on any transaction log and write its parameters
//! and per-client predictions, so the model can be checked against published data and used
//! outside the monthly report.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use polars::prelude::*;

use crate::analytics::clv::{self, ScoreOptions};
use crate::cli::{ClvArgs, MAX_HORIZON_WEEKS};
use crate::error::{Classified, ExitCode};
use crate::interrupt::NewFile;

/// The contents of `clv_params.json`.
#[derive(Debug, serde::Serialize)]
struct Params {
    r: f64,
    alpha: f64,
    a: f64,
    b: f64,
    loglik_bgnbd: f64,
    p: f64,
    q: f64,
    gamma: f64,
    loglik_gg: f64,
    n_customers: usize,
    n_repeat: usize,
    n_excluded_gg: usize,
    end: String,
    horizon_weeks: u32,
    monthly_discount: f64,
}

/// Why the file named with `--transactions` cannot be read, found before reading it. The
/// README's exit codes: a named input that does not exist, or is a folder, is a wrong
/// command line (2), as a missing `--data` or `--config` is; one the system will not open
/// is I/O (3).
#[derive(Debug, thiserror::Error)]
pub enum TransactionsError {
    /// Nothing of that name.
    #[error("the transaction log {path} does not exist: correct --transactions, naming a CSV file with the header client_id,date,amount.")]
    NotFound { path: PathBuf },
    /// A symbolic link to nothing.
    #[error("the transaction log {path} is a link to {target}, which does not exist: restore the file it points to, or name the file itself with --transactions.")]
    BrokenLink { path: PathBuf, target: PathBuf },
    /// A folder of that name.
    #[error("the transaction log {path} is a folder: name the CSV file itself with --transactions (a file with the header client_id,date,amount).")]
    Folder { path: PathBuf },
    /// The system refuses it: access denied, or a file locked by another program.
    #[error("cannot open the transaction log {path}: {source}; check that you may read it and close it in any program that holds it, then run again.")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl From<TransactionsError> for Classified {
    fn from(e: TransactionsError) -> Classified {
        let code = match e {
            TransactionsError::NotFound { .. }
            | TransactionsError::BrokenLink { .. }
            | TransactionsError::Folder { .. } => ExitCode::Usage,
            TransactionsError::Unreadable { .. } => ExitCode::Internal,
        };
        Classified {
            code,
            message: e.to_string(),
        }
    }
}

/// Run `stoa clv`.
pub fn run(args: &ClvArgs) -> anyhow::Result<()> {
    let end = NaiveDate::parse_from_str(args.end.trim(), "%Y-%m-%d").map_err(|_| {
        Classified::usage(format!(
            "--end '{}' is not a date; write it as YYYY-MM-DD, e.g. --end 1997-09-30.",
            args.end
        ))
    })?;
    // clap refuses these on the command line; `ClvArgs` built in code is not parsed.
    if args.horizon == 0 || args.horizon > MAX_HORIZON_WEEKS {
        return Err(Classified::usage(format!(
            "--horizon {} is outside 1..={MAX_HORIZON_WEEKS}; give the horizon in weeks, e.g. --horizon 52 for a year.",
            args.horizon
        ))
        .into());
    }
    // A wrong --out or --transactions is a usage error found before the log is read, as
    // `report` finds a wrong --out or --data.
    super::out_is_a_folder(&args.out)?;
    check_transactions_path(&args.transactions)?;
    // An output folder that is there is found writable or not before the log is read; one
    // that is not is made only once there is something to write into it.
    let outputs = match args.out.is_dir() {
        true => Some(begin_outputs(&args.out)?),
        false => None,
    };
    let tx = read_transactions(&args.transactions)?;
    let summary = clv::summarize(tx.lazy(), end).map_err(|e| {
        Classified::data(format!(
            "the transactions in {} could not be summarised: {e}",
            args.transactions.display()
        ))
    })?;
    let classify = |e: clv::ClvError| {
        let message = format!("{}: {e}", args.transactions.display());
        if e.is_data_problem() {
            Classified::data(message)
        } else {
            Classified::internal(message)
        }
    };
    let model = clv::fit(&summary).map_err(classify)?;
    let options = ScoreOptions {
        horizon_weeks: f64::from(args.horizon),
        ..ScoreOptions::default()
    };
    let mut clients = model.score(&summary, &options).map_err(classify)?;

    let (bg, gg) = (&model.bgnbd, &model.gamma_gamma);
    let params = Params {
        r: bg.params.r,
        alpha: bg.params.alpha,
        a: bg.params.a,
        b: bg.params.b,
        loglik_bgnbd: bg.loglik,
        p: gg.params.p,
        q: gg.params.q,
        gamma: gg.params.gamma,
        loglik_gg: gg.loglik,
        n_customers: bg.n_customers,
        n_repeat: bg.n_repeat,
        n_excluded_gg: gg.n_excluded,
        end: end.to_string(),
        horizon_weeks: args.horizon,
        monthly_discount: options.monthly_discount,
    };
    let json = serde_json::to_string_pretty(&params).context("cannot serialise the parameters")?;
    // Both written beside their targets and renamed at the end, the one after the other: an
    // interrupted or failed run leaves the previous pair as it was, where it left a cut-off
    // clv_clients.csv (see crate::interrupt).
    let [mut json_file, mut csv_file] = match outputs {
        Some(files) => files,
        None => begin_outputs(&args.out)?,
    };
    let (json_path, csv_path) = (args.out.join(JSON), args.out.join(CSV));
    json_file
        .file()
        .write_all((json + "\n").as_bytes())
        .map_err(|e| cannot(&json_path, &e))?;
    CsvWriter::new(csv_file.file())
        .include_header(true)
        .finish(&mut clients)
        .map_err(|e| cannot(&csv_path, &e))?;
    json_file.finish().map_err(|e| cannot(&json_path, &e))?;
    csv_file.finish().map_err(|e| cannot(&csv_path, &e))?;
    if gg.n_excluded > 0 {
        super::stderr::println(&format!(
            "note: {} repeat customers with a zero or negative mean repeat spend were left out of the Gamma-Gamma fit.",
            gg.n_excluded
        ));
    }
    super::stdout::println(&format!(
        "{} customers ({} repeat): r = {:.4}, alpha = {:.4}, a = {:.4}, b = {:.4}; p = {:.4}, q = {:.4}, gamma = {:.4}. Wrote {} and {}.",
        bg.n_customers,
        bg.n_repeat,
        bg.params.r,
        bg.params.alpha,
        bg.params.a,
        bg.params.b,
        gg.params.p,
        gg.params.q,
        gg.params.gamma,
        json_path.display(),
        csv_path.display()
    ))?;
    Ok(())
}

/// The model's parameters, and the clients' predictions, in the output folder.
const JSON: &str = "clv_params.json";
const CSV: &str = "clv_clients.csv";

/// The error of writing an output file, in the system's words.
fn cannot(path: &Path, e: &dyn std::fmt::Display) -> Classified {
    Classified::internal(format!(
        "cannot write {}: {e}; check that the output folder is writable and has free space",
        path.display()
    ))
}

/// The output folder `out`, made if missing, and the hidden files of its two outputs
/// begun beside them (or beside the files they link to). A folder the run may not write
/// in is said to be one, with what to do: it was the system's words about a hidden file's
/// name the user never gave, with exit code 3 as now.
fn begin_outputs(out: &Path) -> Result<[NewFile; 2], Classified> {
    fs::create_dir_all(out).map_err(|e| match crate::interrupt::refusal(&e) {
        Some(reason) => Classified::internal(format!(
            "the output folder {} cannot be made ({reason}): choose another folder with --out, where you may write, or ask for the right to write there",
            out.display()
        )),
        None => Classified::internal(format!(
            "cannot create the output folder {}: {e}; check that its parent folder is writable and has free space",
            out.display()
        )),
    })?;
    let begin = |name: &str| {
        let path = out.join(name);
        NewFile::create(&path).map_err(|e| match crate::interrupt::refusal(&e) {
            Some(reason) => {
                let real = crate::interrupt::followed(&path);
                Classified::internal(format!(
                    "the folder {} cannot be written in ({reason}), so {} cannot be written: choose another folder with --out, where you may write, or ask for the right to write in this one",
                    crate::interrupt::folder_of(&real).display(),
                    path.display()
                ))
            }
            None => cannot(&path, &e),
        })
    };
    Ok([begin(JSON)?, begin(CSV)?])
}

/// The first line of a CSV file with more or fewer fields than its header (read as Excel
/// reads quotes): its line number, its fields and the header's. polars only says that
/// some row has more fields than its schema, and advises an option of its own.
fn ragged_line(path: &Path, separator: u8) -> Option<(u64, usize, usize)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_path(path)
        .ok()?;
    let mut records = reader.records();
    let header = records.next()?.ok()?.len();
    let (at, fields) = records.flatten().find_map(|r| {
        let fields = r.len();
        let blank = fields == 1 && r[0].trim().is_empty();
        (fields != header && !blank).then(|| (r.position().map_or(0, |p| p.byte()), fields))
    })?;
    // The reader's line count leaves out the empty lines it skips: the line is counted in
    // the file's bytes, from where the record's reading started over any empty lines.
    let bytes = std::fs::read(path).ok()?;
    let at = (at as usize).min(bytes.len());
    let skipped = bytes[at..]
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .filter(|&&b| b == b'\n')
        .count();
    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..at]).count() + skipped;
    Some((line as u64, fields, header))
}

/// That `path` is a file the system opens. polars would call a missing file, a folder or a
/// locked file alike "not a readable CSV file", a data error (1).
fn check_transactions_path(path: &Path) -> Result<(), Classified> {
    let owned = || path.to_path_buf();
    match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(match crate::error::broken_link(path) {
                Some(target) => TransactionsError::BrokenLink {
                    path: owned(),
                    target,
                },
                None => TransactionsError::NotFound { path: owned() },
            }
            .into())
        }
        Err(source) => Err(TransactionsError::Unreadable {
            path: owned(),
            source,
        }
        .into()),
        Ok(meta) if meta.is_dir() => Err(TransactionsError::Folder { path: owned() }.into()),
        // Opening, not the metadata, is what access rights and Windows' locks refuse.
        Ok(_) => fs::File::open(path).map(drop).map_err(|source| {
            TransactionsError::Unreadable {
                path: owned(),
                source,
            }
            .into()
        }),
    }
}

/// The log's column names, trimmed, with `client_id`, `date` and `amount` found in any
/// case (`Client_id,Date,Amount`, as SPEC §2 matches every other input's headers); a
/// name is lowered only where the file has no column of that exact name, and only its
/// first spelling, so that no two columns end up with one name.
///
/// ```
/// let names = stoa::commands::clv::canonical_names([" Client_ID", "DATE ", "Amount", "amount"].into_iter());
/// assert_eq!(names, ["client_id", "date", "Amount", "amount"]);
/// ```
pub fn canonical_names<'a>(raw: impl Iterator<Item = &'a str>) -> Vec<String> {
    let trimmed: Vec<String> = raw.map(|s| s.trim().to_string()).collect();
    let mut taken: Vec<&str> = Vec::new();
    trimmed
        .iter()
        .map(|name| {
            let lower = name.to_lowercase();
            match ["client_id", "date", "amount"]
                .into_iter()
                .find(|c| *c == lower && !taken.contains(c) && !trimmed.iter().any(|t| t == c))
            {
                Some(c) => {
                    taken.push(c);
                    c.to_string()
                }
                None => name.clone(),
            }
        })
        .collect()
}

/// How much of the log's start is looked at for its header.
const HEAD: u64 = 64 << 10;

/// The separator of the log's fields: `,`, or the `;` (or tab) a Russian Excel writes a
/// CSV with (its decimal separator is the comma), whichever splits the header into
/// `client_id`, `date` and `amount`; else the one that splits it into the most fields, for
/// the error of the missing columns. None for a file with nothing but white space in it.
///
/// ```
/// use stoa::commands::clv::separator;
/// assert_eq!(separator(b"client_id,date,amount\n1,1997-01-01,3.5\n"), Some(b','));
/// assert_eq!(separator(b"\xef\xbb\xbfClient_ID;Date;Amount\r\n1;1997-01-01;3,5\r\n"), Some(b';'));
/// assert_eq!(separator(b"\nclient_id\tdate\tamount\n"), Some(b'\t'));
/// assert_eq!(separator(b"id;day;sum\n"), Some(b';'));
/// assert_eq!(separator(b" \r\n\n"), None);
/// ```
pub fn separator(head: &[u8]) -> Option<u8> {
    let text = String::from_utf8_lossy(head);
    let header = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())?;
    let split = |sep: u8| canonical_names(header.split(sep as char));
    let candidates = [b',', b';', b'\t'];
    let whole = candidates.into_iter().find(|sep| {
        let names = split(*sep);
        ["client_id", "date", "amount"]
            .iter()
            .all(|c| names.iter().any(|n| n == c))
    });
    // The most fields; the comma of the documented header among equals.
    whole.or_else(|| {
        candidates
            .into_iter()
            .rev()
            .max_by_key(|sep| split(*sep).len())
    })
}

/// The name of a separator in an error.
fn separator_name(separator: u8) -> &'static str {
    match separator {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

/// Read `client_id,date,amount` as text, then type it, so that a bad cell is reported with
/// its line and value instead of as a parser error. A log split by `;` or tabs (a Russian
/// Excel's CSV) is read too, its amounts with a decimal comma (`10,5`) and spaces between
/// the thousands (`1 234,50`); dates are `YYYY-MM-DD`, or `DD.MM.YYYY` as Excel writes
/// them in Russian.
fn read_transactions(path: &Path) -> anyhow::Result<DataFrame> {
    use std::io::Read as _;
    let mut head = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(HEAD).read_to_end(&mut head))
        .map_err(|source| {
            Classified::from(TransactionsError::Unreadable {
                path: path.to_path_buf(),
                source,
            })
        })?;
    // polars said "not a readable CSV file: no data: empty CSV".
    let Some(sep) = separator(&head) else {
        return Err(Classified::data(format!(
            "the transaction log {} is empty: it needs the header client_id,date,amount and a line per purchase under it, such as 1,1997-01-01,29.33",
            path.display()
        ))
        .into());
    };
    let raw = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .map_parse_options(|o| o.with_separator(sep))
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .and_then(|r| r.finish())
        .map_err(|e| {
            Classified::data(match ragged_line(path, sep) {
                Some((line, fields, header)) => {
                    let name = separator_name(sep);
                    format!(
                        "line {line} of {} has {fields} fields where the header has {header}: a {name} inside a value that is not in quotes splits it; put that value in quotes, or remove the {name}",
                        path.display()
                    )
                }
                None => format!("{} is not a readable CSV file: {e}", path.display()),
            })
        })?;
    let names = canonical_names(raw.get_column_names().iter().map(|s| s.as_str()));
    let missing: Vec<&str> = ["client_id", "date", "amount"]
        .into_iter()
        .filter(|c| !names.iter().any(|n| n == c))
        .collect();
    if !missing.is_empty() {
        return Err(Classified::data(format!(
            "{} has no column {}; its header must be client_id,date,amount (found: {}).",
            path.display(),
            missing.join(", "),
            names.join(",")
        ))
        .into());
    }
    let mut raw = raw;
    raw.set_column_names(&names)?;
    let date_format = |format: &str| StrptimeOptions {
        format: Some(format.into()),
        strict: false,
        exact: true,
        cache: true,
    };
    let date = |format: &str| {
        col("date")
            .str()
            .strip_chars(lit(NULL))
            .str()
            .to_date(date_format(format))
    };
    let amount = col("amount").str().strip_chars(lit(NULL));
    // A decimal comma and spaces (plain, no-break, narrow) between the thousands, as a
    // Russian Excel writes a number; in a log split by commas a comma cannot be one.
    let amount = match sep {
        b',' => amount,
        _ => amount
            .str()
            .replace_all(lit("[ \u{a0}\u{202f}]"), lit(""), false)
            .str()
            .replace_all(lit(","), lit("."), true),
    };
    // SPEC §4.1: blank rows are skipped and not counted. polars reads an empty line (a
    // trailing one included) as a row of nulls, and a row of separators alone (`,,`, what
    // Excel writes for a row it emptied) as a row of empty texts; both were refused as
    // "the client_id is empty". A row with only some fields empty is still refused below.
    let blank = names
        .iter()
        .map(|n| {
            col(n.as_str())
                .str()
                .strip_chars(lit(NULL))
                .fill_null(lit(""))
                .eq(lit(""))
        })
        .reduce(|a, b| a.and(b))
        .unwrap_or(lit(false));
    let typed = raw
        .lazy()
        // Numbered before the blank rows go, so that a line number is the file's.
        .with_row_index("row", None)
        .filter(blank.not())
        .select([
            col("row"),
            col("client_id")
                .str()
                .strip_chars(lit(NULL))
                .alias("client_id"),
            col("date").alias("date_text"),
            col("amount").alias("amount_text"),
            date("%Y-%m-%d").fill_null(date("%d.%m.%Y")).alias("date"),
            amount.cast(DataType::Float64).alias("amount"),
        ])
        .collect()
        .map_err(|e| Classified::data(format!("{} could not be read: {e}", path.display())))?;
    let bad = typed
        .clone()
        .lazy()
        .filter(
            col("client_id")
                .is_null()
                .or(col("client_id").eq(lit("")))
                .or(col("date").is_null())
                .or(col("amount").is_null())
                .or(col("amount").is_infinite().or(col("amount").is_nan())),
        )
        .limit(1)
        .collect()?;
    if bad.height() > 0 {
        let row = bad.column("row")?.idx()?.get(0).unwrap_or(0) as usize;
        let text = |c: &str| -> anyhow::Result<String> {
            Ok(bad.column(c)?.str()?.get(0).unwrap_or("").to_string())
        };
        let (id, date_text, amount_text) =
            (text("client_id")?, text("date_text")?, text("amount_text")?);
        // Line numbers count the header as line 1.
        let line = row + 2;
        let what = if id.is_empty() {
            "the client_id is empty".to_string()
        } else if bad.column("date")?.null_count() > 0 {
            format!("the date '{date_text}' is not an ISO date (YYYY-MM-DD), nor one written DD.MM.YYYY")
        } else if sep == b',' && amount_text.contains(',') {
            format!(
                "the amount '{amount_text}' is not a number: in a log split by commas its decimals follow a point (10.5); a log split by semicolons, as a Russian Excel saves one, may have a decimal comma"
            )
        } else {
            format!("the amount '{amount_text}' is not a number")
        };
        return Err(Classified::data(format!(
            "line {line} of {}: {what}; correct or remove the row.",
            path.display()
        ))
        .into());
    }
    if typed.height() == 0 {
        let s = sep as char;
        let example = match sep {
            b',' => "1,1997-01-01,29.33".to_string(),
            _ => format!("1{s}1997-01-01{s}29,33"),
        };
        return Err(Classified::data(format!(
            "{} has its header but no transaction: add a line per purchase under it, such as {example}",
            path.display()
        ))
        .into());
    }
    Ok(typed.select(["client_id", "date", "amount"])?)
}
