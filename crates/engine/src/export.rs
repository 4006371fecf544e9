//! Exports and imports: the answers-plus-report JSON file, the findings CSV, file names, and the
//! import reader that accepts either an export or a bare answers file.
//!
//! The report inside an export is there for people and other tools; on import only the answers
//! are read, because the report is always derived from them (a tampered report can't stick).

use crate::error::AnswersError;
use crate::report::Report;
use crate::validate::{parse_answers, strip_bom, MAX_BYTES};
use crate::ValidAnswers;

/// The export wrapper's version (the answers and report inside carry their own).
pub const EXPORT_VERSION: u32 = 1;

/// The JSON export: answers (re-importable) plus the report they produce, as of `date` (ISO).
///
/// Built through `serde_json::Value` on purpose: the browser app already serialises answers to a
/// `Value`, so this adds no second copy of the answers' serialiser to the wasm.
pub fn to_json(answers: &ValidAnswers, report: &Report, date: &str) -> String {
    let value = |v: Result<serde_json::Value, serde_json::Error>| v.unwrap_or_default();
    serde_json::json!({
        "keyholder_export": EXPORT_VERSION,
        "exported_on": date,
        "answers": value(serde_json::to_value(answers.answers())),
        "report": value(serde_json::to_value(report)),
    })
    .to_string()
}

/// Reads an imported file: an export (its `answers`) or a bare answers document. Older answers
/// versions migrate; anything else is a typed error and nothing is changed.
pub fn parse_import(text: &str) -> Result<ValidAnswers, AnswersError> {
    if text.len() > MAX_BYTES {
        return Err(AnswersError::TooLarge(text.len()));
    }
    // Skipped here too, not only in `parse_answers`: the export check below parses the text first.
    let text = strip_bom(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(AnswersError::malformed)?;
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
/// status, the reasons, evidence levels, rules and dated sources.
pub fn to_csv(report: &Report) -> String {
    let mut out = String::new();
    row(
        &mut out,
        &[
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
        ],
    );
    for c in &report.components {
        let join = |f: &dyn Fn(&crate::report::Finding) -> String| {
            c.findings.iter().map(f).collect::<Vec<_>>().join(" | ")
        };
        let cites = c.citations();
        let as_of = c
            .findings
            .iter()
            .filter_map(|f| f.as_of)
            .max()
            .unwrap_or("");
        row(
            &mut out,
            &[
                c.name,
                &c.place.describe(),
                c.place.scope.as_str(),
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
            ],
        );
    }
    out
}

/// Characters that make a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a formula
/// when they start it: OWASP's "CSV injection" list.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One RFC 4180 record: fields with a comma, quote or line break are quoted and their quotes
/// doubled; CRLF ends the record. A field that starts like a formula gets a leading `'` first
/// (OWASP's advice), so a name such as `=HYPERLINK(…)` shows as text instead of running. Written
/// out rather than taken from `csv-core`, whose writer links float parsing (≈ 20 KB gzip of wasm)
/// for a quoting style we don't use; the tests read the output back with `csv-core`'s reader to
/// prove the quoting.
fn row(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let defused;
        let field = if field.starts_with(FORMULA_START) {
            defused = format!("'{field}");
            defused.as_str()
        } else {
            field
        };
        // A lone empty field would be an empty line, which readers skip: quote it.
        if field.contains([',', '"', '\n', '\r']) || (fields.len() == 1 && field.is_empty()) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
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
            .replace("\"customer_key\":", "\"customer_key\":999");
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
        assert_eq!(rows.len(), report.components.len() + 1);
        assert!(rows.iter().all(|n| *n == 10), "{rows:?}");
        // Reasons contain commas; they must be quoted, not split.
        assert!(csv.lines().nth(1).unwrap().contains(",\""));
    }

    /// Every field of every record, read back with `csv-core` (the reference reader).
    fn records(csv: &str) -> Vec<Vec<String>> {
        let mut reader = csv_core::Reader::new();
        let (mut input, mut rows) = (csv.as_bytes(), Vec::new());
        let mut out = vec![0u8; csv.len() + 16];
        let mut ends = [0usize; 32];
        loop {
            let (res, read, _, n) = reader.read_record(input, &mut out, &mut ends);
            input = &input[read..];
            let fields = |out: &[u8], ends: &[usize]| {
                let mut start = 0;
                ends.iter()
                    .map(|&end| {
                        let f = String::from_utf8_lossy(&out[start..end]).into_owned();
                        start = end;
                        f
                    })
                    .collect::<Vec<_>>()
            };
            match res {
                csv_core::ReadRecordResult::Record => rows.push(fields(&out, &ends[..n])),
                csv_core::ReadRecordResult::End => break,
                csv_core::ReadRecordResult::InputEmpty if input.is_empty() => {
                    let (res, _, _, n) = reader.read_record(&[], &mut out, &mut ends);
                    if matches!(res, csv_core::ReadRecordResult::Record) {
                        rows.push(fields(&out, &ends[..n]));
                    }
                    break;
                }
                _ => {}
            }
        }
        rows
    }

    #[test]
    fn formula_like_names_are_neutralised() {
        // Names a spreadsheet would run as formulas (OWASP "CSV injection"). Built past
        // validation: the CSV must be safe whatever text reaches it.
        let hostile = [
            "=HYPERLINK(\"http://x\",\"y\")",
            "@SUM(1)",
            "+1+1",
            "-2+3",
            "\tTab",
            "\rReturn",
        ];
        let mut a = mixed().into_inner();
        let mut names = hostile.iter().cycle().map(|n| (*n).to_owned());
        let mut next = || names.next().unwrap_or_default();
        a.environments.iter_mut().for_each(|e| e.name = next());
        let fo = &mut a.finance_operations.environments;
        fo.iter_mut().for_each(|e| e.name = next());
        a.commerce
            .scale_units
            .iter_mut()
            .for_each(|e| e.name = next());
        let bc = &mut a.business_central.environments;
        bc.iter_mut().for_each(|e| e.name = next());
        let csv = to_csv(&evaluate(&ValidAnswers(a)));
        let rows = records(&csv);
        assert!(
            rows.len() > 1 && rows.iter().all(|r| r.len() == 10),
            "{csv}"
        );
        for field in rows.iter().flatten() {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a spreadsheet would run {field:?}"
            );
        }
        // The text is kept, behind the apostrophe spreadsheets read as "this is text".
        let wheres: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
        for name in hostile {
            let kept = format!("'{name} (");
            assert!(
                wheres.iter().any(|w| w.starts_with(&kept)),
                "{name:?}: {wheres:?}"
            );
        }
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

#[cfg(test)]
mod quoting {
    use super::row;
    use proptest::prelude::*;

    /// Reads one record back with `csv-core` (the reference reader).
    fn read_back(text: &str) -> Vec<String> {
        let mut reader = csv_core::Reader::new();
        let mut out = vec![0u8; text.len() + 16];
        let mut ends = vec![0usize; 64];
        let (_, _, written, n) = reader.read_record(text.as_bytes(), &mut out, &mut ends);
        let mut fields = Vec::new();
        let mut start = 0;
        for &end in &ends[..n] {
            fields.push(String::from_utf8(out[start..end].to_vec()).unwrap());
            start = end;
        }
        assert!(written <= out.len());
        fields
    }

    proptest! {
        /// Every field reads back as written, but for the apostrophe that defuses a formula.
        #[test]
        fn any_fields_read_back_unchanged(fields in proptest::collection::vec("[a-z ,\"\r\n\t;|é=+@-]{0,12}", 1..8)) {
            let mut text = String::new();
            let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
            row(&mut text, &refs);
            let expected: Vec<String> = fields
                .iter()
                .map(|f| {
                    if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                        format!("'{f}")
                    } else {
                        f.clone()
                    }
                })
                .collect();
            prop_assert_eq!(read_back(&text), expected);
        }
    }
}
