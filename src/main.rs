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
                  without opening the window, and `civic-canvas generate` to make a large \
                  board for trying things out.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// A board file to open.
    file: Option<PathBuf>,

    /// Save the first complete frame of the window as a PNG file, then quit.
    #[arg(long, value_name = "PNG")]
    screenshot: Option<PathBuf>,

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
    /// Write a generated workshop board, for trying out and measuring large boards.
    #[command(
        long_about = "Write a generated workshop board, for trying out and measuring large \
                      boards.\n\n\
                      The board holds clusters of sticky notes under header notes, with text in \
                      the workshop languages and connectors between neighbouring notes (half as \
                      many as items). The same item count and seed always give the same file."
    )]
    Generate {
        /// How many items the board gets.
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(0..=i64::from(civic_canvas::generate::MAX_ITEMS)))]
        items: u32,
        /// Any number; the same seed and item count always give the same board.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The board file to write (replaced if it exists).
        #[arg(value_name = "FILE")]
        file: PathBuf,
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
        Some(Verb::Generate { items, seed, file }) => {
            let written = civic_canvas::cli::generate(
                items as usize,
                seed,
                &file,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            )?;
            Ok(if written {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        None => civic_canvas::app::run(cli.file, cli.screenshot).map(|()| ExitCode::SUCCESS),
    }
}
