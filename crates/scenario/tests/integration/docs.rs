//! docs/scenario.md stays true: its JSON examples are valid scenarios that run, and their links are short.

use mqlab_scenario::{decode, encode, parse, run, validate};

const DOC: &str = include_str!("../../../../docs/scenario.md");

/// The bodies of the ```json blocks.
fn json_examples() -> Vec<&'static str> {
    DOC.split("```json\n").skip(1).filter_map(|rest| rest.split("\n```").next()).collect()
}

#[test]
fn every_example_is_a_valid_scenario_that_runs() {
    let examples = json_examples();
    assert_eq!(examples.len(), 3);
    for example in examples {
        let scenario = parse(example).unwrap_or_else(|e| panic!("{e}\n{example}"));
        validate(&scenario).unwrap_or_else(|e| panic!("{e}\n{example}"));
        let report = run(&scenario, None).expect("valid");
        let t = report.totals;
        assert!(t.produced > 0, "{}", scenario.name);
        assert_eq!(t.produced, t.processed + t.lost + t.expired + t.dead_lettered + t.rejected + t.in_flight);
        let link = encode(&scenario);
        assert!(link.len() < 2_000, "{}: {} characters", scenario.name, link.len());
        assert_eq!(decode(&link).expect("decodes"), scenario);
    }
}

#[test]
fn link_sizes_in_the_doc_are_right() {
    let examples = json_examples();
    let minimal = encode(&parse(examples[0]).expect("parses")).len();
    let cluster = encode(&parse(examples[2]).expect("parses")).len();
    assert!((150..=250).contains(&minimal), "minimal link: {minimal}");
    assert!((900..=1_300).contains(&cluster), "cluster link: {cluster}");
}
