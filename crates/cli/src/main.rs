//! The `mqlab` command: runs, validates, links, decodes and traces MQ Lab scenarios from a
//! terminal, with the same engine and scenario code as the web page.
//!
//! Arguments are parsed by clap; each subcommand lives in `commands`, and reading user input
//! (files, standard input) in `input`. Nothing here panics on user input: every problem becomes a
//! message on standard error and exit code 2.

mod commands;
mod input;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use input::Failure;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the output could not be written
  2  bad input: a missing, unreadable or oversized file, invalid JSON, a scenario that does not
     validate, a broken link, an unknown preset or message id, or a bad argument
  3  the engine broke one of its own accounting invariants: a bug in MQ Lab (please report it
     with the scenario and seed)

FILE may be `-` to read the scenario from standard input.";

/// Run, check, share and trace MQ Lab scenarios (message-queue simulations).
#[derive(Parser)]
#[command(name = "mqlab", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario to its horizon and print the report as one JSON object.
    #[command(after_help = EXIT_CODES)]
    Run {
        /// Scenario JSON file, or `-` for standard input.
        file: String,
        /// Use this seed instead of the scenario's.
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Check a scenario: print `ok: <name>`, or every error, one a line.
    #[command(after_help = EXIT_CODES)]
    Validate {
        /// Scenario JSON file, or `-` for standard input.
        file: String,
    },
    /// Print a scenario's share-link fragment (it starts with `#`).
    #[command(after_help = EXIT_CODES)]
    Link {
        /// Scenario JSON file, or `-` for standard input.
        file: String,
        /// Print this URL followed by the fragment, e.g. http://127.0.0.1:8080/
        #[arg(long, value_name = "URL")]
        base: Option<String>,
    },
    /// Print the scenario in a share link (fragment or whole URL) as JSON.
    #[command(after_help = EXIT_CODES)]
    Decode {
        /// `#v1.…` fragment, a URL ending in one, or `-` for standard input.
        fragment_or_url: String,
        /// Of a compare link (`#v1.…~v1.…`), print scenario B instead of A.
        #[arg(long)]
        b: bool,
    },
    /// List the presets, one name a line.
    Presets,
    /// Print one preset as scenario JSON.
    #[command(after_help = EXIT_CODES)]
    Preset {
        /// A name from `mqlab presets`.
        name: String,
    },
    /// Print the life of one message: one event a line, then its outcome.
    #[command(after_help = EXIT_CODES)]
    Trace {
        /// Scenario JSON file, or `-` for standard input.
        file: String,
        /// The message's id: messages are numbered from 0 in the order they are made.
        message_id: u64,
        /// Use this seed instead of the scenario's.
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
    },
}

fn main() -> ExitCode {
    // clap prints its own usage errors and exits with code 2 (0 for --help and --version).
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match cli.command {
        Command::Run { file, seed, pretty } => commands::run(&mut out, &file, seed, pretty),
        Command::Validate { file } => commands::validate(&mut out, &file),
        Command::Link { file, base } => commands::link(&mut out, &file, base.as_deref()),
        Command::Decode { fragment_or_url, b } => commands::decode(&mut out, &fragment_or_url, b),
        Command::Presets => commands::presets(&mut out),
        Command::Preset { name } => commands::preset(&mut out, &name),
        Command::Trace { file, message_id, seed } => commands::trace(&mut out, &file, message_id, seed),
    };
    // Standard output goes out before any message on standard error.
    let flushed = out.flush().map_err(Failure::Output);
    match result.and(flushed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(failure),
    }
}

/// Prints a failure on standard error and picks the exit code.
fn report(failure: Failure) -> ExitCode {
    let (lines, code) = match failure {
        Failure::Input(lines) => (lines, 2),
        Failure::EngineBug(lines) => (lines, 3),
        // A reader that went away (`mqlab presets | head -1`) wants no more: not worth a message.
        Failure::Output(error) if error.kind() == io::ErrorKind::BrokenPipe => (vec![], 1),
        Failure::Output(error) => (vec![format!("mqlab: cannot write the output: {error}")], 1),
    };
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for line in lines {
        // Nothing useful is left to do if standard error is gone too.
        let _ = writeln!(err, "{line}");
    }
    ExitCode::from(code)
}
