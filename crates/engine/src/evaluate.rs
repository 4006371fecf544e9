//! The evaluator: validated answers in, [`Report`] out. Pure and deterministic: no clock, no
//! randomness, no hash-order iteration, so the same answers always give byte-identical JSON.
//!
//! Every sort key below is unique, so the unstable sorts give the same order every time.
//! Scopes are evaluated in dependency order — environments first (apps read their environment's
//! Dataverse status), then F&O environments (they read their linked environment's), then the
//! tenant aggregates, scale units, Business Central and finally tenant-wide rules. Within a
//! component the most severe status of the rules that fired wins ([`Status::combine`]).
//! An action's effect is measured, not asserted: the answers are re-evaluated as if the action
//! were done (its `sets`), and the components that move to the customer's key are listed.

use crate::answers::{Answers, BcEnvironment, FoEnvironment, Geo, ScaleUnit, ValidAnswers};
use crate::catalogue::{detail, Catalogue, Outcome, CATALOGUE};
use crate::error::CatalogueError;
use crate::facts::{self, Entry, Facts, FIELDS, NOT_APPLICABLE, UNKNOWN};
use crate::lists::ItemList;
use crate::model::{ComponentId, ResidencyLevel, Scope, Severity, Status};
use crate::questions::Gate;
use crate::report::*;
use crate::report::{count, draft_notice};
use crate::sort::{sort, sort_by, sort_by_key};

/// Where a rule fired: scope and position in that scope's answer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct At {
    scope: Scope,
    index: usize,
}

/// A component in a place.
type ComponentKey = (At, ComponentId);
/// A component's combined status and the indices of the rules that fired for it.
type Fired = (Status, Vec<usize>);
/// An action's index, with the places it applies to and the ids of the rules recommending it.
type ActionUse = (usize, (Vec<At>, Vec<&'static str>));

/// The raw result of one evaluation pass.
#[derive(Debug, Default)]
struct Pass {
    /// (place, component) → (status, fired rule indices), sorted by key once the pass ends.
    /// A sorted Vec rather than a map: smaller in the wasm and as fast at this size.
    components: Vec<(ComponentKey, Fired)>,
    /// Non-coverage rules that fired.
    others: Vec<(At, usize)>,
    /// Fact vectors of every place, for verify steps.
    facts: Vec<(At, Facts)>,
}

/// Facts the what-if patches change, per place.
type Patches = Vec<(At, usize, u8)>;

/// Evaluates answers against the embedded catalogue.
pub fn evaluate(answers: &ValidAnswers) -> Report {
    evaluate_with(answers, &[])
}

/// Evaluates answers as if the named actions had been done (the what-if view). Unknown action ids
/// are ignored.
pub fn evaluate_with(answers: &ValidAnswers, done: &[&str]) -> Report {
    let cat: &'static Catalogue = &CATALOGUE;
    let a = answers.answers();
    let base = run(a, cat, &Patches::new());
    let report_pass = if done.is_empty() {
        None
    } else {
        let chosen: Vec<usize> = done.iter().filter_map(|id| cat.action(id)).collect();
        Some(run(a, cat, &patches_for(&base, cat, &chosen)))
    };
    assemble(a, cat, &base, report_pass.as_ref())
}

fn patches_for(base: &Pass, cat: &Catalogue, actions: &[usize]) -> Patches {
    let mut patches = Patches::new();
    let mut add = |at: At, rule: usize| {
        let Some(action) = cat.rules.get(rule).and_then(|r| r.action) else {
            return;
        };
        if !actions.contains(&action) {
            return;
        }
        if let Some(act) = cat.actions.get(action) {
            for &(field, value) in &act.sets {
                let tenant_field = FIELDS
                    .defs
                    .get(field)
                    .is_some_and(|d| d.scope == Scope::Tenant);
                let target = if tenant_field {
                    At {
                        scope: Scope::Tenant,
                        index: 0,
                    }
                } else {
                    at
                };
                patches.push((target, field, value));
            }
        }
    };
    for ((at, _), (_, rules)) in &base.components {
        for &r in rules {
            add(*at, r);
        }
    }
    for &(at, r) in &base.others {
        add(at, r);
    }
    patches
}

fn apply(facts: &mut Facts, patches: &Patches, at: At) {
    for &(_, field, value) in patches.iter().filter(|p| p.0 == at) {
        if let Some(slot) = facts.0.get_mut(field) {
            *slot = value;
        }
    }
}

/// Indices of the facts the evaluator reads or fills by name (the derived fields, and the answer
/// the ratings-and-reviews geography depends on), resolved once by `catalogue::load` so a renamed
/// fact fails the load with a typed error instead of silently reading or writing nothing.
#[derive(Debug)]
pub(crate) struct Derived {
    env_dataverse: usize,
    fo_linked_dataverse: usize,
    fno_environments: usize,
    cmk_in_use: usize,
    ratings_reviews: usize,
    ratings_same_geo: usize,
    pa_over_25: usize,
    csu_same_geo: usize,
    bc_linked_dataverse: usize,
}

impl Derived {
    pub(crate) fn resolve() -> Result<Derived, CatalogueError> {
        let i = |name: &str| {
            crate::catalogue::fact_index(name)
                .map_err(|m| CatalogueError::Other(detail(|| format!("the evaluator {m}"))))
        };
        Ok(Derived {
            env_dataverse: i("env.dataverse")?,
            fo_linked_dataverse: i("fo.linked_dataverse")?,
            fno_environments: i("fno.environments")?,
            cmk_in_use: i("tenant.cmk_in_use")?,
            ratings_reviews: i("commerce.ratings_reviews")?,
            ratings_same_geo: i("commerce.ratings_reviews_same_geo")?,
            pa_over_25: i("pa.cmk_environments_over_25")?,
            csu_same_geo: i("csu.same_geo_as_fo")?,
            bc_linked_dataverse: i("bcenv.linked_dataverse")?,
        })
    }
}

fn set(facts: &mut Facts, field: usize, value: &str) {
    facts.set_at(field, value);
}

fn run(a: &Answers, cat: &Catalogue, patches: &Patches) -> Pass {
    let mut pass = Pass::default();
    let d = &cat.derived;
    let tenant_at = At {
        scope: Scope::Tenant,
        index: 0,
    };
    let mut tenant = Facts::tenant(a);
    apply(&mut tenant, patches, tenant_at);

    let mut entries: Vec<Entry> = Vec::with_capacity(48);
    let mut dataverse: Vec<Status> = Vec::with_capacity(a.environments.len());
    for (index, env) in a.environments.iter().enumerate() {
        entries.clear();
        facts::environment_entries(env, a, index, &mut entries);
        let at = At {
            scope: Scope::Environment,
            index,
        };
        let mut f = place_facts(&tenant, at, &entries, None, patches);
        let statuses = eval_place(cat, &mut pass, at, &mut f, |f, component, status| {
            if component == ComponentId::Dataverse {
                set(f, d.env_dataverse, status.as_str());
            }
        });
        dataverse.push(status_of(&statuses, ComponentId::Dataverse));
        pass.facts.push((at, f));
    }
    let linked_status = |id: &Option<String>| -> &'static str {
        id.as_ref()
            .and_then(|id| a.environments.iter().position(|e| &e.id == id))
            .and_then(|i| dataverse.get(i))
            .map_or(NOT_APPLICABLE, |s| s.as_str())
    };

    // A list is assessed only when it is asked for: F&O environments kept in the answers after
    // "Do you use finance and operations apps?" turned to no are not part of the estate (the
    // wizard hides them too). Pending (the deciding answer not given) still assesses them.
    let assessed = |list: ItemList| list.when().gate(a, 0) != Gate::Closed;
    let fo_envs: &[FoEnvironment] = if assessed(ItemList::FoEnvironments) {
        &a.finance_operations.environments
    } else {
        &[]
    };
    let scale_units: &[ScaleUnit] = if assessed(ItemList::ScaleUnits) {
        &a.commerce.scale_units
    } else {
        &[]
    };
    let bc_envs: &[BcEnvironment] = if assessed(ItemList::BcEnvironments) {
        &a.business_central.environments
    } else {
        &[]
    };

    let mut fo_statuses = Vec::new();
    for (index, env) in fo_envs.iter().enumerate() {
        entries.clear();
        facts::fo_entries(env, a, index, &mut entries);
        let at = At {
            scope: Scope::FoEnvironment,
            index,
        };
        let linked = (
            d.fo_linked_dataverse,
            linked_status(&env.linked_environment),
        );
        let mut f = place_facts(&tenant, at, &entries, Some(linked), patches);
        let statuses = eval_place(cat, &mut pass, at, &mut f, |_, _, _| {});
        fo_statuses.push(status_of(&statuses, ComponentId::FoEnvironment));
        pass.facts.push((at, f));
    }

    // Tenant aggregates the later scopes and tenant-wide rules read.
    set(
        &mut tenant,
        d.fno_environments,
        aggregate(&fo_statuses).as_str(),
    );
    // Whether any environment's Dataverse is (at least partly) under the key: tenant-wide
    // findings about running CMK (support investigations, downtime) read it.
    let under_key = |s: &&Status| matches!(s, Status::CustomerKey | Status::Partial);
    let cmk_in_use = if dataverse.iter().any(|s| under_key(&s)) {
        "yes"
    } else if dataverse.contains(&Status::Verify) {
        UNKNOWN
    } else {
        "no"
    };
    set(&mut tenant, d.cmk_in_use, cmk_in_use);
    let rr_geo = a.commerce.ratings_reviews_geo.unwrap_or_default();
    let rr_same = match FIELDS.value_name(d.ratings_reviews, tenant.get(d.ratings_reviews)) {
        "yes" => same_geo_as_fo(rr_geo, fo_envs),
        "no" => NOT_APPLICABLE,
        _ => UNKNOWN,
    };
    set(&mut tenant, d.ratings_same_geo, rr_same);
    let pa_cmk = a
        .environments
        .iter()
        .zip(&dataverse)
        .filter(|(e, s)| {
            e.apps.power_automate == Some(crate::answers::YesNo::Yes) && **s == Status::CustomerKey
        })
        .count();
    set(
        &mut tenant,
        d.pa_over_25,
        if pa_cmk > 25 { "yes" } else { "no" },
    );
    apply(&mut tenant, patches, tenant_at);

    for (index, csu) in scale_units.iter().enumerate() {
        entries.clear();
        facts::csu_entries(a, index, &mut entries);
        let at = At {
            scope: Scope::ScaleUnit,
            index,
        };
        let same_geo = (
            d.csu_same_geo,
            same_geo_as_fo(csu.geo.unwrap_or_default(), fo_envs),
        );
        let mut f = place_facts(&tenant, at, &entries, Some(same_geo), patches);
        eval_place(cat, &mut pass, at, &mut f, |_, _, _| {});
        pass.facts.push((at, f));
    }

    for (index, bc) in bc_envs.iter().enumerate() {
        entries.clear();
        facts::bc_entries(bc, a, index, &mut entries);
        let at = At {
            scope: Scope::BcEnvironment,
            index,
        };
        let linked = (d.bc_linked_dataverse, linked_status(&bc.linked_environment));
        let mut f = place_facts(&tenant, at, &entries, Some(linked), patches);
        eval_place(cat, &mut pass, at, &mut f, |_, _, _| {});
        pass.facts.push((at, f));
    }

    eval_place(cat, &mut pass, tenant_at, &mut tenant, |_, _, _| {});
    pass.facts.push((tenant_at, tenant));
    sort_by_key(&mut pass.components, |(key, _)| *key);
    pass
}

/// Whether `geo` (a scale unit's, or ratings and reviews') is the geography of the F&O
/// environment it serves. The answers don't say which F&O environment that is, so: `yes` when
/// every F&O environment is in `geo`, `no` when none is (all regions known), otherwise `unknown`
/// (it may serve one in another geography: a verify, never a guess from the first environment).
fn same_geo_as_fo(geo: Geo, fo: &[crate::answers::FoEnvironment]) -> &'static str {
    let regions = fo.iter().map(|e| e.region.unwrap_or_default());
    if geo == Geo::Unknown || fo.is_empty() {
        UNKNOWN
    } else if regions.clone().all(|r| r == geo) {
        "yes"
    } else if regions.clone().all(|r| r != geo && r != Geo::Unknown) {
        "no"
    } else {
        UNKNOWN
    }
}

/// The facts of one place: the tenant's, then its own answers, then a fact derived from earlier
/// places (its linked environment's key, its geography), then any what-if patches for it.
fn place_facts(
    tenant: &Facts,
    at: At,
    entries: &[Entry],
    derived: Option<(usize, &str)>,
    patches: &Patches,
) -> Facts {
    let mut f = tenant.with_scope(at.scope, entries);
    if let Some((field, value)) = derived {
        set(&mut f, field, value);
    }
    apply(&mut f, patches, at);
    f
}

fn status_of(statuses: &[(ComponentId, Status)], component: ComponentId) -> Status {
    statuses
        .iter()
        .find(|(c, _)| *c == component)
        .map_or(Status::NotApplicable, |(_, s)| *s)
}

/// The status of a set of places taken together: all the same → that status; otherwise the
/// customer key holds only partly (or must be verified, if nothing is definitely uncovered).
fn aggregate(statuses: &[Status]) -> Status {
    let mut it = statuses
        .iter()
        .copied()
        .filter(|s| *s != Status::NotApplicable);
    let Some(first) = it.next() else {
        return Status::NotApplicable;
    };
    let mut all_same = true;
    let mut worst = first;
    let mut any_customer = first == Status::CustomerKey;
    for s in it {
        all_same &= s == first;
        worst = worst.combine(s);
        any_customer |= s == Status::CustomerKey;
    }
    if all_same {
        first
    } else if worst == Status::Verify {
        Status::Verify
    } else if any_customer || worst == Status::Partial {
        Status::Partial
    } else {
        worst
    }
}

/// Evaluates every rule of a place's scope. Components go in [`ComponentId`] order and
/// `publish` runs after each, so a later component's rules can read an earlier one's status.
fn eval_place(
    cat: &Catalogue,
    pass: &mut Pass,
    at: At,
    facts: &mut Facts,
    publish: impl Fn(&mut Facts, ComponentId, Status),
) -> Vec<(ComponentId, Status)> {
    let mut statuses = Vec::new();
    for (position, &component) in ComponentId::ALL.iter().enumerate() {
        if component.scope() != at.scope {
            continue;
        }
        let mut status: Option<Status> = None;
        let mut fired = Vec::new();
        for &i in cat
            .coverage_rules
            .get(position)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let Some(rule) = cat.rules.get(i) else {
                continue;
            };
            if let Outcome::Coverage { status: s, .. } = rule.outcome {
                if rule.when.holds(facts) {
                    status = Some(status.map_or(s, |x| x.combine(s)));
                    fired.push(i);
                }
            }
        }
        let status = status.unwrap_or(Status::NotApplicable);
        publish(facts, component, status);
        statuses.push((component, status));
        if !fired.is_empty() {
            pass.components.push(((at, component), (status, fired)));
        }
    }
    let scope_position = Scope::ALL.iter().position(|s| *s == at.scope);
    for &i in scope_position
        .and_then(|p| cat.other_rules.get(p))
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        if cat.rules.get(i).is_some_and(|rule| rule.when.holds(facts)) {
            pass.others.push((at, i));
        }
    }
    statuses
}

fn place(a: &Answers, at: At) -> Place {
    let (id, name) = ItemList::of_scope(at.scope)
        .and_then(|list| list.item(a, at.index))
        .map(|(id, name)| (id.to_owned(), name.to_owned()))
        .unwrap_or_default();
    Place {
        scope: at.scope,
        id,
        name,
    }
}

fn finding(a: &Answers, cat: &'static Catalogue, at: At, rule_index: usize) -> Option<Finding> {
    let rule = cat.rules.get(rule_index)?;
    let (component, status) = match rule.outcome {
        Outcome::Coverage { component, status } => (Some(component), Some(status)),
        _ => (None, None),
    };
    Some(Finding {
        rule: rule.id,
        component,
        place: place(a, at),
        status,
        reason: rule.reason,
        evidence: rule.evidence,
        sources: &rule.citations,
        as_of: rule.as_of,
        section: rule.section,
        action: rule.action.and_then(|i| cat.actions.get(i)).map(|x| x.id),
    })
}

fn key_control(cat: &Catalogue, pass: &Pass, draft: usize) -> KeyControl {
    let mut k = KeyControl::default();
    for (_, (status, rules)) in &pass.components {
        match status {
            Status::NotApplicable => continue,
            Status::CustomerKey => k.customer_key += 1,
            Status::Partial => k.partial += 1,
            Status::MicrosoftKey => k.microsoft_key += 1,
            Status::Blocked => k.blocked += 1,
            Status::Verify => k.verify += 1,
        }
        // On Microsoft's key and no action of yours could change it: Microsoft's design today
        // (platform metadata, LCS data, the e-commerce CMS …), not something to fix. Fixable only
        // when every rule holding it on Microsoft's key has an action that can change coverage.
        let fixable = rules
            .iter()
            .filter_map(|&r| cat.rules.get(r))
            .filter(|rule| {
                matches!(
                    rule.outcome,
                    Outcome::Coverage {
                        status: Status::MicrosoftKey,
                        ..
                    }
                )
            })
            .all(|rule| {
                rule.action
                    .and_then(|act| cat.actions.get(act))
                    .is_some_and(|act| act.can_change_coverage)
            });
        if *status == Status::MicrosoftKey && !fixable {
            k.never += 1;
        }
        k.in_scope += 1;
    }
    let can = k.in_scope - k.never;
    let draft = draft_notice(draft)
        .map(|d| format!("{d}, so this will change. "))
        .unwrap_or_default();
    let verdict = if k.in_scope == 0 {
        "Nothing in scope yet: add at least one environment or app to assess.".to_owned()
    } else if can == 0 {
        format!(
            "None of the {} in scope can be under your key: Microsoft keeps them on its own key by design.",
            count(k.in_scope, "component", "components")
        )
    } else {
        let never = match k.never {
            0 => String::new(),
            n => format!(
                " {} more {} Microsoft's own key by design.",
                n,
                if n == 1 { "stays on" } else { "stay on" }
            ),
        };
        format!(
            "{} of {} {} that can be under your key {} there.{never}",
            k.customer_key,
            can,
            if can == 1 { "component" } else { "components" },
            if k.customer_key == 1 { "is" } else { "are" },
        )
    };
    k.headline = format!("{draft}{verdict}");
    k
}

/// The residency requirement in words, as the verdict names it; `None` when none is stated.
fn requirement(a: &Answers) -> Option<&'static str> {
    use crate::answers::Residency;
    match a.tenant.residency {
        Some(Residency::None) => None,
        Some(Residency::EuDataBoundary) => Some("EU/EEA"),
        Some(Residency::SpecificGeo) => Some(
            a.tenant
                .required_geo
                .filter(|g| *g != crate::answers::Geo::Unknown)
                .and_then(|g| crate::questions::TENANT_REQUIRED_GEO.option_label(g.as_str()))
                .unwrap_or("Your required geography"),
        ),
        Some(Residency::SovereignCloud) => Some("Sovereign cloud"),
        Some(Residency::Unknown) | None => Some("Requirement not stated"),
    }
}

/// "EU/EEA: not met — 2 gaps; 1 point to verify": the requirement and the verdict.
fn residency_headline(
    requirement: Option<&str>,
    draft: usize,
    gaps: usize,
    to_verify: usize,
    _findings: &[LevelledFinding],
) -> String {
    let Some(req) = requirement else {
        return "No residency requirement stated. A customer-managed key doesn't change where data lives; the notes below still apply.".to_owned();
    };
    // The places stay out of the sentence: their names are the user's text, which each output
    // escapes its own way (`Verdict::gap_places`).
    if gaps > 0 {
        return format!(
            "{req}: not met — {}{}.",
            count(gaps, "gap", "gaps"),
            and_verify(to_verify)
        );
    }
    match (draft, to_verify) {
        (0, 0) => format!("{req}: met by your answers. A customer-managed key doesn't change where data lives; the notes below still apply."),
        (0, v) => format!("{req}: not confirmed — {} to verify.", count(v, "point", "points")),
        (d, _) => format!(
            "{req}: not judged yet — {} still unanswered.",
            count(d, "question", "questions")
        ),
    }
}

/// "; 2 points to verify", or nothing.
fn and_verify(n: usize) -> String {
    match n {
        0 => String::new(),
        n => format!("; {} to verify", count(n, "point", "points")),
    }
}

fn assemble(a: &Answers, cat: &'static Catalogue, base: &Pass, what_if: Option<&Pass>) -> Report {
    let shown = what_if.unwrap_or(base);

    let mut components = Vec::new();
    let mut blockers = Vec::new();
    let mut dates: Vec<&'static str> = Vec::new();
    for ((at, component), (status, rules)) in &shown.components {
        if *status == Status::NotApplicable {
            continue;
        }
        let mut findings: Vec<Finding> = rules
            .iter()
            .filter_map(|&r| finding(a, cat, *at, r))
            .collect();
        sort_by(&mut findings, |x, y| {
            y.status.cmp(&x.status).then_with(|| x.rule.cmp(y.rule))
        });
        for f in &findings {
            dates.extend(f.as_of);
            if f.status == Some(Status::Blocked) {
                blockers.push(f.clone());
            }
        }
        components.push(ComponentFinding {
            component: *component,
            name: component.label(),
            place: place(a, *at),
            status: *status,
            findings,
        });
    }

    let mut risks = Vec::new();
    let mut residency = Vec::new();
    let mut access = Vec::new();
    let mut limits = Vec::new();
    for &(at, r) in &shown.others {
        let (Some(rule), Some(f)) = (cat.rules.get(r), finding(a, cat, at, r)) else {
            continue;
        };
        dates.extend(f.as_of);
        match rule.outcome {
            Outcome::Risk(severity) => risks.push(RiskFinding {
                severity,
                finding: f,
            }),
            Outcome::Residency(level) => residency.push(LevelledFinding { level, finding: f }),
            Outcome::Access(level) => access.push(LevelledFinding { level, finding: f }),
            Outcome::Limit => limits.push(f),
            Outcome::Coverage { .. } => {}
        }
    }
    sort_by(&mut risks, |x, y| {
        y.severity
            .cmp(&x.severity)
            .then_with(|| x.finding.rule.cmp(y.finding.rule))
            .then_with(|| x.finding.place.cmp(&y.finding.place))
    });
    for findings in [&mut residency, &mut access] {
        sort_by(findings, |x, y| {
            y.level
                .cmp(&x.level)
                .then_with(|| x.finding.rule.cmp(y.finding.rule))
                .then_with(|| x.finding.place.cmp(&y.finding.place))
        });
    }
    sort_by(&mut limits, |x, y| x.rule.cmp(y.rule));

    let actions = actions(a, cat, shown);
    let verify = verify_steps(a, cat, shown);

    let draft = crate::questions::unanswered(a);
    let key = key_control(cat, shown, draft);
    let requirement = requirement(a);
    let residency = verdict(residency, |gaps, to_verify, findings| {
        residency_headline(requirement, draft, gaps, to_verify, findings)
    });
    let operator_access = verdict(access, |gaps, to_verify, _| {
        match (gaps, to_verify) {
        _ if gaps == 0 && draft > 0 => format!(
            "Not final: {} still unanswered.",
            count(draft, "question", "questions")
        ),
        (0, 0) => "Met: Microsoft engineers need your approval to reach your data during support (Customer Lockbox), within the limits below.".to_owned(),
        (0, v) => format!(
            "Not confirmed: {} to verify before you can say Microsoft engineers need your approval.",
            count(v, "point", "points")
        ),
        (g, v) => format!(
            "Not met: {} where Microsoft engineers can reach data in use without your approval{}.",
            count(g, "gap", "gaps"),
            and_verify(v)
        ),
    }
    });
    sort(&mut dates);
    dates.dedup();
    Report {
        report_version: REPORT_VERSION,
        rules_version: cat.version,
        facts: FactsAge {
            compiled: cat.compiled,
            newest_source: dates.last().copied(),
            oldest_source: dates.first().copied(),
            note: cat.facts_note,
            evidence_legend: cat.evidence_legend,
        },
        draft,
        key_control: key,
        residency,
        operator_access,
        limits,
        components,
        blockers,
        risks,
        actions,
        verify,
    }
}

/// A verdict over leveled findings (residency, operator access): gaps and points to verify are
/// counted, never blended with another verdict's.
fn verdict(
    findings: Vec<LevelledFinding>,
    headline: impl Fn(usize, usize, &[LevelledFinding]) -> String,
) -> Verdict {
    let level = |l: ResidencyLevel| findings.iter().filter(|r| r.level == l).count();
    let (gaps, to_verify) = (level(ResidencyLevel::Gap), level(ResidencyLevel::Verify));
    Verdict {
        gaps,
        to_verify,
        headline: headline(gaps, to_verify, &findings),
        findings,
    }
}

fn actions(a: &Answers, cat: &'static Catalogue, pass: &Pass) -> Vec<ActionItem> {
    // action index → (places, rules)
    let mut by_action: Vec<ActionUse> = Vec::new();
    let mut note = |at: At, r: usize| {
        if let Some(rule) = cat.rules.get(r) {
            if let Some(act) = rule.action {
                let entry = match by_action.iter().position(|(a, _)| *a == act) {
                    Some(i) => match by_action.get_mut(i) {
                        Some(e) => &mut e.1,
                        None => return,
                    },
                    None => {
                        by_action.push((act, Default::default()));
                        match by_action.last_mut() {
                            Some(last) => &mut last.1,
                            None => return,
                        }
                    }
                };
                if !entry.0.contains(&at) {
                    entry.0.push(at);
                }
                if !entry.1.contains(&rule.id) {
                    entry.1.push(rule.id);
                }
            }
        }
    };
    for ((at, _), (status, rules)) in &pass.components {
        if *status == Status::CustomerKey || *status == Status::NotApplicable {
            continue;
        }
        for &r in rules {
            note(*at, r);
        }
    }
    for &(at, r) in &pass.others {
        note(at, r);
    }
    sort_by_key(&mut by_action, |(a, _)| *a);
    // Today's residency gaps, counted once: each action's re-evaluation is compared with it.
    let gaps_now = residency_gaps(cat, pass);
    // Each action with the most severe risk it answers, for ranking (a risk is ranked with the
    // actions of its severity, not after them).
    let mut items: Vec<(Option<Severity>, ActionItem)> = by_action
        .into_iter()
        .filter_map(|(act, (mut places, mut rules))| {
            let action = cat.actions.get(act)?;
            sort(&mut places);
            sort(&mut rules);
            let risk = cat
                .rules
                .iter()
                .filter(|r| r.action == Some(act) && rules.contains(&r.id))
                .filter_map(|r| match r.outcome {
                    Outcome::Risk(severity) => Some(severity),
                    _ => None,
                })
                .max();
            let after = (action.can_change_coverage || action.can_change_residency)
                .then(|| run(a, cat, &patches_for(pass, cat, &[act])));
            let gains = match &after {
                Some(after) if action.can_change_coverage => gained(a, pass, after),
                _ => Vec::new(),
            };
            let closes = after.as_ref().map_or(0, |after| {
                gaps_now.saturating_sub(residency_gaps(cat, after))
            });
            Some((
                risk,
                ActionItem {
                    id: action.id,
                    priority: action.priority,
                    title: action.title,
                    detail: action.detail,
                    places: places.into_iter().map(|at| place(a, at)).collect(),
                    brings_under_customer_key: gains,
                    closes_residency_gaps: closes,
                    rules,
                },
            ))
        })
        .collect();
    // Priority first; within it, what moves most components to the customer's key, then what
    // answers the most severe risk.
    sort_by(&mut items, |(xr, x), (yr, y)| {
        y.priority
            .cmp(&x.priority)
            .then_with(|| {
                y.brings_under_customer_key
                    .len()
                    .cmp(&x.brings_under_customer_key.len())
            })
            .then_with(|| y.closes_residency_gaps.cmp(&x.closes_residency_gaps))
            .then_with(|| yr.cmp(xr))
            .then_with(|| x.id.cmp(y.id))
    });
    first_things_first(cat, items.into_iter().map(|(_, item)| item).collect())
}

/// Puts each action after the ones it depends on (`after` in actions.json) when both are
/// recommended, keeping the priority order otherwise: the next action is always the first one
/// whose prerequisites are done. A dependency pulls its prerequisite forward even from a lower
/// priority — "move the environment" before "add it to the policy", whatever their labels.
fn first_things_first(cat: &Catalogue, items: Vec<ActionItem>) -> Vec<ActionItem> {
    // Each item with its catalogue action, looked up once.
    let mut rest: Vec<(Option<usize>, ActionItem)> = items
        .into_iter()
        .map(|item| (cat.actions.iter().position(|a| a.id == item.id), item))
        .collect();
    let mut ordered: Vec<ActionItem> = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let waiting = |at: &Option<usize>| {
            at.and_then(|i| cat.actions.get(i)).is_some_and(|a| {
                a.after
                    .iter()
                    .any(|before| rest.iter().any(|(r, _)| *r == Some(*before)))
            })
        };
        // The first one free to go; on a cycle (the build refuses one), the first one.
        let next = rest.iter().position(|(at, _)| !waiting(at)).unwrap_or(0);
        ordered.push(rest.remove(next).1);
    }
    ordered
}

/// How many residency gaps a pass found.
fn residency_gaps(cat: &Catalogue, pass: &Pass) -> usize {
    pass.others
        .iter()
        .filter(|(_, r)| {
            cat.rules
                .get(*r)
                .is_some_and(|rule| matches!(rule.outcome, Outcome::Residency(ResidencyLevel::Gap)))
        })
        .count()
}

/// Components that are under the customer's key in `after` but weren't in `before`.
fn gained(a: &Answers, before: &Pass, after: &Pass) -> Vec<ComponentRef> {
    after
        .components
        .iter()
        .filter(|(key, (status, _))| {
            *status == Status::CustomerKey
                && before
                    .components
                    .binary_search_by_key(key, |(k, _)| *k)
                    .ok()
                    .and_then(|i| before.components.get(i))
                    .map(|(_, (s, _))| *s)
                    != Some(Status::CustomerKey)
        })
        .map(|((at, component), _)| ComponentRef {
            component: *component,
            place: place(a, *at),
        })
        .collect()
}

fn verify_steps(a: &Answers, cat: &'static Catalogue, pass: &Pass) -> Vec<VerifyStep> {
    let mut steps = Vec::new();
    for (at, facts) in &pass.facts {
        for (i, def) in FIELDS.defs.iter().enumerate() {
            // Each place reports its own fields; tenant fields are reported once, by the tenant.
            if def.scope != at.scope || def.derived || FIELDS.value_name(i, facts.get(i)) != UNKNOWN
            {
                continue;
            }
            let Some(Some(guide)) = cat.guide.get(i) else {
                continue;
            };
            steps.push(VerifyStep {
                field: def.name,
                place: place(a, *at),
                question: guide.question,
                how_to_find: guide.how_to_find,
                sources: &guide.citations,
            });
        }
    }
    sort_by(&mut steps, |x, y| {
        x.place.cmp(&y.place).then_with(|| x.field.cmp(y.field))
    });
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregate_summarises_places() {
        use Status::*;
        assert_eq!(aggregate(&[]), NotApplicable);
        assert_eq!(aggregate(&[CustomerKey, CustomerKey]), CustomerKey);
        assert_eq!(aggregate(&[CustomerKey, MicrosoftKey]), Partial);
        assert_eq!(aggregate(&[CustomerKey, Verify]), Verify);
        assert_eq!(aggregate(&[MicrosoftKey, Blocked]), Blocked);
        assert_eq!(aggregate(&[NotApplicable, MicrosoftKey]), MicrosoftKey);
    }
}
