//! The one store of wizard state: the answers. A pure `apply` turns a message into new answers
//! (tested natively); `Store` wraps it as Yew's `Reducible`. Persistence happens in an effect in
//! the app, never here.

use std::rc::Rc;

use keyholder_engine::answers::{BcEnvironment, Environment, FoEnvironment, ScaleUnit};
use keyholder_engine::Answers;
use yew::Reducible;

use super::access::{self, Item};
use super::pages::ListKind;

/// Longest item name accepted (the engine's limit).
pub const MAX_NAME: usize = 100;

/// Everything that can change the answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Set (or clear, with `None`) one answer.
    Set {
        /// The list item, for per-item questions.
        item: Item,
        /// Path of the answer.
        path: &'static [&'static str],
        /// The new value.
        value: Option<String>,
    },
    /// Add an item with a name.
    Add(ListKind, String),
    /// Rename an item.
    Rename(ListKind, usize, String),
    /// Remove an item (and any link to it).
    Remove(ListKind, usize),
    /// Link an F&O or BC item to an environment id (`None`: not known).
    Link(ListKind, usize, Option<String>),
    /// Replace everything (resume, import).
    Replace(Answers),
    /// Start again.
    Reset,
}

fn next_id(existing: &[(String, String)], list: ListKind) -> String {
    (1..)
        .map(|n| format!("{}-{n}", list.slug()))
        .find(|id| existing.iter().all(|(e, _)| e != id))
        .unwrap_or_else(|| format!("{}-x", list.slug()))
}

/// Cleans a name typed by the user; `None` if nothing usable is left.
pub fn clean_name(name: &str) -> Option<String> {
    let name: String = name
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_NAME)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The answers after a message, or `None` when it changes nothing (or isn't valid).
pub fn apply(a: &Answers, msg: Msg) -> Option<Answers> {
    let mut next = a.clone();
    match msg {
        Msg::Set { item, path, value } => {
            next = access::set(a, item, path, value.as_deref())?;
        }
        Msg::Add(list, name) => {
            let name = clean_name(&name)?;
            let id = next_id(&access::items(a, list), list);
            match list {
                ListKind::Environments => next.environments.push(Environment {
                    id,
                    name,
                    ..Default::default()
                }),
                ListKind::FoEnvironments => {
                    next.finance_operations.environments.push(FoEnvironment {
                        id,
                        name,
                        ..Default::default()
                    })
                }
                ListKind::ScaleUnits => next.commerce.scale_units.push(ScaleUnit {
                    id,
                    name,
                    ..Default::default()
                }),
                ListKind::BcEnvironments => {
                    next.business_central.environments.push(BcEnvironment {
                        id,
                        name,
                        ..Default::default()
                    })
                }
            }
        }
        Msg::Rename(list, index, name) => {
            let name = clean_name(&name)?;
            let slot = match list {
                ListKind::Environments => next.environments.get_mut(index).map(|e| &mut e.name),
                ListKind::FoEnvironments => next
                    .finance_operations
                    .environments
                    .get_mut(index)
                    .map(|e| &mut e.name),
                ListKind::ScaleUnits => next
                    .commerce
                    .scale_units
                    .get_mut(index)
                    .map(|e| &mut e.name),
                ListKind::BcEnvironments => next
                    .business_central
                    .environments
                    .get_mut(index)
                    .map(|e| &mut e.name),
            }?;
            *slot = name;
        }
        Msg::Remove(list, index) => {
            if index >= access::len(a, list) {
                return None;
            }
            match list {
                ListKind::Environments => {
                    let gone = next.environments.remove(index).id;
                    // Links to a removed environment become "not known" rather than dangling.
                    for e in &mut next.finance_operations.environments {
                        if e.linked_environment.as_deref() == Some(gone.as_str()) {
                            e.linked_environment = None;
                        }
                    }
                    for e in &mut next.business_central.environments {
                        if e.linked_environment.as_deref() == Some(gone.as_str()) {
                            e.linked_environment = None;
                        }
                    }
                }
                ListKind::FoEnvironments => {
                    next.finance_operations.environments.remove(index);
                }
                ListKind::ScaleUnits => {
                    next.commerce.scale_units.remove(index);
                }
                ListKind::BcEnvironments => {
                    next.business_central.environments.remove(index);
                }
            }
        }
        Msg::Link(list, index, target) => {
            if target
                .as_ref()
                .is_some_and(|t| !a.environments.iter().any(|e| &e.id == t))
            {
                return None;
            }
            let slot = match list {
                ListKind::FoEnvironments => next
                    .finance_operations
                    .environments
                    .get_mut(index)
                    .map(|e| &mut e.linked_environment),
                ListKind::BcEnvironments => next
                    .business_central
                    .environments
                    .get_mut(index)
                    .map(|e| &mut e.linked_environment),
                _ => None,
            }?;
            *slot = target;
        }
        Msg::Replace(answers) => next = answers,
        Msg::Reset => next = Answers::default(),
    }
    (next != *a).then_some(next)
}

/// Yew's handle on the answers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Store {
    /// The answers.
    pub answers: Answers,
}

impl Reducible for Store {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        match apply(&self.answers, msg) {
            Some(answers) => Rc::new(Store { answers }),
            // Same Rc for a no-op, so nothing re-renders.
            None => self,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_rename_remove_keep_ids_unique_and_links_clean() {
        let a = Answers::default();
        let a = apply(&a, Msg::Add(ListKind::Environments, "  Prod ".into())).unwrap();
        let a = apply(&a, Msg::Add(ListKind::Environments, "UAT".into())).unwrap();
        assert_eq!(a.environments[0].name, "Prod");
        assert_eq!(a.environments[1].id, "env-2");
        let a = apply(
            &a,
            Msg::Set {
                item: None,
                path: &["finance_operations", "used"],
                value: Some("yes".into()),
            },
        )
        .unwrap();
        let a = apply(&a, Msg::Add(ListKind::FoEnvironments, "FO".into())).unwrap();
        let a = apply(
            &a,
            Msg::Link(ListKind::FoEnvironments, 0, Some("env-1".into())),
        )
        .unwrap();
        assert!(apply(
            &a,
            Msg::Link(ListKind::FoEnvironments, 0, Some("ghost".into()))
        )
        .is_none());
        let a = apply(&a, Msg::Remove(ListKind::Environments, 0)).unwrap();
        assert_eq!(
            a.finance_operations.environments[0].linked_environment,
            None
        );
        assert!(
            a.clone().validate().is_ok(),
            "answers stay valid after removal"
        );
        let a = apply(&a, Msg::Add(ListKind::Environments, "New".into())).unwrap();
        assert_eq!(
            a.environments[1].id, "env-1",
            "ids are reused only when free"
        );
        let a = apply(&a, Msg::Rename(ListKind::Environments, 1, "Renamed".into())).unwrap();
        assert_eq!(a.environments[1].name, "Renamed");
    }

    #[test]
    fn no_op_and_invalid_messages_change_nothing() {
        let a = Answers::default();
        assert!(apply(&a, Msg::Add(ListKind::Environments, "   ".into())).is_none());
        assert!(apply(&a, Msg::Remove(ListKind::Environments, 3)).is_none());
        assert!(apply(&a, Msg::Reset).is_none());
        let store = Rc::new(Store::default());
        let same = store.clone().reduce(Msg::Reset);
        assert!(Rc::ptr_eq(&store, &same));
    }
}
