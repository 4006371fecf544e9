//! The coverage catalogue: rules as data, embedded at compile time and checked on load.
//!
//! `data/` holds the source register, the actions, named predicates, the "how to find out" guide
//! for every question, and the rules split by topic. Each file is deserialised into a *syntax* type
//! (as written, `deny_unknown_fields`) and then validated into the types the evaluator uses: field
//! names resolved to indices, values to bit masks, sources and actions to entries that exist. The
//! tests in `tests/catalogue.rs` load it, so the `expect` on [`CATALOGUE`] can't fire in a browser.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::error::CatalogueError;
use crate::facts::{Facts, FIELDS};
use crate::model::{ComponentId, Evidence, Priority, ResidencyLevel, Scope, Severity, Status};

/// The rule files, by topic. Listed by hand (not globbed) so a new file can't be silently missed;
/// a test checks this list against the `data/rules` folder.
pub const RULE_FILES: &[(&str, &str)] = &[
    (
        "rules/dataverse.json",
        include_str!("../data/rules/dataverse.json"),
    ),
    (
        "rules/power_automate.json",
        include_str!("../data/rules/power_automate.json"),
    ),
    (
        "rules/copilot_studio.json",
        include_str!("../data/rules/copilot_studio.json"),
    ),
    (
        "rules/customer_engagement.json",
        include_str!("../data/rules/customer_engagement.json"),
    ),
    (
        "rules/platform.json",
        include_str!("../data/rules/platform.json"),
    ),
    (
        "rules/finance_operations.json",
        include_str!("../data/rules/finance_operations.json"),
    ),
    (
        "rules/commerce.json",
        include_str!("../data/rules/commerce.json"),
    ),
    (
        "rules/business_central.json",
        include_str!("../data/rules/business_central.json"),
    ),
    (
        "rules/key_management.json",
        include_str!("../data/rules/key_management.json"),
    ),
    (
        "rules/licensing.json",
        include_str!("../data/rules/licensing.json"),
    ),
    (
        "rules/residency.json",
        include_str!("../data/rules/residency.json"),
    ),
];

const META: &str = include_str!("../data/catalogue.json");
const SOURCES: &str = include_str!("../data/sources.json");
const ACTIONS: &str = include_str!("../data/actions.json");
const PREDICATES: &str = include_str!("../data/predicates.json");
const GUIDE: &str = include_str!("../data/guide.json");

// ---------------------------------------------------------------- syntax (as written)

/// Catalogue metadata as written in `catalogue.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaSyntax {
    version: String,
    compiled: String,
    facts_note: String,
}

/// A condition as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum ConditionSyntax {
    /// Every condition holds (an empty list always holds).
    All(Vec<ConditionSyntax>),
    /// At least one holds.
    Any(Vec<ConditionSyntax>),
    /// The condition doesn't hold.
    Not(Box<ConditionSyntax>),
    /// `[field, value]`: the field has that value.
    Is(String, String),
    /// `[field, [values]]`: the field has one of the values.
    In(String, Vec<String>),
    /// A named predicate from `predicates.json`.
    Ref(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
enum OutcomeSyntax {
    Coverage {
        component: ComponentId,
        status: Status,
    },
    Risk(Severity),
    Residency(ResidencyLevel),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExamplesSyntax {
    #[serde(rename = "match")]
    matching: Vec<BTreeMap<String, String>>,
    #[serde(default)]
    no_match: Vec<BTreeMap<String, String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSyntax {
    id: String,
    scope: Scope,
    outcome: OutcomeSyntax,
    when: ConditionSyntax,
    reason: String,
    #[serde(default)]
    action: Option<String>,
    evidence: Evidence,
    sources: Vec<String>,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    section: Option<String>,
    examples: ExamplesSyntax,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionSyntax {
    id: String,
    title: String,
    detail: String,
    priority: Priority,
    #[serde(default)]
    sets: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GuideSyntax {
    field: String,
    question: String,
    how_to_find: String,
    #[serde(default)]
    sources: Vec<String>,
}

// ---------------------------------------------------------------- validated

/// A source document from the register in coverage-facts.md.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Register id, e.g. `PP-CMK`.
    pub id: String,
    /// Document title.
    pub title: String,
    /// Where to read it (Microsoft Learn where there is one).
    pub url: Option<String>,
    /// The version date seen (ISO date), if the document has one.
    pub date: Option<String>,
    /// The evidence level of the document.
    pub evidence: Evidence,
}

/// A compiled condition over one fact vector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one holds.
    Any(Vec<Condition>),
    /// Negation.
    Not(Box<Condition>),
    /// The field's value index is in the mask.
    Test {
        /// Field index in [`FIELDS`].
        field: usize,
        /// Bit `v` set when value index `v` matches.
        mask: u64,
    },
}

impl Condition {
    /// Whether the condition holds for these facts.
    pub fn holds(&self, facts: &Facts) -> bool {
        match self {
            Condition::All(cs) => cs.iter().all(|c| c.holds(facts)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(facts)),
            Condition::Not(c) => !c.holds(facts),
            Condition::Test { field, mask } => mask & (1u64 << facts.get(*field)) != 0,
        }
    }

    fn fields(&self, out: &mut Vec<usize>) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.fields(out)),
            Condition::Not(c) => c.fields(out),
            Condition::Test { field, .. } => out.push(*field),
        }
    }

    /// Whether the condition is the empty `all` (always true).
    pub fn is_always(&self) -> bool {
        matches!(self, Condition::All(cs) if cs.is_empty())
    }
}

/// What a rule produces when it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A component's key status.
    Coverage {
        /// The component.
        component: ComponentId,
        /// Its status according to this rule.
        status: Status,
    },
    /// An operational risk.
    Risk(Severity),
    /// A data residency finding (a separate verdict from key control).
    Residency(ResidencyLevel),
}

/// A validated rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, e.g. `dataverse.not-managed`.
    pub id: String,
    /// What it is evaluated over.
    pub scope: Scope,
    /// What it produces.
    pub outcome: Outcome,
    /// When it fires.
    pub when: Condition,
    /// Plain-language reason shown in the report.
    pub reason: String,
    /// Index into [`Catalogue::actions`].
    pub action: Option<usize>,
    /// Evidence level of the claim.
    pub evidence: Evidence,
    /// Source register ids.
    pub sources: Vec<String>,
    /// The date of the documentation the rule rests on (ISO), when known.
    pub as_of: Option<String>,
    /// Section of coverage-facts.md.
    pub section: Option<String>,
    /// Facts that must make the rule fire.
    pub examples: Vec<Facts>,
    /// Facts that must not.
    pub counter_examples: Vec<Facts>,
}

/// A validated action.
#[derive(Debug, Clone)]
pub struct Action {
    /// Stable id.
    pub id: String,
    /// Imperative title.
    pub title: String,
    /// How to do it.
    pub detail: String,
    /// How soon.
    pub priority: Priority,
    /// What the answers would say once it is done: `(field index, value index)`. Empty for
    /// actions that don't change coverage (checks, runbooks).
    pub sets: Vec<(usize, u8)>,
    /// Whether any coverage rule reads a field the action sets: only then can doing it bring a
    /// component under the key, so only then is it worth re-evaluating the estate to find out.
    pub can_change_coverage: bool,
}

/// "How to find out" for one question.
#[derive(Debug, Clone)]
pub struct Guide {
    /// The question, as the report's verify step phrases it.
    pub question: String,
    /// Where to look: admin center path or cmdlet.
    pub how_to_find: String,
    /// Source register ids.
    pub sources: Vec<String>,
}

/// The whole validated catalogue.
#[derive(Debug)]
pub struct Catalogue {
    /// Rules version, shown on every report.
    pub version: String,
    /// When the facts were compiled (ISO date).
    pub compiled: String,
    /// A sentence on how current the facts are.
    pub facts_note: String,
    /// The source register.
    pub sources: Vec<Source>,
    /// Actions.
    pub actions: Vec<Action>,
    /// Rules, in file order.
    pub rules: Vec<Rule>,
    /// Guide per field index.
    pub guide: HashMap<usize, Guide>,
    /// Coverage rule indices per component (position in [`ComponentId::ALL`]), in file order.
    pub(crate) coverage_rules: Vec<Vec<usize>>,
    /// Risk and residency rule indices per scope (position in [`Scope::ALL`]), in file order.
    pub(crate) other_rules: Vec<Vec<usize>>,
}

impl Catalogue {
    /// A source by id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    /// An action by id.
    pub fn action(&self, id: &str) -> Option<usize> {
        self.actions.iter().position(|a| a.id == id)
    }
    /// The newest documentation date any rule rests on.
    pub fn newest_doc_date(&self) -> Option<&str> {
        self.rules.iter().filter_map(|r| r.as_of.as_deref()).max()
    }
}

/// The embedded catalogue.
#[expect(
    clippy::expect_used,
    reason = "embedded data, validated by the catalogue tests"
)]
pub static CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| load().expect("embedded catalogue is valid (checked by tests/catalogue.rs)"));

fn parse<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    text: &str,
) -> Result<T, CatalogueError> {
    serde_json::from_str(text).map_err(|e| CatalogueError::Parse {
        file,
        message: e.to_string(),
    })
}

/// Loads and validates the embedded catalogue.
pub fn load() -> Result<Catalogue, CatalogueError> {
    let meta: MetaSyntax = parse("catalogue.json", META)?;
    let sources: Vec<Source> = parse("sources.json", SOURCES)?;
    let source_ids: HashSet<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    if source_ids.len() != sources.len() {
        return Err(CatalogueError::Other(
            "duplicate source id in sources.json".into(),
        ));
    }
    for s in &sources {
        if let Some(d) = &s.date {
            check_date(d).map_err(|m| CatalogueError::Other(format!("source `{}`: {m}", s.id)))?;
        }
    }

    let predicates: BTreeMap<String, ConditionSyntax> = parse("predicates.json", PREDICATES)?;

    let action_syntax: Vec<ActionSyntax> = parse("actions.json", ACTIONS)?;
    let mut actions = Vec::new();
    for a in action_syntax {
        let mut sets = Vec::new();
        for (field, value) in &a.sets {
            let f = FIELDS.index(field).ok_or_else(|| {
                CatalogueError::Other(format!("action `{}` sets unknown field `{field}`", a.id))
            })?;
            let v = FIELDS.value_index(f, value).ok_or_else(|| {
                CatalogueError::Other(format!(
                    "action `{}` sets `{field}` to unknown value `{value}`",
                    a.id
                ))
            })?;
            sets.push((f, v));
        }
        if actions.iter().any(|x: &Action| x.id == a.id) {
            return Err(CatalogueError::Other(format!(
                "duplicate action `{}`",
                a.id
            )));
        }
        actions.push(Action {
            id: a.id,
            title: a.title,
            detail: a.detail,
            priority: a.priority,
            sets,
            can_change_coverage: false,
        });
    }

    let guide_syntax: Vec<GuideSyntax> = parse("guide.json", GUIDE)?;
    let mut guide = HashMap::new();
    for g in guide_syntax {
        let f = FIELDS.index(&g.field).ok_or_else(|| {
            CatalogueError::Other(format!("guide names unknown field `{}`", g.field))
        })?;
        for s in &g.sources {
            if !source_ids.contains(s.as_str()) {
                return Err(CatalogueError::Other(format!(
                    "guide for `{}` cites unknown source `{s}`",
                    g.field
                )));
            }
        }
        if guide
            .insert(
                f,
                Guide {
                    question: g.question,
                    how_to_find: g.how_to_find,
                    sources: g.sources,
                },
            )
            .is_some()
        {
            return Err(CatalogueError::Other(format!(
                "two guide entries for `{}`",
                g.field
            )));
        }
    }

    let mut rules = Vec::new();
    let mut ids = HashSet::new();
    for (file, text) in RULE_FILES {
        let syntax: Vec<RuleSyntax> = parse(file, text)?;
        for r in syntax {
            let err = |message: String| CatalogueError::Rule {
                rule: r.id.clone(),
                message,
            };
            if !well_formed_id(&r.id) {
                return Err(err(
                    "id must be dotted lowercase words, e.g. `dataverse.not-managed`".into(),
                ));
            }
            if !ids.insert(r.id.clone()) {
                return Err(err("duplicate id".into()));
            }
            let when = compile(&r.when, r.scope, &predicates, 0).map_err(&err)?;
            let outcome = match r.outcome {
                OutcomeSyntax::Coverage { component, status } => {
                    if component.scope() != r.scope {
                        return Err(err(format!(
                            "component `{component}` is evaluated per {}, not per {}",
                            component.scope(),
                            r.scope
                        )));
                    }
                    if status == Status::CustomerKey && !r.evidence.is_authoritative() {
                        return Err(err(
                            "an inferred or third-party fact can't claim a flat customer key: use `verify`".into(),
                        ));
                    }
                    Outcome::Coverage { component, status }
                }
                OutcomeSyntax::Risk(s) => Outcome::Risk(s),
                OutcomeSyntax::Residency(l) => Outcome::Residency(l),
            };
            if r.reason.trim().is_empty() {
                return Err(err("empty reason".into()));
            }
            if r.sources.is_empty() {
                return Err(err("cites no source".into()));
            }
            for s in &r.sources {
                if !source_ids.contains(s.as_str()) {
                    return Err(err(format!("cites unknown source `{s}`")));
                }
            }
            if let Some(d) = &r.as_of {
                check_date(d).map_err(&err)?;
            }
            let action = match &r.action {
                Some(a) => Some(
                    actions
                        .iter()
                        .position(|x| &x.id == a)
                        .ok_or_else(|| err(format!("unknown action `{a}`")))?,
                ),
                None => None,
            };
            let facts = |pairs: &BTreeMap<String, String>| {
                Facts::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(&err)
            };
            let examples = r
                .examples
                .matching
                .iter()
                .map(facts)
                .collect::<Result<Vec<_>, _>>()?;
            let counter_examples = r
                .examples
                .no_match
                .iter()
                .map(facts)
                .collect::<Result<Vec<_>, _>>()?;
            if examples.is_empty() {
                return Err(err("needs at least one example that fires it".into()));
            }
            if counter_examples.is_empty() && !when.is_always() {
                return Err(err(
                    "needs at least one example that must not fire it".into()
                ));
            }
            rules.push(Rule {
                id: r.id,
                scope: r.scope,
                outcome,
                when,
                reason: r.reason,
                action,
                evidence: r.evidence,
                sources: r.sources,
                as_of: r.as_of,
                section: r.section,
                examples,
                counter_examples,
            });
        }
    }
    let coverage_fields: HashSet<usize> = rules
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Coverage { .. }))
        .flat_map(Rule::fields)
        .collect();
    for action in &mut actions {
        action.can_change_coverage = action.sets.iter().any(|(f, _)| coverage_fields.contains(f));
    }

    // Indexes so the evaluator looks only at the rules that can apply to a place.
    let mut coverage_rules = vec![Vec::new(); ComponentId::ALL.len()];
    let mut other_rules = vec![Vec::new(); Scope::ALL.len()];
    for (i, rule) in rules.iter().enumerate() {
        let slot = match rule.outcome {
            Outcome::Coverage { component, .. } => ComponentId::ALL
                .iter()
                .position(|c| *c == component)
                .and_then(|p| coverage_rules.get_mut(p)),
            _ => Scope::ALL
                .iter()
                .position(|s| *s == rule.scope)
                .and_then(|p| other_rules.get_mut(p)),
        };
        if let Some(list) = slot {
            list.push(i);
        }
    }
    Ok(Catalogue {
        coverage_rules,
        other_rules,
        version: meta.version,
        compiled: meta.compiled,
        facts_note: meta.facts_note,
        sources,
        actions,
        rules,
        guide,
    })
}

fn well_formed_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && !p.starts_with('-')
                && !p.ends_with('-')
                && !p.contains("--")
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

fn check_date(d: &str) -> Result<(), String> {
    let ok = d.len() == 10
        && d.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if ok {
        Ok(())
    } else {
        Err(format!("`{d}` is not an ISO date (YYYY-MM-DD)"))
    }
}

fn compile(
    c: &ConditionSyntax,
    scope: Scope,
    predicates: &BTreeMap<String, ConditionSyntax>,
    depth: usize,
) -> Result<Condition, String> {
    if depth > 16 {
        return Err("predicates nest too deeply (a cycle?)".into());
    }
    let test = |field: &str, values: &[&str]| -> Result<Condition, String> {
        let f = FIELDS
            .index(field)
            .ok_or_else(|| format!("condition names unknown field `{field}`"))?;
        let def = FIELDS.defs.get(f).ok_or("field table out of range")?;
        if def.scope != scope && def.scope != Scope::Tenant {
            return Err(format!(
                "field `{field}` belongs to {} rules, not {scope}",
                def.scope
            ));
        }
        let mut mask = 0u64;
        for v in values {
            let i = FIELDS.value_index(f, v).ok_or_else(|| {
                format!(
                    "`{v}` is not a value of `{field}` (allowed: {})",
                    def.values.join(", ")
                )
            })?;
            mask |= 1u64 << i;
        }
        Ok(Condition::Test { field: f, mask })
    };
    Ok(match c {
        ConditionSyntax::All(cs) => Condition::All(
            cs.iter()
                .map(|c| compile(c, scope, predicates, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        ConditionSyntax::Any(cs) => Condition::Any(
            cs.iter()
                .map(|c| compile(c, scope, predicates, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        ConditionSyntax::Not(c) => {
            Condition::Not(Box::new(compile(c, scope, predicates, depth + 1)?))
        }
        ConditionSyntax::Is(f, v) => test(f, &[v.as_str()])?,
        ConditionSyntax::In(f, vs) => test(f, &vs.iter().map(String::as_str).collect::<Vec<_>>())?,
        ConditionSyntax::Ref(name) => {
            let p = predicates
                .get(name)
                .ok_or_else(|| format!("unknown predicate `{name}`"))?;
            compile(p, scope, predicates, depth + 1)?
        }
    })
}

impl Rule {
    /// Field indices the rule's condition reads.
    pub fn fields(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.when.fields(&mut out);
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        assert!(well_formed_id("dataverse.not-managed"));
        assert!(well_formed_id("fo.cloud-hosted.v2"));
        assert!(!well_formed_id("dataverse"));
        assert!(!well_formed_id("Dataverse.x"));
        assert!(!well_formed_id("a..b"));
        assert!(!well_formed_id("a.-b"));
    }

    #[test]
    fn dates_are_checked() {
        assert!(check_date("2025-06-09").is_ok());
        assert!(check_date("6/9/2025").is_err());
    }
}
