//! Exports and imports: the answers-plus-report JSON file, the findings CSV, file names, and the
//! import reader that accepts either an export or a bare answers file.
//!
//! The report inside an export is there for people and other tools; on import only the answers
//! are read, because the report is always derived from them (a tampered report can't stick).

use serde::Serialize;

use crate::answers::Answers;
use crate::error::AnswersError;
use crate::report::{Citation, Report};
use crate::validate::{parse_answers, MAX_BYTES};
use crate::ValidAnswers;

/// The export wrapper's version (the answers and report inside carry their own).
pub const EXPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Export<'a> {
    keyholder_export: u32,
    exported_on: &'a str,
    answers: &'a Answers,
    report: &'a Report,
}

/// The JSON export: answers (re-importable) plus the report they produce, as of `date` (ISO).
pub fn to_json(answers: &ValidAnswers, report: &Report, date: &str) -> String {
    let export = Export {
        keyholder_export: EXPORT_VERSION,
        exported_on: date,
        answers: answers.answers(),
        report,
    };
    serde_json::to_string_pretty(&export).unwrap_or_default()
}

/// Reads an imported file: an export (its `answers`) or a bare answers document. Older answers
/// versions migrate; anything else is a typed error and nothing is changed.
pub fn parse_import(text: &str) -> Result<ValidAnswers, AnswersError> {
    if text.len() > MAX_BYTES {
        return Err(AnswersError::TooLarge(text.len()));
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| AnswersError::Malformed(e.to_string()))?;
    match value.get("keyholder_export") {
        None => parse_answers(text),
        Some(_) => {
            let answers = value
                .get("answers")
                .ok_or(AnswersError::ExportWithoutAnswers)?;
            parse_answers(&answers.to_string())
        }
    }
}

/// A download's file name: `keyholder-<what>-<date>.<ext>`.
pub fn file_name(what: &str, date: &str, ext: &str) -> String {
    format!("keyholder-{what}-{date}.{ext}")
}

/// The findings as CSV: one row per component finding (a component in one place), with its
/// status, the reasons, evidence levels, rules and dated sources. RFC 4180 quoting via `csv-core`.
pub fn to_csv(report: &Report) -> String {
    let mut out = Csv::default();
    out.row(&[
        "Component",
        "Where",
        "Kind of place",
        "Status",
        "Why",
        "Evidence",
        "Rules",
        "Sources",
        "Source links",
        "Facts as of",
    ]);
    for c in &report.components {
        let join = |f: &dyn Fn(&crate::report::Finding) -> String| {
            c.findings.iter().map(f).collect::<Vec<_>>().join(" | ")
        };
        let mut cites: Vec<Citation> = Vec::new();
        for s in c.findings.iter().flat_map(|f| f.sources.iter()) {
            if !cites.iter().any(|x| x.id == s.id) {
                cites.push(*s);
            }
        }
        let as_of = c
            .findings
            .iter()
            .filter_map(|f| f.as_of)
            .max()
            .unwrap_or("");
        out.row(&[
            c.name,
            &c.place.describe(),
            &c.place.scope,
            c.status.label(),
            &join(&|f| f.reason.to_owned()),
            &join(&|f| f.evidence.to_string()),
            &join(&|f| f.rule.to_owned()),
            &cites
                .iter()
                .map(|s| format!("{} ({})", s.id, s.date.unwrap_or("undated")))
                .collect::<Vec<_>>()
                .join("; "),
            &cites
                .iter()
                .filter_map(|s| s.url)
                .collect::<Vec<_>>()
                .join(" "),
            as_of,
        ]);
    }
    out.text
}

#[derive(Default)]
struct Csv {
    writer: csv_core::Writer,
    text: String,
}

impl Csv {
    fn row(&mut self, fields: &[&str]) {
        let mut buf = Vec::new();
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.put(&mut buf, |w, out| w.delimiter(out));
            }
            let mut input = field.as_bytes();
            loop {
                let mut chunk = [0u8; 256];
                let (result, read, written) = self.writer.field(input, &mut chunk);
                input = input.get(read..).unwrap_or_default();
                buf.extend_from_slice(chunk.get(..written).unwrap_or_default());
                if matches!(result, csv_core::WriteResult::InputEmpty) {
                    break;
                }
            }
        }
        self.put(&mut buf, |w, out| w.finish(out));
        self.put(&mut buf, |w, out| w.terminator(out));
        self.text.push_str(&String::from_utf8_lossy(&buf));
    }

    fn put(
        &mut self,
        buf: &mut Vec<u8>,
        step: impl Fn(&mut csv_core::Writer, &mut [u8]) -> (csv_core::WriteResult, usize),
    ) {
        let mut chunk = [0u8; 16];
        let (_, written) = step(&mut self.writer, &mut chunk);
        buf.extend_from_slice(chunk.get(..written).unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate;

    fn mixed() -> ValidAnswers {
        parse_answers(include_str!("../../../examples/mixed-estate.json")).unwrap()
    }

    #[test]
    fn export_re_imports_to_the_same_answers() {
        let valid = mixed();
        let report = evaluate(&valid);
        let text = to_json(&valid, &report, "2026-11-23");
        assert_eq!(parse_import(&text).unwrap(), valid);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["report"]["key_control"]["in_scope"],
            report.key_control.in_scope
        );
        assert_eq!(value["exported_on"], "2026-11-23");
    }

    #[test]
    fn a_tampered_report_is_ignored_on_import() {
        let valid = mixed();
        let text = to_json(&valid, &evaluate(&valid), "2026-11-23")
            .replace("\"customer_key\": ", "\"customer_key\": 999");
        assert_eq!(parse_import(&text).unwrap(), valid);
    }

    #[test]
    fn csv_has_one_row_per_component_finding_and_quotes_correctly() {
        let report = evaluate(&mixed());
        let csv = to_csv(&report);
        let mut reader = csv_core::Reader::new();
        let (mut input, mut rows, mut fields_in_row) = (csv.as_bytes(), Vec::new(), 0usize);
        let mut out = [0u8; 8192];
        let mut ends = [0usize; 32];
        loop {
            let (res, read, _, n) = reader.read_record(input, &mut out, &mut ends);
            input = &input[read..];
            match res {
                csv_core::ReadRecordResult::Record => {
                    fields_in_row = n;
                    rows.push(n);
                }
                csv_core::ReadRecordResult::End => break,
                csv_core::ReadRecordResult::InputEmpty if input.is_empty() => {
                    let (res, _, _, n) = reader.read_record(&[], &mut out, &mut ends);
                    if matches!(res, csv_core::ReadRecordResult::Record) {
                        rows.push(n);
                    }
                    break;
                }
                _ => {}
            }
        }
        assert_eq!(fields_in_row, 10);
        assert_eq!(rows.len(), report.components.len() + 1);
        assert!(rows.iter().all(|n| *n == 10), "{rows:?}");
        // Reasons contain commas; they must be quoted, not split.
        assert!(csv.lines().nth(1).unwrap().contains(",\""));
    }

    #[test]
    fn import_accepts_bare_answers_and_refuses_an_export_without_them() {
        assert!(parse_import(include_str!("../../../examples/just-starting.json")).is_ok());
        assert_eq!(
            parse_import(r#"{"keyholder_export": 1, "report": {}}"#),
            Err(AnswersError::ExportWithoutAnswers)
        );
    }
}
