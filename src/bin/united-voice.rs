//! `united-voice <command> [--llm-replay FILE]`: JSON lines on stdin, JSON lines on stdout.
//! Commands: converse, dates, places, understand. `--llm-replay` (converse, understand) makes
//! the LLM tier available and answers it from a JSON-lines replay file instead of the network.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main()
}

/// Cargo builds the binaries along with the wasm browser tests; in a browser there is no stdin
/// to read, so there it does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::io::{BufRead, Write};
    use united_voice::harness::{self, replay::Replay, Options};

    fn usage() -> ! {
        eprintln!(
            "usage: united-voice <converse|dates|places|understand> [--llm-replay FILE] < input.jsonl"
        );
        std::process::exit(2);
    }

    pub fn main() {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let Some(command) = args.first() else { usage() };
        let mut options = Options::default();
        let mut rest = args[1..].iter();
        while let Some(flag) = rest.next() {
            match flag.as_str() {
                "--llm-replay" => {
                    let Some(path) = rest.next() else { usage() };
                    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
                        eprintln!("cannot read {path}: {e}");
                        std::process::exit(2);
                    });
                    options.replay = Some(Replay::parse(&text).unwrap_or_else(|e| {
                        eprintln!("{path}: {e}");
                        std::process::exit(2);
                    }));
                }
                other => {
                    eprintln!("unknown option {other:?}");
                    usage();
                }
            }
        }
        let handle: fn(&serde_json::Value, &Options) -> serde_json::Value = match command.as_str() {
            "converse" => harness::converse::handle,
            "dates" => |v, _| harness::dates::handle(v),
            "places" => |v, _| harness::places::handle(v),
            "understand" => harness::understand::handle,
            other => {
                eprintln!(
                    "unknown command {other:?}; expected converse, dates, places or understand"
                );
                std::process::exit(2);
            }
        };
        let stdin = std::io::stdin();
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for line in stdin.lock().lines() {
            let Ok(line) = line else { break };
            for answer in harness::run_lines(&line, |v| handle(v, &options)) {
                if writeln!(out, "{answer}").is_err() {
                    return;
                }
            }
        }
    }
}
