//! The `civic-canvas` command: opens the whiteboard, or runs a command-line verb.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// An offline whiteboard for co-design workshops on digital public services.
#[derive(Parser)]
#[command(
    name = "civic-canvas",
    version,
    about = "An offline whiteboard for co-design workshops on digital public services",
    long_about = "An offline whiteboard for co-design workshops on digital public services.\n\n\
                  Run it with no arguments to open an empty board, or with a board file \
                  (.ron) to open that board. Use `civic-canvas check` to test board files \
                  without opening the window.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// A board file to open.
    file: Option<PathBuf>,

    #[command(subcommand)]
    verb: Option<Verb>,
}

#[derive(Subcommand)]
enum Verb {
    /// Check that board files open, and say what they hold.
    #[command(
        long_about = "Check that board files open, and say what they hold.\n\n\
                      Prints one line per file: how many items and connectors it holds, or \
                      where and why it does not open (FILE:LINE:COLUMN: message). Exits with \
                      status 0 when every file opens, and 1 otherwise."
    )]
    Check {
        /// The board files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

fn main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.verb {
        Some(Verb::Check { files }) => {
            let all_fine = civic_canvas::cli::check(&files, &mut std::io::stdout().lock())?;
            Ok(if all_fine {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        None => civic_canvas::app::run(cli.file).map(|()| ExitCode::SUCCESS),
    }
}
