//! `keyholder report ANSWERS.json|- [--format json|markdown|csv]`: the browser's engine on the
//! command line. `keyholder compare EARLIER.json LATER.json`: what changed between two assessments
//! (Markdown), both evaluated under this build's rules.
//!
//! Prints the report on stdout. Any problem with the arguments or the answers file is one line on
//! stderr naming it, and exit code 2 — so scripts and CI jobs can tell bad input from a report.
//! `--help` and `--version` print on stdout and exit 0.
//!
//! The file is checked for size before it is read, and read through a cap of the engine's limit
//! (1 MB) plus one byte, so a huge file, a device or an endless pipe is refused without being read
//! whole. A UTF-8 byte-order mark is accepted by the engine's parser, so the app's import accepts
//! the same files as this tool.

use std::io::Read;
use std::process::ExitCode;

use keyholder_engine::export::{parse_import, to_csv};
use keyholder_engine::{evaluate, markdown::to_markdown, MAX_BYTES};

const USAGE: &str = "usage: keyholder report ANSWERS.json|- [--format json|markdown|csv] | keyholder compare EARLIER.json LATER.json";

const HELP: &str = "\
keyholder — who holds the keys to your Dynamics 365 data, from an answers file.

usage: keyholder report ANSWERS.json|- [--format json|markdown|csv]
       keyholder compare EARLIER.json LATER.json
       keyholder --help | --version

  report ANSWERS.json   evaluate a saved answers file (or an export) and print the report
  report -              read the answers from standard input
  --format FORMAT       json (default), markdown (the brief's body) or csv (the findings)
  compare A B           what changed from assessment A to B (two exports or answers files):
                        components that moved, new and closed gaps, blockers and risks, and
                        answers that changed, as Markdown; both are evaluated under this
                        build's rules, and an export's own date and rules version are shown
  -h, --help            print this help
  -V, --version         print the version

The answers file is at most 1 MB. Any problem prints one line on stderr and exits with code 2.
";

enum Format {
    Json,
    Markdown,
    Csv,
}

/// What to print on stdout, or the one-line error.
fn run(args: &[String]) -> Result<String, String> {
    // Help and version win wherever they appear, like most command lines.
    if args.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(HELP.to_owned());
    }
    if args.iter().any(|a| a == "--version" || a == "-V") {
        return Ok(format!("keyholder {}\n", env!("CARGO_PKG_VERSION")));
    }
    let mut rest = args.iter();
    match rest.next().map(String::as_str) {
        Some("report") => {}
        Some("compare") => return compare(&args[1..]),
        None => return Err(format!("no command was given; {USAGE}")),
        Some(other) => return Err(format!("there is no command `{other}`; {USAGE}")),
    }
    let mut path = None;
    let mut format = Format::Json;
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--format" => {
                format = match rest.next().map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("markdown" | "md") => Format::Markdown,
                    Some("csv") => Format::Csv,
                    Some(other) => {
                        return Err(format!(
                            "there is no format `{other}`; use json, markdown or csv"
                        ))
                    }
                    None => return Err("--format needs a value: json, markdown or csv".to_owned()),
                }
            }
            // `-` alone is standard input, not an option.
            other if other.starts_with('-') && other != "-" => {
                return Err(format!("there is no option `{other}`; {USAGE}"))
            }
            other if path.is_none() => path = Some(other.to_owned()),
            other => {
                return Err(format!(
                    "there is one answers file too many (`{other}`); {USAGE}"
                ))
            }
        }
    }
    let path = path.ok_or_else(|| format!("no answers file was given; {USAGE}"))?;
    let text = read_capped(&path)?;
    // An answers file or the app's JSON export: the same files the app's import accepts.
    let answers = parse_import(&text).map_err(|e| format!("{}: {e}", shown(&path)))?;
    let report = evaluate(&answers);
    Ok(match format {
        Format::Json => {
            serde_json::to_string_pretty(&report)
                .map_err(|e| format!("the report could not be written: {e}"))?
                + "\n"
        }
        Format::Markdown => to_markdown(&report, None),
        Format::Csv => to_csv(&report),
    })
}

/// `compare EARLIER LATER`: the comparison as Markdown.
fn compare(args: &[String]) -> Result<String, String> {
    use keyholder_engine::compare::{compare, to_markdown, Assessment};
    let [earlier, later] = args else {
        return Err(format!(
            "compare needs two files, the earlier and the later; {USAGE}"
        ));
    };
    let read = |path: &String| -> Result<Assessment, String> {
        let text = read_capped(path)?;
        Assessment::read(&text).map_err(|e| format!("{}: {e}", shown(path)))
    };
    let (a, b) = (read(earlier)?, read(later)?);
    let c = compare(&a.answers, &b.answers);
    Ok(to_markdown(&c, &a.side(), &b.side()))
}

/// How a path is named in messages.
fn shown(path: &str) -> &str {
    if path == "-" {
        "standard input"
    } else {
        path
    }
}

/// Reads the answers from `path` (or standard input for `-`), refusing more than [`MAX_BYTES`]
/// without reading the rest: the file's size is checked first, and the read itself stops one byte
/// past the limit (a device or a pipe reports no useful size).
fn read_capped(path: &str) -> Result<String, String> {
    let name = shown(path);
    let limit = MAX_BYTES as u64;
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("{name}: {}", io_reason(&e)))?;
        let size = file
            .metadata()
            .map_err(|e| format!("{name}: {}", io_reason(&e)))?
            .len();
        if size > limit {
            return Err(format!(
                "{name}: the file is {size} bytes; the limit is 1 MB"
            ));
        }
        file.take(limit + 1).read_to_end(&mut bytes)
    };
    read.map_err(|e| format!("{name}: {}", io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{name}: the answers are over 1 MB; the limit is 1 MB"
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| format!("{name}: this is not a Keyholder answers file (it is not UTF-8 text)"))
}

/// An I/O error as the rest of a sentence.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission to read it was denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "this is a folder, not a file".to_owned(),
        _ => format!("it could not be read ({e})"),
    }
}

fn main() -> ExitCode {
    // `args_os`: `args` panics on an argument that isn't Unicode; this tool answers with a line.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
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
