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
pub mod stderr;
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

/// `--out` of `report` and `split` may be missing (it is made) or a folder; a file there
/// is a usage error, found before the data is read (it was an I/O error, "File exists",
/// with advice about free space, after the whole ingest).
/// A file where a folder of its path should be (`--out notes.txt/2026-10`) is one too: it
/// was the system's "Not a directory" after the whole ingest, with advice about free space.
pub(crate) fn out_is_a_folder(out: &std::path::Path) -> Result<(), crate::error::Classified> {
    if out.is_file() {
        return Err(crate::error::Classified::usage(format!(
            "the output folder {} is a file: name a folder with --out (it is made if missing)",
            out.display()
        )));
    }
    match out.ancestors().skip(1).find(|a| a.is_file()) {
        Some(file) => Err(crate::error::Classified::usage(format!(
            "the output folder {} cannot be made, as {} is a file, not a folder: name a folder with --out (it is made if missing)",
            out.display(),
            file.display()
        ))),
        None => Ok(()),
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
