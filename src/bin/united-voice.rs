//! `united-voice <command>`: JSON lines on stdin, JSON lines on stdout.
//! Commands: converse, dates, places, understand.

use std::io::{BufRead, Write};
use united_voice::harness;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("usage: united-voice <converse|dates|places|understand> < input.jsonl");
        std::process::exit(2);
    };
    let handle: fn(&serde_json::Value) -> serde_json::Value = match command.as_str() {
        "converse" => harness::converse::handle,
        "dates" => harness::dates::handle,
        "places" => harness::places::handle,
        "understand" => harness::understand::handle,
        other => {
            eprintln!("unknown command {other:?}; expected converse, dates, places or understand");
            std::process::exit(2);
        }
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        for answer in harness::run_lines(&line, handle) {
            if writeln!(out, "{answer}").is_err() {
                return;
            }
        }
    }
}
