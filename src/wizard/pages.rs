//! The questionnaire's pages: which questions each page asks, under which heading and section,
//! and the order pages and item lists come in ([`FLOW`]). The questions themselves — wording,
//! options, the field they write and when they are asked — are defined once in the engine's
//! registry ([`keyholder_engine::questions`]); a page only names them.

use keyholder_engine::questions::{Gate, Question, QUESTIONS};
use keyholder_engine::Answers;

/// The answers' item lists: one notion, shared with the engine.
pub use keyholder_engine::lists::ItemList;

/// The task-list sections, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    /// Tenant and residency.
    Tenant,
    /// Power Platform environments and their apps.
    Environments,
    /// Finance and operations.
    FinanceOperations,
    /// Commerce.
    Commerce,
    /// Power Automate and Copilot Studio.
    PowerPlatform,
    /// Copies of the data kept outside Dataverse.
    Copies,
    /// Business Central.
    BusinessCentral,
    /// The key and its vault.
    Key,
    /// Microsoft's access to data in use (Customer Lockbox).
    OperatorAccess,
}

impl Section {
    /// All sections in order.
    pub const ALL: [Section; 9] = [
        Section::Tenant,
        Section::Environments,
        Section::FinanceOperations,
        Section::Commerce,
        Section::PowerPlatform,
        Section::Copies,
        Section::BusinessCentral,
        Section::Key,
        Section::OperatorAccess,
    ];
    /// Title in the task list.
    pub fn title(self) -> &'static str {
        match self {
            Section::Tenant => "Your tenant and residency needs",
            Section::Environments => "Environments and apps",
            Section::FinanceOperations => "Finance and operations",
            Section::Commerce => "Commerce",
            Section::PowerPlatform => "Power Automate and Copilot Studio",
            Section::Copies => "Copies of your data",
            Section::BusinessCentral => "Business Central",
            Section::Key => "Your key and key vault",
            Section::OperatorAccess => "Microsoft's access and licences",
        }
    }
}

/// A page of one or more questions. Pages are statics, so two are equal when they are the same
/// page: comparing addresses is exact and keeps a deep comparison out of the wasm.
#[derive(Debug)]
pub struct PageDef {
    /// URL segment (after the item, for per-item pages).
    pub id: &'static str,
    /// The page heading (the legend when the page has one question).
    pub title: &'static str,
    /// Section.
    pub section: Section,
    /// Per-item page of this list, or a tenant page.
    pub list: Option<ItemList>,
    /// The legend of its "Select all that apply" group when the page asks more than the group;
    /// empty when the group is all the page asks (the page title is then its legend).
    pub group: &'static str,
    /// Asked on its list's page, beside each item, rather than as a page of its own (a scale
    /// unit's geography and hosting: two answers don't need a page per item).
    pub inline: bool,
}

impl PartialEq for PageDef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
impl Eq for PageDef {}

impl PageDef {
    /// Its questions, in registry order: every question whose definition names this page (and
    /// whose scope is the page's), so adding a question to a page is done in its definition.
    pub fn questions(&self) -> impl Iterator<Item = &'static Question> + '_ {
        QUESTIONS
            .iter()
            .copied()
            .filter(move |q| q.page == self.id && q.list() == self.list)
    }

    /// Whether the page is asked: open when any of its questions is, pending when none is but
    /// some wait on an answer not given yet.
    pub fn gate(&self, a: &Answers, item: usize) -> Gate {
        let mut pending = false;
        for question in self.questions() {
            match question.gate(a, item) {
                Gate::Open => return Gate::Open,
                Gate::Pending => pending = true,
                Gate::Closed => {}
            }
        }
        if pending {
            Gate::Pending
        } else {
            Gate::Closed
        }
    }
}

/// One entry of the questionnaire's order.
#[derive(Debug)]
pub enum Entry {
    /// A tenant page.
    Page(&'static PageDef),
    /// An item list: its add/rename/remove page, then every per-item page of the list for each
    /// item, in [`PAGES`] order.
    List(ItemList),
}

macro_rules! page {
    ($id:literal, $title:literal, $section:ident, $list:expr) => {
        page!($id, $title, $section, $list, "")
    };
    ($id:literal, $title:literal, $section:ident, $list:expr, $group:literal) => {
        PageDef {
            id: $id,
            title: $title,
            section: Section::$section,
            list: $list,
            group: $group,
            inline: false,
        }
    };
}

const ENV: Option<ItemList> = Some(ItemList::Environments);
const FO: Option<ItemList> = Some(ItemList::FoEnvironments);
const CSU: Option<ItemList> = Some(ItemList::ScaleUnits);
const BC: Option<ItemList> = Some(ItemList::BcEnvironments);

// Pages hold several questions where one decision needs them together (an environment's set-up,
// its apps): issue 14's estate took 33 pages of one question each, against the 10–15 minutes the
// landing page promises. A page's "Select all that apply" group is its `Control::Checkbox`
// questions.
static TENANT: PageDef = page!(
    "tenant",
    "About your tenant",
    Tenant,
    None,
    "Which of these do you use besides Power Platform environments?"
);
static ENV_SETUP: PageDef = page!(
    "setup",
    "About this environment",
    Environments,
    ENV,
    "What runs in it?"
);
static FO_APPS: PageDef = page!(
    "fo-apps",
    "Which finance and operations apps do you use?",
    FinanceOperations,
    None
);
static FO_SETUP: PageDef = page!(
    "setup",
    "How is this finance and operations environment set up?",
    FinanceOperations,
    FO
);
static FO_MORE: PageDef = page!(
    "fo-more",
    "What else do you use with finance and operations?",
    FinanceOperations,
    None,
    "Add-ins, Lifecycle Services and Commerce features"
);
static CSU_SETUP: PageDef = PageDef {
    inline: true,
    ..page!("setup", "Where is this scale unit?", Commerce, CSU)
};
static FLOWS: PageDef = page!(
    "flows",
    "Tell us about your flows and agents",
    PowerPlatform,
    None,
    "Which of these do you have?"
);
static BC_SETUP: PageDef = page!(
    "setup",
    "How is this Business Central environment set up?",
    BusinessCentral,
    BC
);
static BC_EXPORTS: PageDef = page!(
    "bc-exports",
    "Do you export Business Central databases?",
    BusinessCentral,
    None
);
static COPIES: PageDef = page!("copies", "Where else is your data copied?", Copies, None);
static KEY: PageDef = page!("key", "Your key and its vault", Key, None);
static LOCKBOX: PageDef = page!(
    "lockbox",
    "Microsoft's access to your data, and your licences",
    OperatorAccess,
    None
);

/// Every question page. Per-item pages are asked, for each item, in this order.
pub static PAGES: &[&PageDef] = &[
    &TENANT,
    &ENV_SETUP,
    &FO_APPS,
    &FO_SETUP,
    &FO_MORE,
    &CSU_SETUP,
    &FLOWS,
    &COPIES,
    &BC_SETUP,
    &BC_EXPORTS,
    &KEY,
    &LOCKBOX,
];

/// The questionnaire, in order: tenant pages, and item lists followed by their items' pages.
pub static FLOW: &[Entry] = &[
    Entry::Page(&TENANT),
    Entry::List(ItemList::Environments),
    Entry::Page(&FO_APPS),
    Entry::List(ItemList::FoEnvironments),
    Entry::Page(&FO_MORE),
    Entry::List(ItemList::ScaleUnits),
    Entry::Page(&FLOWS),
    Entry::Page(&COPIES),
    Entry::List(ItemList::BcEnvironments),
    Entry::Page(&BC_EXPORTS),
    Entry::Page(&KEY),
    Entry::Page(&LOCKBOX),
];

/// The section of a list's pages.
pub fn list_section(list: ItemList) -> Section {
    match list {
        ItemList::Environments => Section::Environments,
        ItemList::FoEnvironments => Section::FinanceOperations,
        ItemList::ScaleUnits => Section::Commerce,
        ItemList::BcEnvironments => Section::BusinessCentral,
    }
}

/// The page a list asks beside each of its items, on the list's own page.
pub fn inline_page(list: ItemList) -> Option<&'static PageDef> {
    PAGES
        .iter()
        .copied()
        .find(|p| p.list == Some(list) && p.inline)
}

/// A page by list and id.
pub fn page(list: Option<ItemList>, id: &str) -> Option<&'static PageDef> {
    PAGES.iter().copied().find(|p| p.list == list && p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_is_on_exactly_one_page_of_its_own_scope() {
        for question in QUESTIONS {
            let on: Vec<&PageDef> = PAGES
                .iter()
                .copied()
                .filter(|p| p.questions().any(|x| x == *question))
                .collect();
            assert_eq!(on.len(), 1, "`{}` is on {} pages", question.id, on.len());
            assert_eq!(
                on[0].list.map(ItemList::scope),
                question.list().map(ItemList::scope),
                "`{}` is on a page of another scope",
                question.id
            );
        }
    }

    #[test]
    fn every_page_asks_something() {
        for p in PAGES {
            assert!(p.questions().count() > 0, "page `{}` asks nothing", p.id);
        }
    }

    #[test]
    fn every_page_is_in_the_flow_once() {
        for p in PAGES {
            let placed = match p.list {
                None => FLOW
                    .iter()
                    .filter(|e| matches!(e, Entry::Page(x) if std::ptr::eq(*x, *p)))
                    .count(),
                Some(l) => FLOW
                    .iter()
                    .filter(|e| matches!(e, Entry::List(x) if *x == l))
                    .count(),
            };
            assert_eq!(placed, 1, "page `{}` placed {placed} times", p.id);
        }
        let ids: std::collections::HashSet<(Option<ItemList>, &str)> =
            PAGES.iter().map(|p| (p.list, p.id)).collect();
        assert_eq!(ids.len(), PAGES.len(), "two pages share an address");
    }
}
