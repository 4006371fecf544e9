//! The step list: which pages apply to these answers, in order, and how far each section has got.
//! Derived from the answers every time (never stored), so adding Commerce adds its pages and
//! removing an environment removes its pages, with nothing to keep in sync.

use keyholder_engine::Answers;
use serde_json::Value;

use super::access::{self, Item};
use super::pages::{page, ListKind, PageDef, QuestionDef, Section, PAGES};

/// One step of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A page of questions, about the tenant or one item of a list.
    Page(&'static PageDef, Item),
    /// Add, rename and remove the items of a list.
    List(ListKind),
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
            Step::List(ListKind::Environments) => Section::Environments,
            Step::List(ListKind::FoEnvironments) => Section::FinanceOperations,
            Step::List(ListKind::ScaleUnits) => Section::Commerce,
            Step::List(ListKind::BcEnvironments) => Section::BusinessCentral,
        }
    }
}

fn is(v: &Value, item: Item, path: &[&str], value: &str) -> bool {
    access::get(v, item, path).as_deref() == Some(value)
}

fn per_item(
    out: &mut Vec<Step>,
    a: &Answers,
    list: ListKind,
    pages: &[&str],
    extra: impl Fn(usize, &str) -> bool,
) {
    for i in 0..access::len(a, list) {
        for id in pages {
            if let Some(p) = page(Some(list), id) {
                if extra(i, id) {
                    out.push(Step::Page(p, Some((list, i))));
                }
            }
        }
    }
}

fn tenant_page(out: &mut Vec<Step>, id: &str) {
    if let Some(p) = page(None, id) {
        out.push(Step::Page(p, None));
    }
}

/// Every step that applies to these answers, in order.
pub fn steps(a: &Answers) -> Vec<Step> {
    let v = access::to_value(a);
    let mut out = Vec::new();
    for id in ["cloud", "home-geo", "residency"] {
        tenant_page(&mut out, id);
    }
    out.push(Step::List(ListKind::Environments));
    per_item(
        &mut out,
        a,
        ListKind::Environments,
        &["setup", "encryption", "apps", "sales", "insights"],
        |i, id| {
            let item = Some((ListKind::Environments, i));
            match id {
                "sales" => is(&v, item, &["apps", "sales"], "yes"),
                "insights" => is(&v, item, &["apps", "customer_insights_data"], "yes"),
                _ => true,
            }
        },
    );
    tenant_page(&mut out, "fo-used");
    let fo = is(&v, None, &["finance_operations", "used"], "yes");
    if fo {
        tenant_page(&mut out, "fo-apps");
        out.push(Step::List(ListKind::FoEnvironments));
        per_item(&mut out, a, ListKind::FoEnvironments, &["setup"], |_, _| {
            true
        });
        tenant_page(&mut out, "fo-more");
        tenant_page(&mut out, "addins");
        if is(&v, None, &["finance_operations", "commerce"], "yes") {
            out.push(Step::List(ListKind::ScaleUnits));
            per_item(&mut out, a, ListKind::ScaleUnits, &["setup"], |_, _| true);
            tenant_page(&mut out, "commerce-more");
        }
    }
    let any_app = |app: &str| {
        (0..a.environments.len())
            .any(|i| is(&v, Some((ListKind::Environments, i)), &["apps", app], "yes"))
    };
    if any_app("power_automate") {
        tenant_page(&mut out, "flows");
    }
    if any_app("copilot_studio") {
        tenant_page(&mut out, "copilot");
    }
    tenant_page(&mut out, "bc-used");
    if is(&v, None, &["business_central", "used"], "yes") {
        out.push(Step::List(ListKind::BcEnvironments));
        per_item(&mut out, a, ListKind::BcEnvironments, &["setup"], |_, _| {
            true
        });
        tenant_page(&mut out, "bc-exports");
    }
    tenant_page(&mut out, "vault");
    if !matches!(
        access::get(&v, None, &["key", "store"]).as_deref(),
        Some("none") | None
    ) {
        tenant_page(&mut out, "key");
        tenant_page(&mut out, "access");
    }
    tenant_page(&mut out, "licensing");
    debug_assert!(out.iter().all(|s| matches!(s, Step::List(_))
        || PAGES
            .iter()
            .any(|p| matches!(s, Step::Page(q, _) if std::ptr::eq(*q, p)))));
    out
}

/// Whether a question is asked, given its page's other answers.
pub fn applies(v: &Value, item: Item, q: &QuestionDef) -> bool {
    match q.only_if {
        None => true,
        Some((path, want)) => match (access::get(v, item, path), want.strip_prefix('!')) {
            (Some(have), Some(not)) => have != not,
            (Some(have), None) => have == want,
            (None, _) => false,
        },
    }
}

/// The questions of a page that are asked and not yet answered.
pub fn unanswered(v: &Value, item: Item, p: &PageDef) -> Vec<&'static QuestionDef> {
    p.questions
        .iter()
        .filter(|q| applies(v, item, q) && access::get(v, item, q.path).is_none())
        .collect()
}

/// The smallest number of items a list needs before the questionnaire can go on.
pub fn list_minimum(list: ListKind) -> usize {
    match list {
        ListKind::Environments | ListKind::FoEnvironments => 1,
        ListKind::ScaleUnits | ListKind::BcEnvironments => 0,
    }
}

/// Whether a step has everything it needs.
pub fn complete(a: &Answers, v: &Value, step: &Step) -> bool {
    match step {
        Step::Page(p, item) => unanswered(v, *item, p).is_empty(),
        Step::List(list) => access::len(a, *list) >= list_minimum(*list),
    }
}

/// Whether a step has anything in it yet.
fn started(a: &Answers, v: &Value, step: &Step) -> bool {
    match step {
        Step::Page(p, item) => p
            .questions
            .iter()
            .any(|q| access::get(v, *item, q.path).is_some()),
        Step::List(list) => access::len(a, *list) > 0,
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
    let v = access::to_value(a);
    let mine: Vec<&Step> = all.iter().filter(|s| s.section() == section).collect();
    if mine.is_empty() {
        return if gate_open(a, &v, section) {
            Progress::NotNeeded
        } else {
            Progress::CannotStartYet
        };
    }
    if mine.iter().all(|s| complete(a, &v, s))
        && mine
            .iter()
            .any(|s| started(a, &v, s) || matches!(s, Step::List(_)))
    {
        Progress::Complete
    } else if mine.iter().any(|s| started(a, &v, s)) {
        Progress::InProgress
    } else {
        Progress::NotStarted
    }
}

/// Whether the answers that decide if a section applies have all been given (so a section with
/// no steps is truly not needed, rather than waiting on an earlier answer).
fn gate_open(a: &Answers, v: &Value, section: Section) -> bool {
    let given = |path: &[&str]| access::get(v, None, path).is_some();
    let fo = || given(&["finance_operations", "used"]);
    let env_app = |app: &str| {
        (0..a.environments.len())
            .all(|i| access::get(v, Some((ListKind::Environments, i)), &["apps", app]).is_some())
    };
    match section {
        Section::AddIns => fo(),
        Section::Commerce => {
            fo() && (!is(v, None, &["finance_operations", "used"], "yes")
                || given(&["finance_operations", "commerce"]))
        }
        Section::PowerPlatform => {
            !a.environments.is_empty() && env_app("power_automate") && env_app("copilot_studio")
        }
        Section::BusinessCentral => given(&["business_central", "used"]),
        _ => true,
    }
}

/// The first step that still needs answers (where "continue where you left off" goes).
pub fn first_incomplete(a: &Answers) -> Option<Step> {
    let v = access::to_value(a);
    steps(a).into_iter().find(|s| !complete(a, &v, s))
}

/// A step by its URL segment.
pub fn find(a: &Answers, id: &str) -> Option<Step> {
    steps(a).into_iter().find(|s| s.id() == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::store::{apply, Msg};

    fn answered(a: &Answers, msgs: Vec<Msg>) -> Answers {
        msgs.into_iter()
            .fold(a.clone(), |acc, m| apply(&acc, m).unwrap_or(acc))
    }

    #[test]
    fn empty_answers_start_at_the_first_question() {
        let a = Answers::default();
        assert_eq!(first_incomplete(&a).unwrap().id(), "cloud");
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
                Msg::Add(ListKind::Environments, "Prod".into()),
                Msg::Set {
                    item: Some((ListKind::Environments, 0)),
                    path: &["apps", "sales"],
                    value: Some("yes".into()),
                },
                Msg::Set {
                    item: Some((ListKind::Environments, 0)),
                    path: &["apps", "power_automate"],
                    value: Some("yes".into()),
                },
                Msg::Set {
                    item: None,
                    path: &["finance_operations", "used"],
                    value: Some("yes".into()),
                },
                Msg::Set {
                    item: None,
                    path: &["finance_operations", "commerce"],
                    value: Some("yes".into()),
                },
            ],
        );
        let ids: Vec<String> = steps(&a).iter().map(Step::id).collect();
        for want in [
            "env-1-sales",
            "flows",
            "fo-apps",
            "list-fo",
            "list-csu",
            "commerce-more",
            "addins",
        ] {
            assert!(
                ids.contains(&want.to_owned()),
                "{want} missing from {ids:?}"
            );
        }
        assert!(!ids.contains(&"env-1-insights".to_owned()));
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
            vec![Msg::Set {
                item: None,
                path: &["finance_operations", "used"],
                value: Some("no".into()),
            }],
        );
        assert_eq!(
            progress(&no_fo, &steps(&no_fo), Section::Commerce),
            Progress::NotNeeded
        );
        let a = answered(
            &a,
            vec![Msg::Set {
                item: None,
                path: &["tenant", "cloud"],
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
                Msg::Set {
                    item: None,
                    path: &["tenant", "home_geo"],
                    value: Some("unknown".into()),
                },
                Msg::Set {
                    item: None,
                    path: &["tenant", "residency"],
                    value: Some("none".into()),
                },
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
        let p = page(None, "residency").unwrap();
        let a = Answers::default();
        assert_eq!(unanswered(&access::to_value(&a), None, p).len(), 1);
        let a = answered(
            &a,
            vec![Msg::Set {
                item: None,
                path: &["tenant", "residency"],
                value: Some("specific_geo".into()),
            }],
        );
        assert_eq!(
            unanswered(&access::to_value(&a), None, p).len(),
            1,
            "now the geography is asked"
        );
    }
}
