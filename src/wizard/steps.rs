//! The step list: which pages apply to these answers, in order, and how far each section has got.
//! Derived from the answers every time (never stored), so adding Commerce adds its pages and
//! removing an environment removes its pages, with nothing to keep in sync. Whether a page or a
//! question applies is the question's own condition from the engine's registry — the same one
//! the fact builder uses for "not applicable" — never a second copy of it here.

use keyholder_engine::questions::{Gate, Question};
use keyholder_engine::Answers;

use super::pages::{inline_page, list_section, Entry, ItemList, PageDef, Section, FLOW, PAGES};

/// The item a per-item page is about: its list and index.
pub type Item = Option<(ItemList, usize)>;

/// The index a question of `item` reads (0 for tenant questions).
pub fn index(item: Item) -> usize {
    item.map_or(0, |(_, i)| i)
}

/// One step of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A page of questions, about the tenant or one item of a list.
    Page(&'static PageDef, Item),
    /// Add, rename and remove the items of a list.
    List(ItemList),
}

impl Step {
    /// The URL segment: `cloud`, `env-2-apps`, `list-env`.
    pub fn id(&self) -> String {
        match self {
            Step::Page(p, Some((list, i))) => format!("{}-{}-{}", list.slug(), i + 1, p.id),
            Step::Page(p, None) => p.id.to_owned(),
            Step::List(list) => format!("list-{}", list.slug()),
        }
    }

    /// The section it belongs to.
    pub fn section(&self) -> Section {
        match self {
            Step::Page(p, _) => p.section,
            Step::List(list) => list_section(*list),
        }
    }
}

/// Whether an entry of the flow is asked of these answers (a list: whether it is asked for).
fn entry_gate(a: &Answers, entry: &Entry) -> Gate {
    match entry {
        Entry::Page(p) => p.gate(a, 0),
        Entry::List(list) => list.when().gate(a, 0),
    }
}

/// Every step that applies to these answers, in order.
pub fn steps(a: &Answers) -> Vec<Step> {
    let mut out = Vec::new();
    for entry in FLOW {
        if entry_gate(a, entry) != Gate::Open {
            continue;
        }
        match entry {
            Entry::Page(p) => out.push(Step::Page(p, None)),
            Entry::List(list) => {
                out.push(Step::List(*list));
                for i in 0..list.len(a) {
                    for p in PAGES.iter().filter(|p| p.list == Some(*list) && !p.inline) {
                        if p.gate(a, i) == Gate::Open {
                            out.push(Step::Page(p, Some((*list, i))));
                        }
                    }
                }
            }
        }
    }
    out
}

/// Whether a question is asked, given the answers so far.
pub fn applies(a: &Answers, item: Item, q: &Question) -> bool {
    q.gate(a, index(item)) == Gate::Open
}

/// The questions of a page that are asked and not yet answered.
pub fn unanswered(a: &Answers, item: Item, p: &PageDef) -> Vec<&'static Question> {
    p.questions()
        .filter(|q| applies(a, item, q) && q.get(a, index(item)).is_none())
        .collect()
}

/// Whether this page asks which environment its F&O or Business Central item is linked to: the
/// item's list, index and the question it follows (asked when that question is "yes").
pub fn link_asked(
    page: &PageDef,
    item: Item,
    a: &Answers,
) -> Option<(ItemList, usize, &'static Question)> {
    use keyholder_engine::questions::{BCENV_LINKED, FO_POWER_PLATFORM_INTEGRATION};
    let (list, at) = item?;
    let parent = match list {
        ItemList::FoEnvironments => &FO_POWER_PLATFORM_INTEGRATION,
        ItemList::BcEnvironments => &BCENV_LINKED,
        _ => return None,
    };
    (page.questions().any(|q| q == parent) && parent.get(a, at) == Some("yes"))
        .then_some((list, at, parent))
}

/// The link question when this page asks it and it isn't answered yet.
pub fn link_unanswered(
    page: &PageDef,
    item: Item,
    a: &Answers,
) -> Option<(ItemList, usize, &'static Question)> {
    link_asked(page, item, a).filter(|(list, i, _)| list.linked(a, *i).is_none())
}

/// The questions a list asks beside its items (its inline page) that are still to answer, with
/// the item's index.
pub fn inline_unanswered(a: &Answers, list: ItemList) -> Vec<(usize, &'static Question)> {
    inline_page(list).map_or_else(Vec::new, |p| {
        (0..list.len(a))
            .flat_map(|i| {
                unanswered(a, Some((list, i)), p)
                    .into_iter()
                    .map(move |q| (i, q))
            })
            .collect()
    })
}

/// Whether a step has everything it needs (an item's link, when asked, included).
pub fn complete(a: &Answers, step: &Step) -> bool {
    match step {
        Step::Page(p, item) => {
            unanswered(a, *item, p).is_empty() && link_unanswered(p, *item, a).is_none()
        }
        Step::List(list) => list.len(a) >= list.minimum() && inline_unanswered(a, *list).is_empty(),
    }
}

/// Whether a step has anything in it yet.
fn started(a: &Answers, step: &Step) -> bool {
    match step {
        Step::Page(p, item) => p.questions().any(|q| q.get(a, index(*item)).is_some()),
        Step::List(list) => list.len(a) > 0,
    }
}

/// A section's progress, as the task list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Nothing answered.
    NotStarted,
    /// Some answered.
    InProgress,
    /// Everything answered.
    Complete,
    /// No questions apply to these answers.
    NotNeeded,
    /// Whether it applies depends on an earlier answer not given yet.
    CannotStartYet,
}

impl Progress {
    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            Progress::NotStarted => "Not started",
            Progress::InProgress => "In progress",
            Progress::Complete => "Completed",
            Progress::NotNeeded => "Not needed",
            Progress::CannotStartYet => "Cannot start yet",
        }
    }
}

/// Progress of one section.
pub fn progress(a: &Answers, all: &[Step], section: Section) -> Progress {
    let mine: Vec<&Step> = all.iter().filter(|s| s.section() == section).collect();
    if mine.is_empty() {
        // Truly not needed only when every entry of the section is ruled out by answers given;
        // otherwise it waits on an earlier answer.
        let waiting = FLOW
            .iter()
            .filter(|e| match e {
                Entry::Page(p) => p.section == section,
                Entry::List(l) => list_section(*l) == section,
            })
            .any(|e| {
                entry_gate(a, e) == Gate::Pending
                    || matches!(e, Entry::Page(p) if p.questions().any(|q| q.when.waits_on_a_list(a)))
            });
        return if waiting {
            Progress::CannotStartYet
        } else {
            Progress::NotNeeded
        };
    }
    if mine.iter().all(|s| complete(a, s))
        && mine
            .iter()
            .any(|s| started(a, s) || matches!(s, Step::List(_)))
    {
        Progress::Complete
    } else if mine.iter().any(|s| started(a, s)) {
        Progress::InProgress
    } else {
        Progress::NotStarted
    }
}

/// The first step that still needs answers (where "continue where you left off" goes).
pub fn first_incomplete(a: &Answers) -> Option<Step> {
    steps(a).into_iter().find(|s| !complete(a, s))
}

/// A step by its URL segment.
pub fn find(a: &Answers, id: &str) -> Option<Step> {
    steps(a).into_iter().find(|s| s.id() == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::pages::{page, ItemList};
    use crate::wizard::store::{apply, Msg};
    use keyholder_engine::questions as q;

    fn answered(a: &Answers, msgs: Vec<Msg>) -> Answers {
        msgs.into_iter()
            .fold(a.clone(), |acc, m| apply(&acc, m).unwrap_or(acc))
    }

    #[test]
    fn empty_answers_start_at_the_first_question() {
        let a = Answers::default();
        assert_eq!(first_incomplete(&a).unwrap().id(), "tenant");
        let ids: Vec<String> = steps(&a).iter().map(Step::id).collect();
        assert!(ids.contains(&"list-env".to_owned()));
        assert!(
            !ids.iter().any(|i| i.starts_with("list-csu")),
            "no Commerce pages without Commerce"
        );
        assert!(
            !ids.contains(&"flows".to_owned()),
            "no flow questions without Power Automate"
        );
    }

    #[test]
    fn conditional_pages_appear_with_their_parent_answer() {
        let a = answered(
            &Answers::default(),
            vec![
                Msg::Add(ItemList::Environments, "Prod".into()),
                Msg::Answer {
                    question: &q::ENV_SALES,
                    item: 0,
                    value: Some("yes".into()),
                },
                Msg::Answer {
                    question: &q::ENV_POWER_AUTOMATE,
                    item: 0,
                    value: Some("yes".into()),
                },
                Msg::Answer {
                    question: &q::FNO_USED,
                    item: 0,
                    value: Some("yes".into()),
                },
                Msg::Answer {
                    question: &q::FNO_COMMERCE,
                    item: 0,
                    value: Some("yes".into()),
                },
            ],
        );
        let ids: Vec<String> = steps(&a).iter().map(Step::id).collect();
        for want in ["flows", "fo-apps", "list-fo", "list-csu", "fo-more"] {
            assert!(
                ids.contains(&want.to_owned()),
                "{want} missing from {ids:?}"
            );
        }
        // Sales' AI features are asked on the apps page, under the Sales box, once it is ticked.
        let apps = page(Some(ItemList::Environments), "setup").unwrap();
        assert!(applies(
            &a,
            Some((ItemList::Environments, 0)),
            &q::ENV_SALES_FORECASTING
        ));
        assert!(apps.questions().any(|x| x == &q::ENV_SALES_FORECASTING));
        assert!(!applies(
            &a,
            Some((ItemList::Environments, 0)),
            &q::ENV_CUSTOMER_INSIGHTS_OWN_ADLS
        ));
    }

    #[test]
    fn a_scale_units_questions_are_asked_on_the_list_page_which_needs_them() {
        let a = answered(
            &Answers::default(),
            vec![
                Msg::Answers(vec![
                    (&q::FNO_USED, 0, Some("yes")),
                    (&q::FNO_COMMERCE, 0, Some("yes")),
                ]),
                Msg::Add(ItemList::ScaleUnits, "CSU Europe".into()),
            ],
        );
        let ids: Vec<String> = steps(&a).iter().map(Step::id).collect();
        assert!(ids.contains(&"list-csu".to_owned()));
        assert!(
            !ids.iter().any(|i| i.starts_with("csu-")),
            "no page per scale unit: {ids:?}"
        );
        let list = Step::List(ItemList::ScaleUnits);
        assert!(
            !complete(&a, &list),
            "its geography and hosting are still to answer"
        );
        let a = answered(
            &a,
            vec![Msg::Answers(vec![
                (&q::CSU_GEO, 0, Some("europe")),
                (&q::CSU_SELF_HOSTED, 0, Some("no")),
            ])],
        );
        assert!(complete(&a, &list));
    }

    #[test]
    fn progress_follows_answers() {
        let a = Answers::default();
        let all = steps(&a);
        assert_eq!(progress(&a, &all, Section::Tenant), Progress::NotStarted);
        assert_eq!(
            progress(&a, &all, Section::Commerce),
            Progress::CannotStartYet,
            "waits on the F&O answer"
        );
        let no_fo = answered(
            &a,
            vec![Msg::Answer {
                question: &q::FNO_USED,
                item: 0,
                value: Some("no".into()),
            }],
        );
        assert_eq!(
            progress(&no_fo, &steps(&no_fo), Section::Commerce),
            Progress::NotNeeded
        );
        let a = answered(
            &a,
            vec![Msg::Answer {
                question: &q::TENANT_CLOUD,
                item: 0,
                value: Some("commercial".into()),
            }],
        );
        assert_eq!(
            progress(&a, &steps(&a), Section::Tenant),
            Progress::InProgress
        );
        let a = answered(
            &a,
            vec![
                Msg::Answer {
                    question: &q::TENANT_HOME_GEO,
                    item: 0,
                    value: Some("unknown".into()),
                },
                Msg::Answer {
                    question: &q::TENANT_RESIDENCY,
                    item: 0,
                    value: Some("none".into()),
                },
                Msg::Answers(vec![
                    (&q::FNO_USED, 0, Some("no")),
                    (&q::FNO_HR_STANDALONE, 0, Some("no")),
                    (&q::BC_USED, 0, Some("unknown")),
                ]),
            ],
        );
        assert_eq!(
            progress(&a, &steps(&a), Section::Tenant),
            Progress::Complete
        );
        assert_eq!(first_incomplete(&a).unwrap().id(), "list-env");
    }

    #[test]
    fn follow_up_question_applies_only_after_its_parent() {
        let p = page(None, "tenant").unwrap();
        let a = Answers::default();
        assert_eq!(unanswered(&a, None, p).len(), 6);
        let a = answered(
            &a,
            vec![Msg::Answer {
                question: &q::TENANT_RESIDENCY,
                item: 0,
                value: Some("specific_geo".into()),
            }],
        );
        assert_eq!(
            unanswered(&a, None, p).len(),
            6,
            "residency is answered, and now the geography is asked"
        );
    }
}
