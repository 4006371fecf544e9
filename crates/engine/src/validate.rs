//! From raw text to [`ValidAnswers`]: size limit, version check and migration, structure, then the
//! cross-field checks serde can't express (unique ids, links that point at real environments).

use crate::answers::{Answers, ValidAnswers, SCHEMA_VERSION};
use crate::error::AnswersError;

/// Largest answers document accepted (far above a 200-environment estate).
pub const MAX_BYTES: usize = 1024 * 1024;
/// Most items accepted in any one list.
pub const MAX_ITEMS: usize = 200;
/// Longest name accepted.
pub const MAX_NAME: usize = 100;
/// Longest id accepted.
pub const MAX_ID: usize = 40;

/// Parses and validates an answers document (JSON text).
pub fn parse_answers(text: &str) -> Result<ValidAnswers, AnswersError> {
    if text.len() > MAX_BYTES {
        return Err(AnswersError::TooLarge(text.len()));
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| AnswersError::Malformed(e.to_string()))?;
    let object = value
        .as_object()
        .ok_or_else(|| AnswersError::Malformed("expected a JSON object".into()))?;
    let version = object
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .ok_or(AnswersError::MissingVersion)?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(AnswersError::NewerVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        return Err(AnswersError::UnknownVersion(version));
    }
    let value = migrate(value, version);
    let answers: Answers =
        serde_json::from_value(value).map_err(|e| AnswersError::Malformed(e.to_string()))?;
    answers.validate()
}

/// Brings an older answers document up to [`SCHEMA_VERSION`], one version at a time, oldest first.
fn migrate(mut value: serde_json::Value, from: u64) -> serde_json::Value {
    if from < 2 {
        // Version 2 added the brief's cover details; version 1 documents have none.
        if let Some(object) = value.as_object_mut() {
            object.insert("brief".into(), serde_json::json!({}));
        }
    }
    if let Some(object) = value.as_object_mut() {
        object.insert("schema_version".into(), SCHEMA_VERSION.into());
    }
    value
}

impl Answers {
    /// Checks what the type can't: ids, names and links.
    pub fn validate(self) -> Result<ValidAnswers, AnswersError> {
        let envs: Vec<(&str, &str)> = self
            .environments
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        check_list("environments", &envs)?;
        let known: Vec<&str> = envs.iter().map(|(id, _)| *id).collect();

        let fo = &self.finance_operations.environments;
        let fo_items: Vec<(&str, &str)> = fo
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        check_list("finance and operations environments", &fo_items)?;
        for env in fo {
            check_link(
                "finance and operations environment",
                &env.id,
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
        check_list("Commerce Scale Units", &csus)?;

        let bc = &self.business_central.environments;
        let bc_items: Vec<(&str, &str)> = bc
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .collect();
        check_list("Business Central environments", &bc_items)?;
        for env in bc {
            check_link(
                "Business Central environment",
                &env.id,
                env.linked_environment.as_deref(),
                &known,
            )?;
        }
        let brief = &self.brief;
        for (what, text) in [
            ("the organisation", &brief.organisation),
            ("prepared by", &brief.prepared_by),
            ("the classification", &brief.classification),
        ] {
            if let Some(text) = text {
                if text.chars().count() > MAX_NAME || text.chars().any(char::is_control) {
                    return Err(AnswersError::BadText {
                        what,
                        limit: MAX_NAME,
                    });
                }
            }
        }
        Ok(ValidAnswers(self))
    }
}

fn check_list(what: &'static str, items: &[(&str, &str)]) -> Result<(), AnswersError> {
    if items.len() > MAX_ITEMS {
        return Err(AnswersError::TooMany {
            what,
            count: items.len(),
            limit: MAX_ITEMS,
        });
    }
    let mut seen: Vec<&str> = Vec::with_capacity(items.len());
    for (id, name) in items {
        let id_ok = !id.is_empty()
            && id.len() <= MAX_ID
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok {
            return Err(AnswersError::BadId {
                what,
                id: truncate(id),
            });
        }
        if seen.contains(id) {
            return Err(AnswersError::DuplicateId {
                what,
                id: (*id).to_owned(),
            });
        }
        seen.push(id);
        if name.trim().is_empty() || name.chars().count() > MAX_NAME {
            return Err(AnswersError::BadName {
                what,
                id: (*id).to_owned(),
                limit: MAX_NAME,
            });
        }
    }
    Ok(())
}

fn check_link(
    what: &'static str,
    from: &str,
    to: Option<&str>,
    known: &[&str],
) -> Result<(), AnswersError> {
    match to {
        Some(to) if !known.contains(&to) => Err(AnswersError::DanglingLink {
            what,
            from: from.to_owned(),
            to: truncate(to),
        }),
        _ => Ok(()),
    }
}

fn truncate(text: &str) -> String {
    text.chars().take(MAX_ID).collect()
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
            "the answers use format version 9, newer than this Keyholder supports (2)"
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
        assert!(matches!(
            parse_answers(control),
            Err(AnswersError::BadText { .. })
        ));
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
}
