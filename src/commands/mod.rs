//! One module per command; each turns parsed arguments into a validated plan and runs it.

use crate::cli::{Cli, Command};

pub mod check;
pub mod clv;
pub mod generate;
pub mod report;
pub mod split;

/// Run a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Clv(args) => clv::run(&args),
        Command::Split(args) => split::run(&args),
    }
}
