//! The crate's layers, checked from the source: data flows one way (words -> understand ->
//! dialogue -> reply), so a module may only import modules in layers below its own. This is
//! how we know there is no import circle: every `crate::x` path outside test code is an edge,
//! and every edge must go down.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Top-level modules by layer, highest first. A module may use any module of a lower layer;
/// within a layer only the pairs in `SIDEWAYS` are allowed (and never both ways).
const LAYERS: &[&[&str]] = &[
    &["wasm", "harness"],
    &["dialogue"],
    &["understand"],
    &["booking"],
    &["offers"],
    &["places", "dates", "audio_queue", "voice"],
    &["text", "json", "short_sort", "trip", "geo"],
    &["case"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Source files of the crate, test modules cut off (a test may reach anywhere).
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            let text = fs::read_to_string(&path).unwrap_or_default();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or("").to_string();
            out.push((path.display().to_string(), code));
        }
    }
}

fn top_module(path: &str) -> String {
    let rest = path.split("src/").nth(1).unwrap_or(path);
    rest.split('/').next().unwrap_or(rest).trim_end_matches(".rs").to_string()
}

/// Every `crate::name` path in the code.
fn crate_paths(code: &str) -> BTreeSet<String> {
    code.match_indices("crate::")
        .map(|(at, m)| {
            code[at + m.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

#[test]
fn every_import_goes_down_a_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 30, "found the sources");
    let mut wrong = Vec::new();
    for (path, code) in &files {
        let from = top_module(path);
        if from == "lib" || from == "bin" {
            continue;
        }
        let Some(from_layer) = layer_of(&from) else {
            wrong.push(format!("{path}: module {from} is in no layer (add it to LAYERS)"));
            continue;
        };
        for to in crate_paths(code) {
            if to == from {
                continue;
            }
            match layer_of(&to) {
                Some(to_layer) if to_layer > from_layer => {}
                Some(_) => wrong.push(format!("{path}: {from} uses {to}, which is not below it")),
                None => wrong.push(format!("{path}: uses crate::{to}, which is in no layer")),
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layers:\n{}", wrong.join("\n"));
}

/// Inside understanding, the rules never need the model tier (the model tier builds on them).
#[test]
fn the_rules_do_not_import_the_model_tier() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/understand");
    for file in ["extract.rs", "rules.rs", "speech_fixes.rs", "injection.rs"] {
        let code = fs::read_to_string(root.join(file)).unwrap_or_default();
        assert!(!code.contains("llm::"), "{file} imports the model tier");
    }
}
