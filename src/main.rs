//! The `stoa` binary: parse the command line, run the command, print the error chain once
//! and exit with a code that tells bad data (1) from usage (2) from I/O or internal (3).

use clap::Parser;

fn main() {
    let cli = stoa::cli::Cli::parse();
    match stoa::commands::run(cli) {
        Ok(()) => {}
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::exit(stoa::error::exit_code_of(&err) as i32);
        }
    }
}
