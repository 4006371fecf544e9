//! The report: plain serialisable data derived from answers by [`crate::evaluate`].
//!
//! Key control, data residency and operator access are three separate verdicts on purpose: a
//! customer-managed key decides who can decrypt data at rest, not where the data lives, and not who
//! at Microsoft can look at it while a service has it decrypted in memory (Customer Lockbox's job). Every finding carries the rule
//! that produced it, the sources it rests on and their dates, so each line can be checked.

use serde::Serialize;
use std::rc::Rc;

use crate::lists::ItemList;
use crate::model::{ComponentId, Evidence, Priority, ResidencyLevel, Scope, Severity, Status};

/// Text that comes from the catalogue, borrowed rather than copied into every report.
pub type Text = &'static str;

/// The report format version (independent of the answers format).
pub const REPORT_VERSION: u32 = 3;

/// "1 gap", "2 gaps": the report never prints "gap(s)".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What an action alone would change, in words ("brings 5 components under your key; closes 1
/// residency gap"), for "Do this first", the list of actions and the Markdown brief; `None` when
/// the report can't measure its effect.
pub fn effect(a: &ActionItem) -> Option<String> {
    let mut parts = Vec::new();
    if !a.brings_under_customer_key.is_empty() {
        let n = a.brings_under_customer_key.len();
        parts.push(format!(
            "brings {} under your key",
            count(n, "component", "components")
        ));
    }
    if a.closes_residency_gaps > 0 {
        let n = a.closes_residency_gaps;
        parts.push(format!(
            "closes {}",
            count(n, "residency gap", "residency gaps")
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// "Draft — 7 questions unanswered", the one wording every output uses (the screen, the printed
/// pages, the Markdown brief, the CSV and the key-control verdict); `None` for a complete report.
pub fn draft_notice(unanswered: usize) -> Option<String> {
    (unanswered > 0).then(|| {
        format!(
            "Draft — {} unanswered",
            count(unanswered, "question", "questions")
        )
    })
}

/// A full sovereignty report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Report format version.
    pub report_version: u32,
    /// Answers the assessment still needs (`questions::unanswered`): not zero, the report is a
    /// draft, and says so on screen, on every printed page and in every export.
    pub draft: usize,
    /// Version of the rules catalogue that produced it.
    pub rules_version: Text,
    /// How old the facts are.
    pub facts: FactsAge,
    /// Verdict 1: who holds the key.
    pub key_control: KeyControl,
    /// Verdict 2: where the data lives.
    pub residency: Verdict,
    /// Verdict 3: who can look at the data while it is in use (Customer Lockbox). Counted apart
    /// from the other two: the key protects data at rest, not data in use.
    pub operator_access: Verdict,
    /// What a customer-managed key does not do, beyond the residency notes and the exclusions.
    pub limits: Vec<Finding>,
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
    /// What the evidence tags on each finding ([P], [Px], [S], [I]) mean.
    pub evidence_legend: Text,
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
    /// Of those on a Microsoft-managed key, how many no action of the customer's can change
    /// (Microsoft's design today: platform metadata, LCS data …).
    pub never: usize,
    /// One sentence.
    pub headline: String,
}

/// A verdict made of gaps, points to verify and notes: data residency, and operator access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Findings that miss the requirement (data outside the stated geography; access without
    /// the customer's approval).
    pub gaps: usize,
    /// Findings that depend on unknown answers or unconfirmed facts.
    pub to_verify: usize,
    /// One sentence.
    pub headline: String,
    /// Every finding, gaps first.
    pub findings: Vec<LevelledFinding>,
}

/// Where a finding applies: the tenant, or one named item.
///
/// The id and name are shared (`Rc<str>`): one place is named by every finding, action and
/// verify step made there — hundreds in a large estate — and a copy is a count, not a string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// Kind of place: the tenant, or the list the item is in (`environment`, `fo_environment`, …).
    pub scope: Scope,
    /// The item's id (empty for the tenant).
    pub id: Rc<str>,
    /// The item's name (empty for the tenant).
    pub name: Rc<str>,
}

impl Place {
    /// "Production (environment)", or "Tenant".
    pub fn describe(&self) -> String {
        if self.name.is_empty() {
            "Tenant-wide".to_owned()
        } else {
            format!("{} ({})", self.name, self.kind())
        }
    }

    /// The kind of item in words ("finance and operations environment").
    pub fn kind(&self) -> &'static str {
        ItemList::of_scope(self.scope).map_or("tenant", ItemList::noun)
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

impl ComponentFinding {
    /// The sources its rules cite, once each, in the order the rules give them.
    pub fn citations(&self) -> Vec<Citation> {
        let mut cites: Vec<Citation> = Vec::new();
        for s in self.findings.iter().flat_map(|f| f.sources.iter()) {
            if !cites.iter().any(|x| x.id == s.id) {
                cites.push(*s);
            }
        }
        cites
    }
}

/// A risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskFinding {
    /// How serious.
    pub severity: Severity,
    /// The rule and its explanation.
    pub finding: Finding,
}

impl Verdict {
    /// Where the gaps are, once each in order (a tenant-wide gap has the tenant's place, with no name).
    pub fn gap_places(&self) -> Vec<&Place> {
        let mut places: Vec<&Place> = Vec::new();
        for f in self
            .findings
            .iter()
            .filter(|f| f.level == ResidencyLevel::Gap)
        {
            if !places.contains(&&f.finding.place) {
                places.push(&f.finding.place);
            }
        }
        places
    }
}

/// A residency or operator-access finding, with its level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelledFinding {
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
    /// Residency gaps it would close if it alone were done (moving an environment).
    pub closes_residency_gaps: usize,
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

impl Report {
    /// Every source the report cites (findings and verify steps), once each, by id: the brief's
    /// list of sources.
    pub fn cited_sources(&self) -> Vec<Citation> {
        let mut all: Vec<Citation> = Vec::new();
        let findings = self
            .components
            .iter()
            .flat_map(|c| c.findings.iter())
            .chain(self.risks.iter().map(|r| &r.finding))
            .chain(self.residency.findings.iter().map(|r| &r.finding))
            .chain(self.operator_access.findings.iter().map(|r| &r.finding))
            .chain(self.limits.iter());
        let cited = findings
            .flat_map(|f| f.sources.iter())
            .chain(self.verify.iter().flat_map(|v| v.sources.iter()));
        for c in cited {
            if !all.iter().any(|s| s.id == c.id) {
                all.push(*c);
            }
        }
        crate::sort::sort_by(&mut all, |a, b| a.id.cmp(b.id));
        all
    }
}

impl Report {
    /// "What CMK does not do": the limits (data in use, legal demands, revoking the key), the
    /// tenant-wide residency notes (CMK is not residency, global services) and the tenant-wide
    /// exclusions that stay on a Microsoft-managed key.
    pub fn cmk_limits(&self) -> Vec<&Finding> {
        let notes = self
            .residency
            .findings
            .iter()
            .filter(|f| is_tenant_note(f))
            .map(|f| &f.finding);
        let exclusions = self
            .components
            .iter()
            .filter(|c| c.place.id.is_empty() && c.status == Status::MicrosoftKey)
            .flat_map(|c| c.findings.iter())
            .filter(|f| f.status == Some(Status::MicrosoftKey));
        self.limits.iter().chain(notes).chain(exclusions).collect()
    }

    /// The residency findings about the estate itself (everything but [`Report::cmk_limits`]'s notes).
    pub fn located_residency(&self) -> impl Iterator<Item = &LevelledFinding> {
        self.residency
            .findings
            .iter()
            .filter(|f| !is_tenant_note(f))
    }
}

fn is_tenant_note(f: &LevelledFinding) -> bool {
    f.level == ResidencyLevel::Note && f.finding.place.id.is_empty()
}

/// The printed brief's cover: document details typed by the user, the date and the brand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cover {
    /// Document title.
    pub title: String,
    /// The organisation assessed.
    pub organisation: Option<String>,
    /// Who prepared it.
    pub prepared_by: Option<String>,
    /// The date (ISO).
    pub date: String,
    /// Classification label.
    pub classification: Option<String>,
}

impl Cover {
    /// The cover for an assessment on `date`, from the answers' brief details.
    pub fn new(brief: &crate::answers::Brief, date: &str) -> Cover {
        let clean = |t: &Option<String>| {
            t.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        Cover {
            title: "Sovereignty report".to_owned(),
            organisation: clean(&brief.organisation),
            prepared_by: clean(&brief.prepared_by),
            date: date.to_owned(),
            classification: clean(&brief.classification),
        }
    }
}
