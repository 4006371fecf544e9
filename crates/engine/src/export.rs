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

/// The CSV's columns: what kind of finding a row is, then the same columns for every kind.
pub const CSV_HEADER: [&str; 11] = [
    "Kind",
    "Item",
    "Where",
    "Kind of place",
    "Status or level",
    "Why",
    "Evidence",
    "Rules",
    "Sources",
    "Source links",
    "Facts as of",
];

/// Every finding as CSV, one row each, with its kind: `draft` (when answers are missing),
/// `component` (a component in one place: status, reasons, evidence, rules, dated sources),
/// `residency` and `operator access` findings (gap, verify or note), `limit` (what CMK does not
/// do), `risk`, `action` and `verify` (where to look for an unanswered question). Nothing the
/// brief says is left out. UTF-8 with a byte-order mark, so Excel reads "—" and "é" as such in
/// every locale.
pub fn to_csv(report: &Report) -> String {
    use crate::report::{Citation, Finding};
    let mut out = String::from("\u{feff}");
    row(&mut out, &CSV_HEADER);
    let cites = |c: &[Citation]| -> (String, String) {
        let ids = c
            .iter()
            .map(|s| format!("{} ({})", s.id, s.date.unwrap_or("undated")))
            .collect::<Vec<_>>()
            .join("; ");
        let urls = c.iter().filter_map(|s| s.url).collect::<Vec<_>>().join(" ");
        (ids, urls)
    };
    if let Some(draft) = crate::report::draft_notice(report.draft) {
        row(
            &mut out,
            &["draft", &draft, "", "", "", "", "", "", "", "", ""],
        );
    }
    for c in &report.components {
        let join = |f: &dyn Fn(&Finding) -> String| {
            c.findings.iter().map(f).collect::<Vec<_>>().join(" | ")
        };
        let (ids, urls) = cites(&c.citations());
        let as_of = c.findings.iter().filter_map(|f| f.as_of).max();
        row(
            &mut out,
            &[
                "component",
                c.name,
                &c.place.describe(),
                c.place.scope.as_str(),
                c.status.label(),
                &join(&|f| f.reason.to_owned()),
                &join(&|f| f.evidence.to_string()),
                &join(&|f| f.rule.to_owned()),
                &ids,
                &urls,
                as_of.unwrap_or(""),
            ],
        );
    }
    let mut finding = |kind: &str, item: &str, level: &str, f: &Finding| {
        let (ids, urls) = cites(f.sources);
        row(
            &mut out,
            &[
                kind,
                item,
                &f.place.describe(),
                f.place.scope.as_str(),
                level,
                f.reason,
                &f.evidence.to_string(),
                f.rule,
                &ids,
                &urls,
                f.as_of.unwrap_or(""),
            ],
        );
    };
    for r in &report.residency.findings {
        finding("residency", "Data residency", r.level.as_str(), &r.finding);
    }
    for r in &report.operator_access.findings {
        finding(
            "operator access",
            "Microsoft's access to your data",
            r.level.as_str(),
            &r.finding,
        );
    }
    for f in &report.limits {
        finding("limit", "What CMK does not do", "note", f);
    }
    for r in &report.risks {
        finding("risk", "Risk", r.severity.as_str(), &r.finding);
    }
    for a in &report.actions {
        let places = a
            .places
            .iter()
            .map(|p| p.describe())
            .collect::<Vec<_>>()
            .join("; ");
        let rules = a.rules.join(" | ");
        row(
            &mut out,
            &[
                "action",
                a.title,
                &places,
                "",
                a.priority.as_str(),
                a.detail,
                "",
                &rules,
                "",
                "",
                "",
            ],
        );
    }
    for v in &report.verify {
        let (ids, urls) = cites(v.sources);
        row(
            &mut out,
            &[
                "verify",
                v.question,
                &v.place.describe(),
                v.place.scope.as_str(),
                "unanswered or not known",
                v.how_to_find,
                "",
                v.field,
                &ids,
                &urls,
                "",
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
    fn csv_holds_every_finding_with_its_kind_and_quotes_correctly() {
        let report = evaluate(&mixed());
        let csv = to_csv(&report);
        assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
        let rows = records(csv.trim_start_matches('\u{feff}'));
        assert_eq!(rows[0], CSV_HEADER);
        assert!(rows.iter().all(|r| r.len() == CSV_HEADER.len()), "{rows:?}");
        let kinds = |k: &str| rows.iter().filter(|r| r[0] == k).count();
        assert_eq!(kinds("component"), report.components.len());
        assert_eq!(kinds("residency"), report.residency.findings.len());
        assert_eq!(
            kinds("operator access"),
            report.operator_access.findings.len()
        );
        assert_eq!(kinds("limit"), report.limits.len());
        assert_eq!(kinds("risk"), report.risks.len());
        assert_eq!(kinds("action"), report.actions.len());
        assert_eq!(kinds("verify"), report.verify.len());
        assert_eq!(kinds("draft"), usize::from(report.draft > 0));
        for kind in [
            "component",
            "residency",
            "operator access",
            "limit",
            "risk",
            "action",
        ] {
            assert!(kinds(kind) > 0, "the mixed estate has {kind} rows");
        }
        // Reasons contain commas; they are quoted, not split.
        assert!(rows.iter().any(|r| r[5].contains(',')));
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
        let rows = records(csv.trim_start_matches('\u{feff}'));
        assert!(
            rows.len() > 1 && rows.iter().all(|r| r.len() == CSV_HEADER.len()),
            "{csv}"
        );
        for field in rows.iter().flatten() {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a spreadsheet would run {field:?}"
            );
        }
        // The text is kept, behind the apostrophe spreadsheets read as "this is text".
        let wheres: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
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
