//! Every question the questionnaire asks, defined once.
//!
//! A [`Question`] holds all there is to know about one answer: the field it reads and writes (typed
//! accessors over [`Answers`], never a path of strings), its options (typed enum values, never
//! retyped as strings), its wording, the one condition under which it is asked ([`When`]), and the
//! fact it becomes (its `id`). The wizard's pages, steps, progress and Check your answers, the fact
//! builder's "not applicable", the verify steps and the answers table in `docs/formats.md` are all
//! derived from this registry, and tests check that nothing else names a question that isn't here.
//!
//! Why statics with fn pointers rather than a trait per question: one table is easy to iterate
//! (facts, docs, tests) and costs one small get/set pair per question in the wasm.

#![allow(
    missing_docs,
    reason = "each question's static is described by its own `id`, `question` and `why`"
)]

use std::fmt;

use crate::answers::*;
use crate::facts::{NOT_APPLICABLE, UNKNOWN};
use crate::lists::ItemList;
use crate::model::Scope;

/// How a question is answered on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Radio buttons (short option lists).
    Radios,
    /// A drop-down (long option lists such as geographies).
    Select,
    /// A yes/no question shown as one box of its page's "Select all that apply" group: ticked is
    /// "yes", left clear is "no" once the page is continued, and the group's "I'm not sure which"
    /// makes every box left clear "I don't know". Its `label` is a noun phrase (the box's label).
    Checkbox,
}

/// Reads and writes one answer field of the answers (or of item `usize` of the question's list).
pub struct Slot {
    /// Every value the field's enum has, in declaration order (`unknown` first).
    pub values: &'static [&'static str],
    get: fn(&Answers, usize) -> Option<&'static str>,
    set: fn(&mut Answers, usize, Option<&str>) -> bool,
}

/// When a question is asked. One condition, used by the wizard (is the question shown?), by the
/// task list (can a section start?) and by the fact builder (`not_applicable` when it isn't).
#[derive(Debug, Clone, Copy)]
pub enum When {
    /// Always asked (within its list, for per-item questions).
    Always,
    /// Asked when another question (of the same item, or of the tenant) has this value.
    Is(&'static Question, &'static str),
    /// Asked when another question has been answered with anything but these values.
    IsNot(&'static Question, &'static [&'static str]),
    /// Asked when any of these questions has this value.
    AnyIs(&'static [&'static Question], &'static str),
    /// A tenant question asked when any item of the per-item question's list has this value.
    AnyItem(&'static Question, &'static str),
}

impl When {
    /// Whether the condition depends on the items of a list that doesn't have its minimum yet
    /// (the questionnaire can't tell whether it applies until the list is filled in).
    pub fn waits_on_a_list(self, a: &Answers) -> bool {
        match self {
            When::AnyItem(q, _) => q.list().is_some_and(|l| l.len(a) < l.minimum()),
            _ => false,
        }
    }

    /// Whether the condition holds for these answers (of item `item`, for per-item questions).
    pub fn gate(self, a: &Answers, item: usize) -> Gate {
        match self {
            When::Always => Gate::Open,
            When::Is(parent, want) => match parent.settled(a, item) {
                Err(g) => g,
                Ok(have) if have == want => Gate::Open,
                Ok(_) => Gate::Closed,
            },
            When::IsNot(parent, not) => match parent.gate(a, item) {
                Gate::Open => match parent.get(a, item) {
                    None => Gate::Pending,
                    Some(have) if not.contains(&have) => Gate::Closed,
                    Some(_) => Gate::Open,
                },
                g => g,
            },
            When::AnyIs(parents, want) => any(parents.iter().map(|p| p.settled(a, item)), want),
            // No items: nothing has the value, so the question isn't asked and answers given
            // earlier are not applicable (the task list says "Cannot start yet" while the list
            // is below its minimum; see `When::waits_on_a_list`).
            When::AnyItem(q, want) => {
                let n = q.list().map_or(0, |l| l.len(a));
                any((0..n).map(|i| q.settled(a, i)), want)
            }
        }
    }
}

/// Whether a question is asked, for some answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// It is asked.
    Open,
    /// It doesn't apply: its fact is `not_applicable`.
    Closed,
    /// It depends on an answer not given yet (or "I don't know"): its fact is `unknown`.
    Pending,
}

/// One question.
pub struct Question {
    /// The fact it becomes, e.g. `env.managed`: the name rule conditions, the guide and the docs use.
    pub id: &'static str,
    /// The tenant, or the item list whose every item is asked it.
    pub scope: Scope,
    /// The question as a sentence, for verify steps and Check your answers.
    pub question: &'static str,
    /// The legend on its page (shorter on pages that ask several questions of the same kind).
    pub label: &'static str,
    /// One line of why it is asked.
    pub why: &'static str,
    /// `(value, label)` for every option but "I don't know".
    pub options: &'static [(&'static str, &'static str)],
    /// Radios or a drop-down.
    pub control: Control,
    /// When it is asked.
    pub when: When,
    /// How to find out the answer: where to look (admin center path, cmdlet, person to ask).
    pub how_to_find: &'static str,
    /// Register ids of the sources behind `how_to_find` (checked when the catalogue loads).
    pub sources: &'static [&'static str],
    /// The id of the questionnaire page that asks it (pages of its own scope).
    pub page: &'static str,
    /// The answer field.
    pub slot: Slot,
}

impl fmt::Debug for Question {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id)
    }
}

impl fmt::Debug for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Slot")
    }
}

/// Questions are statics: two are equal when they are the same question.
impl PartialEq for Question {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
impl Eq for Question {}

impl Question {
    /// The answer (of item `item` for per-item questions), `None` when not answered yet.
    /// `Some("unknown")` is an "I don't know".
    pub fn get(&self, a: &Answers, item: usize) -> Option<&'static str> {
        (self.slot.get)(a, item)
    }

    /// Sets (or clears, with `None`) the answer. `false` when the value isn't one of the field's
    /// or the item doesn't exist; the answers are then unchanged.
    pub fn set(&self, a: &mut Answers, item: usize, value: Option<&str>) -> bool {
        (self.slot.set)(a, item, value)
    }

    /// The item list it is asked of, `None` for a tenant question.
    pub fn list(&self) -> Option<ItemList> {
        ItemList::of_scope(self.scope)
    }

    /// The label of an answer value (the option's, or "I don't know").
    pub fn option_label(&self, value: &str) -> Option<&'static str> {
        if value == UNKNOWN {
            return Some("I don't know");
        }
        self.options
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, l)| *l)
    }

    /// Whether it is asked of these answers (of item `item`).
    pub fn gate(&self, a: &Answers, item: usize) -> Gate {
        self.when.gate(a, item)
    }

    /// The answer if the question is asked and answered with a real value; otherwise the gate
    /// that stops it (`Pending` for unanswered and "I don't know").
    fn settled(&self, a: &Answers, item: usize) -> Result<&'static str, Gate> {
        match self.gate(a, item) {
            Gate::Open => match self.get(a, item) {
                None | Some(UNKNOWN) => Err(Gate::Pending),
                Some(v) => Ok(v),
            },
            g => Err(g),
        }
    }

    /// The fact this question gives: its answer, `unknown` when asked but not answered (or "I
    /// don't know"), `not_applicable` when it isn't asked.
    pub fn fact(&self, a: &Answers, item: usize) -> &'static str {
        match self.gate(a, item) {
            Gate::Open => self.get(a, item).unwrap_or(UNKNOWN),
            Gate::Pending => UNKNOWN,
            Gate::Closed => NOT_APPLICABLE,
        }
    }
}

/// Open when any settled answer has the value, Closed when every one is settled on another value
/// (or none exist), Pending otherwise.
fn any(answers: impl Iterator<Item = Result<&'static str, Gate>>, want: &str) -> Gate {
    let mut pending = false;
    for r in answers {
        match r {
            Ok(v) if v == want => return Gate::Open,
            Err(Gate::Pending) => pending = true,
            _ => {}
        }
    }
    if pending {
        Gate::Pending
    } else {
        Gate::Closed
    }
}

/// Writes a choice from its JSON spelling; `false` for a value the enum doesn't have.
fn set_choice<T: std::str::FromStr + Copy>(slot: &mut Option<T>, value: Option<&str>) -> bool {
    match value {
        None => {
            *slot = None;
            true
        }
        Some(text) => match text.parse() {
            Ok(v) => {
                *slot = Some(v);
                true
            }
            Err(_) => false,
        },
    }
}

/// The accessor pair for one answer field. `tenant |a| a.x.y` names a field of the answers;
/// `env |e| e.x` (or `fo`, `csu`, `bc`) a field of each item of that list.
macro_rules! slot {
    ($T:ty, tenant |$a:ident| $($field:tt)+) => {
        Slot {
            values: <$T>::NAMES,
            get: |$a: &Answers, _: usize| $($field)+.map(<$T>::as_str),
            set: |$a: &mut Answers, _: usize, v: Option<&str>| set_choice(&mut $($field)+, v),
        }
    };
    ($T:ty, $list:ident |$e:ident| $($field:tt)+) => {
        Slot {
            values: <$T>::NAMES,
            get: |a: &Answers, i: usize| {
                slot!(@list a $list).get(i).and_then(|$e| $($field)+).map(<$T>::as_str)
            },
            set: |a: &mut Answers, i: usize, v: Option<&str>| {
                slot!(@list a $list).get_mut(i).is_some_and(|$e| set_choice(&mut $($field)+, v))
            },
        }
    };
    (@list $a:ident env) => { $a.environments };
    (@list $a:ident fo) => { $a.finance_operations.environments };
    (@list $a:ident csu) => { $a.commerce.scale_units };
    (@list $a:ident bc) => { $a.business_central.environments };
}

const YES: &str = YesNo::Yes.as_str();
const YES_NO: &[(&str, &str)] = &[(YES, "Yes"), (YesNo::No.as_str(), "No")];

/// Geographies, as the CMK enterprise-policy locations (labels as `Geo::label`, tested).
const GEOS: &[(&str, &str)] = &[
    (Geo::Europe.as_str(), "Europe"),
    (Geo::UnitedStates.as_str(), "United States"),
    (Geo::Uk.as_str(), "United Kingdom"),
    (Geo::France.as_str(), "France"),
    (Geo::Germany.as_str(), "Germany"),
    (Geo::Switzerland.as_str(), "Switzerland"),
    (Geo::Norway.as_str(), "Norway"),
    (Geo::Sweden.as_str(), "Sweden"),
    (Geo::Canada.as_str(), "Canada"),
    (Geo::Brazil.as_str(), "Brazil"),
    (Geo::Australia.as_str(), "Australia"),
    (Geo::Asia.as_str(), "Asia"),
    (Geo::Japan.as_str(), "Japan"),
    (Geo::India.as_str(), "India"),
    (Geo::Korea.as_str(), "Korea"),
    (Geo::Singapore.as_str(), "Singapore"),
    (Geo::Uae.as_str(), "United Arab Emirates"),
    (Geo::SouthAfrica.as_str(), "South Africa"),
];

/// A yes/no question; `label` is its legend on the page, `question` the sentence.
const fn yes_no(
    id: &'static str,
    scope: Scope,
    question: &'static str,
    label: &'static str,
    why: &'static str,
    slot: Slot,
) -> Question {
    Question {
        id,
        scope,
        question,
        label,
        why,
        options: YES_NO,
        control: Control::Radios,
        when: When::Always,
        how_to_find: "",
        sources: &[],
        page: "",
        slot,
    }
}

/// A multiple-choice question with radios.
const fn choice(
    id: &'static str,
    scope: Scope,
    question: &'static str,
    label: &'static str,
    why: &'static str,
    options: &'static [(&'static str, &'static str)],
    slot: Slot,
) -> Question {
    Question {
        id,
        scope,
        question,
        label,
        why,
        options,
        control: Control::Radios,
        when: When::Always,
        how_to_find: "",
        sources: &[],
        page: "",
        slot,
    }
}

/// A geography, chosen from a drop-down.
const fn geo(
    id: &'static str,
    scope: Scope,
    question: &'static str,
    label: &'static str,
    why: &'static str,
    slot: Slot,
) -> Question {
    Question {
        id,
        scope,
        question,
        label,
        why,
        options: GEOS,
        control: Control::Select,
        when: When::Always,
        how_to_find: "",
        sources: &[],
        page: "",
        slot,
    }
}

impl Question {
    /// The same question, asked on page `page` of the questionnaire.
    const fn on_page(mut self, page: &'static str) -> Self {
        self.page = page;
        self
    }

    /// The same question as a box of its page's "Select all that apply" group.
    const fn checkbox(mut self) -> Self {
        self.control = Control::Checkbox;
        self
    }

    /// The same question with its "How to find out" guide.
    const fn guide(mut self, how_to_find: &'static str, sources: &'static [&'static str]) -> Self {
        self.how_to_find = how_to_find;
        self.sources = sources;
        self
    }
}

/// The same question, asked only when `when` holds.
const fn when(mut q: Question, when: When) -> Question {
    q.when = when;
    q
}

use Scope::{
    BcEnvironment as BC, Environment as ENV, FoEnvironment as FO, ScaleUnit as CSU, Tenant as T,
};

// --- The tenant ---------------------------------------------------------------------------------

pub static TENANT_CLOUD: Question = choice(
    "tenant.cloud",
    T,
    "Which Microsoft cloud is the tenant in?",
    "Which Microsoft cloud is your tenant in?",
    "Customer-managed key availability is documented for the commercial cloud only.",
    &[
        (Cloud::Commercial.as_str(), "Commercial (worldwide)"),
        (
            Cloud::UsGovernment.as_str(),
            "US Government (GCC, GCC High, DoD)",
        ),
        (Cloud::China.as_str(), "China (21Vianet)"),
    ],
    slot!(Cloud, tenant | a | a.tenant.cloud),
).guide("Commercial tenants sign in at admin.powerplatform.microsoft.com; US Government uses gov/high/dod admin centers and China uses the 21Vianet portal. Your Microsoft 365 admin knows.", &["USGOV"])
.on_page("tenant");
pub static TENANT_HOME_GEO: Question = geo(
    "tenant.home_geo",
    T,
    "What is the tenant's home geography?",
    "What is your tenant's home geography?",
    "Power Platform keeps data there unless an environment is created in another region.",
    slot!(Geo, tenant | a | a.tenant.home_geo),
).guide("Microsoft 365 admin center > Settings > Org settings > Organization profile > Data location; Power Platform stores data there unless environments are created elsewhere.", &["STORE"])
.on_page("tenant");
pub static TENANT_RESIDENCY: Question = choice(
    "tenant.residency",
    T,
    "What residency requirement must the estate meet?",
    "Where must your data stay?",
    "A separate verdict from key control: a key doesn't move data. EU/EEA is judged against the EU Data Boundary, which holds the Europe, France, Germany, Norway, Sweden and Switzerland geographies; one geography means that Power Platform geography exactly.",
    &[
        (Residency::None.as_str(), "No residency requirement"),
        (
            Residency::EuDataBoundary.as_str(),
            "Within the EU Data Boundary (EU and EFTA countries: any of the Europe, France, Germany, Norway, Sweden and Switzerland geographies)",
        ),
        (
            Residency::SpecificGeo.as_str(),
            "Within one named Power Platform geography (for example Europe only, or Germany only)",
        ),
        (Residency::SovereignCloud.as_str(), "In a sovereign cloud"),
    ],
    slot!(Residency, tenant | a | a.tenant.residency),
).guide("Ask your data protection officer or legal team: the contract, regulator or policy that says where data must be kept (EU/EEA, one geography, a sovereign cloud). A law that names the EU or EEA is EU/EEA, not the Europe geography.", &["STORE", "EUDB"])
.on_page("tenant");
pub static TENANT_REQUIRED_GEO: Question = when(
    geo(
        "tenant.required_geo",
        T,
        "Which Power Platform geography must data stay in?",
        "Which geography?",
        "Each environment's region must be this geography. Geographies aren't legal areas: Germany, France, Norway, Sweden, Switzerland and the UK are their own, not part of Europe; for the EU/EEA, choose the EU Data Boundary above.",
        slot!(Geo, tenant | a | a.tenant.required_geo),
    ),
    When::Is(&TENANT_RESIDENCY, Residency::SpecificGeo.as_str()),
).guide("The requirement's own text (contract, regulation or internal policy) names the country; pick the Power Platform geography for it (Germany, not Europe, for data that must stay in Germany).", &["STORE"])
.on_page("tenant");

// --- Each Power Platform environment --------------------------------------------------------------

pub static ENV_TYPE: Question = choice(
    "env.type",
    ENV,
    "What type is the environment?",
    "What type of environment is it?",
    "Trial and Teams environments can't use a customer-managed key.",
    &[
        (EnvType::Production.as_str(), "Production"),
        (EnvType::Sandbox.as_str(), "Sandbox"),
        (EnvType::Developer.as_str(), "Developer"),
        (EnvType::Default.as_str(), "Default"),
        (EnvType::Trial.as_str(), "Trial"),
        (EnvType::Teams.as_str(), "Teams (Dataverse for Teams)"),
    ],
    slot!(EnvType, env | e | e.kind),
).guide("Power Platform admin center > Manage > Environments > select the environment: the Type column (Production, Sandbox, Developer, Trial, Teams, Default).", &["PP-CMK"])
.on_page("setup");
pub static ENV_REGION: Question = geo(
    "env.region",
    ENV,
    "Which region is the environment in?",
    "Which region is it in?",
    "Its data is stored in its own region, whatever the key.",
    slot!(Geo, env | e | e.region),
).guide("Power Platform admin center > Manage > Environments > select the environment: the Region column.", &["STORE"])
.on_page("setup");
pub static ENV_MANAGED: Question = yes_no(
    "env.managed",
    ENV,
    "Is it a Managed Environment?",
    "Is it a Managed Environment?",
    "The key policy is only enforced on Managed Environments.",
    slot!(YesNo, env | e | e.managed),
).guide("Power Platform admin center > Manage > Environments > select the environment: the Managed column, or Edit Managed Environments.", &["PP-CMK"])
.on_page("setup");
pub static ENV_CMK_POLICY: Question = yes_no(
    "env.cmk_policy",
    ENV,
    "Is it in a CMK enterprise policy?",
    "Is it in a customer-managed key enterprise policy?",
    "Only environments added to a policy use your key.",
    slot!(YesNo, env | e | e.cmk_policy),
).guide("Power Platform admin center > Security > Data and privacy > Customer-managed encryption key (classic: Policies > Enterprise policies): each policy lists its environments.", &["PP-CMK"])
.on_page("setup");
pub static ENV_POLICY_REGION: Question = when(
    geo(
        "env.policy_region",
        ENV,
        "Which region is the environment's CMK enterprise policy in?",
        "Which region is that policy in?",
        "A policy only accepts environments in its own region.",
        slot!(Geo, env | e | e.policy_region),
    ),
    When::Is(&ENV_CMK_POLICY, YES),
).guide("Azure portal > the enterprise policy resource (type Microsoft.PowerPlatform/enterprisePolicies) > Overview > Location; Power Platform admin center > Security > Data and privacy > Customer-managed encryption key lists each policy with its region.", &["PP-CMK"])
.on_page("setup");
pub static ENV_ENCRYPTION_STATUS: Question = when(
    choice(
        "env.encryption_status",
        ENV,
        "What encryption status does it show?",
        "What encryption status does admin center show?",
        "Failed and Warning mean some data is still on a Microsoft key.",
        &[
            (EncryptionStatus::Encrypted.as_str(), "Encrypted"),
            (EncryptionStatus::Failed.as_str(), "Failed"),
            (EncryptionStatus::Warning.as_str(), "Warning"),
        ],
        slot!(EncryptionStatus, env | e | e.encryption_status),
    ),
    When::Is(&ENV_CMK_POLICY, YES),
).guide("Power Platform admin center > Security > Data and privacy > Customer-managed encryption key (classic: Policies > Enterprise policies) > the policy > environments: Encrypted, Failed or Warning; Environment History shows 'Update Customer Managed Key'.", &["PP-CMK"])
.on_page("setup");
pub static ENV_LEGACY_BYOK: Question = yes_no(
    "env.legacy_byok",
    ENV,
    "Was it encrypted with the legacy bring-your-own-key (BYOK) feature?",
    "Was it ever encrypted with the old bring-your-own-key (BYOK) feature?",
    "BYOK ended on 6 January 2026; unmigrated environments went back to a Microsoft key.",
    slot!(YesNo, env | e | e.legacy_byok),
).guide("Power Platform admin center > Manage > Environments > select the environment: BYOK environments showed 'Manage encryption keys' under Settings > Encryption; your records of tenant key uploads.", &["BYOK-MIG", "DEPREC"])
.on_page("setup");

/// An app or feature of an environment: a yes/no row on the "What runs here?" page.
macro_rules! app {
    ($name:ident, $id:literal, $question:literal, $label:literal, $why:literal, $field:ident,
     $(if $parent:ident,)? page($page:literal), guide($how:literal, [$($src:literal),*])) => {
        pub static $name: Question = app!(@when
            yes_no($id, ENV, $question, $label, $why, slot!(YesNo, env |e| e.apps.$field)),
            $($parent)?
        )
        .guide($how, &[$($src),*])
        .on_page($page)
        .checkbox();
    };
    (@when $q:expr, ) => { $q };
    (@when $q:expr, $parent:ident) => { when($q, When::Is(&$parent, YES)) };
}

app!(
    ENV_SALES,
    "env.sales",
    "Is Dynamics 365 Sales used here?",
    "Dynamics 365 Sales",
    "Covered, except some AI features.",
    sales,
    page("setup"),
    guide("Power Platform admin center > Manage > Environments > select the environment > Resources > Dynamics 365 apps.", ["PP-CMK"])
);
app!(
    ENV_CUSTOMER_SERVICE,
    "env.customer_service",
    "Is Customer Service used here?",
    "Dynamics 365 Customer Service",
    "Covered.",
    customer_service,
    page("setup"),
    guide("Power Platform admin center > Manage > Environments > select the environment > Resources > Dynamics 365 apps.", ["PP-CMK"])
);
app!(
    ENV_FIELD_SERVICE,
    "env.field_service",
    "Is Field Service used here?",
    "Dynamics 365 Field Service",
    "Covered.",
    field_service,
    page("setup"),
    guide("Power Platform admin center > Manage > Environments > select the environment > Resources > Dynamics 365 apps.", ["PP-CMK"])
);
app!(
    ENV_CHAT,
    "env.chat",
    "Is Chat for Dynamics 365 used here?",
    "Chat for Dynamics 365",
    "Covered.",
    chat,
    page("setup"),
    guide(
        "Customer Service admin center > Channels > Chat.",
        ["PP-CMK"]
    )
);
app!(
    ENV_CONTACT_CENTER,
    "env.contact_center",
    "Are voice or other Contact Center / Omnichannel channels used?",
    "Contact Center voice or other channels (beyond chat)",
    "Not on Microsoft's list.",
    contact_center,
    page("setup"),
    guide("Customer Service admin center or Contact Center admin center > Channels (voice, SMS, social, Nuance IVR).", ["PP-CMK"])
);
app!(
    ENV_CUSTOMER_INSIGHTS_DATA,
    "env.customer_insights_data",
    "Is Customer Insights – Data used here?",
    "Customer Insights – Data",
    "Partly covered.",
    customer_insights_data,
    page("setup"),
    guide("Customer Insights – Data > Settings > System > About shows the linked Dataverse environment.", ["CI-D"])
);
app!(
    ENV_CUSTOMER_INSIGHTS_JOURNEYS,
    "env.customer_insights_journeys",
    "Is Customer Insights – Journeys used here?",
    "Customer Insights – Journeys",
    "Not on Microsoft's list.",
    customer_insights_journeys,
    page("setup"),
    guide("Power Platform admin center > Manage > Environments > select the environment > Resources > Dynamics 365 apps (Customer Insights – Journeys / real-time marketing).", ["PP-CMK"])
);
app!(
    ENV_POWER_AUTOMATE,
    "env.power_automate",
    "Do flows run in this environment?",
    "Power Automate flows",
    "Covered, except some flow types.",
    power_automate,
    page("setup"),
    guide("Power Automate > switch to the environment > My flows and Shared with me; or Get-AdminFlow -EnvironmentName <id>.", ["PA-CMK"])
);
app!(
    ENV_COPILOT_STUDIO,
    "env.copilot_studio",
    "Are Copilot Studio agents built here?",
    "Copilot Studio agents",
    "Covered, depending on when CMK was applied.",
    copilot_studio,
    page("setup"),
    guide("Copilot Studio > environment picker > Agents.", ["MCS-CMK"])
);
app!(
    ENV_POWER_PAGES,
    "env.power_pages",
    "Are Power Pages sites hosted here?",
    "Power Pages sites",
    "Not named by Microsoft.",
    power_pages,
    page("setup"),
    guide("Power Pages home > environment picker > Active sites; or admin center > Resources > Power Pages sites.", ["PP-CMK"])
);
app!(
    ENV_AI_BUILDER,
    "env.ai_builder",
    "Is AI Builder used here?",
    "AI Builder",
    "Not named by Microsoft.",
    ai_builder,
    page("setup"),
    guide(
        "Power Apps > AI hub > AI models, in this environment.",
        ["PP-CMK"]
    )
);
app!(
    ENV_GENAI_CROSS_REGION,
    "env.genai_cross_region",
    "Is 'Allow data movement across regions' for generative AI on?",
    "'Allow data movement across regions' for generative AI is on",
    "Moved data can't be recalled: a residency question.",
    genai_cross_region,
    page("setup"),
    guide("Power Platform admin center > Manage > Environments > select the environment > Settings > Generative AI features (Move data across regions, Bing search).", ["GEO-AI"])
);
app!(ENV_SALES_FORECASTING, "env.sales_forecasting", "Is Sales forecasting used?", "Forecasting", "Stored outside Dataverse, not covered.", sales_forecasting, if ENV_SALES, page("setup"), guide("Sales Hub > App settings > Forecast configuration.", ["SALES"]));
app!(ENV_SALES_PREDICTIVE_SCORING, "env.sales_predictive_scoring", "Is predictive lead or opportunity scoring used?", "Predictive lead or opportunity scoring", "Not covered.", sales_predictive_scoring, if ENV_SALES, page("setup"), guide("Sales Hub > App settings > Predictive models (lead and opportunity scoring).", ["SALES"]));
app!(ENV_SALES_CONVERSATION_INTELLIGENCE, "env.sales_conversation_intelligence", "Is conversation intelligence used?", "Conversation intelligence", "Not covered.", sales_conversation_intelligence, if ENV_SALES, page("setup"), guide("Sales Hub > App settings > Conversation intelligence.", ["SALES"]));
app!(ENV_SALES_RELATIONSHIP_INTELLIGENCE, "env.sales_relationship_intelligence", "Is relationship intelligence (relationship analytics, who knows whom) used?", "Relationship intelligence (who knows whom)", "Not covered.", sales_relationship_intelligence, if ENV_SALES, page("setup"), guide("Sales Hub > App settings > Relationship analytics / Who knows whom.", ["SALES"]));
// Asked of a ticked box, so radios (a clear box would wrongly say "no").
pub static ENV_CUSTOMER_INSIGHTS_OWN_ADLS: Question = when(
    yes_no("env.customer_insights_own_adls", ENV, "Does Customer Insights – Data use your own Azure Data Lake Storage?", "Does Customer Insights – Data use your own Data Lake Storage?", "Your own storage needs its own customer-managed key.", slot!(YesNo, env | e | e.apps.customer_insights_own_adls)),
    When::Is(&ENV_CUSTOMER_INSIGHTS_DATA, YES),
)
.guide("Customer Insights – Data > Settings > System > Storage (Dataverse-managed lake or your own ADLS Gen2).", &["CI-D"])
.on_page("setup");

app!(
    ENV_SYNAPSE_LINK,
    "env.synapse_link",
    "Does Azure Synapse Link for Dataverse export this environment's data?",
    "Azure Synapse Link for Dataverse (export to your own Azure storage)",
    "The exported copy leaves the environment's key.",
    synapse_link,
    page("setup"),
    guide("Power Apps (make.powerapps.com) > this environment > Azure Synapse Link: each link names its storage account and Synapse workspace.", ["DV-FABRIC"])
);
// Asked of a ticked box, so radios (a clear box would wrongly say "no").
pub static ENV_SYNAPSE_LINK_STORAGE_CMK: Question = when(
    yes_no("env.synapse_link_storage_cmk", ENV, "Is the storage account Synapse Link exports to encrypted with your own customer-managed key?", "Is the storage account it exports to encrypted with your own key?", "Its encryption is that storage account's own setting, not the Power Platform policy.", slot!(YesNo, env | e | e.apps.synapse_link_storage_cmk)),
    When::Is(&ENV_SYNAPSE_LINK, YES),
)
.guide("Azure portal > the storage account Synapse Link writes to > Security + networking > Encryption: 'Customer-managed keys' or 'Microsoft-managed keys'.", &["DV-FABRIC"])
.on_page("setup");

// --- Finance and operations ---------------------------------------------------------------------

pub static FNO_USED: Question = yes_no(
    "fno.used",
    T,
    "Are any finance and operations apps in use?",
    "Finance and operations apps (Finance, Supply Chain Management, Commerce and others)",
    "Finance, Supply Chain Management, Commerce and others have their own key rules.",
    slot!(YesNo, tenant | a | a.finance_operations.used),
).guide("Lifecycle Services (lcs.dynamics.com) lists projects and environments; Power Platform admin center > Environments shows environments with Finance and operations apps.", &["FO-CMK"])
.on_page("tenant")
.checkbox();

/// A yes/no tenant question asked only when `$parent` is yes.
macro_rules! follow_up {
    ($name:ident, $id:literal, $question:literal, $label:literal, $why:literal, if $parent:ident,
     page($page:literal), guide($how:literal, [$($src:literal),*]), $($field:tt)+) => {
        pub static $name: Question = when(
            yes_no($id, T, $question, $label, $why, slot!(YesNo, tenant |a| a.$($field)+)),
            When::Is(&$parent, YES),
        )
        .guide($how, &[$($src),*])
        .on_page($page);
    };
    // A box of its page's "Select all that apply" group.
    (box $name:ident, $id:literal, $question:literal, $label:literal, $why:literal, if $parent:ident,
     page($page:literal), guide($how:literal, [$($src:literal),*]), $($field:tt)+) => {
        pub static $name: Question = when(
            yes_no($id, T, $question, $label, $why, slot!(YesNo, tenant |a| a.$($field)+)),
            When::Is(&$parent, YES),
        )
        .guide($how, &[$($src),*])
        .on_page($page)
        .checkbox();
    };
}

follow_up!(box FNO_FINANCE, "fno.finance", "Is Dynamics 365 Finance used?", "Finance", "Covered with Power Platform integration.", if FNO_USED, page("fo-apps"), guide("Microsoft 365 admin center > Billing > Licenses, or the F&O environment's modules.", ["FO-CMK"]), finance_operations.finance);
follow_up!(box FNO_SUPPLY_CHAIN, "fno.supply_chain", "Is Supply Chain Management used?", "Supply Chain Management", "Covered with Power Platform integration.", if FNO_USED, page("fo-apps"), guide("Microsoft 365 admin center > Billing > Licenses, or the F&O environment's modules.", ["FO-CMK"]), finance_operations.supply_chain);
follow_up!(box FNO_HUMAN_RESOURCES, "fno.human_resources", "Is Human Resources used inside an F&O environment?", "Human Resources (in an F&O environment)", "Covered.", if FNO_USED, page("fo-apps"), guide("In the F&O environment, check for the Human resources workspaces; licences in Microsoft 365 admin center.", ["FO-CMK"]), finance_operations.human_resources);
follow_up!(box FNO_PROJECT_OPERATIONS, "fno.project_operations", "Is Project Operations used?", "Project Operations", "Listed as covered.", if FNO_USED, page("fo-apps"), guide("Microsoft 365 admin center > Billing > Licenses; Power Platform admin center > Manage > Environments > select the environment > Resources > Dynamics 365 apps.", ["PP-CMK"]), finance_operations.project_operations);
follow_up!(box FNO_COMMERCE, "fno.commerce", "Is Dynamics 365 Commerce used?", "Commerce", "Covered with exceptions.", if FNO_USED, page("fo-apps"), guide("Commerce headquarters menus in the F&O environment; Commerce Scale Units in Lifecycle Services > Environment > Commerce.", ["FO-CMK"]), finance_operations.commerce);
follow_up!(box FNO_INTELLIGENT_ORDER_MANAGEMENT, "fno.intelligent_order_management", "Is Intelligent Order Management used?", "Intelligent Order Management", "Listed as covered.", if FNO_USED, page("fo-apps"), guide("Microsoft 365 admin center > Billing > Licenses; Power Platform admin center > Manage > Environments > select the environment > Resources > Dynamics 365 apps.", ["PP-CMK"]), finance_operations.intelligent_order_management);
follow_up!(box FNO_FRAUD_PROTECTION, "fno.fraud_protection", "Is Fraud Protection used?", "Fraud Protection", "Listed as covered.", if FNO_USED, page("fo-apps"), guide("Microsoft 365 admin center > Billing > Licenses; the Fraud Protection portal.", ["PP-CMK"]), finance_operations.fraud_protection);
follow_up!(box FNO_DEMAND_PLANNING, "fno.demand_planning", "Is the Demand planning app used?", "The Demand planning app", "Not fully covered yet.", if FNO_SUPPLY_CHAIN, page("fo-more"), guide("Power Platform admin center > Manage > Environments > select the environment > Resources > Dynamics 365 apps (Demand planning), or ask the supply chain team.", ["FO-CMK"]), finance_operations.demand_planning);
follow_up!(box FNO_LCS_DATA, "fno.lcs_data", "Is sensitive data kept in Lifecycle Services?", "Sensitive files, database backups or task recordings kept in Lifecycle Services", "LCS data isn't encrypted with your key.", if FNO_USED, page("fo-more"), guide("Lifecycle Services > project > Asset library (database backups, files), Business process modeler and Task recorder libraries.", ["FO-CMK"]), finance_operations.lcs_data);
// Asked whether or not finance and operations apps are used: the stand-alone app is a separate
// service, so a tenant that answers "no" above may still run it.
pub static FNO_HR_STANDALONE: Question = yes_no(
    "fno.hr_standalone",
    T,
    "Is the stand-alone Human Resources app used?",
    "The stand-alone Human Resources app (outside a finance and operations environment)",
    "Not covered until migrated into a finance and operations environment.",
    slot!(YesNo, tenant | a | a.finance_operations.hr_standalone),
).guide("A Human Resources environment that isn't part of an F&O environment (hr.talent.dynamics.com or an LCS 'Human Resources' project).", &["FO-CMK"])
.on_page("tenant")
.checkbox();

pub static FNO_LCS_ENDPOINT: Question = when(
    choice(
        "fno.lcs_endpoint",
        T,
        "Which Lifecycle Services endpoint hosts the project?",
        "Which Lifecycle Services endpoint do you sign in to?",
        "The endpoint decides where LCS data lives.",
        &[
            (
                LcsEndpoint::Us.as_str(),
                "lcs.dynamics.com (global, United States)",
            ),
            (LcsEndpoint::Eu.as_str(), "eu.lcs.dynamics.com"),
            (LcsEndpoint::Fr.as_str(), "fr.lcs.dynamics.com"),
            (LcsEndpoint::No.as_str(), "no.lcs.dynamics.com"),
            (LcsEndpoint::Ch.as_str(), "ch.lcs.dynamics.com"),
            (LcsEndpoint::Uae.as_str(), "uae.lcs.dynamics.com"),
            (LcsEndpoint::Sa.as_str(), "sa.lcs.dynamics.com"),
            (LcsEndpoint::Gov.as_str(), "A US Government endpoint"),
        ],
        slot!(LcsEndpoint, tenant | a | a.finance_operations.lcs_endpoint),
    ),
    When::Is(&FNO_USED, YES),
).guide("The address you sign in at: lcs.dynamics.com (global, United States), eu.lcs.dynamics.com, fr.lcs…, no.lcs…, sa.lcs…, ch.lcs…, uae.lcs…, or a government endpoint.", &["FO-GEO"])
.on_page("fo-more");

pub static FO_HOSTING: Question = choice(
    "fo.hosting",
    FO,
    "How is the F&O environment hosted?",
    "How is it hosted?",
    "Cloud-hosted environments in your own subscription are outside the key policy.",
    &[
        (
            FoHosting::LcsManaged.as_str(),
            "Managed by Microsoft through Lifecycle Services",
        ),
        (
            FoHosting::CloudHosted.as_str(),
            "Cloud-hosted in our Azure subscription",
        ),
        (
            FoHosting::PpacUnified.as_str(),
            "Created in Power Platform admin center",
        ),
    ],
    slot!(FoHosting, fo | e | e.hosting),
).guide("Lifecycle Services > project > environments: Microsoft-managed, or cloud-hosted (in your Azure subscription); or created in Power Platform admin center.", &["FO-CMK"])
.on_page("setup");
pub static FO_REGION: Question = geo(
    "fo.region",
    FO,
    "Which region is the F&O environment in?",
    "Which region is it in?",
    "Commerce Scale Units and Commerce ratings and reviews in another geography than this environment can't use your key.",
    slot!(Geo, fo | e | e.region),
)
.guide(
    "Lifecycle Services > Environment details > Azure region.",
    &["FO-GEO"],
)
.on_page("setup");
pub static FO_POWER_PLATFORM_INTEGRATION: Question = yes_no(
    "fo.power_platform_integration",
    FO,
    "Is Power Platform integration enabled?",
    "Is Power Platform integration enabled?",
    "Without it the environment stays on a Microsoft key.",
    slot!(YesNo, fo | e | e.power_platform_integration),
).guide("Lifecycle Services > Environment details > Power Platform integration section shows the linked environment.", &["FO-PPI"])
.on_page("setup");
pub static FO_CMK_BEFORE_LINK: Question = when(
    yes_no(
        "fo.cmk_before_link",
        FO,
        "Was CMK on the Power Platform environment before it was linked?",
        "Was your key already on the Power Platform environment before it was linked?",
        "Linking an environment that already had CMK isn't supported.",
        slot!(YesNo, fo | e | e.cmk_before_link),
    ),
    When::Is(&FO_POWER_PLATFORM_INTEGRATION, YES),
).guide("Compare the link date (Lifecycle Services environment history) with Environment History 'Update Customer Managed Key' in admin center.", &["FO-CMK"])
.on_page("setup");
pub static FO_DATA_RESIDENT_REGION: Question = yes_no(
    "fo.data_resident_region",
    FO,
    "Is the region marked 'Data resident region'?",
    "Is its region marked 'Data resident region'?",
    "Only those keep F&O and Lifecycle Services data in one geography.",
    slot!(YesNo, fo | e | e.data_resident_region),
).guide("Microsoft Learn: Deployment options by geography lists which F&O regions are data resident with their LCS endpoint.", &["FO-GEO"])
.on_page("setup");

// --- Add-ins --------------------------------------------------------------------------------------

follow_up!(box ADDIN_TAX_CALCULATION, "addin.tax_calculation", "Is the Tax Calculation add-in used?", "Tax Calculation", "No CMK statement since RCS was retired.", if FNO_USED, page("fo-more"), guide("Lifecycle Services > Environment details > Environment add-ins; in F&O: Tax > Setup > Tax configuration > Feature setup.", ["FO-CMK", "TAX"]), addins.tax_calculation);
follow_up!(box ADDIN_ELECTRONIC_INVOICING, "addin.electronic_invoicing", "Is Electronic Invoicing used?", "Electronic Invoicing", "No CMK statement since RCS was retired.", if FNO_USED, page("fo-more"), guide("Lifecycle Services > Environment add-ins; in F&O: Organization administration > Setup > Electronic document parameters > Electronic invoicing.", ["FO-CMK"]), addins.electronic_invoicing);
pub static ADDIN_STANDALONE_RCS: Question = when(
    yes_no(
        "addin.standalone_rcs",
        T,
        "Were those add-ins set up on the stand-alone Regulatory Configuration Service (RCS)?",
        "Were they set up on the stand-alone Regulatory Configuration Service (RCS)?",
        "RCS data isn't covered.",
        slot!(YesNo, tenant | a | a.addins.standalone_rcs),
    ),
    When::AnyIs(&[&ADDIN_TAX_CALCULATION, &ADDIN_ELECTRONIC_INVOICING], YES),
).guide("Whether the team used an RCS environment (rcs.dynamics.com) before moving to the Globalization Studio workspace.", &["RCS-GSW"])
.on_page("fo-more");
follow_up!(box ADDIN_OTHER, "addin.other", "Are other LCS add-ins installed?", "Other Lifecycle Services add-ins", "Microsoft says other add-ins support the key.", if FNO_USED, page("fo-more"), guide("Lifecycle Services > Environment details > Environment add-ins.", ["FO-CMK"]), addins.other);

// --- Commerce -------------------------------------------------------------------------------------

pub static CSU_GEO: Question = geo(
    "csu.geo",
    CSU,
    "Where is the scale unit deployed?",
    "Which geography is it deployed in?",
    "Scale units in another geography than F&O can't use your key.",
    slot!(Geo, csu | c | c.geo),
)
.guide(
    "Lifecycle Services > Environment > Commerce > Commerce Scale Units: region of each.",
    &["FO-CMK"],
)
.on_page("setup");
pub static CSU_SELF_HOSTED: Question = yes_no(
    "csu.self_hosted",
    CSU,
    "Is the scale unit self-hosted?",
    "Is it self-hosted on your own infrastructure?",
    "Self-hosted units are outside Microsoft-hosted resources.",
    slot!(YesNo, csu | c | c.self_hosted),
).guide("Lifecycle Services > Commerce Scale Units (cloud) vs. self-hosted scale units installed on your servers.", &["FO-CMK"])
.on_page("setup");
follow_up!(box COMMERCE_ECOMMERCE_CMS, "commerce.ecommerce_cms", "Is the e-commerce site builder (CMS) used?", "The e-commerce site builder (content management system)", "Not covered yet.", if FNO_COMMERCE, page("fo-more"), guide("Commerce site builder (site management) in Lifecycle Services > e-Commerce.", ["FO-CMK"]), commerce.ecommerce_cms);
follow_up!(box COMMERCE_RECOMMENDATIONS, "commerce.recommendations", "Are product recommendations turned on?", "Product recommendations", "Excluded.", if FNO_COMMERCE, page("fo-more"), guide("Commerce headquarters > Retail and Commerce > Headquarters setup > Parameters > Commerce parameters > Recommendations.", ["FO-CMK"]), commerce.recommendations);
follow_up!(box COMMERCE_RATINGS_REVIEWS, "commerce.ratings_reviews", "Are ratings and reviews used?", "Ratings and reviews", "Excluded when in another geography.", if FNO_COMMERCE, page("fo-more"), guide("Commerce site builder > Ratings and reviews; Lifecycle Services e-Commerce deployment.", ["FO-CMK"]), commerce.ratings_reviews);
pub static COMMERCE_RATINGS_REVIEWS_GEO: Question = when(
    geo(
        "commerce.ratings_reviews_geo",
        T,
        "Where are ratings and reviews deployed?",
        "Where are ratings and reviews deployed?",
        "Compared with your F&O geography.",
        slot!(Geo, tenant | a | a.commerce.ratings_reviews_geo),
    ),
    When::Is(&COMMERCE_RATINGS_REVIEWS, YES),
)
.guide(
    "Lifecycle Services > e-Commerce environment details (region).",
    &["FO-CMK"],
)
.on_page("fo-more");

// --- Power Automate and Copilot Studio ------------------------------------------------------------

/// A yes/no tenant question asked when any environment has `$app`.
macro_rules! platform {
    ($name:ident, $id:literal, $question:literal, $label:literal, $why:literal, if any $app:ident,
     page($page:literal), guide($how:literal, [$($src:literal),*]), $($field:tt)+) => {
        pub static $name: Question = when(
            yes_no($id, T, $question, $label, $why, slot!(YesNo, tenant |a| a.$($field)+)),
            When::AnyItem(&$app, YES),
        )
        .guide($how, &[$($src),*])
        .on_page($page)
        .checkbox();
    };
}

platform!(PA_FLOWS_BEFORE_CMK, "pa.flows_before_cmk", "Did environments have flows before CMK was applied?", "Flows that existed before your key was applied", "Run history from before migration isn't carried over.", if any ENV_POWER_AUTOMATE, page("flows"), guide("Run Get-AdminFlowEncryptedByMicrosoftKey -EnvironmentName <id> (Microsoft.PowerApps.Administration.PowerShell).", ["PA-CMK", "PSH"]), power_platform.flows_before_cmk);
platform!(PA_CMK_BEFORE_AUTO_MIGRATION, "pa.cmk_before_auto_migration", "Was any environment CMK-protected before Power Automate migrated flows to the key automatically?", "An environment already on your key before flows were moved to it automatically", "Microsoft gives no cut-off date; flows of environments protected earlier move to your key only through a support ticket.", if any ENV_POWER_AUTOMATE, page("flows"), guide("Environment History in admin center ('Update Customer Managed Key' and its date), or your change records.", ["PA-CMK"]), power_platform.cmk_before_auto_migration);
platform!(PA_SPECIAL_TRIGGER_FLOWS, "pa.special_trigger_flows", "Are there HTTP-, Teams- or V1 Power Apps-triggered flows, or flows using 'List flows as Admin (V1)'?", "HTTP-, Teams- or V1 Power Apps-triggered flows, or 'List flows as Admin (V1)'", "They stay on a Microsoft key until rebuilt.", if any ENV_POWER_AUTOMATE, page("flows"), guide("Get-AdminFlowEncryptedByMicrosoftKey -EnvironmentName <id> -ListCannotMigrateToCustomerManagedKey lists the flows that can't migrate.", ["PA-CMK", "PSH"]), power_platform.special_trigger_flows);
platform!(PA_NON_OAUTH_CONNECTIONS, "pa.non_oauth_connections", "Do flows use connections without Microsoft Entra OAuth (API keys, basic auth)?", "Connections without Microsoft Entra sign-in (API keys, basic auth)", "Those connections aren't encrypted with your key.", if any ENV_POWER_AUTOMATE, page("flows"), guide("Power Automate > Data > Connections, or Get-AdminPowerAppConnection, and check each connector's authentication type.", ["PA-CMK"]), power_platform.non_oauth_connections);
pub static PA_HOSTED_RPA: Question = when(
    choice(
        "pa.hosted_rpa",
        T,
        "Are hosted machines or hosted machine groups used?",
        "Do you use hosted RPA?",
        "Hosted machines can't use your key; machine groups must be reprovisioned.",
        &[
            (HostedRpa::None.as_str(), "No"),
            (HostedRpa::Machines.as_str(), "Hosted machines"),
            (HostedRpa::Groups.as_str(), "Hosted machine groups"),
            (HostedRpa::Both.as_str(), "Both"),
        ],
        slot!(HostedRpa, tenant | a | a.power_platform.hosted_rpa),
    ),
    When::AnyItem(&ENV_POWER_AUTOMATE, YES),
)
.guide(
    "Power Automate > Monitor > Machines (Hosted machines and Hosted machine groups tabs).",
    &["PA-CMK"],
)
.on_page("flows");
pub static MCS_CMK_TIMING: Question = when(
    choice(
        "mcs.cmk_timing",
        T,
        "When was CMK first applied to environments hosting Copilot Studio agents?",
        "When was your key first applied to environments with agents?",
        "Before 7 April 2025, agent data stays on a Microsoft key until CMK is turned off and on.",
        &[
            (
                CopilotTiming::Before2025_04_07.as_str(),
                "Before 7 April 2025",
            ),
            (
                CopilotTiming::OnOrAfter.as_str(),
                "On or after 7 April 2025",
            ),
            (CopilotTiming::NotYet.as_str(), "Not yet"),
        ],
        slot!(
            CopilotTiming,
            tenant | a | a.power_platform.copilot_cmk_timing
        ),
    ),
    When::AnyItem(&ENV_COPILOT_STUDIO, YES),
).guide("Environment History in admin center shows the 'Update Customer Managed Key' operation and its date; compare with 7 April 2025.", &["MCS-CMK"])
.on_page("flows");
pub static MCS_CMK_TOGGLED: Question = when(
    yes_no(
        "mcs.cmk_toggled",
        T,
        "Has CMK been turned off and on again since 7 April 2025?",
        "Has CMK been turned off and on again since then?",
        "That moves new agent data to your key.",
        slot!(YesNo, tenant | a | a.power_platform.copilot_cmk_toggled),
    ),
    When::Is(&MCS_CMK_TIMING, CopilotTiming::Before2025_04_07.as_str()),
).guide("Environment History in admin center: look for a removal and a new 'Update Customer Managed Key' after 7 April 2025.", &["MCS-CMK"])
.on_page("flows");
platform!(MCS_AGENT365_AUDIT, "mcs.agent365_audit", "Is Agent 365 security audit logging used?", "Agent 365 security audit logging", "That data isn't encrypted with your key.", if any ENV_COPILOT_STUDIO, page("flows"), guide("Ask the security team whether Copilot Studio agents are enrolled in Agent 365 audit logging.", ["PP-CMK-2026"]), power_platform.copilot_agent365_audit);
platform!(MCS_FILE_UPLOADS, "mcs.file_uploads", "Do agents need to process files users upload?", "Agents that process files users upload", "Reportedly not processed in CMK environments.", if any ENV_COPILOT_STUDIO, page("flows"), guide("Copilot Studio > agent > Settings > Generative AI (file uploads), or ask the agent owners.", ["MCS-FILE"]), power_platform.copilot_file_uploads);

// --- Copies of the data outside Dataverse ----------------------------------------------------------

pub static COPIES_FABRIC_LINK: Question = yes_no(
    "copies.fabric_link",
    T,
    "Is any environment linked to Microsoft Fabric (Link to Microsoft Fabric)?",
    "An environment linked to Microsoft Fabric (Link to Microsoft Fabric)",
    "What is copied into Fabric items is encrypted by Fabric, not by your Power Platform key.",
    slot!(YesNo, tenant | a | a.copies.fabric_link),
).guide("Power Apps (make.powerapps.com) > the environment > Azure Synapse Link: a link to Microsoft OneLake; or ask whoever runs your Fabric workspaces.", &["DV-FABRIC"])
.on_page("copies")
.checkbox();
pub static COPIES_POWER_BI: Question = yes_no(
    "copies.power_bi",
    T,
    "Do Power BI semantic models import data from Dataverse or finance and operations?",
    "Power BI reports that import Dataverse or finance and operations data",
    "An imported copy is encrypted by Power BI, not by your Power Platform key.",
    slot!(YesNo, tenant | a | a.copies.power_bi),
).guide("Power BI service > the workspace > a semantic model > Settings: data source (Dataverse, Common Data Service or finance and operations) and storage mode Import.", &["PBI-BYOK"])
.on_page("copies")
.checkbox();
follow_up!(box COPIES_DUAL_WRITE, "copies.dual_write", "Is dual-write or are virtual tables used between finance and operations and Dataverse?", "Dual-write or virtual tables between finance and operations and Dataverse", "Dual-write copies rows into a Dataverse environment, which has its own key.", if FNO_USED, page("copies"), guide("Finance and operations > Data management > Dual-write (the linked environment and its table maps); Power Apps > Tables whose source is Finance and Operations (virtual tables).", ["FO-CMK"]), copies.dual_write);
pub static COPIES_CI_EXPORTS: Question = when(
    yes_no(
        "copies.ci_exports",
        T,
        "Does Customer Insights – Data export or enrich data through connections to other systems?",
        "Customer Insights – Data exports to other systems, or enrichment",
        "Connection settings stay on a Microsoft key; each export is under its destination's encryption.",
        slot!(YesNo, tenant | a | a.copies.ci_exports),
    ),
    When::AnyItem(&ENV_CUSTOMER_INSIGHTS_DATA, YES),
)
.guide(
    "Customer Insights – Data > Data > Exports, Data > Enrichment, and Settings > Connections.",
    &["CI-D"],
)
.on_page("copies")
.checkbox();
pub static COPIES_LONG_TERM_RETENTION: Question = when(
    yes_no(
        "copies.long_term_retention",
        T,
        "Do environments under your key use Dataverse long-term data retention or elastic tables?",
        "Long-term retention or elastic tables in environments under your key",
        "Microsoft's key page doesn't name them among what the key encrypts.",
        slot!(YesNo, tenant | a | a.copies.long_term_retention),
    ),
    When::AnyItem(&ENV_CMK_POLICY, YES),
)
.guide("Power Apps > Tables: tables of type Elastic, and retention policies under Tables > the table > Data retention (or Power Platform admin center > the environment > Retention policies).", &["BYOK-MIG"])
.on_page("copies")
.checkbox();

// --- Operator access ------------------------------------------------------------------------------

pub static ACCESS_LOCKBOX: Question = yes_no(
    "access.lockbox",
    T,
    "Is Customer Lockbox turned on for Power Platform and Dynamics 365?",
    "Is Customer Lockbox turned on?",
    "It puts Microsoft engineers' access to your data during support behind your approval; the key doesn't.",
    slot!(YesNo, tenant | a | a.access.lockbox),
).guide("Power Platform admin center: the Customer Lockbox policy (Microsoft's page \"Customer Lockbox in Power Platform and Dynamics 365\" shows where). It is a tenant setting, enforced only on Managed Environments.", &["LOCKBOX"])
.on_page("lockbox");
follow_up!(ACCESS_LOCKBOX_MONITORED, "access.lockbox_monitored", "Does someone watch for Customer Lockbox requests and answer them within four days?", "Does someone answer Lockbox requests within four days?", "An unanswered request expires and holds up the support case.", if ACCESS_LOCKBOX, page("lockbox"), guide("Power Platform admin center > Security > Compliance > Customer Lockbox lists requests; ask who receives the request emails and who may approve.", ["LOCKBOX"]), access.lockbox_monitored);

// --- Business Central -----------------------------------------------------------------------------

pub static BC_USED: Question = yes_no(
    "bc.used",
    T,
    "Is Business Central online used?",
    "Business Central online",
    "Business Central uses your key only through a linked environment.",
    slot!(YesNo, tenant | a | a.business_central.used),
).guide("Business Central admin center (businesscentral.dynamics.com/<tenant>/admin) lists environments.", &["BC-SEC"])
.on_page("tenant")
.checkbox();
follow_up!(BC_EXPORTS, "bc.exports", "Are Business Central databases exported to storage accounts?", "Do you export Business Central databases?", "Microsoft's current page doesn't say which key protects exports.", if BC_USED, page("bc-exports"), guide("Business Central admin center > Environments > Database > Export history.", ["BC-SEC"]), business_central.exports);
pub static BCENV_LINKED: Question = yes_no(
    "bcenv.linked",
    BC,
    "Is the BC environment linked to a Power Platform environment?",
    "Is it linked to a Power Platform environment?",
    "The key applies through that link.",
    slot!(YesNo, bc | b | b.linked),
).guide("Business Central admin center > Environments > the environment > Linked Power Platform environment.", &["BC-SEC"])
.on_page("setup");
pub static BCENV_FROM_COPY_OR_RESTORE: Question = yes_no(
    "bcenv.from_copy_or_restore",
    BC,
    "Was it created by copying or restoring another environment?",
    "Was it created by copying or restoring another environment?",
    "Copies start on a Microsoft key.",
    slot!(YesNo, bc | b | b.from_copy_or_restore),
)
.guide(
    "Business Central admin center > Operations log (Copy / Restore entries).",
    &["BC-SEC"],
)
.on_page("setup");

// --- The key and its vault ------------------------------------------------------------------------

pub static KEY_STORE: Question = choice(
    "key.store",
    T,
    "Is the key in Azure Key Vault or Managed HSM?",
    "Where is your key kept?",
    "Power Platform accepts Azure Key Vault or Managed HSM.",
    &[
        (KeyStore::KeyVault.as_str(), "Azure Key Vault"),
        (KeyStore::ManagedHsm.as_str(), "Azure Key Vault Managed HSM"),
        (KeyStore::None.as_str(), "We don't have a key yet"),
    ],
    slot!(KeyStore, tenant | a | a.key.store),
).guide("The enterprise policy in Power Platform admin center > Security > Data and privacy > Customer-managed encryption key (classic: Policies > Enterprise policies) names the vault; in Azure portal the resource type is Key vault or Managed HSM.", &["PP-CMK"])
.on_page("key");
/// Asked about a key that exists (any answer but "no key yet", "I don't know" included).
const HAS_KEY: When = When::IsNot(&KEY_STORE, &[KeyStore::None.as_str()]);

pub static KEY_SOFT_DELETE: Question = when(
    yes_no(
        "key.soft_delete",
        T,
        "Is soft delete enabled on the vault?",
        "Is soft delete on?",
        "Mandatory.",
        slot!(YesNo, tenant | a | a.key.soft_delete),
    ),
    When::Is(&KEY_STORE, KeyStore::KeyVault.as_str()),
)
.guide(
    "Azure portal > Key vault > Properties > Soft-delete.",
    &["PP-CMK"],
)
.on_page("key");
pub static KEY_PURGE_PROTECTION: Question = when(
    yes_no(
        "key.purge_protection",
        T,
        "Is purge protection enabled on the vault?",
        "Is purge protection on?",
        "Mandatory: it lets you recover a deleted key.",
        slot!(YesNo, tenant | a | a.key.purge_protection),
    ),
    When::Is(&KEY_STORE, KeyStore::KeyVault.as_str()),
)
.guide(
    "Azure portal > Key vault > Properties > Purge protection.",
    &["PP-CMK"],
)
.on_page("key");
pub static KEY_TYPE: Question = when(
    choice(
        "key.type",
        T,
        "What type is the key?",
        "What type is the key?",
        "Only RSA and RSA-HSM keys are accepted.",
        &[
            (KeyType::Rsa.as_str(), "RSA"),
            (KeyType::RsaHsm.as_str(), "RSA-HSM"),
            (KeyType::Ec.as_str(), "Elliptic curve (EC)"),
        ],
        slot!(KeyType, tenant | a | a.key.key_type),
    ),
    HAS_KEY,
)
.guide(
    "Azure portal > Key vault > Keys > the key > current version: Key type (RSA, RSA-HSM, EC).",
    &["PP-CMK"],
)
.on_page("key");
pub static KEY_SIZE: Question = when(
    choice(
        "key.size",
        T,
        "What size is the key?",
        "What size is the key?",
        "2048 or 3072 bits are accepted.",
        &[
            (KeySize::Rsa2048.as_str(), "2048 bits"),
            (KeySize::Rsa3072.as_str(), "3072 bits"),
            (KeySize::Rsa4096.as_str(), "4096 bits"),
            (KeySize::Other.as_str(), "Another size"),
        ],
        slot!(KeySize, tenant | a | a.key.key_size),
    ),
    HAS_KEY,
)
.guide(
    "Azure portal > Key vault > Keys > the key > current version: RSA key size.",
    &["PP-CMK"],
)
.on_page("key");
pub static KEY_EXPIRY: Question = when(
    choice(
        "key.expiry",
        T,
        "Does the key expire, and is anyone alerted first?",
        "Does the key expire?",
        "An expired key takes every environment down.",
        &[
            (KeyExpiry::None.as_str(), "No expiry date"),
            (
                KeyExpiry::SetWithAlert.as_str(),
                "Yes, with an alert before it",
            ),
            (KeyExpiry::SetWithoutAlert.as_str(), "Yes, without an alert"),
        ],
        slot!(KeyExpiry, tenant | a | a.key.expiry),
    ),
    HAS_KEY,
).guide("Azure portal > Key vault > Keys > the key > Expiration date; alerts under Key vault > Events or Azure Monitor alert rules.", &["PP-CMK"])
.on_page("key");
pub static KEY_ROTATION: Question = when(
    choice(
        "key.rotation",
        T,
        "How is the key rotated?",
        "How do you rotate it?",
        "A new key version needs no downtime; a new policy needs two.",
        &[
            (
                Rotation::NewVersion.as_str(),
                "New key version or rotation policy",
            ),
            (Rotation::NewPolicy.as_str(), "A new key in a new policy"),
            (Rotation::Never.as_str(), "We don't rotate it"),
        ],
        slot!(Rotation, tenant | a | a.key.rotation),
    ),
    HAS_KEY,
).guide("Azure portal > Key vault > Keys > the key > Rotation policy; or your change records of new policies.", &["PP-CMK"])
.on_page("key");
pub static KEY_PERMISSION_MODEL: Question = when(
    choice(
        "key.permission_model",
        T,
        "How does the policy's identity get access to the key?",
        "How does the policy get access to the key?",
        "Microsoft recommends Azure role-based access control.",
        &[
            (PermissionModel::Rbac.as_str(), "Azure RBAC role"),
            (
                PermissionModel::AccessPolicy.as_str(),
                "Vault access policy",
            ),
        ],
        slot!(PermissionModel, tenant | a | a.key.permission_model),
    ),
    HAS_KEY,
).guide("Azure portal > Key vault > Access configuration: Azure role-based access control or Vault access policy.", &["PP-CMK"])
.on_page("key");
pub static KEY_NETWORK: Question = when(
    choice(
        "key.network",
        T,
        "How is the vault's network access set?",
        "How is the vault's network access set?",
        "Blocking trusted Microsoft services locks every environment.",
        &[
            (VaultNetwork::Public.as_str(), "Public access from all networks"),
            (
                VaultNetwork::SelectedTrusted.as_str(),
                "Public access from selected networks, trusted Microsoft services allowed",
            ),
            (
                VaultNetwork::SelectedUntrusted.as_str(),
                "Public access from selected networks, trusted Microsoft services not allowed",
            ),
            (
                VaultNetwork::PrivateTrusted.as_str(),
                "Public access disabled (private endpoint), trusted Microsoft services allowed",
            ),
            (
                VaultNetwork::PrivateUntrusted.as_str(),
                "Public access disabled (private endpoint), trusted Microsoft services not allowed",
            ),
        ],
        slot!(VaultNetwork, tenant | a | a.key.network),
    ),
    HAS_KEY,
).guide("Azure portal > Key vault > Settings > Networking > Firewalls and virtual networks: 'Allow public access from all networks', 'Allow public access from specific virtual networks and IP addresses' or 'Disable public access', and the exception 'Allow trusted Microsoft services to bypass this firewall'.", &["PP-CMK", "LOCK"])
.on_page("key");
// Asked as "who", not "do different people…?": a yes/no about difference invited the wrong yes.
pub static KEY_SEPARATE_ADMINS: Question = when(
    choice(
        "key.separate_admins",
        T,
        "Are the key vault's administrators people other than the Power Platform administrators?",
        "Who administers the key vault?",
        "No one person should be able to lock you out: someone who administers both can.",
        &[
            (YES, "Only people who aren't Power Platform administrators"),
            (
                YesNo::No.as_str(),
                "At least one Power Platform administrator too",
            ),
        ],
        slot!(YesNo, tenant | a | a.key.separate_admins),
    ),
    HAS_KEY,
).guide("Compare Azure role assignments on the vault (Access control (IAM)) with the Power Platform Administrator and Dynamics 365 Administrator role holders in Microsoft Entra ID.", &["PP-CMK"])
.on_page("key");
pub static KEY_LOCKOUT_RUNBOOK: Question = when(
    yes_no(
        "key.lockout_runbook",
        T,
        "Is there a tested runbook for losing access to the key?",
        "Do you have a tested runbook for losing access to the key?",
        "Locked sandboxes are deleted after 7 days.",
        slot!(YesNo, tenant | a | a.key.lockout_runbook),
    ),
    HAS_KEY,
).guide("Your operations or security team's runbooks: recovering a soft-deleted key, re-granting access, re-enabling environments.", &["LOCK"])
.on_page("key");

pub static KEY_POLICY_READER: Question = when(
    yes_no(
        "key.policy_reader",
        T,
        "Do the Power Platform admins who would re-enable locked environments hold Reader on the enterprise policy?",
        "Do your on-call Power Platform admins hold Reader on the enterprise policy?",
        "Without it they can't re-enable environments once key access is restored.",
        slot!(YesNo, tenant | a | a.key.policy_reader),
    ),
    HAS_KEY,
).guide("Azure portal > the enterprise policy (resource type Microsoft.PowerPlatform/enterprisePolicies) > Access control (IAM) > Role assignments.", &["PP-CMK", "LOCK"])
.on_page("key");

// --- Licensing ------------------------------------------------------------------------------------

pub static LIC_MANAGED_ENVIRONMENTS: Question = yes_no(
    "lic.managed_environments",
    T,
    "Are you entitled to Managed Environments?",
    "Are you entitled to Managed Environments?",
    "The key is only enforced on Managed Environments.",
    slot!(YesNo, tenant | a | a.licensing.managed_environments),
).guide("Microsoft 365 admin center > Billing > Licenses: standalone Power Apps, Power Automate, Copilot Studio, Power Pages or Dynamics 365 licences with premium use rights.", &["PP-CMK"])
.on_page("lockbox");
pub static LIC_E5_USERS: Question = yes_no(
    "lic.e5_users",
    T,
    "Do users in CMK environments have a Microsoft 365 E5-family licence?",
    "Do users in key-protected environments have a Microsoft 365 E5-family licence?",
    "Microsoft requires it for the customer-managed key.",
    slot!(YesNo, tenant | a | a.licensing.e5_users),
).guide("Microsoft 365 admin center > Billing > Licenses: A5/E5/G5, or the Compliance, Information Protection and Governance, Insider Risk Management or F5 Security & Compliance add-ons.", &["PP-CMK"])
.on_page("lockbox");

/// How many answers the assessment still needs: questions that are asked of these answers (their
/// gate is open) and not answered yet — "I don't know" is an answer — plus one for each list that
/// is asked but lacks its minimum number of items. Items of a list that isn't asked (its deciding
/// answer is no, blank or "I don't know") don't count: the wizard doesn't show them either.
/// Zero means complete; anything else makes the report a draft.
pub fn unanswered(a: &Answers) -> usize {
    missing(a).len()
}

/// What [`unanswered`] counts: each question (with its item) asked and not answered, then each
/// list that lacks items (as its title).
pub fn missing(a: &Answers) -> Vec<(&'static str, usize)> {
    // As the wizard does: a list whose deciding answer is blank or "I don't know" isn't asked.
    let open = |list: Option<ItemList>| list.is_none_or(|l| l.when().gate(a, 0) == Gate::Open);
    let mut out = Vec::new();
    for q in QUESTIONS.iter().filter(|q| open(q.list())) {
        let items = q.list().map_or(1, |l| l.len(a));
        out.extend(
            (0..items)
                // The answer first: reading it is cheap, the gate may read a chain of others.
                .filter(|&i| q.get(a, i).is_none() && q.gate(a, i) == Gate::Open)
                .map(|i| (q.id, i)),
        );
    }
    out.extend(
        ItemList::ALL
            .iter()
            .filter(|l| l.when().gate(a, 0) == Gate::Open && l.len(a) < l.minimum())
            .map(|l| (l.title(), 0)),
    );
    out
}

/// Every question, grouped by scope in the order the facts list them.
pub static QUESTIONS: &[&Question] = &[
    &TENANT_CLOUD,
    &TENANT_HOME_GEO,
    &TENANT_RESIDENCY,
    &TENANT_REQUIRED_GEO,
    &FNO_USED,
    &FNO_FINANCE,
    &FNO_SUPPLY_CHAIN,
    &FNO_HUMAN_RESOURCES,
    &FNO_PROJECT_OPERATIONS,
    &FNO_COMMERCE,
    &FNO_INTELLIGENT_ORDER_MANAGEMENT,
    &FNO_FRAUD_PROTECTION,
    &FNO_DEMAND_PLANNING,
    &FNO_LCS_DATA,
    &FNO_HR_STANDALONE,
    &FNO_LCS_ENDPOINT,
    &ADDIN_TAX_CALCULATION,
    &ADDIN_ELECTRONIC_INVOICING,
    &ADDIN_STANDALONE_RCS,
    &ADDIN_OTHER,
    &COMMERCE_ECOMMERCE_CMS,
    &COMMERCE_RECOMMENDATIONS,
    &COMMERCE_RATINGS_REVIEWS,
    &COMMERCE_RATINGS_REVIEWS_GEO,
    &PA_FLOWS_BEFORE_CMK,
    &PA_CMK_BEFORE_AUTO_MIGRATION,
    &PA_SPECIAL_TRIGGER_FLOWS,
    &PA_NON_OAUTH_CONNECTIONS,
    &PA_HOSTED_RPA,
    &MCS_CMK_TIMING,
    &MCS_CMK_TOGGLED,
    &MCS_AGENT365_AUDIT,
    &MCS_FILE_UPLOADS,
    &COPIES_FABRIC_LINK,
    &COPIES_POWER_BI,
    &COPIES_DUAL_WRITE,
    &COPIES_CI_EXPORTS,
    &COPIES_LONG_TERM_RETENTION,
    &BC_USED,
    &BC_EXPORTS,
    &KEY_STORE,
    &KEY_SOFT_DELETE,
    &KEY_PURGE_PROTECTION,
    &KEY_TYPE,
    &KEY_SIZE,
    &KEY_EXPIRY,
    &KEY_PERMISSION_MODEL,
    &KEY_NETWORK,
    &KEY_ROTATION,
    &KEY_SEPARATE_ADMINS,
    &KEY_LOCKOUT_RUNBOOK,
    &KEY_POLICY_READER,
    &LIC_MANAGED_ENVIRONMENTS,
    &LIC_E5_USERS,
    &ACCESS_LOCKBOX,
    &ACCESS_LOCKBOX_MONITORED,
    &ENV_TYPE,
    &ENV_REGION,
    &ENV_MANAGED,
    &ENV_CMK_POLICY,
    &ENV_POLICY_REGION,
    &ENV_ENCRYPTION_STATUS,
    &ENV_LEGACY_BYOK,
    &ENV_SALES,
    &ENV_SALES_FORECASTING,
    &ENV_SALES_PREDICTIVE_SCORING,
    &ENV_SALES_CONVERSATION_INTELLIGENCE,
    &ENV_SALES_RELATIONSHIP_INTELLIGENCE,
    &ENV_CUSTOMER_SERVICE,
    &ENV_FIELD_SERVICE,
    &ENV_CHAT,
    &ENV_CONTACT_CENTER,
    &ENV_CUSTOMER_INSIGHTS_DATA,
    &ENV_CUSTOMER_INSIGHTS_OWN_ADLS,
    &ENV_CUSTOMER_INSIGHTS_JOURNEYS,
    &ENV_POWER_AUTOMATE,
    &ENV_COPILOT_STUDIO,
    &ENV_POWER_PAGES,
    &ENV_AI_BUILDER,
    &ENV_GENAI_CROSS_REGION,
    &ENV_SYNAPSE_LINK,
    &ENV_SYNAPSE_LINK_STORAGE_CMK,
    &FO_HOSTING,
    &FO_REGION,
    &FO_POWER_PLATFORM_INTEGRATION,
    &FO_CMK_BEFORE_LINK,
    &FO_DATA_RESIDENT_REGION,
    &CSU_GEO,
    &CSU_SELF_HOSTED,
    &BCENV_LINKED,
    &BCENV_FROM_COPY_OR_RESTORE,
];

/// A question by its id (the fact name).
pub fn question(id: &str) -> Option<&'static Question> {
    QUESTIONS.iter().copied().find(|q| q.id == id)
}

/// The questions of one scope, in registry order.
pub fn of_scope(scope: Scope) -> impl Iterator<Item = &'static Question> {
    QUESTIONS.iter().copied().filter(move |q| q.scope == scope)
}

impl fmt::Display for When {
    /// The condition in words, for the answers table in `docs/formats.md`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Always => f.write_str("always"),
            When::Is(q, v) => write!(f, "when `{}` is `{v}`", q.id),
            When::IsNot(q, not) => {
                write!(
                    f,
                    "when `{}` is answered and is not `{}`",
                    q.id,
                    not.join("`, `")
                )
            }
            When::AnyIs(qs, v) => {
                let ids: Vec<String> = qs.iter().map(|q| format!("`{}`", q.id)).collect();
                write!(f, "when {} is `{v}`", ids.join(" or "))
            }
            When::AnyItem(q, v) => {
                let noun = q.list().map_or("item", ItemList::noun);
                write!(f, "when `{}` is `{v}` for any {noun}", q.id)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::FIELDS;
    use std::collections::HashSet;

    fn parents(w: When) -> Vec<&'static Question> {
        match w {
            When::Always => vec![],
            When::Is(q, _) | When::IsNot(q, _) | When::AnyItem(q, _) => vec![q],
            When::AnyIs(qs, _) => qs.to_vec(),
        }
    }

    #[test]
    fn ids_are_unique_and_every_question_is_a_fact_rules_can_read() {
        let ids: HashSet<&str> = QUESTIONS.iter().map(|q| q.id).collect();
        assert_eq!(ids.len(), QUESTIONS.len(), "two questions share an id");
        for q in QUESTIONS {
            let i = FIELDS
                .index(q.id)
                .unwrap_or_else(|| panic!("`{}` is no fact", q.id));
            let def = &FIELDS.defs[i];
            assert!(!def.derived, "`{}` is asked, so it is not derived", q.id);
            assert_eq!(def.scope, q.scope, "`{}`", q.id);
        }
    }

    #[test]
    fn options_are_values_of_the_field_and_cover_all_of_them() {
        for q in QUESTIONS {
            let offered: Vec<&str> = q.options.iter().map(|(v, _)| *v).collect();
            let wanted: Vec<&str> = q
                .slot
                .values
                .iter()
                .copied()
                .filter(|v| *v != UNKNOWN)
                .collect();
            let mut sorted = offered.clone();
            sorted.sort_unstable();
            let mut all = wanted.clone();
            all.sort_unstable();
            assert_eq!(
                sorted, all,
                "`{}` must offer every value of its field, once",
                q.id
            );
            assert!(
                q.options.iter().all(|(_, l)| !l.is_empty()),
                "`{}` has an empty label",
                q.id
            );
        }
    }

    #[test]
    fn conditions_name_values_their_parents_have_and_reach_only_up_the_scopes() {
        for q in QUESTIONS {
            let (values, any_item): (Vec<&str>, bool) = match q.when {
                When::Always => (vec![], false),
                When::Is(_, v) | When::AnyIs(_, v) => (vec![v], false),
                When::IsNot(_, vs) => (vs.to_vec(), false),
                When::AnyItem(_, v) => (vec![v], true),
            };
            for p in parents(q.when) {
                for v in &values {
                    assert!(
                        p.slot.values.contains(v),
                        "`{}` waits for `{}` = `{v}`, which it can't be",
                        q.id,
                        p.id
                    );
                }
                if any_item {
                    assert!(
                        q.scope == Scope::Tenant && p.scope != Scope::Tenant,
                        "`{}`",
                        q.id
                    );
                } else {
                    assert!(
                        p.scope == q.scope || p.scope == Scope::Tenant,
                        "`{}` reads `{}` of another item",
                        q.id,
                        p.id
                    );
                }
                assert!(!std::ptr::eq(p, *q), "`{}` waits on itself", q.id);
            }
        }
    }

    #[test]
    fn every_question_says_how_to_find_out_and_cites_known_sources() {
        let cat = crate::catalogue::load().unwrap();
        for q in QUESTIONS {
            assert!(
                q.how_to_find.len() > 20,
                "`{}` has no \"How to find out\"",
                q.id
            );
            assert!(!q.sources.is_empty(), "`{}` cites no source", q.id);
            for s in q.sources {
                assert!(
                    cat.sources.iter().any(|x| x.id == *s),
                    "`{}` cites unknown source `{s}`",
                    q.id
                );
            }
        }
    }

    #[test]
    fn geography_labels_are_the_engines() {
        for (value, label) in GEOS {
            let geo: Geo = value.parse().unwrap();
            assert_eq!(geo.label(), *label);
        }
    }

    #[test]
    fn gates_follow_the_parent_chain() {
        let mut a = Answers::default();
        assert_eq!(
            FNO_DEMAND_PLANNING.gate(&a, 0),
            Gate::Pending,
            "F&O use unknown"
        );
        a.finance_operations.used = Some(YesNo::No);
        assert_eq!(
            FNO_DEMAND_PLANNING.fact(&a, 0),
            NOT_APPLICABLE,
            "no F&O, no Demand planning"
        );
        a.finance_operations.used = Some(YesNo::Yes);
        assert_eq!(
            FNO_DEMAND_PLANNING.gate(&a, 0),
            Gate::Pending,
            "waits on Supply Chain"
        );
        a.finance_operations.supply_chain = Some(YesNo::Yes);
        assert_eq!(FNO_DEMAND_PLANNING.gate(&a, 0), Gate::Open);
        assert_eq!(
            FNO_DEMAND_PLANNING.fact(&a, 0),
            UNKNOWN,
            "asked, not answered"
        );
        // Any of several parents.
        a.addins.tax_calculation = Some(YesNo::No);
        assert_eq!(ADDIN_STANDALONE_RCS.gate(&a, 0), Gate::Pending);
        a.addins.electronic_invoicing = Some(YesNo::Yes);
        assert_eq!(ADDIN_STANDALONE_RCS.gate(&a, 0), Gate::Open);
        // Any item of a list; none means not asked, though the list may still be filled in.
        assert_eq!(PA_HOSTED_RPA.gate(&a, 0), Gate::Closed);
        assert!(PA_HOSTED_RPA.when.waits_on_a_list(&a));
        ItemList::Environments.add(&mut a, "A".into());
        ItemList::Environments.add(&mut a, "B".into());
        a.environments[0].apps.power_automate = Some(YesNo::No);
        assert_eq!(PA_HOSTED_RPA.gate(&a, 0), Gate::Pending, "B not answered");
        a.environments[1].apps.power_automate = Some(YesNo::Yes);
        assert_eq!(PA_HOSTED_RPA.gate(&a, 0), Gate::Open);
        // "Not none": asked about a key that exists, or may.
        assert_eq!(KEY_TYPE.gate(&a, 0), Gate::Pending);
        a.key.store = Some(KeyStore::Unknown);
        assert_eq!(KEY_TYPE.gate(&a, 0), Gate::Open);
        a.key.store = Some(KeyStore::None);
        assert_eq!(KEY_TYPE.fact(&a, 0), NOT_APPLICABLE);
        // Per item: each environment's own answer.
        a.environments[1].apps.sales = Some(YesNo::Yes);
        assert_eq!(ENV_SALES_FORECASTING.gate(&a, 0), Gate::Pending);
        assert_eq!(ENV_SALES_FORECASTING.gate(&a, 1), Gate::Open);
    }
}
