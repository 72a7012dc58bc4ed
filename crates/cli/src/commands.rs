//! One function per subcommand: each reads its input, does its one job and writes its answer to
//! `out`, returning a [`Failure`] for anything that goes wrong.

use std::io::Write;

use mqlab_engine::checker::check_report;
use mqlab_engine::trace::{Trace, TraceEvent};
use mqlab_scenario::{presets, LinkError};

use crate::input::{Failure, Source};

/// A link longer than this may be cut by chat tools and some browsers (the budget).
const LINK_CHARS_SHAREABLE: usize = 2_000;

/// `mqlab run`: the report as one JSON object, then the accounting checker.
pub fn run(out: &mut dyn Write, file: &str, seed: Option<u64>, pretty: bool) -> Result<(), Failure> {
    let source = Source::new(file);
    let scenario = source.read_scenario()?;
    let report = mqlab_scenario::run(&scenario, seed).map_err(|errors| source.errors(&errors))?;
    let text = if pretty {
        // Pretty-printing a `serde_json::Value` cannot fail.
        serde_json::to_string_pretty(&mqlab_scenario::report_to_json(&report))
            .unwrap_or_else(|_| mqlab_scenario::report_to_string(&report))
    } else {
        mqlab_scenario::report_to_string(&report)
    };
    // The report goes out even when the checker fails: it is the evidence for the bug report.
    writeln!(out, "{text}")?;
    if let Err(broken) = check_report(&report) {
        let seed = seed.unwrap_or(scenario.seed);
        let mut lines = vec![format!(
            "{}: the engine broke its accounting invariants (seed {seed}); this is a bug in MQ Lab, \
             please report it with this scenario:",
            source.name()
        )];
        lines.extend(broken.into_iter().map(|b| format!("  {b}")));
        return Err(Failure::EngineBug(lines));
    }
    Ok(())
}

/// `mqlab validate`: `ok: <name>` on standard output, or every error.
pub fn validate(out: &mut dyn Write, file: &str) -> Result<(), Failure> {
    let source = Source::new(file);
    let scenario = source.read_valid()?;
    writeln!(out, "ok: {}", scenario.name)?;
    Ok(())
}

/// `mqlab link`: the share fragment, or `base` followed by it.
pub fn link(out: &mut dyn Write, file: &str, base: Option<&str>) -> Result<(), Failure> {
    let source = Source::new(file);
    // A link to a scenario that does not validate would only fail when opened: refuse it here.
    let scenario = source.read_valid()?;
    let fragment = mqlab_scenario::encode(&scenario);
    // A base that already has a fragment gets this one instead.
    let base = base.map(|b| b.split('#').next().unwrap_or_default()).unwrap_or_default();
    writeln!(out, "{base}{fragment}")?;
    let chars = base.chars().count() + fragment.chars().count();
    if chars > LINK_CHARS_SHAREABLE {
        // A note, not a failure: the link works, it is only awkward to share.
        let _ = writeln!(
            std::io::stderr(),
            "note: this link is {chars} characters long; chat tools and some browsers cut links \
             longer than {LINK_CHARS_SHAREABLE}"
        );
    }
    Ok(())
}

/// `mqlab decode`: the scenario in a link, as pretty JSON (of a compare link, A; B with `b`).
/// A link that decodes to a scenario that does not validate still prints it (so it can be
/// fixed), but fails with its errors.
pub fn decode(out: &mut dyn Write, link: &str, b: bool) -> Result<(), Failure> {
    let text = if link == "-" { Source::new("-").read_text()? } else { link.to_string() };
    let decoded = if b {
        match mqlab_scenario::decode_compare(&text) {
            Ok((_, Some(b))) => Ok(b),
            Ok((_, None)) => {
                return Err(Failure::Input(vec![
                    "link: it holds one scenario, not a comparison: there is no scenario B".into(),
                ]))
            }
            Err(error) => Err(error),
        }
    } else {
        mqlab_scenario::decode(&text)
    };
    let scenario = decoded.map_err(|error| match error {
        LinkError::Scenario(errors) => {
            Failure::Input(errors.iter().map(|e| format!("link: its scenario does not parse: {e}")).collect())
        }
        other => Failure::Input(vec![format!("link: {other}")]),
    })?;
    writeln!(out, "{}", mqlab_scenario::to_json(&scenario))?;
    mqlab_scenario::validate(&scenario).map_err(|errors| {
        Failure::Input(errors.iter().map(|e| format!("link: its scenario is not valid: {e}")).collect())
    })?;
    Ok(())
}

/// `mqlab presets`: every preset's name, one a line.
pub fn presets(out: &mut dyn Write) -> Result<(), Failure> {
    for name in presets::names() {
        writeln!(out, "{name}")?;
    }
    Ok(())
}

/// `mqlab preset`: one preset as scenario JSON.
pub fn preset(out: &mut dyn Write, name: &str) -> Result<(), Failure> {
    let Some(scenario) = presets::get(name) else {
        let mut lines = vec![format!("no preset is called {name:?}; the presets are:")];
        lines.extend(presets::names().into_iter().map(|n| format!("  {n}")));
        return Err(Failure::Input(lines));
    };
    writeln!(out, "{}", mqlab_scenario::to_json(&scenario))?;
    Ok(())
}

/// `mqlab trace`: the life of one message, one event a line, then its outcome.
pub fn trace(out: &mut dyn Write, file: &str, message_id: u64, seed: Option<u64>) -> Result<(), Failure> {
    let source = Source::new(file);
    let scenario = source.read_scenario()?;
    let trace = mqlab_scenario::trace(&scenario, message_id, seed).map_err(|e| source.errors(&e))?;
    if !trace.found {
        // Only on this error path: run again to say which ids do exist.
        let produced = mqlab_scenario::run(&scenario, seed).map(|r| r.totals.produced).unwrap_or(0);
        let made = match produced {
            0 => "this run makes no messages at all".to_string(),
            1 => "this run makes one message, id 0".to_string(),
            n => format!("this run makes {n} messages, ids 0 to {}", n - 1),
        };
        return Err(source.failure(format!(
            "there is no message {message_id}: {made} (the report's \"examples\" names ids worth tracing)"
        )));
    }
    for line in trace_lines(&trace) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The trace as text: `  12.345 ms  q0  stored`, columns aligned, and the outcome line last.
pub fn trace_lines(trace: &Trace) -> Vec<String> {
    let times: Vec<String> = trace.events.iter().map(|e| ms_3(e.t_us)).collect();
    let time_width = times.iter().map(String::len).max().unwrap_or(0);
    let place_width = trace.events.iter().map(|e| e.place.chars().count()).max().unwrap_or(0);
    let mut lines: Vec<String> = trace
        .events
        .iter()
        .zip(&times)
        .map(|(TraceEvent { place, what, .. }, time)| {
            format!("  {time:>time_width$} ms  {place:<place_width$}  {what}").trim_end().to_string()
        })
        .collect();
    lines.push(trace.outcome_line());
    lines
}

/// Microseconds as milliseconds with exactly three decimals, in integer arithmetic.
fn ms_3(t_us: u64) -> String {
    format!("{}.{:03}", t_us / 1_000, t_us % 1_000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mqlab_engine::trace::What;

    #[test]
    fn times_print_as_milliseconds_with_three_decimals() {
        assert_eq!(ms_3(0), "0.000");
        assert_eq!(ms_3(12_345), "12.345");
        assert_eq!(ms_3(1_000_007), "1000.007");
    }

    #[test]
    fn trace_lines_align_columns_and_end_with_the_outcome() {
        let event = |t_us, place: &str, what: What| TraceEvent { t_us, place: place.into(), what };
        let trace = Trace {
            message_id: 3,
            found: true,
            events: vec![event(0, "p1", What::Produced { key: 0, seq: 0 }), event(12_345, "queue1", What::Stored)],
            outcome: None,
            outcome_us: None,
        };
        assert_eq!(
            trace_lines(&trace),
            vec![
                "   0.000 ms  p1      produced (key 0, seq 0)".to_string(),
                "  12.345 ms  queue1  stored".to_string(),
                "outcome: in flight at the end of the run".to_string(),
            ]
        );
    }
}
