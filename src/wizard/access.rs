//! The brief's cover details, set by path (organisation, prepared by, classification). They are
//! free text, not questions of the assessment, so they have no definition in the registry.

use keyholder_engine::Answers;
use serde_json::Value;

/// The answers as JSON (they always serialise).
pub fn to_value(answers: &Answers) -> Value {
    serde_json::to_value(answers).unwrap_or(Value::Null)
}

/// The answers with one cover detail (`path` under `brief`) changed; `None` if it isn't one.
pub fn set_brief(answers: &Answers, path: &[&str], value: Option<&str>) -> Option<Answers> {
    let mut next = answers.clone();
    let slot = match path {
        ["brief", "organisation"] => &mut next.brief.organisation,
        ["brief", "prepared_by"] => &mut next.brief.prepared_by,
        ["brief", "classification"] => &mut next.brief.classification,
        _ => return None,
    };
    *slot = value.map(str::to_owned);
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_details_are_set_and_nothing_else() {
        let a = Answers::default();
        let a = set_brief(&a, &["brief", "organisation"], Some("Fabrikam")).unwrap();
        assert_eq!(a.brief.organisation.as_deref(), Some("Fabrikam"));
        assert!(set_brief(&a, &["tenant", "cloud"], Some("commercial")).is_none());
        assert!(set_brief(&a, &["brief", "nonsense"], Some("x")).is_none());
    }
}
