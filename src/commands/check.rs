//! `stoa check`: validate the inputs and print the accounting of every row — what was
//! read, accepted and rejected per table, the warnings and the first rejects.

use std::fmt::Write as _;
use std::path::Path;

use polars::prelude::*;

use crate::cli::{CheckArgs, Lang};
use crate::config::Config;
use crate::error::Classified;
use crate::ingest::{self, reasons, Ingested};
use crate::interrupt::NewFile;
use crate::render::i18n;

/// How many rejects the readable output shows.
const SHOWN_REJECTS: usize = 20;

/// Run `stoa check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<()> {
    let config = Config::load(args.config.as_deref(), &args.data)?;
    if let Some(path) = &args.rejects {
        not_an_input(path, &args.data, args.config.as_deref(), &config)?;
    }
    // A rejects file that cannot be written is said before the data is read, which on a
    // chain takes a minute: its hidden file is made now, and filled at the end.
    let rejects = match &args.rejects {
        Some(path) => Some((begin_rejects(path)?, path)),
        None => None,
    };
    let mut ingested = crate::ingest::load(&args.data, &config)?;
    // The warnings a report raises of the data alone, whatever its month: said here too,
    // as `stoa check` is where a user looks for what to correct before a report (the
    // companies' birthdays were said by the report's greetings only, until session 35).
    let companies = crate::analytics::clients::greetings::company_birthdays(&ingested.model);
    ingested.warnings.extend(anyhow::Context::context(
        companies,
        "counting the companies with a birthday failed",
    )?);
    if let Some((file, path)) = rejects {
        fill_rejects(&ingested.rejects, file, path)?;
    }
    if args.json {
        // The manifest's list: paths relative to the data folder (SPEC §5.1).
        let inputs =
            crate::report::manifest::relative_inputs(&ingested.inputs, &args.data, &config);
        super::stdout::println(&serde_json::to_string_pretty(&inputs)?)?;
    } else {
        let lang = args.lang.unwrap_or(config.language);
        super::stdout::print(&summary(&ingested, args.rejects.as_deref(), lang))?;
    }
    if args.sizes {
        super::stderr::print(&sizes(&ingested.model)?);
    }
    // The verdict of `stoa report` on the same data, after the accounting that explains
    // it: a required table with no row, or with every row rejected, was exit 0 here and
    // exit 1 there, and the quick start sends a user to check first.
    let lang = args.lang.unwrap_or(config.language);
    super::losses::say_empty(&ingested.inputs, lang)?;
    let losses = ingest::losses::losses(&ingested.inputs, &ingested.rejects)?;
    super::losses::say(&losses, &config, lang, true)?;
    Ok(())
}

/// The in-memory size of every accepted table of the model (polars' estimate of its
/// buffers), one `table  rows  bytes  MB` line each and the total: how much memory the
/// data takes once read, before any analytics.
pub fn sizes(model: &crate::model::Model) -> anyhow::Result<String> {
    let mut rows = Vec::new();
    let (mut total_rows, mut total_bytes) = (0usize, 0usize);
    for t in crate::schema::Table::ALL {
        if !model.has(t) {
            continue;
        }
        // The model's frames are in-memory frames behind a lazy wrapper: collecting is a copy
        // of the column handles, not of the data.
        let df = model.table(t).clone().collect()?;
        let bytes = df.estimated_size();
        total_rows += df.height();
        total_bytes += bytes;
        rows.push([
            t.name().to_string(),
            df.height().to_string(),
            bytes.to_string(),
            format!("{:.1}", bytes as f64 / 1e6),
        ]);
    }
    rows.push([
        "total".to_string(),
        total_rows.to_string(),
        total_bytes.to_string(),
        format!("{:.1}", total_bytes as f64 / 1e6),
    ]);
    Ok(table(
        &["table", "rows", "bytes in memory", "MB"],
        &rows,
        &[false, true, true, true],
    ))
}

/// Begin the rejects file `--rejects` names ([`crate::interrupt::NewFile`]: a hidden
/// file beside it, or beside the file it links to), so that a path that cannot be written
/// is said before the data is read. A folder that does not exist, or a folder's name, is a
/// usage error, and so is a file where a folder of its path should be, as a file named by
/// `--out` is (2: it was "No such file or directory" alone, after the whole data was
/// read, with exit code 3); a folder the system will not let the run write in is said to
/// be one, with what to do (3: it was the system's words about a hidden file's name the
/// user never gave).
fn begin_rejects(path: &Path) -> Result<NewFile, Classified> {
    let real = crate::interrupt::followed(path);
    let folder = crate::interrupt::folder_of(&real);
    // The file as the user named it, and where its link points when it is one.
    let named = match real == path {
        true => path.display().to_string(),
        false => format!("{} (a link to {})", path.display(), real.display()),
    };
    if real.is_dir() {
        return Err(Classified::usage(format!(
            "the rejects file {} is a folder: name a file with --rejects, such as {}",
            path.display(),
            path.join("rejects.csv").display()
        )));
    }
    // A file where its folder should be (`--rejects notes.txt/r.csv`): the folder was
    // said not to exist, and the user looked for a folder that was there as a file.
    if let Some(file) = folder.ancestors().find(|a| a.is_file()) {
        let beside = file.parent().unwrap_or(Path::new("")).join(
            path.file_name()
                .unwrap_or(std::ffi::OsStr::new("rejects.csv")),
        );
        return Err(Classified::usage(format!(
            "{} is a file, not a folder, so the rejects file {named} cannot be made inside it: choose another path with --rejects, such as {}",
            file.display(),
            beside.display()
        )));
    }
    if !folder.is_dir() {
        return Err(Classified::usage(format!(
            "the folder {} of the rejects file {named} does not exist: create it, or choose another path with --rejects",
            folder.display(),
        )));
    }
    NewFile::create(path).map_err(|e| match crate::interrupt::refusal(&e) {
        Some(reason) => Classified::internal(format!(
            "the folder {} of the rejects file {named} cannot be written in ({reason}): choose another path with --rejects, in a folder you may write in, or ask for the right to write in this one",
            folder.display()
        )),
        None => cannot_write_rejects(path, &e),
    })
}

fn cannot_write_rejects(path: &Path, e: &dyn std::fmt::Display) -> Classified {
    Classified::internal(format!(
        "cannot write the rejects file {}: {e}; check that its folder is writable and has free space",
        path.display()
    ))
}

/// That `--rejects` is not a file the run reads: an input table's file (or a file inside a
/// table's folder of monthly exports) or the settings file. `--rejects data/visits.csv`
/// replaced the visits with their rejects, and `--rejects data/stoa.toml` the settings,
/// both with exit 0. Compared by canonical path, so `./data/../data/visits.csv` or a link
/// to the file is the same file; a rejects file that does not exist yet is none of them.
/// A usage error (exit 2), found before the data is read: the tables are only located.
fn not_an_input(
    path: &Path,
    data: &Path,
    config_file: Option<&Path>,
    config: &Config,
) -> Result<(), Classified> {
    let Ok(target) = std::fs::canonicalize(path) else {
        return Ok(());
    };
    let settings = config_file
        .map(Path::to_path_buf)
        .unwrap_or_else(|| data.join("stoa.toml"));
    if std::fs::canonicalize(&settings).is_ok_and(|s| s == target) {
        return Err(Classified::usage(format!(
            "the rejects file {} is the settings file {}, which this run reads: name another file with --rejects, such as rejects.csv outside the data folder",
            path.display(),
            settings.display()
        )));
    }
    // A folder that cannot be located is the run's own error, said by ingest after this.
    let Ok(located) = ingest::locate::locate(data, config) else {
        return Ok(());
    };
    for (table, source) in &located.sources {
        let Ok(input) = std::fs::canonicalize(&source.path) else {
            continue;
        };
        if input == target || (input.is_dir() && target.starts_with(&input)) {
            return Err(Classified::usage(format!(
                "the rejects file {} is the input of the table `{table}`, {}, which this run reads: name another file with --rejects, such as rejects.csv outside the data folder",
                path.display(),
                source.path.display()
            )));
        }
    }
    Ok(())
}

/// Write the rejects table (SPEC §5.1) as CSV, with a UTF-8 byte-order mark: the file is
/// opened in Excel to find the rows to correct, and Excel without the mark reads it as
/// the system's 8-bit code page, garbling the Cyrillic file names, headers and values.
/// Written through a hidden file beside it and renamed at the end
/// ([`crate::interrupt::NewFile`]): a failed or interrupted run leaves the previous file
/// as it was, where it left a cut-off one that looked complete. A link is followed: the
/// file it points to is replaced, and the link stays.
pub fn write_rejects(rejects: &DataFrame, path: &Path) -> anyhow::Result<()> {
    fill_rejects(rejects, begin_rejects(path)?, path)
}

/// Write the rejects into `file`, begun by [`begin_rejects`] for `path`, and put it in
/// place.
fn fill_rejects(rejects: &DataFrame, mut file: NewFile, path: &Path) -> anyhow::Result<()> {
    CsvWriter::new(file.file())
        .include_bom(true)
        .finish(&mut rejects.clone())
        .map_err(|e| cannot_write_rejects(path, &e))?;
    file.finish().map_err(|e| cannot_write_rejects(path, &e))?;
    Ok(())
}

/// The readable accounting printed by `stoa check`, in `lang`: the headings, table names,
/// reasons and warnings (the values and file names as they are).
pub fn summary(ing: &Ingested, rejects_file: Option<&Path>, lang: Lang) -> String {
    let t = |key: &'static str| i18n::t(lang, key);
    let table_name =
        |name: &str| i18n::word(lang, "table", name).unwrap_or_else(|| name.to_string());
    let mut out = String::new();
    let rows: Vec<[String; 7]> = ing
        .inputs
        .iter()
        .flat_map(|i| {
            let place = match &i.sheet {
                Some(s) => format!("{} [{s}]", i.path),
                None => i.path.clone(),
            };
            let money = |m: Option<f64>| m.map(|m| fmt_money(m, lang)).unwrap_or_default();
            let whole = [
                table_name(&i.table),
                place,
                i.rows_read.to_string(),
                i.rows_accepted.to_string(),
                i.rows_rejected.to_string(),
                money(i.money_read),
                money(i.money_rejected),
            ];
            // A table read from a folder: each file's rows under it.
            let files = i.files.iter().map(|f| {
                [
                    String::new(),
                    format!("  {}", f.path),
                    f.rows_read.to_string(),
                    f.rows_accepted.to_string(),
                    f.rows_rejected.to_string(),
                    String::new(),
                    String::new(),
                ]
            });
            // A table read from several sheets of a workbook: each sheet's rows under it.
            let sheets = i.sheets.iter().map(|s| {
                [
                    String::new(),
                    format!("  [{}]", s.sheet),
                    s.rows_read.to_string(),
                    s.rows_accepted.to_string(),
                    s.rows_rejected.to_string(),
                    String::new(),
                    String::new(),
                ]
            });
            std::iter::once(whole).chain(files).chain(sheets)
        })
        .collect();
    let head = [
        t("check.table"),
        t("check.source"),
        t("check.read"),
        t("check.accepted"),
        t("check.rejected"),
        t("check.money_read"),
        t("check.money_rejected"),
    ];
    out.push_str(&table(
        &head,
        &rows,
        &[false, false, true, true, true, true, true],
    ));

    let total_rejected: u64 = ing.inputs.iter().map(|i| i.rows_rejected).sum();
    if !ing.warnings.is_empty() {
        let _ = writeln!(out, "\n{}", t("check.warnings"));
        for w in &ing.warnings {
            let message = i18n::warning(lang, &w.message).unwrap_or_else(|| w.message.clone());
            let _ = writeln!(out, "  - {}: {message}", table_name(&w.table));
        }
    }
    if total_rejected == 0 {
        let _ = writeln!(out, "\n{}", t("check.no_rejects"));
        return out;
    }
    let shown = ing.rejects.head(Some(SHOWN_REJECTS));
    let total = total_rejected.to_string();
    let first = shown.height().to_string();
    let _ = writeln!(
        out,
        "\n{}",
        reasons::fill(t("check.rejected_first"), &[&total, &first])
    );
    let s = |name: &str| -> Vec<String> {
        let c = shown
            .column(name)
            .expect("rejects schema")
            .cast(&DataType::String)
            .expect("cast to text");
        c.str()
            .expect("text")
            .iter()
            .map(|v| v.unwrap_or("").to_string())
            .collect()
    };
    // Tables read from a folder of files: a row is found by its file (and sheet).
    let from_folders: Vec<&str> = ing
        .inputs
        .iter()
        .filter(|i| !i.files.is_empty())
        .map(|i| i.table.as_str())
        .collect();
    let file = s("file");
    let (tab, mut sh, r, c, v, why) = (
        s("table"),
        s("sheet"),
        s("row"),
        s("column"),
        s("value"),
        s("reason"),
    );
    for i in 0..shown.height() {
        if from_folders.contains(&tab[i].as_str()) {
            let name = Path::new(&file[i])
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            sh[i] = match sh[i].is_empty() {
                true => name,
                false => format!("{name}#{}", sh[i]),
            };
        }
    }
    let rows: Vec<[String; 6]> = (0..shown.height())
        .map(|i| {
            [
                table_name(&tab[i]),
                sh[i].clone(),
                r[i].clone(),
                c[i].clone(),
                truncate(&v[i], 30),
                i18n::reason(lang, &why[i]).unwrap_or_else(|| why[i].clone()),
            ]
        })
        .collect();
    out.push_str(&table(
        &[
            t("check.table"),
            t(match from_folders.is_empty() {
                true => "check.sheet",
                false => "check.file_sheet",
            }),
            t("check.row"),
            t("check.column"),
            t("check.value"),
            t("check.reason"),
        ],
        &rows,
        &[false, false, true, false, false, false],
    ));
    match rejects_file {
        Some(p) => {
            let path = p.display().to_string();
            let _ = writeln!(out, "\n{}", reasons::fill(t("check.every_in"), &[&path]));
        }
        None => {
            let _ = writeln!(out, "\n{}", t("check.hint"));
        }
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

/// Money as the reader of `lang` writes it, two decimals and thousands apart (`1,234,567.50`;
/// in Russian `1 234 567,50`, as the page and the workbook write it): the Russian check
/// printed a decimal point, and the English one a space between thousands until session
/// 35. An amount that rounds to zero is `0.00`, never `-0.00`.
fn fmt_money(v: f64, lang: Lang) -> String {
    use crate::render::{html::format_cell, Cell, ColumnKind};
    format_cell(lang, ColumnKind::Money, &Cell::Number(v))
}

/// A cell on one line of the terminal: each run of line breaks, tabs and other control
/// characters is one space. A header wrapped in Excel (`Код⏎клиента`, Alt+Enter) is named
/// by the rejects' column and reason, and its line break split the row of the table in two,
/// the cells after it under the wrong columns.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut broken = false;
    for c in s.chars() {
        match c.is_control() {
            true if !broken => {
                out.push(' ');
                broken = true;
            }
            true => {}
            false => {
                out.push(c);
                broken = false;
            }
        }
    }
    out
}

/// A plain-text table with aligned columns, each cell on one line ([`one_line`]).
fn table<const N: usize>(head: &[&str; N], rows: &[[String; N]], right: &[bool; N]) -> String {
    let rows: Vec<[String; N]> = rows
        .iter()
        .map(|r| r.each_ref().map(|c| one_line(c)))
        .collect();
    let mut width: [usize; N] = head.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = " ".repeat(width[i] - c.chars().count());
                if right[i] {
                    format!("{pad}{c}")
                } else {
                    format!("{c}{pad}")
                }
            })
            .collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut out = line(&head.map(String::from));
    out.push_str(&line(&width.map(|w| "-".repeat(w))));
    for r in &rows {
        out.push_str(&line(r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_list_the_supplied_tables_and_the_total() {
        let model = crate::analytics::management::testdata::station();
        let text = sizes(&model).unwrap();
        assert!(text.starts_with("table"), "{text}");
        assert!(text.contains("\nvisits "), "{text}");
        assert!(text.lines().last().unwrap().starts_with("total"), "{text}");
        assert!(!text.contains("\nclients "), "{text}");
    }

    #[test]
    fn regression_a_line_break_in_a_cell_is_a_space_in_the_table() {
        // «Код⏎клиента» split its row in two, and the reason fell under «таблица».
        let rows = [[
            "Код\nклиента".to_string(),
            "нет «Код\r\nклиента»\tв строке".to_string(),
        ]];
        let text = table(&["столбец", "причина"], &rows, &[false, false]);
        assert_eq!(
            text,
            "столбец      причина\n\
             -----------  --------------------------\n\
             Код клиента  нет «Код клиента» в строке\n"
        );
    }

    #[test]
    fn money_is_grouped_by_thousands() {
        assert_eq!(fmt_money(1_234_567.5, Lang::En), "1,234,567.50");
        assert_eq!(fmt_money(-12.0, Lang::En), "-12.00");
        assert_eq!(fmt_money(999.999, Lang::En), "1,000.00");
        // On the terminal as on the page: what rounds to zero has no minus.
        assert_eq!(fmt_money(-0.004, Lang::En), "0.00");
        assert_eq!(fmt_money(-0.004, Lang::Ru), "0,00");
        // Regression: the Russian check printed `54 246 295.00`.
        assert_eq!(fmt_money(1_234_567.5, Lang::Ru), "1\u{a0}234\u{a0}567,50");
    }
}
