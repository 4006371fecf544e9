//! The one store of wizard state: the answers. A pure `apply` turns a message into new answers
//! (tested natively); `Store` wraps it as Yew's `Reducible`. Persistence happens in an effect in
//! the app, never here.

use std::rc::Rc;

use keyholder_engine::questions::Question;
use keyholder_engine::Answers;
use yew::Reducible;

use super::pages::ItemList;

/// The brief's cover details: free text the user types on the report page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoverDetail {
    /// The organisation assessed.
    Organisation,
    /// Who prepared the assessment.
    PreparedBy,
    /// The document's classification label.
    Classification,
}

/// The answers as saved in this browser: JSON text, written by the answers' own codec (serde and
/// `serde_json` stay out of the first load; the text is the one serde would write).
pub fn saved_text(answers: &Answers) -> String {
    keyholder_engine::answers_json::to_string(answers)
}

/// Longest item name accepted (the engine's limit).
pub const MAX_NAME: usize = 100;

/// Everything that can change the answers. Questions are named by their definition in the
/// engine's registry, never by a path of strings, so a message can't address an answer that
/// doesn't exist.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Answer (or clear, with `None`) one question, of item `item` for per-item questions.
    Answer {
        /// The question.
        question: &'static Question,
        /// The item's index in the question's list (0 for tenant questions).
        item: usize,
        /// The new value (an option's value or `unknown`).
        value: Option<String>,
    },
    /// Answer several questions at once (a checkbox group's "None of these", "I'm not sure which",
    /// or its clear boxes becoming "no" on Continue): `(question, item, value)`.
    Answers(Vec<(&'static Question, usize, Option<&'static str>)>),
    /// Set one of the brief's cover details (free text, not a question of the assessment).
    Cover(CoverDetail, Option<String>),
    /// Add an item with a name.
    Add(ItemList, String),
    /// Rename an item.
    Rename(ItemList, usize, String),
    /// Remove an item (and any link to it).
    Remove(ItemList, usize),
    /// Link an F&O or BC item to an environment id (`None`: not known).
    Link(ItemList, usize, Option<String>),
    /// Copy every answer of item `from` to item `to` of the list ("same as Prod", then change
    /// what differs). Names, ids and links stay each item's own.
    CopyItem(ItemList, usize, usize),
    /// Replace everything (resume, import).
    Replace(Box<Answers>),
    /// Start again.
    Reset,
}

/// How many answers go with item `index` of `list` if it is removed: its own answered questions,
/// and the links other items have to it (an F&O or BC environment's link to an environment).
pub fn answers_of(list: ItemList, a: &Answers, index: usize) -> usize {
    let own = keyholder_engine::questions::of_scope(list.scope())
        .filter(|q| q.get(a, index).is_some())
        .count();
    let id = list.items(a).get(index).map(|(id, _)| id.clone());
    let links = match (list, id) {
        (ItemList::Environments, Some(id)) => a
            .finance_operations
            .environments
            .iter()
            .map(|e| &e.linked_environment)
            .chain(
                a.business_central
                    .environments
                    .iter()
                    .map(|e| &e.linked_environment),
            )
            .filter(|l| l.as_deref() == Some(id.as_str()))
            .count(),
        _ => 0,
    };
    own + links
}

/// Cleans a name typed by the user; `None` if nothing usable is left.
pub fn clean_name(name: &str) -> Option<String> {
    let name: String = name
        .trim()
        .chars()
        // The engine refuses control and invisible format characters (U+202E and the like) in
        // every name; dropping them here keeps the saved answers valid.
        .filter(|c| !keyholder_engine::text::is_forbidden(*c))
        .take(MAX_NAME)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The answers after a message, or `None` when it changes nothing (or isn't valid).
pub fn apply(a: &Answers, msg: Msg) -> Option<Answers> {
    let mut next = a.clone();
    let done = match msg {
        Msg::Answer {
            question,
            item,
            value,
        } => question.set(&mut next, item, value.as_deref()),
        Msg::Answers(all) => all
            .into_iter()
            .all(|(question, item, value)| question.set(&mut next, item, value)),
        Msg::Cover(detail, value) => {
            let slot = match detail {
                CoverDetail::Organisation => &mut next.brief.organisation,
                CoverDetail::PreparedBy => &mut next.brief.prepared_by,
                CoverDetail::Classification => &mut next.brief.classification,
            };
            *slot = value;
            true
        }
        Msg::Add(list, name) => match clean_name(&name) {
            Some(name) => {
                list.add(&mut next, name);
                true
            }
            None => false,
        },
        Msg::Rename(list, index, name) => {
            clean_name(&name).is_some_and(|name| list.rename(&mut next, index, name))
        }
        Msg::Remove(list, index) => list.remove(&mut next, index),
        Msg::Link(list, index, target) => list.link(&mut next, index, target),
        Msg::CopyItem(list, from, to) => {
            from != to
                && from < list.len(a)
                && to < list.len(a)
                && keyholder_engine::questions::of_scope(list.scope())
                    .all(|q| q.set(&mut next, to, q.get(a, from)))
        }
        Msg::Replace(answers) => {
            next = *answers;
            true
        }
        Msg::Reset => {
            next = Answers::default();
            true
        }
    };
    (done && next != *a).then_some(next)
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
    fn copying_an_item_copies_its_answers_not_its_name() {
        use keyholder_engine::questions as q;
        let a = Answers::default();
        let a = apply(&a, Msg::Add(ItemList::Environments, "Prod".into())).unwrap();
        let a = apply(&a, Msg::Add(ItemList::Environments, "Sandbox".into())).unwrap();
        let a = apply(
            &a,
            Msg::Answers(vec![
                (&q::ENV_TYPE, 0, Some("production")),
                (&q::ENV_SALES, 0, Some("yes")),
                (&q::ENV_SALES_FORECASTING, 0, Some("yes")),
                (&q::ENV_MANAGED, 1, Some("no")),
            ]),
        )
        .unwrap();
        let b = apply(&a, Msg::CopyItem(ItemList::Environments, 0, 1)).unwrap();
        assert_eq!(b.environments[1].name, "Sandbox");
        assert_eq!(b.environments[1].id, "env-2");
        for question in [&q::ENV_TYPE, &q::ENV_SALES, &q::ENV_SALES_FORECASTING] {
            assert_eq!(question.get(&b, 1), question.get(&a, 0), "{}", question.id);
        }
        // What the source hadn't answered is cleared on the copy too: the copy is the source's.
        assert_eq!(q::ENV_MANAGED.get(&b, 1), None);
        assert!(apply(&a, Msg::CopyItem(ItemList::Environments, 0, 0)).is_none());
        assert!(apply(&a, Msg::CopyItem(ItemList::Environments, 0, 5)).is_none());
    }

    #[test]
    fn add_rename_remove_keep_ids_unique_and_links_clean() {
        let a = Answers::default();
        let a = apply(&a, Msg::Add(ItemList::Environments, "  Prod ".into())).unwrap();
        let a = apply(&a, Msg::Add(ItemList::Environments, "UAT".into())).unwrap();
        assert_eq!(a.environments[0].name, "Prod");
        assert_eq!(a.environments[1].id, "env-2");
        let a = apply(
            &a,
            Msg::Answer {
                question: &keyholder_engine::questions::FNO_USED,
                item: 0,
                value: Some("yes".into()),
            },
        )
        .unwrap();
        let a = apply(&a, Msg::Add(ItemList::FoEnvironments, "FO".into())).unwrap();
        let a = apply(
            &a,
            Msg::Link(ItemList::FoEnvironments, 0, Some("env-1".into())),
        )
        .unwrap();
        assert!(apply(
            &a,
            Msg::Link(ItemList::FoEnvironments, 0, Some("ghost".into()))
        )
        .is_none());
        // What goes with it is counted before: its own answers and the F&O link to it.
        assert_eq!(answers_of(ItemList::Environments, &a, 0), 1, "the F&O link");
        let typed = apply(
            &a,
            Msg::Answer {
                question: &keyholder_engine::questions::ENV_TYPE,
                item: 0,
                value: Some("production".into()),
            },
        )
        .unwrap();
        assert_eq!(answers_of(ItemList::Environments, &typed, 0), 2);
        assert_eq!(answers_of(ItemList::Environments, &typed, 1), 0);
        let a = apply(&a, Msg::Remove(ItemList::Environments, 0)).unwrap();
        assert_eq!(
            a.finance_operations.environments[0].linked_environment,
            None
        );
        assert!(
            a.clone().validate().is_ok(),
            "answers stay valid after removal"
        );
        let a = apply(&a, Msg::Add(ItemList::Environments, "New".into())).unwrap();
        assert_eq!(
            a.environments[1].id, "env-1",
            "ids are reused only when free"
        );
        let a = apply(&a, Msg::Rename(ItemList::Environments, 1, "Renamed".into())).unwrap();
        assert_eq!(a.environments[1].name, "Renamed");
    }

    #[test]
    fn every_option_of_every_question_can_be_answered_and_read_back() {
        let mut a = Answers::default();
        for list in ItemList::ALL {
            list.add(&mut a, "One".into());
            list.add(&mut a, "Two".into());
        }
        for q in keyholder_engine::questions::QUESTIONS {
            let item = usize::from(q.list().is_some()); // the second item of a list
            let values = q.options.iter().map(|(v, _)| *v).chain(["unknown"]);
            for v in values {
                let Some(next) = apply(
                    &a,
                    Msg::Answer {
                        question: q,
                        item,
                        value: Some(v.into()),
                    },
                ) else {
                    panic!("{} can't be set to {v}", q.id);
                };
                assert_eq!(q.get(&next, item), Some(v), "{}", q.id);
                if q.list().is_some() {
                    assert_eq!(
                        q.get(&next, 0),
                        None,
                        "{}: only the addressed item changes",
                        q.id
                    );
                }
            }
            assert!(apply(
                &a,
                Msg::Answer {
                    question: q,
                    item,
                    value: Some("mars".into())
                }
            )
            .is_none());
            assert!(
                apply(
                    &a,
                    Msg::Answer {
                        question: q,
                        item: 9,
                        value: Some("unknown".into())
                    }
                )
                .is_none()
                    || q.list().is_none()
            );
        }
    }

    #[test]
    fn cover_details_are_set_and_cleared() {
        let a = apply(
            &Answers::default(),
            Msg::Cover(CoverDetail::Organisation, Some("Fabrikam".into())),
        )
        .unwrap();
        assert_eq!(a.brief.organisation.as_deref(), Some("Fabrikam"));
        let a = apply(
            &a,
            Msg::Cover(CoverDetail::Classification, Some("Internal".into())),
        )
        .unwrap();
        assert_eq!(a.brief.classification.as_deref(), Some("Internal"));
        let a = apply(&a, Msg::Cover(CoverDetail::Organisation, None)).unwrap();
        assert_eq!(a.brief.organisation, None);
        assert!(saved_text(&a).contains("Internal"));
    }

    #[test]
    fn names_lose_invisible_characters() {
        assert_eq!(
            clean_name("  Pro\u{202E}d\u{200B} ").as_deref(),
            Some("Prod")
        );
        assert_eq!(clean_name("\u{202E}"), None);
    }

    #[test]
    fn no_op_and_invalid_messages_change_nothing() {
        let a = Answers::default();
        assert!(apply(&a, Msg::Add(ItemList::Environments, "   ".into())).is_none());
        assert!(apply(&a, Msg::Remove(ItemList::Environments, 3)).is_none());
        assert!(apply(&a, Msg::Reset).is_none());
        let store = Rc::new(Store::default());
        let same = store.clone().reduce(Msg::Reset);
        assert!(Rc::ptr_eq(&store, &same));
    }
}
