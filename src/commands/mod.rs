//! One module per command; each turns parsed arguments into a validated plan and runs it.

use crate::cli::{Cli, Command, Lang};
use crate::config::Config;

pub mod check;
pub mod clv;
pub mod generate;
pub mod help;
mod losses;
pub mod report;
pub mod split;
pub mod stdout;
pub mod usage;

/// Run a parsed command line.
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Report(args) => report::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Clv(args) => clv::run(args),
        Command::Split(args) => split::run(args),
    }
}

/// Read the data folder as `ingest::load` does, with the errors it finds in the settings
/// or behind a link said where the user can act on them: a `[files]` entry that names
/// nothing, or a sheet the workbook lacks, is an error of the configuration file, with the
/// file (`--config`, or the data folder's) and the entry's line and column, where ingest's
/// named `stoa.toml` whatever file it was and no place in it; a required table whose file
/// is a link to nothing is said to be that, where it was "add the file visits.xlsx" of a
/// file the user sees in the folder.
pub(crate) fn load_data(
    data: &std::path::Path,
    config: &Config,
) -> anyhow::Result<crate::ingest::Ingested> {
    use crate::ingest::IngestError;
    let e = match crate::ingest::load(data, config) {
        Ok(ingested) => return Ok(ingested),
        Err(e) => e,
    };
    let files = |table: &crate::schema::Table| vec!["files".to_string(), table.name().to_string()];
    let said = match &e {
        IngestError::NamedMissing {
            table,
            spec,
            path,
            name,
            folder,
            closest,
        } => {
            let message = match crate::error::broken_link(path) {
                Some(target) => format!(
                    "`{table} = \"{spec}\"` under [files] names {}, a link to {}, which does not exist: restore the file it points to, or name the file itself",
                    path.display(),
                    target.display()
                ),
                None => format!(
                    "`{table} = \"{spec}\"` under [files] names {}, which does not exist: there is no {name} in the folder {}; correct the name, relative to the data folder{closest}, or remove the line for stoa to find the table by its file's name",
                    path.display(),
                    folder.display()
                ),
            };
            config.at(&files(table), message).map(anyhow::Error::from)
        }
        IngestError::NoSheet {
            table,
            path,
            sheet,
            sheets,
        } => {
            let message = format!(
                "[files] names the sheet «{sheet}» of {} for `{table}`, but the workbook has no such sheet; its sheets are {sheets}: correct the name after the #",
                path.display()
            );
            config.at(&files(table), message).map(anyhow::Error::from)
        }
        IngestError::NoDataDir { path } => crate::error::broken_link(path).map(|target| {
            crate::error::Classified::usage(format!(
                "the data folder {} is a link to {}, which does not exist: restore the folder it points to, or pass the folder of the exports itself with --data",
                path.display(),
                target.display()
            ))
            .into()
        }),
        IngestError::MissingTable { table, dir, .. } => {
            linked_away(*table, dir).map(|(link, target)| {
                crate::error::Classified::data(format!(
                    "the required table `{table}` was not found in {}: {} is a link to {}, which does not exist; restore the file it points to, or put the table's file itself in place of the link",
                    dir.display(),
                    link.display(),
                    target.display()
                ))
                .into()
            })
        }
        _ => None,
    };
    Err(said.unwrap_or_else(|| e.into()))
}

/// A link in `dir` named for `table` (`visits.xlsx`, `Визиты.csv`) whose target does not
/// exist, and that target: ingest looks past it as past a file that is not there.
fn linked_away(
    table: crate::schema::Table,
    dir: &std::path::Path,
) -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let mut links: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            stem.and_then(|s| crate::schema::Table::from_name(&s)) == Some(table)
        })
        .filter_map(|p| crate::error::broken_link(&p).map(|t| (p, t)))
        .collect();
    links.sort();
    links.into_iter().next()
}

/// `--out` of `report` and `split` may be missing (it is made) or a folder; a file there
/// is a usage error, found before the data is read (it was an I/O error, "File exists",
/// with advice about free space, after the whole ingest).
pub(crate) fn out_is_a_folder(out: &std::path::Path) -> Result<(), crate::error::Classified> {
    match out.is_file() {
        true => Err(crate::error::Classified::usage(format!(
            "the output folder {} is a file: name a folder with --out (it is made if missing)",
            out.display()
        ))),
        false => Ok(()),
    }
}

/// The language a command speaks on the terminal, errors included: for `check`, `report`
/// and `split` (which read the station's data and its `stoa.toml`) that of the report
/// (`--lang`, else `language` in the configuration, else Russian, the report's default);
/// English for the others, which work on the tool's own terms (generated data, a
/// transaction log).
///
/// ```
/// use clap::Parser;
/// use stoa::cli::{Cli, Lang};
/// let cli = Cli::parse_from(["stoa", "check", "--data", "/nowhere", "--lang", "en"]);
/// assert_eq!(stoa::commands::terminal_lang(&cli), Lang::En);
/// let cli = Cli::parse_from(["stoa", "report", "--data", "/nowhere"]);
/// assert_eq!(stoa::commands::terminal_lang(&cli), Lang::Ru);
/// let cli = Cli::parse_from(["stoa", "split", "--data", "/nowhere", "--lang", "en"]);
/// assert_eq!(stoa::commands::terminal_lang(&cli), Lang::En);
/// ```
pub fn terminal_lang(cli: &Cli) -> Lang {
    let (lang, config, data) = match &cli.command {
        Command::Check(a) => (a.lang, a.config.as_deref(), &a.data),
        Command::Report(a) => (a.lang, a.config.as_deref(), &a.data),
        Command::Split(a) => (a.lang, a.config.as_deref(), &a.data),
        _ => return Lang::En,
    };
    // A configuration that cannot be read is itself the error being reported: then the
    // report's default, unless the file still says which language it wants.
    lang.unwrap_or_else(|| {
        Config::load(config, data).map_or_else(
            |_| Config::language_of(config, data).unwrap_or(Lang::Ru),
            |c| c.language,
        )
    })
}
