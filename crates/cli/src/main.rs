//! `keyholder report ANSWERS.json [--format json|markdown]`: the browser's engine on the command line.
//!
//! Prints the report on stdout. Any problem with the arguments or the answers file is one line on
//! stderr naming it, and exit code 2 — so scripts and CI jobs can tell bad input from a report.

use std::process::ExitCode;

use keyholder_engine::{evaluate, markdown::to_markdown, parse_answers};

const USAGE: &str = "usage: keyholder report ANSWERS.json [--format json|markdown]";

enum Format {
    Json,
    Markdown,
}

fn run(args: &[String]) -> Result<String, String> {
    let mut rest = args.iter();
    match rest.next().map(String::as_str) {
        Some("report") => {}
        Some("--help" | "-h") | None => return Err(USAGE.to_owned()),
        Some(other) => return Err(format!("unknown command `{other}`; {USAGE}")),
    }
    let mut path = None;
    let mut format = Format::Json;
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--format" => {
                format = match rest.next().map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("markdown" | "md") => Format::Markdown,
                    Some(other) => {
                        return Err(format!("unknown format `{other}` (use json or markdown)"))
                    }
                    None => return Err("--format needs a value (json or markdown)".to_owned()),
                }
            }
            other if other.starts_with("--") => {
                return Err(format!("unknown option `{other}`; {USAGE}"))
            }
            other if path.is_none() => path = Some(other.to_owned()),
            other => return Err(format!("unexpected argument `{other}`; {USAGE}")),
        }
    }
    let path = path.ok_or_else(|| format!("no answers file given; {USAGE}"))?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let answers = parse_answers(&text).map_err(|e| format!("{path}: {e}"))?;
    let report = evaluate(&answers);
    Ok(match format {
        Format::Json => {
            serde_json::to_string_pretty(&report)
                .map_err(|e| format!("could not write the report: {e}"))?
                + "\n"
        }
        Format::Markdown => to_markdown(&report, None),
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("keyholder: {}", message.lines().next().unwrap_or("error"));
            ExitCode::from(2)
        }
    }
}
