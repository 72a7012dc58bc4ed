//! The `mqlab` binary end to end: every subcommand on small scenario files, exit codes, and
//! garbage input that must give exit 2 and a message, never a panic.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::Value;

/// One producer → direct exchange → queue → one consumer, for two seconds: small and fast.
const MINIMAL: &str = r#"{
  "version": 1,
  "name": "minimal",
  "horizon_s": 2,
  "nodes": [{"id": "n1"}],
  "producers": [{"id": "p1", "exchange": "x", "rate_per_s": 200, "shape": "poisson"}],
  "exchanges": [{"id": "x"}],
  "queues": [{"id": "q1"}],
  "bindings": [{"exchange": "x", "queue": "q1"}],
  "consumers": [{"id": "c1", "queue": "q1", "service": {"dist": "exponential", "mean_ms": 2}}]
}"#;

/// Lossy on purpose: no confirms over a lossy link, and an auto-ack consumer that crashes.
const LOSSY: &str = r#"{
  "version": 1,
  "name": "lossy",
  "horizon_s": 3,
  "nodes": [{"id": "n1"}],
  "producers": [{"id": "p1", "exchange": "x", "rate_per_s": 300,
                 "link": {"latency_ms": 1, "loss_probability": 0.2}}],
  "exchanges": [{"id": "x"}],
  "queues": [{"id": "q1"}],
  "bindings": [{"exchange": "x", "queue": "q1"}],
  "consumers": [{"id": "c1", "queue": "q1", "ack": "auto", "prefetch": 20}],
  "faults": [{"at_s": 1, "for_s": 0.5, "kind": "crash_consumer", "target": "c1"}]
}"#;

/// Three problems the validator finds at once.
const THREE_ERRORS: &str = r#"{
  "version": 1,
  "name": "broken",
  "horizon_s": 1e9,
  "nodes": [{"id": "n1"}],
  "producers": [{"id": "p1", "exchange": "nowhere", "rate_per_s": 1e12}],
  "exchanges": [{"id": "x"}],
  "queues": [{"id": "q1"}],
  "bindings": [{"exchange": "x", "queue": "q1"}],
  "consumers": [{"id": "c1", "queue": "q1"}]
}"#;

/// A fresh file in the system's temp directory, unique per test process and call.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("mqlab-cli-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("temp file");
    path
}

fn mqlab(args: &[&str]) -> Output {
    mqlab_with_stdin(args, None)
}

fn mqlab_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mqlab"))
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the mqlab binary starts");
    if let Some(bytes) = stdin {
        use std::io::Write;
        // The binary may stop reading early (over the size limit); a broken pipe is fine then.
        let _ = child.stdin.take().expect("piped stdin").write_all(bytes);
    }
    child.wait_with_output().expect("mqlab finishes")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_str(path: &std::path::Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

#[track_caller]
fn assert_exit(output: &Output, code: i32, what: &str) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{what}: expected exit {code}\nstdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
    assert!(!stderr(output).contains("panicked"), "{what}: the binary panicked:\n{}", stderr(output));
}

fn run_report(args: &[&str]) -> Value {
    let output = mqlab(args);
    assert_exit(&output, 0, "run");
    let text = stdout(&output);
    assert_eq!(text.trim_end().lines().count(), 1, "the report is one line of JSON");
    serde_json::from_str(&text).expect("the report is JSON")
}

fn total(report: &Value, key: &str) -> u64 {
    report["totals"][key].as_u64().unwrap_or_else(|| panic!("totals.{key} is a number"))
}

#[track_caller]
fn assert_conserved(report: &Value) {
    let ended: u64 = ["processed", "lost", "expired", "dead_lettered", "rejected", "in_flight"]
        .iter()
        .map(|k| total(report, k))
        .sum();
    assert_eq!(total(report, "produced"), ended, "the six outcomes add up to produced");
}

#[test]
fn run_prints_one_json_report_whose_outcomes_add_up() {
    for scenario in [MINIMAL, LOSSY] {
        let file = temp_file("s.json", scenario.as_bytes());
        let report = run_report(&["run", path_str(&file)]);
        assert!(total(&report, "produced") > 100);
        assert_conserved(&report);
    }
    let file = temp_file("lossy.json", LOSSY.as_bytes());
    let report = run_report(&["run", path_str(&file)]);
    assert!(total(&report, "lost") > 0, "the lossy scenario loses messages");
}

#[test]
fn run_pretty_indents_the_same_report() {
    let file = temp_file("s.json", MINIMAL.as_bytes());
    let compact = run_report(&["run", path_str(&file)]);
    let output = mqlab(&["run", "--pretty", path_str(&file)]);
    assert_exit(&output, 0, "run --pretty");
    assert!(stdout(&output).lines().count() > 10, "pretty JSON spans many lines");
    let pretty: Value = serde_json::from_str(&stdout(&output)).expect("pretty JSON parses");
    assert_eq!(compact, pretty);
}

#[test]
fn seed_changes_the_report_and_the_same_seed_repeats_it() {
    let file = temp_file("s.json", MINIMAL.as_bytes());
    let path = path_str(&file);
    let own = stdout(&mqlab(&["run", path]));
    let seed_1 = stdout(&mqlab(&["run", "--seed", "1", path]));
    let seed_2 = stdout(&mqlab(&["run", "--seed", "2", path]));
    let seed_2_again = stdout(&mqlab(&["run", path, "--seed", "2"]));
    assert_eq!(own, seed_1, "the scenario's default seed is 1");
    assert_ne!(seed_1, seed_2, "another seed gives another run");
    assert_eq!(seed_2, seed_2_again, "the same seed gives a byte-identical report");
}

#[test]
fn run_reads_standard_input_for_a_dash() {
    let from_stdin = mqlab_with_stdin(&["run", "-"], Some(MINIMAL.as_bytes()));
    assert_exit(&from_stdin, 0, "run -");
    let file = temp_file("s.json", MINIMAL.as_bytes());
    assert_eq!(stdout(&from_stdin), stdout(&mqlab(&["run", path_str(&file)])));
}

#[test]
fn validate_accepts_a_good_file() {
    let file = temp_file("s.json", MINIMAL.as_bytes());
    let output = mqlab(&["validate", path_str(&file)]);
    assert_exit(&output, 0, "validate");
    assert_eq!(stdout(&output).trim(), "ok: minimal");
}

#[test]
fn validate_lists_every_error_prefixed_by_the_file_name() {
    let file = temp_file("broken.json", THREE_ERRORS.as_bytes());
    let path = path_str(&file);
    let output = mqlab(&["validate", path]);
    assert_exit(&output, 2, "validate on a bad file");
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "one line per error:\n{err}");
    for line in &lines {
        assert!(line.starts_with(&format!("{path}: ")), "prefixed by the file name: {line}");
    }
    assert!(err.contains("horizon_s: 1e9 is above the limit"), "{err}");
    assert!(err.contains("producers[0].exchange: no exchange with id \"nowhere\""), "{err}");
    assert!(err.contains("producers[0].rate_per_s: 1e12 is above the limit of 1e6"), "{err}");
    // `run` refuses the same file with the same errors.
    let run = mqlab(&["run", path]);
    assert_exit(&run, 2, "run on a bad file");
    assert_eq!(stderr(&run), err);
    assert!(stdout(&run).is_empty());
}

#[test]
fn link_then_decode_round_trips() {
    let file = temp_file("s.json", MINIMAL.as_bytes());
    let link = mqlab(&["link", path_str(&file)]);
    assert_exit(&link, 0, "link");
    let fragment = stdout(&link).trim().to_string();
    assert!(fragment.starts_with("#v1."), "{fragment}");

    let decoded = mqlab(&["decode", &fragment]);
    assert_exit(&decoded, 0, "decode");
    let original = mqlab_scenario::parse(MINIMAL).expect("MINIMAL parses");
    let back = mqlab_scenario::parse(&stdout(&decoded)).expect("decode prints a scenario");
    assert_eq!(original, back);

    // A whole URL made with --base decodes to the same scenario.
    let with_base = mqlab(&["link", "--base", "http://127.0.0.1:8080/", path_str(&file)]);
    assert_exit(&with_base, 0, "link --base");
    let url = stdout(&with_base).trim().to_string();
    assert_eq!(url, format!("http://127.0.0.1:8080/{fragment}"));
    assert_eq!(stdout(&mqlab(&["decode", &url])), stdout(&decoded));
}

#[test]
fn decode_reads_a_or_b_of_a_compare_link() {
    let a = mqlab_scenario::parse(MINIMAL).expect("MINIMAL parses");
    let mut b = a.clone();
    b.seed = 7;
    let link = mqlab_scenario::encode_compare(&a, &b);
    let read = |args: &[&str]| {
        let out = mqlab(args);
        assert_exit(&out, 0, "decode");
        mqlab_scenario::parse(&stdout(&out)).expect("decode prints a scenario")
    };
    assert_eq!(read(&["decode", &link]), a);
    assert_eq!(read(&["decode", "--b", &link]), b);
    let single = mqlab_scenario::encode(&a);
    let none = mqlab(&["decode", "--b", &single]);
    assert_exit(&none, 2, "decode --b of a plain link");
    assert!(stderr(&none).contains("no scenario B"), "{}", stderr(&none));
}

#[test]
fn decode_refuses_broken_links_with_exit_2() {
    let file = temp_file("s.json", MINIMAL.as_bytes());
    let fragment = stdout(&mqlab(&["link", path_str(&file)])).trim().to_string();
    let cut = &fragment[..fragment.len() / 2];
    let mut tampered = fragment.clone().into_bytes();
    let last = tampered.len() - 1;
    tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).expect("ASCII");
    for bad in [cut, tampered.as_str(), "#", "", "#v9.00000000.AAAA", "hello", "#v1.zz.!!!!"] {
        let output = mqlab(&["decode", bad]);
        assert_exit(&output, 2, &format!("decode {bad:?}"));
        assert!(stderr(&output).starts_with("link: "), "{}", stderr(&output));
        assert!(stdout(&output).is_empty());
    }
}

#[test]
fn presets_list_names_and_each_one_validates_runs_and_links() {
    let output = mqlab(&["presets"]);
    assert_exit(&output, 0, "presets");
    let names = stdout(&output);
    for name in names.lines() {
        let preset = mqlab(&["preset", name]);
        assert_exit(&preset, 0, &format!("preset {name}"));
        let file = temp_file("preset.json", &preset.stdout);
        let path = path_str(&file);
        assert_exit(&mqlab(&["validate", path]), 0, &format!("validate preset {name}"));
        let report = run_report(&["run", path]);
        assert_conserved(&report);
        let link = mqlab(&["link", path]);
        assert_exit(&link, 0, &format!("link preset {name}"));
        let chars = stdout(&link).trim().chars().count();
        assert!(chars < 2_000, "preset {name}: its link is {chars} characters, not under 2000");
    }
    assert!(names.lines().count() >= 10, "a preset per lesson:\n{names}");
    let unknown = mqlab(&["preset", "no such preset"]);
    assert_exit(&unknown, 2, "an unknown preset");
    let err = stderr(&unknown);
    assert!(err.contains("no preset is called \"no such preset\""), "{err}");
    for name in names.lines() {
        assert!(err.contains(name), "the error lists {name}: {err}");
    }
}

#[test]
fn trace_prints_one_event_a_line_and_ends_with_the_outcome() {
    let file = temp_file("s.json", MINIMAL.as_bytes());
    let output = mqlab(&["trace", path_str(&file), "7"]);
    assert_exit(&output, 0, "trace");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 3, "{text}");
    assert_eq!(lines.last().copied(), Some("outcome: processed"), "{text}");
    let first = lines[0];
    assert!(first.contains(" ms  p1  produced"), "{text}");
    for line in &lines[..lines.len() - 1] {
        let time = line.split_whitespace().next().unwrap_or_default();
        let (whole, decimals) = time.split_once('.').unwrap_or_else(|| panic!("a time in ms: {line}"));
        assert!(whole.parse::<u64>().is_ok() && decimals.len() == 3, "three decimals: {line}");
    }
}

#[test]
fn trace_shows_the_cause_of_a_loss() {
    let file = temp_file("lossy.json", LOSSY.as_bytes());
    let path = path_str(&file);
    // The report names example ids of each kind of ending: trace the first lost one.
    let report = run_report(&["run", path]);
    let lost = &report["examples"]["lost"][0];
    let id = lost["id"].as_u64().expect("the lossy scenario loses a message and names its id");
    let cause = lost["cause"].as_str().expect("a loss has a cause");
    let output = mqlab(&["trace", path, &id.to_string()]);
    assert_exit(&output, 0, "trace of a lost message");
    let text = stdout(&output);
    assert_eq!(text.lines().last(), Some(format!("outcome: lost ({cause})").as_str()), "{text}");
}

#[test]
fn trace_of_a_message_never_made_is_an_error() {
    let file = temp_file("s.json", MINIMAL.as_bytes());
    let output = mqlab(&["trace", path_str(&file), "99999999"]);
    assert_exit(&output, 2, "trace of a missing id");
    assert!(stderr(&output).contains("there is no message 99999999"), "{}", stderr(&output));
}

#[test]
fn help_documents_the_exit_codes() {
    let output = mqlab(&["--help"]);
    assert_exit(&output, 0, "--help");
    let help = stdout(&output);
    for needle in ["Exit codes", "  2  bad input", "  3  the engine", "run", "trace", "decode"] {
        assert!(help.contains(needle), "--help mentions {needle:?}:\n{help}");
    }
}

#[test]
fn garbage_inputs_exit_2_with_a_message_and_never_panic() {
    let dir = temp_file("x", b"").parent().expect("a dir").to_path_buf();
    let missing = dir.join("missing.json");
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("empty.json", b"".to_vec()),
        ("blank.json", b"  \n ".to_vec()),
        ("not-json.json", b"this is not json".to_vec()),
        ("truncated.json", MINIMAL.as_bytes()[..MINIMAL.len() / 2].to_vec()),
        ("array.json", b"[1, 2, 3]".to_vec()),
        ("version2.json", br#"{"version": 2, "name": "x"}"#.to_vec()),
        ("unknown-field.json", br#"{"version": 1, "name": "x", "colour": "red"}"#.to_vec()),
        ("binary.json", vec![0xff, 0xfe, 0x00, 0x9c, 0x42]),
        ("huge.json", vec![b' '; 2 << 20]),
        ("absurd.json", MINIMAL.replace("\"rate_per_s\": 200", "\"rate_per_s\": 1e308").into_bytes()),
        ("negative.json", MINIMAL.replace("\"horizon_s\": 2", "\"horizon_s\": -5").into_bytes()),
    ];
    for (name, contents) in &files {
        let path = temp_file(name, contents);
        for command in ["run", "validate", "link"] {
            let output = mqlab(&[command, path_str(&path)]);
            assert_exit(&output, 2, &format!("{command} {name}"));
            let err = stderr(&output);
            assert!(err.starts_with(path_str(&path)), "{command} {name}: names the file: {err}");
            assert!(stdout(&output).is_empty(), "{command} {name}: nothing on stdout");
        }
        let output = mqlab(&["trace", path_str(&path), "0"]);
        assert_exit(&output, 2, &format!("trace {name}"));
    }
    let missing = path_str(&missing);
    for args in [
        vec!["run", missing],
        vec!["validate", missing],
        vec!["run", "/"],
        vec!["trace", missing, "1"],
        vec!["trace", "-", "not-a-number"],
        vec!["run", "-", "--seed", "-1"],
        vec!["run", "-", "--seed", "99999999999999999999999"],
        vec!["frobnicate"],
        vec![],
    ] {
        let output = mqlab(&args);
        assert_exit(&output, 2, &format!("mqlab {}", args.join(" ")));
        assert!(!stderr(&output).is_empty(), "a message for {args:?}");
    }
    let garbage_stdin = mqlab_with_stdin(&["run", "-"], Some(b"{\"version\": 1,"));
    assert_exit(&garbage_stdin, 2, "run - with broken JSON");
    assert!(stderr(&garbage_stdin).starts_with("<stdin>: JSON syntax error"), "{}", stderr(&garbage_stdin));
}
