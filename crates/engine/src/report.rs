//! The report: plain serialisable data derived from answers by [`crate::evaluate`].
//!
//! Key control and data residency are two separate verdicts on purpose: a customer-managed key
//! decides who can decrypt data at rest, not where the data lives. Every finding carries the rule
//! that produced it, the sources it rests on and their dates, so each line can be checked.

use serde::Serialize;

use crate::model::{ComponentId, Evidence, Priority, ResidencyLevel, Severity, Status};

/// Text that comes from the catalogue, borrowed rather than copied into every report.
pub type Text = &'static str;

/// The report format version (independent of the answers format).
pub const REPORT_VERSION: u32 = 1;

/// A full sovereignty report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Report format version.
    pub report_version: u32,
    /// Version of the rules catalogue that produced it.
    pub rules_version: Text,
    /// How old the facts are.
    pub facts: FactsAge,
    /// Verdict 1: who holds the key.
    pub key_control: KeyControl,
    /// Verdict 2: where the data lives.
    pub residency: ResidencyVerdict,
    /// Every component in scope, with its status and why.
    pub components: Vec<ComponentFinding>,
    /// What prevents the customer's key from applying.
    pub blockers: Vec<Finding>,
    /// Operational risks, most severe first.
    pub risks: Vec<RiskFinding>,
    /// What to do, most important first.
    pub actions: Vec<ActionItem>,
    /// Where to look for every unanswered or "I don't know" question.
    pub verify: Vec<VerifyStep>,
}

/// How current the facts behind the report are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactsAge {
    /// When the catalogue was compiled (ISO date).
    pub compiled: Text,
    /// The newest documentation date any fired rule rests on.
    pub newest_source: Option<Text>,
    /// The oldest documentation date any fired rule rests on.
    pub oldest_source: Option<Text>,
    /// A sentence for the reader.
    pub note: Text,
}

/// The key-control verdict: counts over in-scope components.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KeyControl {
    /// Components in scope (status other than not applicable).
    pub in_scope: usize,
    /// Under the customer's key.
    pub customer_key: usize,
    /// Partly under it.
    pub partial: usize,
    /// On a Microsoft-managed key.
    pub microsoft_key: usize,
    /// Blocked from the customer's key.
    pub blocked: usize,
    /// Still to verify.
    pub verify: usize,
    /// One sentence.
    pub headline: String,
}

/// The residency verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResidencyVerdict {
    /// Findings that put data outside the stated requirement.
    pub gaps: usize,
    /// Findings that depend on unknown answers or unconfirmed facts.
    pub to_verify: usize,
    /// One sentence.
    pub headline: String,
    /// Every residency finding, gaps first.
    pub findings: Vec<ResidencyFinding>,
}

/// Where a finding applies: the tenant, or one named item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// Kind of item (`tenant`, `environment`, …).
    pub scope: String,
    /// The item's id (empty for the tenant).
    pub id: String,
    /// The item's name (empty for the tenant).
    pub name: String,
}

impl Place {
    /// "Production (environment)", or "Tenant".
    pub fn describe(&self) -> String {
        if self.name.is_empty() {
            "Tenant-wide".to_owned()
        } else {
            let kind = match self.scope.as_str() {
                "environment" => "environment",
                "fo_environment" => "finance and operations environment",
                "scale_unit" => "Commerce Scale Unit",
                "bc_environment" => "Business Central environment",
                other => other,
            };
            format!("{} ({kind})", self.name)
        }
    }
}

/// A source as cited on a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Register id.
    pub id: Text,
    /// Title.
    pub title: Text,
    /// Link.
    pub url: Option<Text>,
    /// Version date of the document.
    pub date: Option<Text>,
}

/// One rule that fired, with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id.
    pub rule: Text,
    /// The component, for coverage rules.
    pub component: Option<ComponentId>,
    /// Where.
    pub place: Place,
    /// The status this rule gives (coverage rules).
    pub status: Option<Status>,
    /// Why.
    pub reason: Text,
    /// Evidence level.
    pub evidence: Evidence,
    /// Sources.
    pub sources: &'static [Citation],
    /// Documentation date the rule rests on.
    pub as_of: Option<Text>,
    /// Section of the facts file.
    pub section: Option<Text>,
    /// Action id, if the rule recommends one.
    pub action: Option<Text>,
}

/// A component's status in one place, and the rules behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentFinding {
    /// Which component.
    pub component: ComponentId,
    /// Its display name.
    pub name: Text,
    /// Where.
    pub place: Place,
    /// The combined status.
    pub status: Status,
    /// The rules that fired, most severe first.
    pub findings: Vec<Finding>,
}

/// A risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskFinding {
    /// How serious.
    pub severity: Severity,
    /// The rule and its explanation.
    pub finding: Finding,
}

/// A residency finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResidencyFinding {
    /// Gap, verify or note.
    pub level: ResidencyLevel,
    /// The rule and its explanation.
    pub finding: Finding,
}

/// A recommended action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionItem {
    /// Action id (what-if toggles use it).
    pub id: Text,
    /// How soon.
    pub priority: Priority,
    /// What to do.
    pub title: Text,
    /// How.
    pub detail: Text,
    /// Where it applies.
    pub places: Vec<Place>,
    /// Components that would move to the customer's key if this action alone were done.
    pub brings_under_customer_key: Vec<ComponentRef>,
    /// The rules that recommend it.
    pub rules: Vec<Text>,
}

/// A component in a place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ComponentRef {
    /// Which component.
    pub component: ComponentId,
    /// Where.
    pub place: Place,
}

/// What to check for an unknown answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyStep {
    /// The answer field.
    pub field: Text,
    /// Where.
    pub place: Place,
    /// The question to settle.
    pub question: Text,
    /// Where to look.
    pub how_to_find: Text,
    /// Sources of that guidance.
    pub sources: &'static [Citation],
}
