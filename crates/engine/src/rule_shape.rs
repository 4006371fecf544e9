//! The shape of the catalogue's data files, defined once for `build.rs` and for the crate.
//!
//! `build.rs` includes this file (`#[path = "src/rule_shape.rs"] mod rule_shape;`) together with
//! `model.rs` and `choice.rs`, so the build reads `data/` with the engine's own enums: a misspelt
//! status, severity, scope or evidence level fails the build with the allowed values, and every
//! message names the file and the rule (or action, source, predicate). Native builds of
//! the crate compile this module too, so tests run the very same checks on deliberately broken
//! snippets, and with the fact table — which only exists at run time, being read off the answers'
//! flatteners — as vocabulary. It is not compiled for the browser.
//!
//! The module also fixes the files' canonical layout ([`canonical`]): keys in the order of the
//! structs below, map keys sorted, one entry and one attribute per line, and nested values (a
//! condition, an example) on one line while they fit in [`WIDTH`] columns. A reviewer then sees
//! a changed date or status as a one-line diff; `tests/catalogue.rs` fails on a file that is not
//! in this layout.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::model::{ComponentId, Evidence, Priority, ResidencyLevel, Scope, Severity, Status};

// ---------------------------------------------------------------- the files' shape

/// `catalogue.json`: the catalogue's version and how current its facts are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Rules version, shown on every report.
    pub version: String,
    /// When the facts were compiled (ISO date).
    pub compiled: String,
    /// A sentence on how current the facts are.
    pub facts_note: String,
    /// What the evidence tags ([P], [Px], [S], [I]) mean, for the reader of a report.
    pub evidence_legend: String,
}

/// One entry of `sources.json`, the source register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Register id, e.g. `PP-CMK`.
    pub id: String,
    /// Document title.
    pub title: String,
    /// Where to read it; written as `null` when there is no public address.
    pub url: Option<String>,
    /// The version date seen (ISO), `null` for undated documents.
    pub date: Option<String>,
    /// Evidence level of the document.
    pub evidence: Evidence,
}

/// A condition: `{"all": [...]}`, `{"any": [...]}`, `{"not": c}`, `{"is": [fact, value]}`,
/// `{"in": [fact, [values]]}` or `{"ref": predicate}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Cond {
    /// Every condition holds (an empty list always holds).
    All(Vec<Cond>),
    /// At least one holds.
    Any(Vec<Cond>),
    /// The condition doesn't hold.
    Not(Box<Cond>),
    /// The fact has this value.
    Is(String, String),
    /// The fact has one of these values.
    In(String, Vec<String>),
    /// A named predicate from `predicates.json`.
    Ref(String),
}

/// What a rule produces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Outcome {
    /// A component's key status.
    Coverage {
        /// The component.
        component: ComponentId,
        /// Its status when the rule fires.
        status: Status,
    },
    /// An operational risk.
    Risk(Severity),
    /// A data residency finding.
    Residency(ResidencyLevel),
    /// An operator-access finding: who can see the data while it is in use (Customer Lockbox).
    Access(ResidencyLevel),
    /// A statement of what a customer-managed key does not do, for "What CMK does not do".
    Limit,
}

/// Facts as a rule example writes them: fact name → value.
pub type Example = BTreeMap<String, String>;

/// A rule's examples: facts that must fire it, and facts that must not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Facts that must fire the rule (at least one).
    #[serde(rename = "match")]
    pub matching: Vec<Example>,
    /// Facts that must not (at least one, unless the rule always fires).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_match: Vec<Example>,
}

/// One rule of a `rules/*.json` file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable dotted id, e.g. `dataverse.not-managed`.
    pub id: String,
    /// What it is evaluated over.
    pub scope: Scope,
    /// What it produces.
    pub outcome: Outcome,
    /// When it fires.
    pub when: Cond,
    /// Plain-language reason shown in the report.
    pub reason: String,
    /// The action that addresses it (an id from `actions.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// A `microsoft_key` coverage rule whose cause is Microsoft's design (platform metadata,
    /// Lifecycle Services data, the e-commerce CMS …): nothing the customer does brings the
    /// component under their key, and the key-control verdict counts it apart ("stays on
    /// Microsoft's key by design"). Without it, the component counts among those that can be
    /// under the customer's key: the cause is the customer's to change (an environment it
    /// follows, a link not made, an app not migrated), with or without an action here.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_design: bool,
    /// Evidence level of the claim.
    pub evidence: Evidence,
    /// Source register ids.
    pub sources: Vec<String>,
    /// Date of the documentation the rule rests on (ISO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// Section of coverage-facts.md.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Examples the tests run.
    pub examples: Examples,
}

/// One entry of `actions.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Stable id.
    pub id: String,
    /// How soon.
    pub priority: Priority,
    /// Imperative title.
    pub title: String,
    /// How to do it.
    pub detail: String,
    /// What the answers would say once it is done: fact name → value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sets: BTreeMap<String, String>,
    /// Actions that must come first when both are recommended (move an environment before
    /// putting it in a policy of its region; turn on Managed Environments before adding it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
}

/// One `rules/*.json` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleFile {
    /// Its name relative to `data/`, e.g. `rules/dataverse.json`.
    pub name: String,
    /// Its rules, in file order.
    pub rules: Vec<Rule>,
}

/// Every data file, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Data {
    /// `catalogue.json`.
    pub meta: Meta,
    /// `sources.json`.
    pub sources: Vec<Source>,
    /// `predicates.json`: name → condition.
    pub predicates: BTreeMap<String, Cond>,
    /// `actions.json`.
    pub actions: Vec<Action>,
    /// `rules/*.json`, sorted by file name.
    pub rules: Vec<RuleFile>,
}

// ---------------------------------------------------------------- errors

/// A data file that is malformed or inconsistent: which file, which entry, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    /// The file, relative to `data/`, e.g. `rules/dataverse.json`.
    pub file: String,
    /// The entry, e.g. "rule `dataverse.trial`"; `None` for the file as a whole.
    pub item: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.item {
            Some(item) => write!(f, "data/{}, {item}: {}", self.file, self.message),
            None => write!(f, "data/{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ShapeError {}

fn error(file: &str, item: Option<String>, message: impl Into<String>) -> ShapeError {
    ShapeError {
        file: file.to_owned(),
        item,
        message: message.into(),
    }
}

// ---------------------------------------------------------------- parsing

/// Parses a file that is a list of entries, one entry at a time, so an error names the entry by
/// its `key` (`rule `x``) rather than by a line and column alone.
fn parse_list<T: DeserializeOwned>(
    file: &str,
    text: &str,
    kind: &str,
    key: &str,
) -> Result<Vec<T>, ShapeError> {
    let values: Vec<serde_json::Value> =
        serde_json::from_str(text).map_err(|e| error(file, None, e.to_string()))?;
    values
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let item = match value.get(key).and_then(serde_json::Value::as_str) {
                Some(id) => format!("{kind} `{id}`"),
                None => format!("{kind} number {}", i + 1),
            };
            serde_json::from_value(value).map_err(|e| error(file, Some(item), e.to_string()))
        })
        .collect()
}

/// Parses `catalogue.json`.
pub fn parse_meta(file: &str, text: &str) -> Result<Meta, ShapeError> {
    serde_json::from_str(text).map_err(|e| error(file, None, e.to_string()))
}

/// Parses `sources.json`.
pub fn parse_sources(file: &str, text: &str) -> Result<Vec<Source>, ShapeError> {
    parse_list(file, text, "source", "id")
}

/// Parses `actions.json`.
pub fn parse_actions(file: &str, text: &str) -> Result<Vec<Action>, ShapeError> {
    parse_list(file, text, "action", "id")
}

/// Parses one `rules/*.json` file.
pub fn parse_rules(file: &str, text: &str) -> Result<Vec<Rule>, ShapeError> {
    parse_list(file, text, "rule", "id")
}

/// Parses `predicates.json`, one predicate at a time.
pub fn parse_predicates(file: &str, text: &str) -> Result<BTreeMap<String, Cond>, ShapeError> {
    let values: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|e| error(file, None, e.to_string()))?;
    values
        .into_iter()
        .map(|(name, value)| {
            let cond = serde_json::from_value(value)
                .map_err(|e| error(file, Some(format!("predicate `{name}`")), e.to_string()))?;
            Ok((name, cond))
        })
        .collect()
}

/// The data files besides the rules, in the order [`Data`] lists them.
pub const FILES: [&str; 4] = [
    "catalogue.json",
    "sources.json",
    "predicates.json",
    "actions.json",
];

/// Reads and parses every file in `dir` (the crate's `data/`). Returns the data and every file's
/// name (relative to `dir`) with its text, so callers can check the layout or track changes.
pub fn read(dir: &Path) -> Result<(Data, Vec<(String, String)>), ShapeError> {
    let load = |name: &str| -> Result<(String, String), ShapeError> {
        std::fs::read_to_string(dir.join(name))
            .map(|text| (name.to_owned(), text))
            .map_err(|e| error(name, None, e.to_string()))
    };
    let mut texts: Vec<(String, String)> =
        FILES.iter().map(|f| load(f)).collect::<Result<_, _>>()?;
    let mut rule_files: Vec<String> = std::fs::read_dir(dir.join("rules"))
        .map_err(|e| error("rules", None, e.to_string()))?
        .map(|entry| {
            entry
                .map(|e| format!("rules/{}", e.file_name().to_string_lossy()))
                .map_err(|e| error("rules", None, e.to_string()))
        })
        .collect::<Result<_, _>>()?;
    // Only `.json` files are rules; sorted, so the catalogue's order doesn't depend on the disk.
    rule_files.retain(|n| n.ends_with(".json"));
    rule_files.sort();
    for name in &rule_files {
        texts.push(load(name)?);
    }
    let text = |i: usize| texts.get(i).map_or("", |(_, t)| t.as_str());
    let data = Data {
        meta: parse_meta("catalogue.json", text(0))?,
        sources: parse_sources("sources.json", text(1))?,
        predicates: parse_predicates("predicates.json", text(2))?,
        actions: parse_actions("actions.json", text(3))?,
        rules: texts
            .iter()
            .skip(FILES.len())
            .map(|(name, text)| {
                let rules = parse_rules(name, text)?;
                if rules.is_empty() {
                    return Err(error(name, None, "holds no rules"));
                }
                Ok(RuleFile {
                    name: name.clone(),
                    rules,
                })
            })
            .collect::<Result<_, _>>()?,
    };
    Ok((data, texts))
}

/// The canonical text of a file from its parsed content (see [`canonical`]), or `None` for a name
/// that is not a data file.
pub fn canonical_file(data: &Data, name: &str) -> Option<String> {
    Some(match name {
        "catalogue.json" => canonical(&data.meta),
        "sources.json" => canonical(&data.sources),
        "predicates.json" => canonical(&data.predicates),
        "actions.json" => canonical(&data.actions),
        _ => canonical(&data.rules.iter().find(|f| f.name == name)?.rules),
    })
}

// ---------------------------------------------------------------- meaning

/// The facts conditions may name, with the values each may take (`FIELDS` in the crate). Only the
/// running crate knows them; `build.rs` checks without.
pub type FactTable<'a> = &'a [(&'a str, &'a [&'a str])];

/// Checks what the files mean: ids unique and well formed, every cited source, action and
/// predicate defined, dates ISO, a component's rules in its scope, no flat customer key claimed
/// on inferred evidence, examples present — and, given the fact table, every fact name and value
/// in conditions, examples and actions.
pub fn check(data: &Data, facts: Option<FactTable<'_>>) -> Result<(), ShapeError> {
    check_date(&data.meta.compiled).map_err(|m| error("catalogue.json", None, m))?;

    for (i, s) in data.sources.iter().enumerate() {
        let item = || Some(format!("source `{}`", s.id));
        if data.sources.iter().take(i).any(|t| t.id == s.id) {
            return Err(error("sources.json", item(), "duplicate id"));
        }
        if let Some(d) = &s.date {
            check_source_date(d).map_err(|m| error("sources.json", item(), m))?;
        }
    }

    for (name, cond) in &data.predicates {
        let item = || Some(format!("predicate `{name}`"));
        check_cond(cond, data, facts).map_err(|m| error("predicates.json", item(), m))?;
    }

    for (i, a) in data.actions.iter().enumerate() {
        let item = || Some(format!("action `{}`", a.id));
        if data.actions.iter().take(i).any(|b| b.id == a.id) {
            return Err(error("actions.json", item(), "duplicate id"));
        }
        for (fact, value) in &a.sets {
            check_fact(fact, [value], facts).map_err(|m| error("actions.json", item(), m))?;
        }
        for before in &a.after {
            if before == &a.id || !data.actions.iter().any(|b| &b.id == before) {
                return Err(error(
                    "actions.json",
                    item(),
                    format!("`after` names `{before}`, which is not another action"),
                ));
            }
        }
        // No action may (through others) have to come after itself: the order couldn't be kept.
        let mut seen: Vec<&str> = Vec::new();
        let mut todo: Vec<&str> = a.after.iter().map(String::as_str).collect();
        while let Some(id) = todo.pop() {
            if id == a.id {
                return Err(error("actions.json", item(), "`after` forms a cycle"));
            }
            if !seen.contains(&id) {
                seen.push(id);
                if let Some(b) = data.actions.iter().find(|b| b.id == id) {
                    todo.extend(b.after.iter().map(String::as_str));
                }
            }
        }
    }

    let mut ids: Vec<&str> = Vec::new();
    for file in &data.rules {
        for r in &file.rules {
            let err = |m: String| error(&file.name, Some(format!("rule `{}`", r.id)), m);
            if ids.contains(&r.id.as_str()) {
                return Err(err("duplicate id".into()));
            }
            ids.push(&r.id);
            check_rule(r, data, facts).map_err(err)?;
        }
    }
    Ok(())
}

/// The checks of one rule against the rest of the data.
fn check_rule(r: &Rule, data: &Data, facts: Option<FactTable<'_>>) -> Result<(), String> {
    if !well_formed_id(&r.id) {
        return Err("id must be dotted lowercase words, e.g. `dataverse.not-managed`".into());
    }
    if let Outcome::Coverage { component, status } = r.outcome {
        if component.scope() != r.scope {
            return Err(format!(
                "component `{component}` is evaluated per {}, not per {}",
                component.scope(),
                r.scope
            ));
        }
        if status == Status::CustomerKey && !r.evidence.is_authoritative() {
            return Err(
                "an inferred or third-party fact can't claim a flat customer key: use `verify`"
                    .into(),
            );
        }
    }
    if r.reason.trim().is_empty() {
        return Err("empty reason".into());
    }
    if r.sources.is_empty() {
        return Err("cites no source".into());
    }
    if let Some(s) = r
        .sources
        .iter()
        .find(|s| !data.sources.iter().any(|x| &x.id == *s))
    {
        return Err(format!("cites unknown source `{s}` (not in sources.json)"));
    }
    if let Some(a) = &r.action {
        if !data.actions.iter().any(|x| &x.id == a) {
            return Err(format!("unknown action `{a}` (not in actions.json)"));
        }
    }
    if r.by_design {
        if !matches!(
            r.outcome,
            Outcome::Coverage {
                status: Status::MicrosoftKey,
                ..
            }
        ) {
            return Err("only a `microsoft_key` coverage rule can be `by_design`".into());
        }
        by_design(r, data, facts)?;
    }
    if let Some(d) = &r.as_of {
        check_date(d)?;
    }
    check_cond(&r.when, data, facts)?;
    if r.examples.matching.is_empty() {
        return Err("needs at least one example that fires it".into());
    }
    if r.examples.no_match.is_empty() && r.when != Cond::All(Vec::new()) {
        return Err("needs at least one example that must not fire it".into());
    }
    for (kind, list) in [
        ("match", &r.examples.matching),
        ("no_match", &r.examples.no_match),
    ] {
        for (i, example) in list.iter().enumerate() {
            for (fact, value) in example {
                check_fact(fact, [value], facts)
                    .map_err(|m| format!("{kind} example {}: {m}", i + 1))?;
            }
        }
    }
    Ok(())
}

/// A `by_design` rule says nothing of the customer's changes the status. So its own action may not
/// change the answers, no action may set a fact it reads, and it may not read another component's
/// status (a fact whose values are the statuses): a rule that does follows that component, which
/// the customer may well bring under the key.
fn by_design(r: &Rule, data: &Data, facts: Option<FactTable<'_>>) -> Result<(), String> {
    if let Some(a) = r
        .action
        .as_ref()
        .and_then(|a| data.actions.iter().find(|x| &x.id == a))
    {
        if !a.sets.is_empty() {
            return Err(format!(
                "is `by_design`, but its action `{}` changes the answers (`sets`)",
                a.id
            ));
        }
    }
    let mut read = Vec::new();
    fields_read(&r.when, data, &mut read);
    for a in &data.actions {
        if let Some(f) = a.sets.keys().find(|f| read.contains(&f.as_str())) {
            return Err(format!(
                "is `by_design`, but reads `{f}`, which action `{}` sets",
                a.id
            ));
        }
    }
    let status = Status::CustomerKey.as_str();
    if let Some(f) = read.iter().find(|f| {
        facts
            .unwrap_or_default()
            .iter()
            .any(|(name, values)| name == *f && values.contains(&status))
    }) {
        return Err(format!(
            "is `by_design`, but reads `{f}`, another component's status: it follows that component"
        ));
    }
    Ok(())
}

/// The facts a condition reads, its predicates' included.
fn fields_read<'d>(c: &'d Cond, data: &'d Data, out: &mut Vec<&'d str>) {
    match c {
        Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| fields_read(c, data, out)),
        Cond::Not(c) => fields_read(c, data, out),
        Cond::Is(fact, _) | Cond::In(fact, _) => out.push(fact),
        Cond::Ref(name) => {
            if let Some(c) = data.predicates.get(name) {
                fields_read(c, data, out);
            }
        }
    }
}

fn check_cond(c: &Cond, data: &Data, facts: Option<FactTable<'_>>) -> Result<(), String> {
    match c {
        Cond::All(cs) | Cond::Any(cs) => cs.iter().try_for_each(|c| check_cond(c, data, facts)),
        Cond::Not(c) => check_cond(c, data, facts),
        Cond::Is(fact, value) => check_fact(fact, [value], facts),
        Cond::In(fact, values) => check_fact(fact, values, facts),
        Cond::Ref(name) if data.predicates.contains_key(name) => Ok(()),
        Cond::Ref(name) => Err(format!(
            "unknown predicate `{name}` (defined: {})",
            join(data.predicates.keys())
        )),
    }
}

/// Checks that `fact` is a fact and `values` are among its values, when the table is known.
fn check_fact<'v>(
    fact: &str,
    values: impl IntoIterator<Item = &'v String>,
    facts: Option<FactTable<'_>>,
) -> Result<(), String> {
    let Some(table) = facts else {
        return Ok(());
    };
    let Some((_, allowed)) = table.iter().find(|(name, _)| *name == fact) else {
        return Err(format!(
            "names unknown fact `{fact}` (facts are listed in `facts.rs`; a renamed fact must be renamed here too)"
        ));
    };
    match values.into_iter().find(|v| !allowed.contains(&v.as_str())) {
        Some(v) => Err(format!(
            "`{v}` is not a value of fact `{fact}` (allowed: {})",
            allowed.join(", ")
        )),
        None => Ok(()),
    }
}

fn join<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items.map(String::as_str).collect::<Vec<_>>().join(", ")
}

/// Whether a rule id is dotted lowercase words: `dataverse.not-managed`.
pub fn well_formed_id(id: &str) -> bool {
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

/// Checks an ISO date's form, `YYYY-MM-DD`.
pub fn check_date(d: &str) -> Result<(), String> {
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

/// A source's version date as precise as the source gives it: an ISO date, a month ("May 2026":
/// a document dated only by month must not read as the 1st), or an approximate span of years
/// ("c. 2022–2023"). Rules' `as_of` dates stay ISO: the report orders them.
pub fn check_source_date(d: &str) -> Result<(), String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let year = |y: &str| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit());
    let month = d
        .split_once(' ')
        .is_some_and(|(m, y)| MONTHS.contains(&m) && year(y));
    let span = d
        .strip_prefix("c. ")
        .and_then(|r| r.split_once('–'))
        .is_some_and(|(a, b)| year(a) && year(b) && a < b);
    if month || span || check_date(d).is_ok() {
        Ok(())
    } else {
        Err(format!(
            "`{d}` is not a source date (YYYY-MM-DD, \"May 2026\" or \"c. 2022–2023\")"
        ))
    }
}

// ---------------------------------------------------------------- canonical layout

/// Nested values stay on one line while the line fits in this many columns.
pub const WIDTH: usize = 100;

/// The canonical text of a data file's content: serde's field order (the structs above) and
/// sorted map keys, two-space indents, `", "` and `": "` separators, and a final newline. The file
/// and each of its entries are always broken open — one entry, one attribute per line; deeper
/// values (conditions, examples, lists of sources) stay on one line while it fits in [`WIDTH`]
/// columns, and break the same way when not. Deterministic, so a test can demand it.
pub fn canonical<T: Serialize>(value: &T) -> String {
    // serde_json's compact output keeps the fields' order (its `Value` would sort them); the small
    // tree below re-lays it out. Serialising plain data to a string can't fail.
    let compact = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(compact.len() * 2);
    let mut pos = 0;
    if let Some(node) = Node::parse(compact.as_bytes(), &mut pos) {
        node.write(&compact, 0, 0, 0, &mut out);
    }
    out.push('\n');
    out
}

/// A JSON value as byte ranges of the compact text: scalars are copied as written.
enum Node {
    Scalar(usize, usize),
    List(Vec<Node>),
    Map(Vec<((usize, usize), Node)>),
}

impl Node {
    /// Parses serde_json's compact output (no whitespace between tokens).
    fn parse(b: &[u8], pos: &mut usize) -> Option<Node> {
        match b.get(*pos)? {
            b'[' => {
                *pos += 1;
                let mut items = Vec::new();
                while *b.get(*pos)? != b']' {
                    items.push(Node::parse(b, pos)?);
                    if b.get(*pos) == Some(&b',') {
                        *pos += 1;
                    }
                }
                *pos += 1;
                Some(Node::List(items))
            }
            b'{' => {
                *pos += 1;
                let mut entries = Vec::new();
                while *b.get(*pos)? != b'}' {
                    let start = *pos;
                    Node::skip_string(b, pos)?;
                    let key = (start, *pos);
                    *pos += 1; // ':'
                    entries.push((key, Node::parse(b, pos)?));
                    if b.get(*pos) == Some(&b',') {
                        *pos += 1;
                    }
                }
                *pos += 1;
                Some(Node::Map(entries))
            }
            b'"' => {
                let start = *pos;
                Node::skip_string(b, pos)?;
                Some(Node::Scalar(start, *pos))
            }
            _ => {
                let start = *pos;
                while !matches!(b.get(*pos), None | Some(b',' | b']' | b'}')) {
                    *pos += 1;
                }
                Some(Node::Scalar(start, *pos))
            }
        }
    }

    fn skip_string(b: &[u8], pos: &mut usize) -> Option<()> {
        *pos += 1; // opening quote
        loop {
            match b.get(*pos)? {
                b'\\' => *pos += 2,
                b'"' => {
                    *pos += 1;
                    return Some(());
                }
                _ => *pos += 1,
            }
        }
    }

    /// The value on one line.
    fn flat(&self, text: &str, out: &mut String) {
        let slice = |(a, b): (usize, usize)| text.get(a..b).unwrap_or_default();
        match self {
            Node::Scalar(a, b) => out.push_str(slice((*a, *b))),
            Node::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.flat(text, out);
                }
                out.push(']');
            }
            Node::Map(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(slice(*key));
                    out.push_str(": ");
                    value.flat(text, out);
                }
                out.push('}');
            }
        }
    }

    /// Writes the value at `depth`, indented by `indent`, starting in column `column` of a line
    /// that will end with `trail` more characters (a comma).
    fn write(&self, text: &str, depth: usize, indent: usize, column: usize, out: &mut String) {
        let mut flat = String::new();
        self.flat(text, &mut flat);
        let empty = matches!(self, Node::List(v) if v.is_empty())
            || matches!(self, Node::Map(v) if v.is_empty());
        // `<`, not `<=`: the line may end with a comma.
        let fits = column + flat.chars().count() < WIDTH;
        if matches!(self, Node::Scalar(..)) || empty || (depth >= 2 && fits) {
            out.push_str(&flat);
            return;
        }
        let pad = " ".repeat(indent + 2);
        let slice = |(a, b): (usize, usize)| text.get(a..b).unwrap_or_default();
        let (open, close) = match self {
            Node::List(_) => ('[', ']'),
            _ => ('{', '}'),
        };
        out.push(open);
        out.push('\n');
        let count = match self {
            Node::List(v) => v.len(),
            Node::Map(v) => v.len(),
            Node::Scalar(..) => 0,
        };
        for i in 0..count {
            out.push_str(&pad);
            let mut column = indent + 2;
            let value = match self {
                Node::List(v) => v.get(i),
                Node::Map(v) => v.get(i).map(|(key, value)| {
                    let key = slice(*key);
                    out.push_str(key);
                    out.push_str(": ");
                    column += key.chars().count() + 2;
                    value
                }),
                Node::Scalar(..) => None,
            };
            if let Some(value) = value {
                value.write(text, depth + 1, indent + 2, column, out);
            }
            if i + 1 < count {
                out.push(',');
            }
            out.push('\n');
        }
        out.push_str(&" ".repeat(indent));
        out.push(close);
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
        // A source may be dated by month or by an approximate span, never as if a precise day.
        for ok in ["2025-06-09", "May 2026", "c. 2022–2023"] {
            assert!(check_source_date(ok).is_ok(), "{ok}");
        }
        for bad in ["2026-05", "Mai 2026", "c. 2023–2022", "2022–2023", "May 26"] {
            assert!(check_source_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn canonical_layout_breaks_entries_and_keeps_short_values_on_one_line() {
        let rule = r#"[{"id": "a.b", "scope": "tenant", "outcome": {"risk": "high"},
            "when": {"all": [{"is": ["x.y", "no"]}, {"in": ["x.z", ["a", "b \" c"]]}]},
            "reason": "R", "evidence": "P", "sources": ["S"],
            "examples": {"match": [{"x.y": "no"}], "no_match": [{"x.y": "yes"}]}}]"#;
        let rules = parse_rules("rules/t.json", rule).unwrap();
        let expected = r#"[
  {
    "id": "a.b",
    "scope": "tenant",
    "outcome": {"risk": "high"},
    "when": {"all": [{"is": ["x.y", "no"]}, {"in": ["x.z", ["a", "b \" c"]]}]},
    "reason": "R",
    "evidence": "P",
    "sources": ["S"],
    "examples": {"match": [{"x.y": "no"}], "no_match": [{"x.y": "yes"}]}
  }
]
"#;
        assert_eq!(canonical(&rules), expected);
        // Canonical text parses back to the same content.
        assert_eq!(parse_rules("rules/t.json", expected).unwrap(), rules);
    }

    #[test]
    fn canonical_layout_breaks_a_nested_value_too_long_for_a_line() {
        let values: Vec<String> = (0..12).map(|i| format!("value-{i}")).collect();
        let long = Cond::In("some.fact".into(), values);
        let text = canonical(&vec![BTreeMap::from([("p".to_owned(), long)])]);
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        assert!(text.lines().any(|l| l.trim() == "\"value-0\","), "{text}");
    }
}
