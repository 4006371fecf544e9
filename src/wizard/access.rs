//! Reading and writing one answer by path. The answers stay typed (`Answers`); a path is applied
//! through its JSON form so one small function serves every question, and the result is parsed
//! back into `Answers`, so a value the model doesn't allow can never get in.

use keyholder_engine::Answers;
use serde_json::Value;

use super::pages::ListKind;

/// The item a per-item page is about.
pub type Item = Option<(ListKind, usize)>;

fn walk<'a>(mut v: &'a Value, item: Item, path: &[&str]) -> Option<&'a Value> {
    if let Some((list, index)) = item {
        for key in list.path() {
            v = v.get(key)?;
        }
        v = v.get(index)?;
    }
    for key in path {
        v = v.get(key)?;
    }
    Some(v)
}

fn walk_mut<'a>(mut v: &'a mut Value, item: Item, path: &[&str]) -> Option<&'a mut Value> {
    if let Some((list, index)) = item {
        for key in list.path() {
            v = ensure_object(v)
                .entry(*key)
                .or_insert_with(|| Value::Array(Vec::new()));
        }
        v = v.get_mut(index)?;
    }
    let (last, parents) = path.split_last()?;
    for key in parents {
        v = ensure_object(v)
            .entry(*key)
            .or_insert_with(|| Value::Object(Default::default()));
    }
    Some(ensure_object(v).entry(*last).or_insert(Value::Null))
}

fn ensure_object(v: &mut Value) -> &mut serde_json::Map<String, Value> {
    if !v.is_object() {
        *v = Value::Object(Default::default());
    }
    match v {
        Value::Object(map) => map,
        // INVARIANT: replaced by an object just above.
        _ => unreachable!("value was just made an object"),
    }
}

/// The answers as JSON (they always serialise).
pub fn to_value(answers: &Answers) -> Value {
    serde_json::to_value(answers).unwrap_or(Value::Null)
}

/// The answer at `path` (of `item`), or `None` when not answered.
pub fn get(answers: &Value, item: Item, path: &[&str]) -> Option<String> {
    walk(answers, item, path)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The answers with one value changed; `None` if the path or value isn't valid for the model.
pub fn set(answers: &Answers, item: Item, path: &[&str], value: Option<&str>) -> Option<Answers> {
    let mut v = to_value(answers);
    let slot = walk_mut(&mut v, item, path)?;
    *slot = value.map_or(Value::Null, |s| Value::String(s.to_owned()));
    serde_json::from_value(v).ok()
}

/// Number of items in a list.
pub fn len(answers: &Answers, list: ListKind) -> usize {
    match list {
        ListKind::Environments => answers.environments.len(),
        ListKind::FoEnvironments => answers.finance_operations.environments.len(),
        ListKind::ScaleUnits => answers.commerce.scale_units.len(),
        ListKind::BcEnvironments => answers.business_central.environments.len(),
    }
}

/// `(id, name)` of every item in a list.
pub fn items(answers: &Answers, list: ListKind) -> Vec<(String, String)> {
    match list {
        ListKind::Environments => answers
            .environments
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect(),
        ListKind::FoEnvironments => answers
            .finance_operations
            .environments
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect(),
        ListKind::ScaleUnits => answers
            .commerce
            .scale_units
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect(),
        ListKind::BcEnvironments => answers
            .business_central
            .environments
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_and_get_round_trip_and_refuse_bad_values() {
        let a = Answers::default();
        let a = set(&a, None, &["tenant", "cloud"], Some("commercial")).unwrap();
        assert_eq!(
            get(&to_value(&a), None, &["tenant", "cloud"]).as_deref(),
            Some("commercial")
        );
        assert!(set(&a, None, &["tenant", "cloud"], Some("mars")).is_none());
        let cleared = set(&a, None, &["tenant", "cloud"], None).unwrap();
        assert_eq!(cleared.tenant.cloud, None);
    }

    #[test]
    fn per_item_paths_reach_the_item() {
        let mut a = Answers::default();
        a.environments.push(keyholder_engine::answers::Environment {
            id: "e1".into(),
            name: "One".into(),
            ..Default::default()
        });
        let item = Some((ListKind::Environments, 0));
        let a = set(&a, item, &["apps", "sales"], Some("yes")).unwrap();
        assert_eq!(
            a.environments[0].apps.sales,
            Some(keyholder_engine::answers::YesNo::Yes)
        );
        assert!(set(
            &a,
            Some((ListKind::Environments, 5)),
            &["managed"],
            Some("yes")
        )
        .is_none());
    }
}
