//! Tidy rules over the whole source tree, run by `cargo test`: every Rust file opens with a `//!`
//! line saying its one job, and no comment cites a document that is not in the repository.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

/// Folders that hold no source of ours: build output, installed tools, test artefacts.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "dist", ".git", "artifacts", "corpus"];

/// Words that cite documents kept outside the repository (the product brief, the style guide,
/// issues): a reader of the code cannot follow them, so comments say what they mean instead.
const OUTSIDE_CITATIONS: &[&str] = &["DESIGN §", "DESIGN.md", "STYLE.md", "REVIEW.md", "shared/", "seed/"];

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(Result::ok).map(|entry| entry.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("");
        if path.is_dir() {
            if !SKIPPED_DIRS.contains(&name) {
                rust_files(&path, files);
            }
        } else if name.ends_with(".rs") {
            files.push(path);
        }
    }
}

fn all_rust_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(&repo_root(), &mut files);
    assert!(files.len() > 50, "found only {} .rs files under {}", files.len(), repo_root().display());
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(repo_root()).unwrap_or(path).display().to_string()
}

/// The comment a line holds (`//`, `///`, `//!`), if it is a comment line; a `//` after code (a
/// URL in a string) is not read, which misses a citation in a trailing comment but never a URL.
fn comment(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    trimmed.starts_with("//").then_some(trimmed)
}

/// An issue cited by its number (the word, then a digit or `#`): issues live outside the repository.
fn cites_an_issue(comment: &str) -> bool {
    let lower = comment.to_ascii_lowercase();
    lower.match_indices("issue ").any(|(at, word)| {
        let after = &lower[at + word.len()..];
        after.starts_with(|c: char| c.is_ascii_digit()) || after.starts_with('#')
    })
}

/// Paths such as `docs/model.md` or `tests/e2e/support.mjs` named in a comment, which must exist.
fn cited_paths(comment: &str) -> Vec<&str> {
    const DOC_EXTENSIONS: &[&str] = &[".md", ".txt"];
    comment
        .split(|c: char| !(c.is_ascii_alphanumeric() || "._/-".contains(c)))
        .filter(|word| DOC_EXTENSIONS.iter().any(|ext| word.ends_with(ext)) && !word.starts_with("//"))
        .collect()
}

/// Whether `cited` names a file of the repository: from the root, from the citing file's folder,
/// or from its crate's root (`crates/scenario/…` files cite `tests/snapshots/…`).
fn exists_in_repo(cited: &str, citing_file: &Path) -> bool {
    let root = repo_root();
    let mut bases = vec![root.clone()];
    bases.extend(citing_file.ancestors().skip(1).take_while(|dir| dir.starts_with(&root)).map(Path::to_path_buf));
    bases.iter().any(|base| base.join(cited).exists())
}

#[test]
fn every_rust_file_opens_with_a_module_doc_line() {
    let missing: Vec<String> = all_rust_files()
        .into_iter()
        .filter(|path| {
            let text = fs::read_to_string(path).unwrap_or_default();
            !text.lines().next().is_some_and(|first| first.starts_with("//!"))
        })
        .map(|path| relative(&path))
        .collect();
    assert!(
        missing.is_empty(),
        "files whose first line is not a `//!` line saying their job:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn no_comment_cites_a_document_outside_the_repository() {
    let mut citations = Vec::new();
    for path in all_rust_files() {
        let text = fs::read_to_string(&path).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            let Some(comment) = comment(line) else { continue };
            let place = format!("{}:{}", relative(&path), number + 1);
            if let Some(word) = OUTSIDE_CITATIONS.iter().find(|word| comment.contains(*word)) {
                citations.push(format!("{place}: cites {word:?}, which is not in the repository"));
            }
            if cites_an_issue(comment) {
                citations.push(format!("{place}: cites an issue by number; say what it asks instead"));
            }
            for cited in cited_paths(comment) {
                if !exists_in_repo(cited, &path) {
                    citations.push(format!("{place}: cites {cited}, which is not in the repository"));
                }
            }
        }
    }
    assert!(citations.is_empty(), "comments citing what a reader cannot open:\n  {}", citations.join("\n  "));
}

#[test]
fn the_rules_catch_what_they_are_for() {
    assert!(cites_an_issue("// Compare mode (issue 4, item 7): B starts as a copy of A."));
    assert!(!cites_an_issue("// A known issue with chat tools: long links are cut."));
    assert_eq!(cited_paths("/// See docs/model.md and `ARCHITECTURE.md`."), ["docs/model.md", "ARCHITECTURE.md"]);
    assert!(exists_in_repo("docs/testing.md", &repo_root().join("tests/tidy.rs")));
    assert!(!exists_in_repo("docs/no-such-file.md", &repo_root().join("tests/tidy.rs")));
    assert_eq!(comment("    let url = \"https://example.org\"; // a URL"), None);
    assert!(comment("    /// A doc line.").is_some());
}
