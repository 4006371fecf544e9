//! From raw text to [`ValidAnswers`]: size limit, version check and migration, structure, then the
//! cross-field checks serde can't express (unique ids, links that point at real environments).

use crate::answers::{Answers, ValidAnswers, SCHEMA_VERSION};
use crate::error::AnswersError;
use crate::text::{has_forbidden, one_line};

/// Largest answers document accepted (far above a 200-environment estate).
pub const MAX_BYTES: usize = 1024 * 1024;
/// Most items accepted in any one list.
pub const MAX_ITEMS: usize = 200;
/// Longest name accepted.
pub const MAX_NAME: usize = 100;
/// Longest id accepted.
pub const MAX_ID: usize = 40;

/// Parses and validates an answers document (JSON text). A leading UTF-8 byte-order mark is
/// skipped: Windows editors (Notepad's "UTF-8 with BOM") add one, and the file is still JSON.
pub fn parse_answers(text: &str) -> Result<ValidAnswers, AnswersError> {
    if text.len() > MAX_BYTES {
        return Err(AnswersError::TooLarge(text.len()));
    }
    let text = strip_bom(text);
    // Read by the answers' own codec (`answers_json`), never through serde: serde_json and the
    // generated visitors were about 32 KB of the first load's gzip (docs/size.md, "The answers
    // have their own JSON codec"). Every migration so far only adds fields, which a missing
    // member leaves at their defaults. The version is read first, on its own (its raw text, so a
    // wrong one is quoted back as written), so a newer file gets its clear message rather than
    // "unknown field".
    if !text.trim_start().starts_with('{') {
        return Err(AnswersError::malformed("expected a JSON object"));
    }
    let raw = crate::answers_json::version_text(text).map_err(AnswersError::malformed)?;
    let version = match raw {
        None => return Err(AnswersError::MissingVersion),
        Some(raw) => raw
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| raw.parse::<u64>().ok())
            .flatten()
            .ok_or_else(|| AnswersError::VersionNotNumber(crate::text::one_line(raw, 40)))?,
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(AnswersError::NewerVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        return Err(AnswersError::UnknownVersion(version));
    }
    let mut answers = crate::answers_json::from_str(text).map_err(AnswersError::malformed)?;
    // Version 2 added the brief's cover details, version 3 copies of the data (`copies`),
    // operator access (`access`) and `key.policy_reader`: an older document simply hasn't
    // answered them (defaults). Version 4 added values (a link's "unknown", two vault network
    // settings) an older document can't hold. The number is bumped so an older release refuses a newer file
    // with its clear "newer version" message, not as malformed.
    answers.schema_version = SCHEMA_VERSION;
    answers.validate()
}

/// `text` without a leading UTF-8 byte-order mark (U+FEFF).
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

impl Answers {
    /// Checks what the type can't: ids, names, brief details and links.
    pub fn validate(self) -> Result<ValidAnswers, AnswersError> {
        let envs: Vec<(&str, &str)> = self
            .environments
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        check_list("environment", &envs)?;
        let known: Vec<&str> = envs.iter().map(|(id, _)| *id).collect();

        let fo = &self.finance_operations.environments;
        let fo_items: Vec<(&str, &str)> = fo
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        check_list("finance and operations environment", &fo_items)?;
        for (i, env) in fo.iter().enumerate() {
            check_link(
                "finance and operations environment",
                i + 1,
                env.linked_environment.as_deref(),
                &known,
            )?;
        }

        let csus: Vec<(&str, &str)> = self
            .commerce
            .scale_units
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        check_list("Commerce Scale Unit", &csus)?;

        let bc = &self.business_central.environments;
        let bc_items: Vec<(&str, &str)> = bc
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        check_list("Business Central environment", &bc_items)?;
        for (i, env) in bc.iter().enumerate() {
            check_link(
                "Business Central environment",
                i + 1,
                env.linked_environment.as_deref(),
                &known,
            )?;
        }
        let brief = &self.brief;
        for (what, text) in [
            ("the organisation", &brief.organisation),
            ("the preparer's name", &brief.prepared_by),
            ("the classification", &brief.classification),
        ] {
            if let Some(text) = text {
                if text.chars().count() > MAX_NAME {
                    return Err(AnswersError::BadText {
                        what,
                        limit: MAX_NAME,
                    });
                }
                if has_forbidden(text) {
                    return Err(AnswersError::TextControl { what });
                }
            }
        }
        Ok(ValidAnswers(self))
    }
}

/// Checks one list of `(id, name)` items; `what` names one item ("environment").
fn check_list(what: &'static str, items: &[(&str, &str)]) -> Result<(), AnswersError> {
    if items.len() > MAX_ITEMS {
        return Err(AnswersError::TooMany {
            what,
            count: items.len(),
            limit: MAX_ITEMS,
        });
    }
    let mut seen: Vec<&str> = Vec::with_capacity(items.len());
    for (i, (id, name)) in items.iter().enumerate() {
        let index = i + 1;
        // `unknown` is the link answer "I don't know", so no item may be called that.
        let id_ok = !id.is_empty()
            && *id != crate::facts::UNKNOWN
            && id.len() <= MAX_ID
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok {
            return Err(AnswersError::BadId {
                what,
                index,
                id: one_line(id, MAX_ID),
            });
        }
        if let Some(first) = seen.iter().position(|s| s == id) {
            return Err(AnswersError::DuplicateId {
                what,
                first: first + 1,
                second: index,
                id: (*id).to_owned(),
            });
        }
        seen.push(id);
        if name.trim().is_empty() || name.chars().count() > MAX_NAME {
            return Err(AnswersError::BadName {
                what,
                index,
                limit: MAX_NAME,
            });
        }
        if has_forbidden(name) {
            return Err(AnswersError::NameControl { what, index });
        }
    }
    Ok(())
}

fn check_link(
    what: &'static str,
    index: usize,
    to: Option<&str>,
    known: &[&str],
) -> Result<(), AnswersError> {
    match to {
        Some(to) if to != crate::facts::UNKNOWN && !known.contains(&to) => {
            Err(AnswersError::DanglingLink {
                what,
                index,
                to: one_line(to, MAX_ID),
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_is_missing_version() {
        assert_eq!(parse_answers("{}"), Err(AnswersError::MissingVersion));
    }

    #[test]
    fn newer_version_is_refused_by_number() {
        let err = parse_answers(r#"{"schema_version": 9}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the answers use format version 9, newer than this Keyholder supports (4)"
        );
    }

    #[test]
    fn version_1_migrates_to_the_current_version() {
        let valid =
            parse_answers(r#"{"schema_version": 1, "tenant": {"cloud": "commercial"}}"#).unwrap();
        assert_eq!(valid.answers().schema_version, SCHEMA_VERSION);
        assert_eq!(valid.answers().brief, crate::answers::Brief::default());
        assert!(valid.answers().tenant.cloud.is_some());
    }

    #[test]
    fn brief_text_is_limited() {
        let long = format!(
            r#"{{"schema_version": 2, "brief": {{"organisation": "{}"}}}}"#,
            "x".repeat(101)
        );
        assert!(matches!(
            parse_answers(&long),
            Err(AnswersError::BadText { .. })
        ));
        let control = r#"{"schema_version": 2, "brief": {"prepared_by": "a\u0007b"}}"#;
        assert_eq!(
            parse_answers(control),
            Err(AnswersError::TextControl {
                what: "the preparer's name"
            })
        );
        let fine = r#"{"schema_version": 2, "brief": {"classification": "Confidential"}}"#;
        assert!(parse_answers(fine).is_ok());
    }

    #[test]
    fn unknown_field_is_malformed() {
        let err = parse_answers(r#"{"schema_version": 1, "surprise": true}"#).unwrap_err();
        assert!(matches!(err, AnswersError::Malformed(m) if m.contains("surprise")));
    }

    #[test]
    fn minimal_document_is_valid() {
        let valid = parse_answers(r#"{"schema_version": 1}"#).unwrap();
        assert!(valid.answers().environments.is_empty());
    }

    #[test]
    fn dangling_link_is_named() {
        let text = r#"{"schema_version": 1,
            "environments": [{"id": "prod", "name": "Production"}],
            "business_central": {"environments": [{"id": "bc1", "name": "BC", "linked_environment": "ghost"}]}}"#;
        let err = parse_answers(text).unwrap_err();
        assert!(err.to_string().contains("`ghost`"), "{err}");
    }

    #[test]
    fn a_link_answered_i_dont_know_is_valid_and_reads_as_unknown() {
        let text = r#"{"schema_version": 3,
            "environments": [{"id": "prod", "name": "Production"}],
            "finance_operations": {"used": "yes", "environments": [{"id": "fo1", "name": "FO",
                "power_platform_integration": "yes", "linked_environment": "unknown"}]}}"#;
        let valid = parse_answers(text).unwrap();
        let a = valid.answers();
        let mut entries = Vec::new();
        crate::facts::fo_entries(&a.finance_operations.environments[0], a, 0, &mut entries);
        let known = entries
            .iter()
            .find(|e| e.name == "fo.linked_known")
            .unwrap();
        assert_eq!(known.value, "unknown");
        // The answer is a sentinel, so no item may take its name.
        let clash = r#"{"schema_version": 3, "environments": [{"id": "unknown", "name": "U"}]}"#;
        assert!(matches!(
            parse_answers(clash),
            Err(AnswersError::BadId { .. })
        ));
    }

    #[test]
    fn duplicate_and_bad_ids_are_refused() {
        let dup = r#"{"schema_version": 1, "environments": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]}"#;
        assert!(matches!(
            parse_answers(dup),
            Err(AnswersError::DuplicateId { .. })
        ));
        let bad = r#"{"schema_version": 1, "environments": [{"id": "a b", "name": "A"}]}"#;
        assert!(matches!(
            parse_answers(bad),
            Err(AnswersError::BadId { .. })
        ));
        let unnamed = r#"{"schema_version": 1, "environments": [{"id": "a", "name": "  "}]}"#;
        assert!(matches!(
            parse_answers(unnamed),
            Err(AnswersError::BadName { .. })
        ));
    }

    #[test]
    fn oversized_text_is_refused_before_parsing() {
        let text = " ".repeat(MAX_BYTES + 1);
        assert!(matches!(
            parse_answers(&text),
            Err(AnswersError::TooLarge(_))
        ));
    }

    /// A document with four of `list`'s items, the third named `name`.
    fn with_third_named(list: &str, name: &str) -> String {
        let item =
            |i: usize, n: &str| serde_json::json!({"id": format!("i{i}"), "name": n}).to_string();
        let items = [
            item(1, "One"),
            item(2, "Two"),
            item(3, name),
            item(4, "Four"),
        ]
        .join(",");
        match list {
            "environments" => format!(r#"{{"schema_version": 2, "environments": [{items}]}}"#),
            "fo" => format!(
                r#"{{"schema_version": 2, "finance_operations": {{"environments": [{items}]}}}}"#
            ),
            "csu" => {
                format!(r#"{{"schema_version": 2, "commerce": {{"scale_units": [{items}]}}}}"#)
            }
            _ => format!(
                r#"{{"schema_version": 2, "business_central": {{"environments": [{items}]}}}}"#
            ),
        }
    }

    #[test]
    fn control_and_format_characters_in_any_name_are_refused_by_position() {
        let hostile = [
            "a\u{7}b",
            "line\rbreak",
            "line\nbreak",
            "next\u{85}line",
            "evil\u{202E}fdp.exe",
            "zero\u{200B}width",
            "bom\u{FEFF}",
            "tag\u{E0041}",
            "\u{2066}isolate",
        ];
        for (list, what) in [
            ("environments", "environment"),
            ("fo", "finance and operations environment"),
            ("csu", "Commerce Scale Unit"),
            ("bc", "Business Central environment"),
        ] {
            for name in hostile {
                let err = parse_answers(&with_third_named(list, name)).unwrap_err();
                assert_eq!(
                    err,
                    AnswersError::NameControl { what, index: 3 },
                    "{name:?}"
                );
                assert_eq!(
                    err.to_string(),
                    format!("{what} 3 has a name with a control character or an invisible formatting character")
                );
            }
            // Accented letters, other scripts and emoji are names like any other.
            assert!(parse_answers(&with_third_named(list, "Zürich – 本番 😀")).is_ok());
        }
    }

    #[test]
    fn control_and_format_characters_in_brief_details_are_refused() {
        for (field, what) in [
            ("organisation", "the organisation"),
            ("prepared_by", "the preparer's name"),
            ("classification", "the classification"),
        ] {
            for bad in ["a\u{202E}b", "a\nb", "a\u{200F}", "\u{9F}"] {
                let doc = serde_json::json!({"schema_version": 2, "brief": {field: bad}});
                assert_eq!(
                    parse_answers(&doc.to_string()),
                    Err(AnswersError::TextControl { what }),
                    "{field} {bad:?}"
                );
            }
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let valid = parse_answers("\u{FEFF}{\"schema_version\": 2}").unwrap();
        assert_eq!(valid.answers().schema_version, SCHEMA_VERSION);
    }

    #[test]
    fn a_string_version_must_be_a_number() {
        let err = parse_answers(r#"{"schema_version": "2"}"#).unwrap_err();
        assert_eq!(err, AnswersError::VersionNotNumber("\"2\"".into()));
        assert_eq!(
            err.to_string(),
            "the answers' `schema_version` must be a number such as 2, not \"2\""
        );
        for other in ["-1", "2.5", "1e30", "18446744073709551616", "null", "[2]"] {
            let err = parse_answers(&format!(r#"{{"schema_version": {other}}}"#)).unwrap_err();
            assert!(
                matches!(err, AnswersError::VersionNotNumber(_)),
                "{other}: {err}"
            );
        }
    }

    #[test]
    fn messages_name_items_by_position_as_sentences() {
        let bad_id = r#"{"schema_version": 2, "environments": [{"id": "a", "name": "A"}, {"id": "a b", "name": "B"}]}"#;
        assert_eq!(
            parse_answers(bad_id).unwrap_err().to_string(),
            "environment 2 has an invalid id `a b` (use 1 to 40 letters, digits, `-` or `_`)"
        );
        let dup = r#"{"schema_version": 2, "commerce": {"scale_units": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "a", "name": "C"}]}}"#;
        assert_eq!(
            parse_answers(dup).unwrap_err().to_string(),
            "Commerce Scale Units 1 and 3 share the id `a`"
        );
        let many = serde_json::json!({"schema_version": 2, "environments":
            (0..201).map(|i| serde_json::json!({"id": format!("e{i}"), "name": "E"})).collect::<Vec<_>>()});
        assert_eq!(
            parse_answers(&many.to_string()).unwrap_err().to_string(),
            "there are 201 environments; the limit is 200"
        );
        // A parser message that quotes a hostile field name stays on one line.
        let err = parse_answers("{\"schema_version\": 2, \"a\\nb\": 1}").unwrap_err();
        assert!(!err.to_string().contains('\n'), "{err}");
    }
}
