//! The coverage catalogue: rules as data, checked at build time, resolved on load.
//!
//! `data/` holds the source register, the actions, named predicates and the rules split by topic;
//! each question's "how to find out" comes from its definition in [`crate::questions`]. Their shape is defined once, in
//! [`crate::rule_shape`]: `build.rs` reads and checks the files with it (ids, enum values, cited
//! sources, actions and predicates, dates, examples present — a bad file stops the build naming
//! the file and the rule) and turns them into the static literals below (`*Data` types). [`load`]
//! then resolves what only the running crate knows — fact names to indices, values to bit masks,
//! action ids to positions — and fails with a [`CatalogueError`] on any name that doesn't
//! resolve, in the browser too; in native builds it also runs every rule's examples. The tests in
//! `tests/catalogue.rs` load it, so the `expect` on [`CATALOGUE`] can't fire in a browser.

use std::sync::LazyLock;

use crate::prose::ProseRef;

use crate::error::CatalogueError;
use crate::evaluate::Derived;
use crate::facts::{Facts, FIELDS};
use crate::model::{ComponentId, Evidence, Priority, ResidencyLevel, Scope, Severity, Status};
use crate::questions::QUESTIONS;
use crate::report::Citation;

// ---------------------------------------------------------------- data (as written)

/// Catalogue metadata (`catalogue.json`).
pub(crate) struct MetaData {
    version: &'static str,
    compiled: &'static str,
    facts_note: ProseRef,
    evidence_legend: ProseRef,
}

/// A condition as written in the data files.
#[derive(Debug)]
pub enum Cond {
    /// Every condition holds (an empty list always holds).
    All(&'static [Cond]),
    /// At least one holds.
    Any(&'static [Cond]),
    /// The condition doesn't hold.
    Not(&'static Cond),
    /// The field has one of the values (`is` in JSON is `in` with one value).
    In(&'static str, &'static [&'static str]),
    /// A named predicate from `predicates.json`.
    Ref(&'static str),
}

/// What a rule produces, as written.
pub(crate) enum OutcomeData {
    Coverage(ComponentId, Status),
    Risk(Severity),
    Residency(ResidencyLevel),
    Access(ResidencyLevel),
    Limit,
}

/// A rule as written.
pub(crate) struct RuleData {
    #[cfg(not(target_arch = "wasm32"))]
    file: &'static str,
    id: &'static str,
    scope: Scope,
    outcome: OutcomeData,
    when: Cond,
    reason: ProseRef,
    action: Option<&'static str>,
    by_design: bool,
    evidence: Evidence,
    sources: &'static [&'static str],
    as_of: Option<&'static str>,
    section: Option<&'static str>,
    #[cfg(not(target_arch = "wasm32"))]
    examples: &'static [&'static [(&'static str, &'static str)]],
    #[cfg(not(target_arch = "wasm32"))]
    no_match: &'static [&'static [(&'static str, &'static str)]],
}

/// An action as written.
pub(crate) struct ActionData {
    id: &'static str,
    title: ProseRef,
    detail: ProseRef,
    priority: Priority,
    sets: &'static [(&'static str, &'static str)],
    after: &'static [&'static str],
}

/// A source as written (its title is report prose).
pub(crate) struct SourceData {
    id: &'static str,
    title: ProseRef,
    url: Option<&'static str>,
    date: Option<&'static str>,
    evidence: Evidence,
}

/// A source document from the register in coverage-facts.md.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Register id, e.g. `PP-CMK`.
    pub id: &'static str,
    /// Document title.
    pub title: &'static str,
    /// Where to read it (Microsoft Learn where there is one).
    pub url: Option<&'static str>,
    /// The version date seen (ISO date), if the document has one.
    pub date: Option<&'static str>,
    /// The evidence level of the document.
    pub evidence: Evidence,
}

/// A text of the report's prose: itself natively, its index in the browser (see [`crate::prose`]).
#[cfg(not(target_arch = "wasm32"))]
macro_rules! prose {
    ($index:literal, $text:literal) => {
        $text
    };
}
/// A text of the report's prose: itself natively, its index in the browser (see [`crate::prose`]).
#[cfg(target_arch = "wasm32")]
macro_rules! prose {
    ($index:literal, $text:literal) => {
        $index
    };
}

include!(concat!(env!("OUT_DIR"), "/catalogue_data.rs"));

// ---------------------------------------------------------------- validated

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
    /// Every `(field, mask)` test holds: most rules, once [`simplify`] has flattened their
    /// nested `all`s and folded each `not` of a test into the test, are this one list, which
    /// holds without a recursive call per test.
    Every(Vec<(usize, u64)>),
}

impl Condition {
    /// Whether the condition holds for these facts.
    pub fn holds(&self, facts: &Facts) -> bool {
        match self {
            Condition::All(cs) => cs.iter().all(|c| c.holds(facts)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(facts)),
            Condition::Not(c) => !c.holds(facts),
            Condition::Test { field, mask } => test(facts, *field, *mask),
            Condition::Every(tests) => every(facts, tests),
        }
    }

    fn fields(&self, out: &mut Vec<usize>) {
        match self {
            Condition::All(cs) | Condition::Any(cs) => cs.iter().for_each(|c| c.fields(out)),
            Condition::Not(c) => c.fields(out),
            Condition::Test { field, .. } => out.push(*field),
            Condition::Every(tests) => out.extend(tests.iter().map(|&(field, _)| field)),
        }
    }

    /// Whether the condition is the empty `all` (always true).
    pub fn is_always(&self) -> bool {
        matches!(self, Condition::All(cs) if cs.is_empty())
    }
}

fn test(facts: &Facts, field: usize, mask: u64) -> bool {
    mask & (1u64 << facts.get(field)) != 0
}

/// Whether every `(field, mask)` test holds.
pub(crate) fn every(facts: &Facts, tests: &[(usize, u64)]) -> bool {
    tests.iter().all(|&(field, mask)| test(facts, field, mask))
}

/// The tests a condition requires whatever else it says, `(field, mask)` (the field's value must
/// be in the mask): its own test, an `all`'s members' own, none from an `any` or a `not`.
fn required(c: &Condition, out: &mut Vec<(usize, u64)>) {
    match c {
        Condition::Test { field, mask } => out.push((*field, *mask)),
        Condition::Every(tests) => out.extend_from_slice(tests),
        Condition::All(cs) => cs.iter().for_each(|c| required(c, out)),
        Condition::Any(_) | Condition::Not(_) => {}
    }
}

/// The tests that hold wherever any of `rules` holds: for each field that every rule requires,
/// the values any of them allows. A place failing one of them fires none of the rules.
fn gate<'r>(rules: impl Iterator<Item = &'r Rule>) -> Vec<(usize, u64)> {
    let mut gate: Option<Vec<(usize, u64)>> = None;
    for rule in rules {
        // This rule's requirement per field: the values all of its tests on it allow.
        let mut tests = Vec::new();
        required(&rule.when, &mut tests);
        let allowed = |field: usize| {
            tests
                .iter()
                .filter(|(f, _)| *f == field)
                .fold(None, |m: Option<u64>, (_, mask)| {
                    Some(m.map_or(*mask, |m| m & mask))
                })
        };
        gate = Some(match gate {
            None => {
                let mut fields: Vec<usize> = tests.iter().map(|(f, _)| *f).collect();
                crate::sort::sort(&mut fields);
                fields.dedup();
                fields
                    .into_iter()
                    .filter_map(|f| allowed(f).map(|m| (f, m)))
                    .collect()
            }
            Some(so_far) => so_far
                .into_iter()
                .filter_map(|(f, m)| allowed(f).map(|mine| (f, m | mine)))
                .collect(),
        });
    }
    gate.unwrap_or_default()
}

/// The same condition in the shape [`Condition::holds`] reads fastest, holding for exactly the
/// same facts (`tests/catalogue.rs` runs every rule's examples on the result): an `all` inside an
/// `all` is merged into it (predicates, `ref`s, expand to `all`s), a `not` of a test is the test
/// with the other values (a value index is below 64: `FIELDS`' test), a double `not` goes, an
/// `all` or `any` of one condition is that condition, and an `all`'s tests are one
/// [`Condition::Every`] list, checked first.
fn simplify(c: Condition) -> Condition {
    match c {
        Condition::Not(inner) => match simplify(*inner) {
            Condition::Test { field, mask } => Condition::Test { field, mask: !mask },
            Condition::Not(twice) => *twice,
            other => Condition::Not(Box::new(other)),
        },
        Condition::Any(cs) => {
            let cs: Vec<Condition> = cs.into_iter().map(simplify).collect();
            match <[Condition; 1]>::try_from(cs) {
                Ok([only]) => only,
                Err(cs) => Condition::Any(cs),
            }
        }
        Condition::All(cs) => {
            let (mut tests, mut rest) = (Vec::new(), Vec::new());
            let mut add = |c: Condition, tests: &mut Vec<(usize, u64)>| match c {
                Condition::Test { field, mask } => tests.push((field, mask)),
                Condition::Every(more) => tests.extend(more),
                other => rest.push(other),
            };
            for c in cs.into_iter().map(simplify) {
                match c {
                    Condition::All(inner) => inner.into_iter().for_each(|c| add(c, &mut tests)),
                    c => add(c, &mut tests),
                }
            }
            let every = match tests.as_slice() {
                [] => None,
                [(field, mask)] => Some(Condition::Test {
                    field: *field,
                    mask: *mask,
                }),
                _ => Some(Condition::Every(tests)),
            };
            let all: Vec<Condition> = every.into_iter().chain(rest).collect();
            match <[Condition; 1]>::try_from(all) {
                Ok([only]) => only,
                Err(all) => Condition::All(all),
            }
        }
        other => other,
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
    /// An operator-access finding: who can look at data in use (a third, separate verdict).
    Access(ResidencyLevel),
    /// Something a customer-managed key does not do (shown under "What CMK does not do").
    Limit,
}

/// A validated rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, e.g. `dataverse.not-managed`.
    pub id: &'static str,
    /// What it is evaluated over.
    pub scope: Scope,
    /// What it produces.
    pub outcome: Outcome,
    /// When it fires.
    pub when: Condition,
    /// Plain-language reason shown in the report.
    pub reason: &'static str,
    /// Index into [`Catalogue::actions`].
    pub action: Option<usize>,
    /// On Microsoft's key by Microsoft's design: no action of the customer's changes it
    /// (`rule_shape::Rule::by_design`).
    pub by_design: bool,
    /// Evidence level of the claim.
    pub evidence: Evidence,
    /// Source register ids.
    pub sources: &'static [&'static str],
    /// The sources as cited in reports.
    pub citations: Vec<Citation>,
    /// The date of the documentation the rule rests on (ISO), when known.
    pub as_of: Option<&'static str>,
    /// Section of coverage-facts.md.
    pub section: Option<&'static str>,
    /// Facts that must make the rule fire.
    pub examples: Vec<Facts>,
    /// Facts that must not.
    pub counter_examples: Vec<Facts>,
}

/// A validated action.
#[derive(Debug, Clone)]
pub struct Action {
    /// Stable id.
    pub id: &'static str,
    /// Imperative title.
    pub title: &'static str,
    /// How to do it.
    pub detail: &'static str,
    /// How soon.
    pub priority: Priority,
    /// What the answers would say once it is done: `(field index, value index)`. Empty for
    /// actions that don't change coverage (checks, runbooks).
    pub sets: Vec<(usize, u8)>,
    /// Whether any coverage rule reads a field the action sets: only then can doing it bring a
    /// component under the key, so only then is it worth re-evaluating the estate to find out.
    pub can_change_coverage: bool,
    /// Whether any residency gap rule reads a field the action sets (the what-if and "closes n
    /// residency gaps" then re-evaluate for it).
    pub can_change_residency: bool,
    /// Actions (indices) that come first when both are recommended.
    pub after: Vec<usize>,
}

/// "How to find out" for one question.
#[derive(Debug, Clone)]
pub struct Guide {
    /// The question, as the report's verify step phrases it.
    pub question: &'static str,
    /// Where to look: admin center path or cmdlet.
    pub how_to_find: &'static str,
    /// The sources of that guidance, as cited in reports.
    pub citations: Vec<Citation>,
}

/// The whole validated catalogue.
#[derive(Debug)]
pub struct Catalogue {
    /// Rules version, shown on every report.
    pub version: &'static str,
    /// When the facts were compiled (ISO date).
    pub compiled: &'static str,
    /// A sentence on how current the facts are.
    pub facts_note: &'static str,
    /// What the evidence tags mean.
    pub evidence_legend: &'static str,
    /// The source register.
    pub sources: Vec<Source>,
    /// Actions.
    pub actions: Vec<Action>,
    /// Rules, in file order.
    pub rules: Vec<Rule>,
    /// "How to find out" per field index (`None` for derived fields).
    pub guide: Vec<Option<Guide>>,
    /// Coverage rule indices per component (position in [`ComponentId::ALL`]), in file order.
    pub(crate) coverage_rules: Vec<Vec<usize>>,
    /// Per component (as `coverage_rules`), tests every one of its rules requires: when one
    /// fails, none of them can fire, and the component is not applicable without reading them
    /// (an app that isn't used). Empty when the rules share no field.
    pub(crate) coverage_gates: Vec<Vec<(usize, u64)>>,
    /// Risk and residency rule indices per scope (position in [`Scope::ALL`]), in file order.
    pub(crate) other_rules: Vec<Vec<usize>>,
    /// Per scope (position in [`Scope::ALL`]), its own fields with a "how to find out" guide
    /// (derived fields left out: the evaluator fills them, nobody is asked), by name: the order a
    /// report lists its points to verify in.
    pub(crate) guided: Vec<Vec<usize>>,
    /// Per field, who reads it: bit `c` for the component at position `c` of
    /// [`ComponentId::ALL`] (any of its coverage rules), bit `64 - 1 - s` for the other rules of
    /// the scope at position `s` of [`Scope::ALL`]. A component whose place's facts differ from
    /// another evaluation's only in fields it doesn't read has the same result there.
    pub(crate) readers: Vec<u64>,
    /// The facts the evaluator reads and fills by name, resolved with the rules.
    pub(crate) derived: Derived,
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
}

/// The embedded catalogue.
#[expect(
    clippy::panic,
    reason = "embedded data, validated by the catalogue tests"
)]
pub static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| match load() {
    Ok(catalogue) => catalogue,
    // Display, not Debug: the wasm then needs no Debug formatting code for the error.
    Err(e) => panic!("embedded catalogue is invalid (tests/catalogue.rs checks it): {e}"),
});

/// A fact's index in [`FIELDS`]. Total: a name the table lacks is an error, never a placeholder
/// index that would silently read or write nothing.
pub(crate) fn fact_index(name: &str) -> Result<usize, String> {
    FIELDS
        .index(name)
        .ok_or_else(|| detail(|| format!("names unknown fact `{name}`")))
}

/// An error's message, written out in native builds only. The browser can't reach these errors —
/// the catalogue tests load the very same data natively — so it carries no formatting code for
/// them: it still fails on a name that doesn't resolve (naming the rule), never evaluates it.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn detail(message: impl FnOnce() -> String) -> String {
    message()
}

/// See the native [`detail`]: in the browser, the message is left out.
#[cfg(target_arch = "wasm32")]
pub(crate) fn detail(_: impl FnOnce() -> String) -> String {
    String::new()
}

/// Resolves the embedded data for the evaluator. `build.rs` has already checked everything the
/// files alone can tell (see [`crate::rule_shape::check`]); what is left needs the fact table,
/// and fails with a typed error here in every build — in the browser too — so a name that
/// doesn't resolve never evaluates. Native builds also run every rule's examples.
pub fn load() -> Result<Catalogue, CatalogueError> {
    // The browser fetches the report's prose first (`prose::install`); evaluating before that is
    // a bug in the app, reported rather than shown as empty sentences.
    let text = |p| {
        crate::prose::resolve(p).ok_or_else(|| {
            CatalogueError::Other(detail(|| "the report's prose is not installed".to_owned()))
        })
    };
    if FIELDS.len() > crate::facts::CAPACITY {
        return Err(CatalogueError::Other(detail(|| {
            format!(
                "the answers give {} facts, more than facts::CAPACITY",
                FIELDS.len()
            )
        })));
    }
    // Plain slices and linear scans here: the lists are small, and hash maps would add their
    // code to the wasm for nothing.
    let mut sources: Vec<Source> = Vec::new();
    for s in SOURCES {
        sources.push(Source {
            id: s.id,
            title: text(s.title)?,
            url: s.url,
            date: s.date,
            evidence: s.evidence,
        });
    }
    let cite = |ids: &[&str]| -> Vec<Citation> {
        ids.iter()
            .filter_map(|id| sources.iter().find(|s| s.id == *id))
            .map(|s| Citation {
                id: s.id,
                title: s.title,
                url: s.url,
                date: s.date,
            })
            .collect()
    };
    let mut actions: Vec<Action> = Vec::new();
    for a in ACTIONS {
        let err = |m: String| CatalogueError::Other(detail(|| format!("action `{}` {m}", a.id)));
        let mut sets = Vec::new();
        for (field, value) in a.sets {
            let f = fact_index(field).map_err(err)?;
            let v = FIELDS.value_index(f, value).ok_or_else(|| {
                err(detail(|| {
                    format!("sets `{field}` to unknown value `{value}`")
                }))
            })?;
            sets.push((f, v));
        }
        actions.push(Action {
            id: a.id,
            title: text(a.title)?,
            detail: text(a.detail)?,
            priority: a.priority,
            sets,
            can_change_coverage: false,
            can_change_residency: false,
            after: Vec::new(),
        });
    }
    // Order constraints resolved once all actions are known (build.rs checked the names).
    for (i, a) in ACTIONS.iter().enumerate() {
        let after: Vec<usize> = a
            .after
            .iter()
            .filter_map(|id| actions.iter().position(|x| x.id == *id))
            .collect();
        if let Some(action) = actions.get_mut(i) {
            action.after = after;
        }
    }

    // "How to find out" comes with each question's one definition (questions.rs); here it is
    // indexed by fact and its sources are resolved against the register.
    let mut guide: Vec<Option<Guide>> = (0..FIELDS.len()).map(|_| None).collect();
    for q in QUESTIONS {
        let err = |m: String| CatalogueError::Other(detail(|| format!("question `{}` {m}", q.id)));
        let f = fact_index(q.id).map_err(err)?;
        if q.how_to_find.is_empty() {
            return Err(err(detail(|| {
                "has no \"How to find out\" guide".to_owned()
            })));
        }
        if let Some(unknown) = q
            .sources
            .iter()
            .find(|id| !SOURCES.iter().any(|s| s.id == **id))
        {
            return Err(err(detail(|| format!("cites unknown source `{unknown}`"))));
        }
        if let Some(slot) = guide.get_mut(f) {
            *slot = Some(Guide {
                question: q.question,
                how_to_find: q.how_to_find,
                citations: cite(q.sources),
            });
        }
    }

    let mut rules = Vec::new();
    for r in RULES {
        let err = |message: String| CatalogueError::Rule {
            #[cfg(not(target_arch = "wasm32"))]
            rule: format!("{} (data/{})", r.id, r.file),
            #[cfg(target_arch = "wasm32")]
            rule: r.id.to_owned(),
            message,
        };
        let when = simplify(compile(&r.when, r.scope, 0).map_err(&err)?);
        let outcome = match r.outcome {
            OutcomeData::Coverage(component, status) => Outcome::Coverage { component, status },
            OutcomeData::Risk(s) => Outcome::Risk(s),
            OutcomeData::Residency(l) => Outcome::Residency(l),
            OutcomeData::Access(l) => Outcome::Access(l),
            OutcomeData::Limit => Outcome::Limit,
        };
        let action = match r.action {
            Some(a) => Some(
                actions
                    .iter()
                    .position(|x| x.id == a)
                    .ok_or_else(|| err(detail(|| format!("unknown action `{a}`"))))?,
            ),
            None => None,
        };
        let (examples, counter_examples) = examples(r, &when).map_err(&err)?;
        rules.push(Rule {
            id: r.id,
            scope: r.scope,
            outcome,
            when,
            reason: text(r.reason)?,
            action,
            by_design: r.by_design,
            evidence: r.evidence,
            sources: r.sources,
            citations: cite(r.sources),
            as_of: r.as_of,
            section: r.section,
            examples,
            counter_examples,
        });
    }

    let mut coverage_fields = vec![false; FIELDS.len()];
    for f in rules
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Coverage { .. }))
        .flat_map(Rule::fields)
    {
        if let Some(slot) = coverage_fields.get_mut(f) {
            *slot = true;
        }
    }
    let mut residency_fields = vec![false; FIELDS.len()];
    for f in rules
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Residency(ResidencyLevel::Gap)))
        .flat_map(Rule::fields)
    {
        if let Some(slot) = residency_fields.get_mut(f) {
            *slot = true;
        }
    }
    for action in &mut actions {
        let sets = |fields: &[bool]| {
            action
                .sets
                .iter()
                .any(|(f, _)| fields.get(*f) == Some(&true))
        };
        (action.can_change_coverage, action.can_change_residency) =
            (sets(&coverage_fields), sets(&residency_fields));
    }

    // Indexes so the evaluator looks only at the rules that can apply to a place.
    let mut coverage_rules = vec![Vec::new(); ComponentId::ALL.len()];
    let mut other_rules = vec![Vec::new(); Scope::ALL.len()];
    for (i, rule) in rules.iter().enumerate() {
        let slot = match rule.outcome {
            Outcome::Coverage { component, .. } => coverage_rules.get_mut(component.position()),
            _ => other_rules.get_mut(rule.scope.position()),
        };
        if let Some(list) = slot {
            list.push(i);
        }
    }
    let coverage_gates = coverage_rules
        .iter()
        .map(|list| gate(list.iter().filter_map(|&i| rules.get(i))))
        .collect();
    // Who reads each field, from the same indexes.
    if ComponentId::ALL.len() + Scope::ALL.len() > 64 {
        return Err(CatalogueError::Other(detail(|| {
            "more components and scopes than the evaluator's 64 reader bits".to_owned()
        })));
    }
    let mut readers = vec![0u64; FIELDS.len()];
    let bits = coverage_rules
        .iter()
        .enumerate()
        .map(|(c, list)| (1u64 << c, list))
        .chain(
            other_rules
                .iter()
                .enumerate()
                .map(|(s, list)| (1u64 << (63 - s), list)),
        );
    for (bit, list) in bits {
        for field in list
            .iter()
            .filter_map(|&i| rules.get(i))
            .flat_map(Rule::fields)
        {
            if let Some(r) = readers.get_mut(field) {
                *r |= bit;
            }
        }
    }
    let guided = Scope::ALL
        .iter()
        .map(|&scope| {
            let mut fields: Vec<usize> = FIELDS
                .fields_of(scope)
                .filter(|&i| matches!(guide.get(i), Some(Some(_))))
                .filter(|&i| FIELDS.defs.get(i).is_some_and(|d| !d.derived))
                .collect();
            crate::sort::sort_by_key(&mut fields, |&i| FIELDS.defs.get(i).map(|d| d.name));
            fields
        })
        .collect();
    Ok(Catalogue {
        derived: Derived::resolve()?,
        coverage_rules,
        coverage_gates,
        other_rules,
        readers,
        guided,
        version: META.version,
        compiled: META.compiled,
        facts_note: text(META.facts_note)?,
        evidence_legend: text(META.evidence_legend)?,
        sources,
        actions,
        rules,
        guide,
    })
}

#[cfg(target_arch = "wasm32")]
fn examples(_: &RuleData, _: &Condition) -> Result<(Vec<Facts>, Vec<Facts>), String> {
    // The browser never runs examples; native builds (where the tests run) check them all.
    Ok((Vec::new(), Vec::new()))
}

#[cfg(not(target_arch = "wasm32"))]
fn examples(r: &RuleData, when: &Condition) -> Result<(Vec<Facts>, Vec<Facts>), String> {
    let facts = |pairs: &&[(&str, &str)]| Facts::from_pairs(pairs.iter().copied());
    let matching = r
        .examples
        .iter()
        .map(facts)
        .collect::<Result<Vec<_>, _>>()?;
    let no_match = r
        .no_match
        .iter()
        .map(facts)
        .collect::<Result<Vec<_>, _>>()?;
    if matching.is_empty() {
        return Err("needs at least one example that fires it".into());
    }
    if no_match.is_empty() && !when.is_always() {
        return Err("needs at least one example that must not fire it".into());
    }
    Ok((matching, no_match))
}

fn compile(c: &Cond, scope: Scope, depth: usize) -> Result<Condition, String> {
    if depth > 16 {
        return Err("predicates nest too deeply (a cycle?)".into());
    }
    Ok(match c {
        Cond::All(cs) => Condition::All(
            cs.iter()
                .map(|c| compile(c, scope, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Cond::Any(cs) => Condition::Any(
            cs.iter()
                .map(|c| compile(c, scope, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Cond::Not(c) => Condition::Not(Box::new(compile(c, scope, depth + 1)?)),
        Cond::In(field, values) => {
            let f = fact_index(field).map_err(|m| detail(|| format!("condition {m}")))?;
            let def = FIELDS.defs.get(f).ok_or("field table out of range")?;
            if def.scope != scope && def.scope != Scope::Tenant {
                return Err(detail(|| {
                    format!(
                        "field `{field}` belongs to {} rules, not {scope}",
                        def.scope
                    )
                }));
            }
            let mut mask = 0u64;
            for v in *values {
                let i = FIELDS.value_index(f, v).ok_or_else(|| {
                    detail(|| {
                        format!(
                            "`{v}` is not a value of `{field}` (allowed: {})",
                            def.values.join(", ")
                        )
                    })
                })?;
                mask |= 1u64 << i;
            }
            Condition::Test { field: f, mask }
        }
        Cond::Ref(name) => {
            let (_, p) = PREDICATES
                .iter()
                .find(|(n, _)| n == name)
                .ok_or_else(|| detail(|| format!("unknown predicate `{name}`")))?;
            compile(p, scope, depth + 1)?
        }
    })
}

impl Rule {
    /// Field indices the rule's condition reads.
    pub fn fields(&self) -> Vec<usize> {
        let mut out = Vec::new();
        self.when.fields(&mut out);
        crate::sort::sort(&mut out);
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_fact_name_is_an_error_not_an_index() {
        assert_eq!(
            fact_index("env.no_such_fact"),
            Err("names unknown fact `env.no_such_fact`".to_owned())
        );
        assert!(fact_index("env.managed").is_ok());
    }

    /// A fixed sequence of numbers below `n` (xorshift): value indices for random facts, the
    /// same on every run.
    fn below(mut seed: u64) -> impl FnMut(usize) -> u8 {
        move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            u8::try_from(seed % n.max(1) as u64).unwrap()
        }
    }

    /// `simplify` changes the shape, never the meaning: every rule, as written and as simplified,
    /// holds for the same facts — its examples, and 4,000 fact vectors drawn at random (each
    /// field any of its values) with the rule's own fields then set one by one to each of their
    /// values so that conditions of many tests fire too.
    #[test]
    fn simplified_conditions_hold_exactly_when_the_written_ones_do() {
        let cat: &Catalogue = &CATALOGUE;
        let mut next = below(0x9e37_79b9_7f4a_7c15);
        let (mut fired, mut every) = (0, 0);
        for (r, rule) in RULES.iter().zip(&cat.rules) {
            let written = compile(&r.when, r.scope, 0).unwrap();
            let simple = &rule.when;
            every += usize::from(matches!(simple, Condition::Every(_)));
            let mut facts: Vec<Facts> = rule.examples.clone();
            facts.extend(rule.counter_examples.iter().cloned());
            for _ in 0..4000 {
                let mut f = Facts([0; crate::facts::CAPACITY]);
                for (slot, d) in f.0.iter_mut().zip(&FIELDS.defs) {
                    *slot = next(d.values.len());
                }
                for field in rule.fields() {
                    if let Some(example) = rule.examples.first() {
                        f.0[field] = example.get(field);
                    }
                    if next(3) == 0 {
                        f.0[field] = next(FIELDS.defs[field].values.len());
                    }
                }
                facts.push(f);
            }
            for f in &facts {
                assert_eq!(written.holds(f), simple.holds(f), "{}: {f:?}", rule.id);
                fired += usize::from(simple.holds(f));
            }
        }
        // Not vacuous: the random facts fire rules, and most rules are one flat list.
        assert!(fired > 100_000, "{fired}");
        assert!(
            every * 2 > cat.rules.len(),
            "{every} of {}",
            cat.rules.len()
        );
    }

    /// The evaluator skips a component's rules when its gate fails: sound only if no rule of the
    /// component can hold where the gate doesn't. Checked on every rule's examples and on facts
    /// near them, and the gates must be worth having (most components have one, and it fails on
    /// some of those facts).
    #[test]
    fn a_component_gate_holds_wherever_one_of_its_rules_does() {
        let cat: &Catalogue = &CATALOGUE;
        let mut next = below(0x2545_f491_4f6c_dd1d);
        let (mut gated, mut closed) = (0, 0);
        for (list, gate) in cat.coverage_rules.iter().zip(&cat.coverage_gates) {
            gated += usize::from(!gate.is_empty());
            for rule in list.iter().map(|&i| &cat.rules[i]) {
                let mut facts: Vec<Facts> = rule.examples.clone();
                facts.extend(rule.counter_examples.iter().cloned());
                for _ in 0..500 {
                    let mut f = rule.examples.first().cloned().unwrap();
                    for field in rule.fields() {
                        if next(2) == 0 {
                            f.0[field] = next(FIELDS.defs[field].values.len());
                        }
                    }
                    facts.push(f);
                }
                for f in &facts {
                    let open = every(f, gate);
                    assert!(open || !rule.when.holds(f), "{}: {f:?}", rule.id);
                    closed += usize::from(!open);
                }
            }
        }
        let components = cat.coverage_rules.iter().filter(|l| !l.is_empty()).count();
        assert!(gated * 2 > components, "{gated} of {components}");
        assert!(closed > 1000, "{closed}");
    }
}
