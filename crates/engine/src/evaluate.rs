//! The evaluator: validated answers in, [`Report`] out. Pure and deterministic: no clock, no
//! randomness, no hash-order iteration, so the same answers always give byte-identical JSON.
//!
//! Every sort is stable and every list is built in a fixed order, so the order never varies.
//! Scopes are evaluated in dependency order — environments first (apps read their environment's
//! Dataverse status), then F&O environments (they read their linked environment's), then the
//! tenant aggregates, scale units, Business Central and finally tenant-wide rules. Within a
//! component the most severe status of the rules that fired wins ([`Status::combine`]).
//! An action's effect is measured, not asserted: the answers are re-evaluated as if the action
//! were done (its `sets`), and the components that move to the customer's key are listed. Only
//! what the action touches is evaluated again — the components whose rules read a fact it changes,
//! directly or through a derived one — and the rest is borrowed from the pass it is measured
//! against (`run` with a base; a test holds it equal to evaluating everything afresh).

use crate::answers::{Answers, FoEnvironment, Geo, ValidAnswers};
use crate::catalogue::{detail, every, Catalogue, Outcome, CATALOGUE};
use crate::error::CatalogueError;
use crate::facts::{self, Entry, Facts, FIELDS, NOT_APPLICABLE, UNKNOWN};
use crate::lists::ItemList;
use crate::model::{ComponentId, ResidencyLevel, Scope, Severity, Status};
use crate::questions::Gate;
use crate::report::*;
use crate::report::{count, draft_notice};
use crate::sort::{sort, sort_by, sort_by_key};
use std::borrow::Cow;

/// Where a rule fired: scope and position in that scope's answer list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct At {
    scope: Scope,
    index: usize,
}

const TENANT: At = At {
    scope: Scope::Tenant,
    index: 0,
};

/// A component that fired at a place: its combined status, and the span of the place's `rules`
/// holding the rules that fired for it.
type Covered = (ComponentId, Status, (usize, usize));
/// A recommended action's use: the places it applies to, the ids of the rules recommending it
/// and the most severe risk among them.
type Use = (Vec<At>, Vec<&'static str>, Option<Severity>);

/// One place's evaluation: a pure function of `facts`, so a what-if pass whose facts for a
/// place are the same as the base pass's takes the base's result instead of evaluating again.
#[derive(Debug, Clone)]
struct PlacePass {
    at: At,
    /// The facts the place's rules were evaluated on (the tenant's, its own, those derived from
    /// earlier places, any what-if patches), before its own components' statuses were published.
    facts: Facts,
    /// Components with at least one rule fired, in [`ComponentId`] order.
    components: Vec<Covered>,
    /// The indices of the rules that fired: each component's in turn, then, from `others_from`,
    /// the scope's other (non-coverage) rules. One list per place rather than one per component:
    /// a what-if copies a component's result without an allocation.
    rules: Vec<usize>,
    others_from: usize,
}

impl PlacePass {
    /// A component's status here (not applicable when none of its rules fired).
    fn status(&self, component: ComponentId) -> Status {
        self.components
            .iter()
            .find(|(c, _, _)| *c == component)
            .map_or(Status::NotApplicable, |(_, s, _)| *s)
    }

    /// Each component that fired, with its status and rules.
    fn covered(&self) -> impl Iterator<Item = (ComponentId, Status, &[usize])> {
        self.components.iter().map(|&(c, status, (from, to))| {
            (c, status, self.rules.get(from..to).unwrap_or_default())
        })
    }

    /// The scope's other rules that fired here.
    fn others(&self) -> &[usize] {
        self.rules.get(self.others_from..).unwrap_or_default()
    }
}

/// The raw result of one evaluation pass: every place, in evaluation order. A what-if pass
/// borrows the places its patches leave as they were from the pass it was measured against.
#[derive(Debug, Default)]
struct Pass<'b> {
    places: Vec<Cow<'b, PlacePass>>,
}

impl Pass<'_> {
    /// Every (place, component) that fired, in (place, component) order: places sorted (the
    /// tenant, evaluated last, comes first), each place's components already in order.
    fn components(&self) -> impl Iterator<Item = (At, ComponentId, Status, &[usize])> {
        self.in_order().flat_map(|p| {
            p.covered()
                .map(move |(c, status, rules)| (p.at, c, status, rules))
        })
    }

    /// The places in [`At`] order. `run` evaluates them in that order but for the tenant, which
    /// comes first in it and is evaluated last (it reads the others' results): so the last place
    /// goes first, without a sort.
    fn in_order(&self) -> impl Iterator<Item = &PlacePass> {
        let (first, rest) = match self.places.split_last() {
            Some((tenant, rest)) if tenant.at == TENANT => (Some(tenant), rest),
            _ => (None, self.places.as_slice()),
        };
        debug_assert!(
            first.into_iter().chain(rest).map(|p| p.at).is_sorted(),
            "run evaluates the places in order, the tenant last"
        );
        first.into_iter().chain(rest).map(|p| &**p)
    }

    /// Every non-coverage rule that fired, with its place, in evaluation order.
    fn others(&self) -> impl Iterator<Item = (At, usize)> + '_ {
        self.places
            .iter()
            .flat_map(|p| p.others().iter().map(|&r| (p.at, r)))
    }

    /// Every rule that fired, with its place: the coverage rules in (place, component) order,
    /// then the others as found. The order of a what-if's patches (when two set one fact, the
    /// last wins).
    fn fired(&self) -> impl Iterator<Item = (At, usize)> + '_ {
        let coverage = self
            .components()
            .flat_map(|(at, _, _, rules)| rules.iter().map(move |&r| (at, r)));
        coverage.chain(self.others())
    }
}

/// A fact a what-if changes: the place, the field and its new value.
type Patch = (At, usize, u8);
/// Facts the what-if patches change, per place.
type Patches = Vec<Patch>;

/// The answers as facts, built once per evaluation however many what-if passes read them.
struct Prepared<'a> {
    a: &'a Answers,
    /// The tenant's own facts.
    tenant: Facts,
    /// Each place's own facts (over the tenant's), in evaluation order, tenant excluded.
    places: Vec<(At, Facts)>,
    /// The F&O environments assessed (none when the list isn't asked for).
    fo_envs: &'a [FoEnvironment],
    /// Every place, named.
    names: Places,
}

impl<'a> Prepared<'a> {
    fn new(a: &'a Answers) -> Prepared<'a> {
        let tenant = Facts::tenant(a);
        let mut places = Vec::new();
        let mut entries: Vec<Entry> = Vec::with_capacity(48);
        let mut add = |scope: Scope, index: usize, flatten: &dyn Fn(&mut Vec<Entry>)| {
            entries.clear();
            flatten(&mut entries);
            places.push((At { scope, index }, tenant.with_scope(scope, &entries)));
        };
        for (i, e) in a.environments.iter().enumerate() {
            add(Scope::Environment, i, &|out| {
                facts::environment_entries(e, a, i, out)
            });
        }
        let fo_envs = assessed(
            a,
            ItemList::FoEnvironments,
            &a.finance_operations.environments,
        );
        for (i, e) in fo_envs.iter().enumerate() {
            add(Scope::FoEnvironment, i, &|out| {
                facts::fo_entries(e, a, i, out)
            });
        }
        for i in 0..assessed(a, ItemList::ScaleUnits, &a.commerce.scale_units).len() {
            add(Scope::ScaleUnit, i, &|out| facts::csu_entries(a, i, out));
        }
        let bc_envs = assessed(
            a,
            ItemList::BcEnvironments,
            &a.business_central.environments,
        );
        for (i, b) in bc_envs.iter().enumerate() {
            add(Scope::BcEnvironment, i, &|out| {
                facts::bc_entries(b, a, i, out)
            });
        }
        let names = Places::new(a, places.iter().map(|(at, _)| *at).chain([TENANT]));
        Prepared {
            a,
            tenant,
            places,
            fo_envs,
            names,
        }
    }

    /// The places of one scope: (index, own facts).
    fn of(&self, scope: Scope) -> impl Iterator<Item = (At, &Facts)> {
        self.places
            .iter()
            .filter(move |(at, _)| at.scope == scope)
            .map(|(at, f)| (*at, f))
    }
}

/// A list's items when the list is asked for, none otherwise: F&O environments kept in the
/// answers after "Do you use finance and operations apps?" turned to no are not part of the estate
/// (the wizard hides them too). Pending (the deciding answer not given) still assesses them.
fn assessed<'a, T>(a: &Answers, list: ItemList, items: &'a [T]) -> &'a [T] {
    if list.when().gate(a, 0) == Gate::Closed {
        &[]
    } else {
        items
    }
}

/// Evaluates answers against the embedded catalogue.
pub fn evaluate(answers: &ValidAnswers) -> Report {
    evaluate_with(answers, &[])
}

/// Evaluates answers as if the named actions had been done (the what-if view). Unknown action ids
/// are ignored.
pub fn evaluate_with(answers: &ValidAnswers, done: &[&str]) -> Report {
    let cat: &'static Catalogue = &CATALOGUE;
    let prepared = Prepared::new(answers.answers());
    let base = run(&prepared, cat, &Patches::new(), None);
    let report_pass = if done.is_empty() {
        None
    } else {
        let chosen: Vec<usize> = done.iter().filter_map(|id| cat.action(id)).collect();
        Some(run(
            &prepared,
            cat,
            &patches_for(&base, cat, &chosen),
            Some(&base),
        ))
    };
    assemble(&prepared, cat, &base, report_pass.as_ref())
}

/// The patches doing `actions` makes: what each sets, where a rule that fired recommends it.
fn patches_for(base: &Pass, cat: &Catalogue, actions: &[usize]) -> Patches {
    let mut patches = Patches::new();
    each_patch(base, cat, |action, patch| {
        if actions.contains(&action) {
            patches.push(patch);
        }
    });
    patches
}

/// [`patches_for`] each action alone, indexed by action: one walk over the rules that fired.
fn patches_by_action(base: &Pass, cat: &Catalogue) -> Vec<Patches> {
    let mut by_action = vec![Patches::new(); cat.actions.len()];
    each_patch(base, cat, |action, patch| {
        if let Some(patches) = by_action.get_mut(action) {
            patches.push(patch);
        }
    });
    by_action
}

fn each_patch(base: &Pass, cat: &Catalogue, mut patch: impl FnMut(usize, Patch)) {
    for (at, rule) in base.fired() {
        let Some(action) = cat.rules.get(rule).and_then(|r| r.action) else {
            continue;
        };
        for &(field, value) in cat.actions.get(action).map_or(&[][..], |a| &a.sets) {
            let tenant_field = FIELDS
                .defs
                .get(field)
                .is_some_and(|d| d.scope == Scope::Tenant);
            let target = if tenant_field { TENANT } else { at };
            patch(action, (target, field, value));
        }
    }
}

fn apply(facts: &mut Facts, patches: &[Patch], at: At) {
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

/// One evaluation pass over every place, in dependency order, with `patches` applied. Given the
/// pass a what-if is measured against (`base`), a place whose facts come out the same as there
/// is borrowed from it rather than evaluated again: an action re-evaluates only the places its
/// patches reach, directly or through a derived fact (a linked environment's key, the tenant's
/// aggregates).
fn run<'b>(p: &Prepared, cat: &Catalogue, patches: &[Patch], base: Option<&'b Pass>) -> Pass<'b> {
    let a = p.a;
    let d = &cat.derived;
    let mut pass = Pass {
        places: Vec::with_capacity(p.places.len() + 1),
    };
    let mut tenant = p.tenant.clone();
    apply(&mut tenant, patches, TENANT);

    let mut dataverse: Vec<Status> = Vec::with_capacity(a.environments.len());
    for (at, own) in p.of(Scope::Environment) {
        let f = place_facts(&tenant, at, own, None, patches);
        let done = eval_place(cat, &mut pass, base, at, f, |f, component, status| {
            if component == ComponentId::Dataverse {
                set(f, d.env_dataverse, status.as_str());
            }
        });
        dataverse.push(done.status(ComponentId::Dataverse));
    }
    let linked_status = |id: Option<&String>| -> &'static str {
        id.and_then(|id| a.environments.iter().position(|e| &e.id == id))
            .and_then(|i| dataverse.get(i))
            .map_or(NOT_APPLICABLE, |s| s.as_str())
    };

    let mut fo_statuses = Vec::new();
    for ((at, own), env) in p.of(Scope::FoEnvironment).zip(p.fo_envs) {
        let linked = (
            d.fo_linked_dataverse,
            linked_status(env.linked_environment.as_ref()),
        );
        let f = place_facts(&tenant, at, own, Some(linked), patches);
        let done = eval_place(cat, &mut pass, base, at, f, |_, _, _| {});
        fo_statuses.push(done.status(ComponentId::FoEnvironment));
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
        "yes" => same_geo_as_fo(rr_geo, p.fo_envs),
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
    apply(&mut tenant, patches, TENANT);

    for (at, own) in p.of(Scope::ScaleUnit) {
        let geo = a
            .commerce
            .scale_units
            .get(at.index)
            .and_then(|csu| csu.geo)
            .unwrap_or_default();
        let same_geo = (d.csu_same_geo, same_geo_as_fo(geo, p.fo_envs));
        let f = place_facts(&tenant, at, own, Some(same_geo), patches);
        eval_place(cat, &mut pass, base, at, f, |_, _, _| {});
    }

    for (at, own) in p.of(Scope::BcEnvironment) {
        let linked_to = a
            .business_central
            .environments
            .get(at.index)
            .and_then(|bc| bc.linked_environment.as_ref());
        let linked = (d.bc_linked_dataverse, linked_status(linked_to));
        let f = place_facts(&tenant, at, own, Some(linked), patches);
        eval_place(cat, &mut pass, base, at, f, |_, _, _| {});
    }

    eval_place(cat, &mut pass, base, TENANT, tenant, |_, _, _| {});
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
    own: &Facts,
    derived: Option<(usize, &str)>,
    patches: &[Patch],
) -> Facts {
    let mut f = tenant.overlay(at.scope, own);
    if let Some((field, value)) = derived {
        set(&mut f, field, value);
    }
    apply(&mut f, patches, at);
    f
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

/// Adds a place, evaluated on `facts`, to `pass` and returns its result. When `base` evaluated
/// the same place on the same facts, the base's result is borrowed; when on other facts, only the
/// components whose rules read a fact that differs are evaluated again (see [`evaluate_place`]).
fn eval_place<'p, 'b>(
    cat: &Catalogue,
    pass: &'p mut Pass<'b>,
    base: Option<&'b Pass>,
    at: At,
    facts: Facts,
    publish: impl Fn(&mut Facts, ComponentId, Status),
) -> &'p PlacePass {
    let then = base
        .and_then(|b| b.places.get(pass.places.len()))
        .filter(|b| b.at == at);
    let result = match then {
        Some(then) if then.facts == facts => Cow::Borrowed(&**then),
        then => Cow::Owned(evaluate_place(cat, at, facts, publish, then.map(|t| &**t))),
    };
    pass.places.push(result);
    // Just pushed, so never the fallback; a static stands in to keep this free of panics.
    static NONE: PlacePass = PlacePass {
        at: TENANT,
        facts: Facts([0; crate::facts::CAPACITY]),
        components: Vec::new(),
        rules: Vec::new(),
        others_from: 0,
    };
    pass.places.last().map_or(&NONE, |p| &**p)
}

/// Evaluates every rule of a place's scope on `facts`. Components go in [`ComponentId`] order and
/// `publish` runs after each, so a later component's rules can read an earlier one's status.
///
/// Given the same place evaluated on other facts (`then`), a component whose rules read only
/// facts that are the same in both (statuses published so far included) keeps its result from
/// there, and so do the scope's other rules: a what-if re-evaluates only what its patches touch.
fn evaluate_place(
    cat: &Catalogue,
    at: At,
    facts: Facts,
    publish: impl Fn(&mut Facts, ComponentId, Status),
    then: Option<&PlacePass>,
) -> PlacePass {
    let scope_position = at.scope.position();
    let others_bit = 1u64 << (63 - scope_position);
    let mut working = facts.clone();
    // `then`'s facts as its own rules saw them, component by component, and who reads a fact
    // that differs from them (all of it when there is nothing to compare with).
    let mut was = then.map(|t| (t, t.facts.clone(), t.covered().peekable()));
    let mut dirty = was.as_ref().map_or(u64::MAX, |(_, was, _)| {
        readers_of_changes(cat, &working, was)
    });
    let mut components = Vec::with_capacity(then.map_or(8, |t| t.components.len() + 2));
    let mut rules = Vec::with_capacity(then.map_or(16, |t| t.rules.len() + 4));
    for (position, &component) in ComponentId::ALL.iter().enumerate() {
        if component.scope() != at.scope {
            continue;
        }
        let from = rules.len();
        // Its result in `then` (both lists are in component order).
        let before = was.as_mut().map(|(_, _, covered)| {
            covered
                .next_if(|(c, _, _)| *c == component)
                .map_or((Status::NotApplicable, &[][..]), |(_, s, r)| (s, r))
        });
        let status = match before {
            Some((status, fired)) if dirty & (1u64 << position) == 0 => {
                rules.extend_from_slice(fired);
                status
            }
            _ => coverage(cat, position, &working, &mut rules),
        };
        publish(&mut working, component, status);
        if let (Some((_, was_facts, _)), Some((then_status, _))) = (&mut was, before) {
            publish(was_facts, component, then_status);
            if then_status != status {
                dirty |= readers_of_changes(cat, &working, was_facts);
            }
        }
        if rules.len() > from {
            components.push((component, status, (from, rules.len())));
        }
    }
    let others_from = rules.len();
    match &was {
        Some((t, _, _)) if dirty & others_bit == 0 => rules.extend_from_slice(t.others()),
        _ => rules.extend(
            cat.other_rules
                .get(scope_position)
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .copied()
                .filter(|&i| {
                    cat.rules
                        .get(i)
                        .is_some_and(|rule| rule.when.holds(&working))
                }),
        ),
    }
    PlacePass {
        at,
        facts,
        components,
        rules,
        others_from,
    }
}

/// Who reads a fact that differs between `now` and `was` (bits as in `Catalogue::readers`).
fn readers_of_changes(cat: &Catalogue, now: &Facts, was: &Facts) -> u64 {
    // Eight facts at a time: few differ, and whole chunks compare at once.
    let mut dirty = 0;
    for ((x, y), readers) in now
        .0
        .chunks(8)
        .zip(was.0.chunks(8))
        .zip(cat.readers.chunks(8))
    {
        if x != y {
            for ((a, b), r) in x.iter().zip(y).zip(readers) {
                if a != b {
                    dirty |= r;
                }
            }
        }
    }
    dirty
}

/// A component's status on these facts (the most severe of the rules that fired; not applicable
/// when none did); the rules that fired are added to `fired`.
fn coverage(cat: &Catalogue, position: usize, facts: &Facts, fired: &mut Vec<usize>) -> Status {
    let gate = cat.coverage_gates.get(position).map(Vec::as_slice);
    if !every(facts, gate.unwrap_or_default()) {
        return Status::NotApplicable;
    }
    let mut status: Option<Status> = None;
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
    status.unwrap_or(Status::NotApplicable)
}

/// Every place named as the report names it, in [`At`] order, each with its rank in the report's
/// order of places ([`Place`]'s own): made once, so findings share their place's strings and
/// sort by a number.
struct Places(Vec<(At, Place, usize)>, [usize; 5]);

impl Places {
    fn new(a: &Answers, places: impl Iterator<Item = At>) -> Places {
        let mut named: Vec<(At, Place, usize)> = places
            .map(|at| {
                let (id, name) = ItemList::of_scope(at.scope)
                    .and_then(|list| list.item(a, at.index))
                    .unwrap_or_default();
                let place = Place {
                    scope: at.scope,
                    id: id.into(),
                    name: name.into(),
                };
                (at, place, 0)
            })
            .collect();
        let mut by_place: Vec<usize> = (0..named.len()).collect();
        sort_by(&mut by_place, |&x, &y| {
            let key = |i: usize| named.get(i).map(|(at, place, _)| (place, at));
            key(x).cmp(&key(y))
        });
        for (rank, i) in by_place.into_iter().enumerate() {
            if let Some(entry) = named.get_mut(i) {
                entry.2 = rank;
            }
        }
        sort_by_key(&mut named, |(at, _, _)| *at);
        let mut starts = [0; 5];
        for (start, scope) in starts.iter_mut().zip(Scope::ALL) {
            *start = named
                .iter()
                .take_while(|(at, _, _)| at.scope < *scope)
                .count();
        }
        Places(named, starts)
    }

    fn get(&self, at: At) -> Option<&(At, Place, usize)> {
        // In `At` order, so a scope's places follow the earlier scopes' (the tenant first).
        let scope = at.scope.position();
        let start = self.1.get(scope)?;
        self.0
            .get(start + at.index)
            .filter(|(found, _, _)| *found == at)
    }

    /// The place, as the report names it.
    fn place(&self, at: At) -> Place {
        self.get(at).map_or_else(
            || Place {
                scope: at.scope,
                id: "".into(),
                name: "".into(),
            },
            |(_, place, _)| place.clone(),
        )
    }

    /// Its position in the report's order of places.
    fn rank(&self, at: At) -> usize {
        self.get(at).map_or(usize::MAX, |(_, _, rank)| *rank)
    }
}

fn finding(p: &Prepared, cat: &'static Catalogue, at: At, rule_index: usize) -> Option<Finding> {
    let rule = cat.rules.get(rule_index)?;
    let (component, status) = match rule.outcome {
        Outcome::Coverage { component, status } => (Some(component), Some(status)),
        _ => (None, None),
    };
    Some(Finding {
        rule: rule.id,
        component,
        place: p.names.place(at),
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
    for (_, _, status, rules) in pass.components() {
        match status {
            Status::NotApplicable => continue,
            Status::CustomerKey => k.customer_key += 1,
            Status::Partial => k.partial += 1,
            Status::MicrosoftKey => k.microsoft_key += 1,
            Status::Blocked => k.blocked += 1,
            Status::Verify => k.verify += 1,
        }
        // On Microsoft's key and nothing of yours can change it: Microsoft's design today
        // (platform metadata, LCS data, the e-commerce CMS …), as the rule that keeps it there
        // says (`by_design`). Not a component that follows an environment, a link or a migration
        // of yours (Sales in an environment outside the policy), with or without an action of
        // its own: that one can be under your key.
        let by_design = rules
            .iter()
            .filter_map(|&r| cat.rules.get(r))
            .any(|rule| rule.by_design);
        if status == Status::MicrosoftKey && by_design {
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

fn assemble(p: &Prepared, cat: &'static Catalogue, base: &Pass, what_if: Option<&Pass>) -> Report {
    let a = p.a;
    let shown = what_if.unwrap_or(base);

    let mut components = Vec::new();
    let mut blockers = Vec::new();
    // The oldest and newest "as of" dates of the findings shown (ISO dates: text order is date
    // order).
    let mut dates: Option<(&'static str, &'static str)> = None;
    let mut date = |as_of: Option<&'static str>| {
        if let Some(d) = as_of {
            dates = Some(dates.map_or((d, d), |(old, new)| (old.min(d), new.max(d))));
        }
    };
    for (at, component, status, rules) in shown.components() {
        if status == Status::NotApplicable {
            continue;
        }
        let mut findings: Vec<Finding> = rules
            .iter()
            .filter_map(|&r| finding(p, cat, at, r))
            .collect();
        sort_by(&mut findings, |x, y| {
            y.status.cmp(&x.status).then_with(|| x.rule.cmp(y.rule))
        });
        for f in &findings {
            date(f.as_of);
            if f.status == Some(Status::Blocked) {
                blockers.push(f.clone());
            }
        }
        components.push(ComponentFinding {
            component,
            name: component.label(),
            place: p.names.place(at),
            status,
            findings,
        });
    }

    let mut risks = Vec::new();
    let mut residency = Vec::new();
    let mut access = Vec::new();
    let mut limits = Vec::new();
    // Each list in the report's order — most severe first, then by rule, then by place (limits:
    // by rule, then as found) — sorted as (place, rule) pairs before any finding is made.
    // Each with its sort key, made once (not at each comparison); the position found breaks
    // ties, so the order is the stable sort's.
    let mut others: Vec<_> = shown
        .others()
        .enumerate()
        .map(|(found, (at, r))| {
            let rule = cat.rules.get(r);
            let (list, weight) = match rule.map(|rule| rule.outcome) {
                Some(Outcome::Risk(severity)) => (0, severity as usize),
                Some(Outcome::Residency(level)) => (1, level as usize),
                Some(Outcome::Access(level)) => (2, level as usize),
                _ => (3, 0),
            };
            let then = if list == 3 { found } else { p.names.rank(at) };
            let key = (
                list,
                std::cmp::Reverse(weight),
                rule.map(|rule| rule.id),
                then,
                found,
            );
            (key, at, r)
        })
        .collect();
    sort_by(&mut others, |x, y| x.0.cmp(&y.0));
    for (_, at, r) in others {
        let (Some(rule), Some(f)) = (cat.rules.get(r), finding(p, cat, at, r)) else {
            continue;
        };
        date(f.as_of);
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

    let actions = actions(p, cat, shown);
    let verify = verify_steps(p, cat, shown);

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
    Report {
        report_version: REPORT_VERSION,
        rules_version: cat.version,
        facts: FactsAge {
            compiled: cat.compiled,
            newest_source: dates.map(|(_, new)| new),
            oldest_source: dates.map(|(old, _)| old),
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

fn actions(p: &Prepared, cat: &'static Catalogue, pass: &Pass) -> Vec<ActionItem> {
    // Per action of the catalogue, by index: (places, rules, most severe risk), if recommended.
    let mut by_action: Vec<Option<Use>> = vec![None; cat.actions.len()];
    let mut note = |at: At, r: usize| {
        if let Some(rule) = cat.rules.get(r) {
            if let Some(act) = rule.action {
                let Some(entry) = by_action.get_mut(act) else {
                    return;
                };
                let entry = entry.get_or_insert_with(Default::default);
                if !entry.0.contains(&at) {
                    entry.0.push(at);
                }
                if !entry.1.contains(&rule.id) {
                    entry.1.push(rule.id);
                }
                if let Outcome::Risk(severity) = rule.outcome {
                    entry.2 = entry.2.max(Some(severity));
                }
            }
        }
    };
    for (at, _, status, rules) in pass.components() {
        if status == Status::CustomerKey || status == Status::NotApplicable {
            continue;
        }
        for &r in rules {
            note(at, r);
        }
    }
    for (at, r) in pass.others() {
        note(at, r);
    }
    let by_patches = patches_by_action(pass, cat);
    // Today's residency gaps, counted once: each action's re-evaluation is compared with it.
    let gaps_now = residency_gaps(cat, pass);
    // Each action with the most severe risk it answers, for ranking (a risk is ranked with the
    // actions of its severity, not after them).
    let mut items: Vec<(Option<Severity>, usize, ActionItem)> = by_action
        .into_iter()
        .enumerate()
        .filter_map(|(act, used)| {
            let (mut places, mut rules, risk) = used?;
            let action = cat.actions.get(act)?;
            sort(&mut places);
            sort(&mut rules);
            let after = (action.can_change_coverage || action.can_change_residency).then(|| {
                let patches = by_patches.get(act).map(Vec::as_slice).unwrap_or_default();
                run(p, cat, patches, Some(pass))
            });
            let gains = match &after {
                Some(after) if action.can_change_coverage => gained(p, pass, after),
                _ => Vec::new(),
            };
            let closes = after.as_ref().map_or(0, |after| {
                gaps_now.saturating_sub(residency_gaps(cat, after))
            });
            Some((
                risk,
                act,
                ActionItem {
                    id: action.id,
                    priority: action.priority,
                    title: action.title,
                    detail: action.detail,
                    places: places.into_iter().map(|at| p.names.place(at)).collect(),
                    brings_under_customer_key: gains,
                    closes_residency_gaps: closes,
                    rules,
                },
            ))
        })
        .collect();
    // Priority first; within it, what moves most components to the customer's key, then what
    // answers the most severe risk.
    sort_by(&mut items, |(xr, _, x), (yr, _, y)| {
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
    first_things_first(
        cat,
        items
            .into_iter()
            .map(|(_, act, item)| (act, item))
            .collect(),
    )
}

/// Puts each action (with its index in the catalogue) after the ones it depends on (`after` in
/// actions.json) when both are recommended, keeping the priority order otherwise: the next
/// action is always the first one whose prerequisites are done. A dependency pulls its
/// prerequisite forward even from a lower priority — "move the environment" before "add it to
/// the policy", whatever their labels.
fn first_things_first(cat: &Catalogue, mut rest: Vec<(usize, ActionItem)>) -> Vec<ActionItem> {
    let mut ordered: Vec<ActionItem> = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let waiting = |at: &usize| {
            cat.actions.get(*at).is_some_and(|a| {
                a.after
                    .iter()
                    .any(|before| rest.iter().any(|(r, _)| r == before))
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
    pass.others()
        .filter(|(_, r)| {
            cat.rules
                .get(*r)
                .is_some_and(|rule| matches!(rule.outcome, Outcome::Residency(ResidencyLevel::Gap)))
        })
        .count()
}

/// Components that are under the customer's key in `after` but weren't in `before`, in (place,
/// component) order. Only the places `after` evaluated afresh can differ; the ones it borrowed
/// from `before` are skipped unread.
fn gained(p: &Prepared, before: &Pass, after: &Pass) -> Vec<ComponentRef> {
    let mut moved: Vec<(At, ComponentId)> = Vec::new();
    for (i, now) in after.places.iter().enumerate() {
        if matches!(now, Cow::Borrowed(_)) {
            continue;
        }
        let then = before.places.get(i).filter(|then| then.at == now.at);
        for &(component, status, _) in &now.components {
            if status == Status::CustomerKey
                && then.map(|t| t.status(component)) != Some(Status::CustomerKey)
            {
                moved.push((now.at, component));
            }
        }
    }
    sort(&mut moved);
    moved
        .into_iter()
        .map(|(at, component)| ComponentRef {
            component,
            place: p.names.place(at),
        })
        .collect()
}

fn verify_steps(p: &Prepared, cat: &'static Catalogue, pass: &Pass) -> Vec<VerifyStep> {
    // In the report's order — by place, then by field name — as they are made.
    let mut places: Vec<(usize, &PlacePass)> = pass
        .places
        .iter()
        .map(|place| (p.names.rank(place.at), &**place))
        .collect();
    sort_by_key(&mut places, |(rank, _)| *rank);
    let mut steps = Vec::new();
    for (_, PlacePass { at, facts, .. }) in places {
        // Each place reports its own fields; tenant fields are reported once, by the tenant.
        let fields = cat
            .guided
            .get(at.scope.position())
            .map(Vec::as_slice)
            .unwrap_or_default();
        for &i in fields {
            let (Some(def), Some(Some(guide))) = (FIELDS.defs.get(i), cat.guide.get(i)) else {
                continue;
            };
            if !FIELDS.is_unknown(i, facts.get(i)) {
                continue;
            }
            steps.push(VerifyStep {
                field: def.name,
                place: p.names.place(*at),
                question: guide.question,
                how_to_find: guide.how_to_find,
                sources: &guide.citations,
            });
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every estate the tests know: the scenarios and the examples.
    fn estates() -> Vec<(String, Answers)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("tests/scenarios"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .chain(
                std::fs::read_dir(root.join("../../examples"))
                    .unwrap()
                    .map(|e| e.unwrap().path()),
            )
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|path| {
                let text = std::fs::read_to_string(&path).unwrap();
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                let answers = value.get("answers").cloned().unwrap_or(value);
                let valid = crate::parse_answers(&answers.to_string())
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                (path.display().to_string(), valid.answers().clone())
            })
            .collect()
    }

    fn same(x: &PlacePass, y: &PlacePass) -> bool {
        x.at == y.at
            && x.facts == y.facts
            && x.covered().eq(y.covered())
            && x.others() == y.others()
    }

    /// A what-if pass measured against a base borrows the places its patches leave alone: it must
    /// come out exactly as evaluating every place afresh does — for every action alone, and for
    /// all of them at once, on every estate the tests know; and so must each action measured
    /// against the all-actions pass (the what-if view's), itself partly borrowed.
    #[test]
    fn a_what_if_pass_equals_evaluating_every_place_afresh() {
        let cat: &'static Catalogue = &CATALOGUE;
        let (mut borrowed, mut measured) = (0, 0);
        let mut check = |name: &str, p: &Prepared, base: &Pass, patches: &[Patch]| {
            let quick = run(p, cat, patches, Some(base));
            let full = run(p, cat, patches, None);
            assert_eq!(quick.places.len(), full.places.len(), "{name}");
            for (q, f) in quick.places.iter().zip(&full.places) {
                assert!(same(q, f), "{name}, {patches:?}: {q:?} != {f:?}");
                borrowed += usize::from(matches!(q, Cow::Borrowed(_)));
                measured += 1;
            }
        };
        let everything: Vec<usize> = (0..cat.actions.len()).collect();
        for (name, a) in estates() {
            let p = Prepared::new(&a);
            let base = run(&p, cat, &Patches::new(), None);
            for patches in patches_by_action(&base, cat) {
                check(&name, &p, &base, &patches);
            }
            let all = patches_for(&base, cat, &everything);
            check(&name, &p, &base, &all);
            let done = run(&p, cat, &all, Some(&base));
            for patches in patches_by_action(&done, cat) {
                check(&name, &p, &done, &patches);
            }
        }
        // Not vacuous: most places of most what-ifs are borrowed.
        assert!(borrowed * 2 > measured, "{borrowed} of {measured}");
    }

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
