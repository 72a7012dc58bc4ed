//! Reading what the user hands the CLI (a scenario file, standard input, a link) into scenarios,
//! turning every way it can be wrong into a message that names the source and the problem.

use std::fs::File;
use std::io::{self, Read};

use mqlab_scenario::limits::SCENARIO_BYTES_MAX;
use mqlab_scenario::{Errors, Scenario};

/// Why a command failed, and so with which exit code the process ends.
#[derive(Debug)]
pub enum Failure {
    /// Bad input (exit 2): each line is one complete message naming its source.
    Input(Vec<String>),
    /// The engine broke one of its own invariants (exit 3): an MQ Lab bug, not the user's.
    EngineBug(Vec<String>),
    /// Standard output could not be written (exit 1).
    Output(io::Error),
}

impl From<io::Error> for Failure {
    /// Only writes to standard output use `?` on an `io::Error`; reads map their errors by hand
    /// so the message names the file.
    fn from(error: io::Error) -> Self {
        Failure::Output(error)
    }
}

/// Where a scenario came from: a path, or standard input for `-`.
pub struct Source {
    /// As the user wrote it; `-` means standard input.
    pub arg: String,
}

impl Source {
    pub fn new(arg: &str) -> Source {
        Source { arg: arg.to_string() }
    }

    /// The name used in messages: the path as given, or `<stdin>`.
    pub fn name(&self) -> &str {
        if self.is_stdin() {
            "<stdin>"
        } else {
            &self.arg
        }
    }

    fn is_stdin(&self) -> bool {
        self.arg == "-"
    }

    /// One message about this source.
    pub fn failure(&self, message: impl std::fmt::Display) -> Failure {
        Failure::Input(vec![format!("{}: {message}", self.name())])
    }

    /// Every scenario error, one line each, prefixed by this source's name.
    pub fn errors(&self, errors: &Errors) -> Failure {
        Failure::Input(errors.iter().map(|e| format!("{}: {e}", self.name())).collect())
    }

    /// The source's text. Reads at most one byte past the scenario size limit, so a huge file
    /// (or `/dev/zero`) is refused after a bounded amount of work rather than read whole.
    pub fn read_text(&self) -> Result<String, Failure> {
        let limit = SCENARIO_BYTES_MAX as u64 + 1;
        let mut bytes = Vec::new();
        let result = if self.is_stdin() {
            io::stdin().lock().take(limit).read_to_end(&mut bytes)
        } else {
            File::open(&self.arg)
                .map_err(|e| self.failure(describe_io(&e, "cannot open it")))?
                .take(limit)
                .read_to_end(&mut bytes)
        };
        result.map_err(|e| self.failure(describe_io(&e, "cannot read it")))?;
        if bytes.len() > SCENARIO_BYTES_MAX {
            return Err(self
                .failure(format!("it is larger than the limit of {SCENARIO_BYTES_MAX} bytes (1 MiB) for a scenario")));
        }
        String::from_utf8(bytes).map_err(|e| {
            self.failure(format!(
                "it is not UTF-8 text (invalid byte at offset {}); a scenario is JSON text",
                e.utf8_error().valid_up_to()
            ))
        })
    }

    /// The source's text parsed as a scenario (shape only; see [`Source::read_valid`]).
    pub fn read_scenario(&self) -> Result<Scenario, Failure> {
        let text = self.read_text()?;
        if text.trim().is_empty() {
            return Err(self.failure("it is empty; a scenario is a JSON object ({ \"version\": 1, ... })"));
        }
        mqlab_scenario::parse(&text).map_err(|errors| self.errors(&errors))
    }

    /// The source's scenario, parsed and validated: every validation error is reported.
    pub fn read_valid(&self) -> Result<Scenario, Failure> {
        let scenario = self.read_scenario()?;
        mqlab_scenario::validate(&scenario).map_err(|errors| self.errors(&errors))?;
        Ok(scenario)
    }
}

/// An IO error in a learner's words, with the operating system's own text after it.
fn describe_io(error: &io::Error, doing: &str) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => format!("{doing}: permission denied"),
        io::ErrorKind::IsADirectory => "it is a directory, not a scenario file".to_string(),
        _ => format!("{doing}: {error}"),
    }
}
