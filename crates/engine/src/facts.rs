//! Facts: the answers flattened into named values that catalogue conditions test.
//!
//! Each scope (the tenant, each environment, each F&O environment, each scale unit, each Business
//! Central environment) gets a fact vector holding every field of the tenant plus its own. The
//! field table is not written by hand: it is read off the flatteners themselves, so a condition
//! can only name a field that the answers really produce (the catalogue test checks every one).
//! Fields that don't apply (Sales add-ons when Sales isn't used) are `not_applicable`, never
//! `unknown`, so only real unknowns turn into verify steps. A few fields are *derived*: the
//! evaluator fills them from earlier results (an app's environment's Dataverse status, whether
//! a scale unit shares the F&O geography).

use std::sync::LazyLock;

use crate::answers::*;
use crate::model::{Scope, Status};
use crate::questions;

/// The value every field may take when its question doesn't apply.
pub const NOT_APPLICABLE: &str = "not_applicable";
/// The value of an unanswered or "I don't know" field.
pub const UNKNOWN: &str = "unknown";

/// One field: its name, scope and the values it may take.
#[derive(Debug)]
pub struct FieldDef {
    /// Dotted name used in conditions, e.g. `env.managed`.
    pub name: &'static str,
    /// The scope whose flattener produces it.
    pub scope: Scope,
    /// Allowed values; always includes `not_applicable`.
    pub values: Vec<&'static str>,
    /// Filled by the evaluator rather than read from the answers.
    pub derived: bool,
}

/// Every field, in the order the flatteners produce them.
#[derive(Debug)]
pub struct FieldTable {
    /// The fields.
    pub defs: Vec<FieldDef>,
    /// `(name, index)` sorted by name, for binary search.
    by_name: Vec<(&'static str, usize)>,
    /// Per field, the index of its `unknown` value (`None` when it has none): a report reads
    /// every place's fields for points to verify, by number rather than by text.
    unknown: Vec<Option<u8>>,
    ranges: [(usize, usize); 5],
}

impl FieldTable {
    /// Index of a field by name.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.by_name
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .and_then(|i| self.by_name.get(i))
            .map(|(_, index)| *index)
    }
    /// Index of a value of a field.
    pub fn value_index(&self, field: usize, value: &str) -> Option<u8> {
        position(&self.defs.get(field)?.values, value)
    }
    /// The value text for an index.
    pub fn value_name(&self, field: usize, value: u8) -> &'static str {
        self.defs
            .get(field)
            .and_then(|d| d.values.get(usize::from(value)))
            .copied()
            .unwrap_or(NOT_APPLICABLE)
    }
    /// Whether a field's value is `unknown`.
    pub fn is_unknown(&self, field: usize, value: u8) -> bool {
        self.unknown.get(field).copied().flatten() == Some(value)
    }
    fn range(&self, scope: Scope) -> (usize, usize) {
        let i = scope.position();
        self.ranges.get(i).copied().unwrap_or((0, 0))
    }
    /// The indices of a scope's own fields.
    pub(crate) fn fields_of(&self, scope: Scope) -> std::ops::Range<usize> {
        let (start, end) = self.range(scope);
        start..end
    }
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.defs.len()
    }
    /// Whether the table is empty (never, for the real table).
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }
}

/// Where `value` is among a field's `values`. The flatteners and the evaluator write values from
/// the same static names the table holds, so the text is nearly always the very same string:
/// compared by address first, by content only when that fails (an evaluation looks up thousands).
fn position(values: &[&'static str], value: &str) -> Option<u8> {
    let same = |v: &&str| std::ptr::eq(v.as_ptr(), value.as_ptr()) && v.len() == value.len();
    values
        .iter()
        .position(same)
        .or_else(|| values.iter().position(|v| *v == value))
        .and_then(|i| u8::try_from(i).ok())
}

/// One flattened field.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub name: &'static str,
    pub value: &'static str,
    pub allowed: &'static [&'static str],
    pub derived: bool,
}

fn put(
    out: &mut Vec<Entry>,
    name: &'static str,
    value: &'static str,
    allowed: &'static [&'static str],
) {
    out.push(Entry {
        name,
        value,
        allowed,
        derived: false,
    });
}

/// A field computed from other answers (not asked, so never a verify step of its own).
fn computed(
    out: &mut Vec<Entry>,
    name: &'static str,
    value: &'static str,
    allowed: &'static [&'static str],
) {
    out.push(Entry {
        name,
        value,
        allowed,
        derived: true,
    });
}

/// A field the evaluator fills from earlier results.
fn derived(out: &mut Vec<Entry>, name: &'static str, allowed: &'static [&'static str]) {
    out.push(Entry {
        name,
        value: NOT_APPLICABLE,
        allowed,
        derived: true,
    });
}

const YN: &[&str] = YesNo::NAMES;
const STATUS: &[&str] = Status::NAMES;
const NONE_SOME: &[&str] = &["none", "some"];

/// The facts of every question of `scope` (item `index` of its list), from the one definition of
/// each question: its answer when asked, `unknown` when asked but not known, `not_applicable`
/// when it isn't asked.
fn asked(out: &mut Vec<Entry>, a: &Answers, scope: Scope, index: usize) {
    for q in questions::of_scope(scope) {
        put(out, q.id, q.fact(a, index), q.slot.values);
    }
}

fn none_or_some(empty: bool) -> &'static str {
    if empty {
        "none"
    } else {
        "some"
    }
}

pub(crate) fn tenant_entries(a: &Answers, out: &mut Vec<Entry>) {
    asked(out, a, Scope::Tenant, 0);
    computed(
        out,
        "tenant.environments",
        none_or_some(a.environments.is_empty()),
        NONE_SOME,
    );
    computed(
        out,
        "fno.environment_count",
        none_or_some(a.finance_operations.environments.is_empty()),
        NONE_SOME,
    );
    derived(out, "fno.environments", STATUS);
    derived(out, "tenant.cmk_in_use", YN);
    // Whether Commerce is in use: the F&O apps answer, when F&O is used at all.
    computed(out, "commerce.used", questions::FNO_COMMERCE.fact(a, 0), YN);
    derived(out, "commerce.ratings_reviews_same_geo", YN);
    derived(out, "pa.cmk_environments_over_25", YN);
}

pub(crate) fn environment_entries(
    e: &Environment,
    a: &Answers,
    index: usize,
    out: &mut Vec<Entry>,
) {
    asked(out, a, Scope::Environment, index);
    let policy_region = match (e.cmk_policy, e.region, e.policy_region) {
        (Some(YesNo::Yes), Some(r), Some(p)) if r != Geo::Unknown && p != Geo::Unknown => {
            if r == p {
                "yes"
            } else {
                "no"
            }
        }
        (Some(YesNo::Yes), _, _) => UNKNOWN,
        (Some(YesNo::No), _, _) => NOT_APPLICABLE,
        _ => UNKNOWN,
    };
    computed(out, "env.policy_region_matches", policy_region, YN);
    let region = e.region.unwrap_or_default();
    let in_eu = match region.in_eu_data_boundary() {
        Some(true) => "yes",
        Some(false) => "no",
        None => UNKNOWN,
    };
    computed(out, "env.in_eu_data_boundary", in_eu, YN);
    let in_required = match a.tenant.residency {
        Some(Residency::SpecificGeo) => same_geo(region, a.tenant.required_geo),
        Some(Residency::Unknown) | None => UNKNOWN,
        Some(_) => NOT_APPLICABLE,
    };
    computed(out, "env.in_required_geo", in_required, YN);
    computed(
        out,
        "env.in_home_geo",
        same_geo(region, a.tenant.home_geo),
        YN,
    );
    derived(out, "env.dataverse", STATUS);
}

/// `yes`/`no` when both geographies are known, else `unknown`.
pub(crate) fn same_geo(a: Geo, b: Option<Geo>) -> &'static str {
    match (a, b.unwrap_or_default()) {
        (Geo::Unknown, _) | (_, Geo::Unknown) => UNKNOWN,
        (x, y) if x == y => "yes",
        _ => "no",
    }
}

pub(crate) fn fo_entries(e: &FoEnvironment, a: &Answers, index: usize, out: &mut Vec<Entry>) {
    asked(out, a, Scope::FoEnvironment, index);
    let linked = match (
        e.power_platform_integration,
        e.linked_environment.as_deref(),
    ) {
        (Some(YesNo::Yes), Some(UNKNOWN)) => UNKNOWN,
        (Some(YesNo::Yes), Some(_)) => "yes",
        (Some(YesNo::Yes), None) => UNKNOWN,
        (Some(YesNo::No), _) => NOT_APPLICABLE,
        _ => UNKNOWN,
    };
    computed(out, "fo.linked_known", linked, YN);
    derived(out, "fo.linked_dataverse", STATUS);
}

pub(crate) fn csu_entries(a: &Answers, index: usize, out: &mut Vec<Entry>) {
    asked(out, a, Scope::ScaleUnit, index);
    derived(out, "csu.same_geo_as_fo", YN);
}

pub(crate) fn bc_entries(b: &BcEnvironment, a: &Answers, index: usize, out: &mut Vec<Entry>) {
    asked(out, a, Scope::BcEnvironment, index);
    let known = match (b.linked, b.linked_environment.as_deref()) {
        (Some(YesNo::Yes), Some(UNKNOWN)) => UNKNOWN,
        (Some(YesNo::Yes), Some(_)) => "yes",
        (Some(YesNo::No), _) => NOT_APPLICABLE,
        _ => UNKNOWN,
    };
    computed(out, "bcenv.linked_known", known, YN);
    derived(out, "bcenv.linked_dataverse", STATUS);
}

/// The field table, read off the flatteners run on empty answers.
pub static FIELDS: LazyLock<FieldTable> = LazyLock::new(build_table);

fn build_table() -> FieldTable {
    let a = Answers::default();
    let mut defs = Vec::new();
    let mut ranges = [(0, 0); 5];
    for (i, scope) in Scope::ALL.iter().enumerate() {
        let mut entries = Vec::new();
        match scope {
            Scope::Tenant => tenant_entries(&a, &mut entries),
            Scope::Environment => environment_entries(&Environment::default(), &a, 0, &mut entries),
            Scope::FoEnvironment => fo_entries(&FoEnvironment::default(), &a, 0, &mut entries),
            Scope::ScaleUnit => csu_entries(&a, 0, &mut entries),
            Scope::BcEnvironment => bc_entries(&BcEnvironment::default(), &a, 0, &mut entries),
        }
        let start = defs.len();
        for e in entries {
            let mut values: Vec<&'static str> = e.allowed.to_vec();
            if !values.contains(&NOT_APPLICABLE) {
                values.push(NOT_APPLICABLE);
            }
            defs.push(FieldDef {
                name: e.name,
                scope: *scope,
                values,
                derived: e.derived,
            });
        }
        if let Some(r) = ranges.get_mut(i) {
            *r = (start, defs.len());
        }
    }
    let mut by_name: Vec<(&'static str, usize)> =
        defs.iter().enumerate().map(|(i, d)| (d.name, i)).collect();
    crate::sort::sort(&mut by_name);
    by_name.dedup_by(|a, b| a.0 == b.0);
    let unknown = defs.iter().map(|d| position(&d.values, UNKNOWN)).collect();
    FieldTable {
        defs,
        by_name,
        unknown,
        ranges,
    }
}

/// How many fields a fact vector holds: more than the table has (108 today). Fixed, so facts
/// are copied, compared and dropped without the allocator: an evaluation makes hundreds (every
/// place of every what-if pass). A table that outgrows it fails the catalogue's load with a
/// typed error, and `facts::tests` first.
pub const CAPACITY: usize = 160;

/// The facts of one scope instance: a value index per field of the whole table (the slots past
/// the table's end stay 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts(pub(crate) [u8; CAPACITY]);

impl Facts {
    /// Every field `not_applicable`: found once, then copied (every evaluation starts from it).
    fn none() -> Facts {
        static NONE: LazyLock<Facts> = LazyLock::new(|| {
            let table = &*FIELDS;
            let mut values = [0; CAPACITY];
            for (i, slot) in values.iter_mut().enumerate().take(table.len()) {
                *slot = table.value_index(i, NOT_APPLICABLE).unwrap_or(0);
            }
            Facts(values)
        });
        NONE.clone()
    }

    /// Facts holding only the tenant's fields (others `not_applicable`).
    pub(crate) fn tenant(a: &Answers) -> Facts {
        let mut facts = Facts::none();
        let mut entries = Vec::with_capacity(96);
        tenant_entries(a, &mut entries);
        write(&FIELDS, &mut facts.0, Scope::Tenant, &entries);
        facts
    }

    /// These facts with a scope's own fields written over them.
    pub(crate) fn with_scope(&self, scope: Scope, entries: &[Entry]) -> Facts {
        let mut values = self.0;
        write(&FIELDS, &mut values, scope, entries);
        Facts(values)
    }

    /// These facts with a scope's own fields taken from `own` (facts built by
    /// [`Facts::with_scope`] for that scope): a place's answers, over the tenant's facts as they
    /// are now.
    pub(crate) fn overlay(&self, scope: Scope, own: &Facts) -> Facts {
        let mut values = self.0;
        let fields = FIELDS.fields_of(scope);
        if let (Some(to), Some(from)) = (values.get_mut(fields.clone()), own.0.get(fields)) {
            to.copy_from_slice(from);
        }
        Facts(values)
    }

    /// The value of a field, by index.
    pub fn get(&self, field: usize) -> u8 {
        self.0.get(field).copied().unwrap_or(0)
    }

    /// The value of a field, by name (`not_applicable` for an unknown name).
    pub fn value(&self, name: &str) -> &'static str {
        match FIELDS.index(name) {
            Some(i) => FIELDS.value_name(i, self.get(i)),
            None => NOT_APPLICABLE,
        }
    }

    /// Sets a field by name; ignored if the name or value is not in the table.
    pub fn set(&mut self, name: &str, value: &str) {
        if let Some(i) = FIELDS.index(name) {
            self.set_at(i, value);
        }
    }

    /// Sets a field by index; ignored if the value is not one of the field's.
    pub fn set_at(&mut self, field: usize, value: &str) {
        if let (Some(v), Some(slot)) = (FIELDS.value_index(field, value), self.0.get_mut(field)) {
            *slot = v;
        }
    }

    /// Facts built from explicit `field: value` pairs over a default of `not_applicable` (used by
    /// rule examples). Fails naming the first unknown field or value.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Facts, String> {
        let table = &*FIELDS;
        let Facts(mut values) = Facts::none();
        for (name, value) in pairs {
            let i = table
                .index(name)
                .ok_or_else(|| format!("unknown field `{name}`"))?;
            let v = table
                .value_index(i, value)
                .ok_or_else(|| format!("`{value}` is not a value of `{name}`"))?;
            if let Some(slot) = values.get_mut(i) {
                *slot = v;
            }
        }
        Ok(Facts(values))
    }
}

fn write(table: &FieldTable, values: &mut [u8], scope: Scope, entries: &[Entry]) {
    let (start, end) = table.range(scope);
    // INVARIANT: flatteners emit their fields in the same order every time, so the n-th entry is
    // the n-th field of the scope's range (the table was built from the same functions).
    for (offset, e) in entries.iter().enumerate() {
        let i = start + offset;
        if i >= end {
            break;
        }
        let v = table
            .defs
            .get(i)
            .and_then(|d| position(&d.values, e.value))
            .unwrap_or(0);
        if let Some(slot) = values.get_mut(i) {
            *slot = v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_prefixed_by_scope() {
        let table = &*FIELDS;
        assert_eq!(table.by_name.len(), table.len(), "duplicate field names");
        assert!(
            table.len() <= CAPACITY,
            "facts::CAPACITY is below the table's {}",
            table.len()
        );
        for d in &table.defs {
            let prefix = d.name.split('.').next().unwrap();
            let ok = match d.scope {
                Scope::Tenant => [
                    "tenant", "fno", "addin", "commerce", "pa", "mcs", "copies", "bc", "key",
                    "lic", "access",
                ]
                .contains(&prefix),
                Scope::Environment => prefix == "env",
                Scope::FoEnvironment => prefix == "fo",
                Scope::ScaleUnit => prefix == "csu",
                Scope::BcEnvironment => prefix == "bcenv",
            };
            assert!(ok, "{} in scope {}", d.name, d.scope);
            assert!(
                d.values.len() < 64,
                "{} has too many values for a condition mask",
                d.name
            );
            // Each value once: `position` (by address first) and `is_unknown` take a value's
            // one index for its text.
            for (i, v) in d.values.iter().enumerate() {
                assert_eq!(
                    d.values.iter().position(|w| w == v),
                    Some(i),
                    "{} twice",
                    d.name
                );
            }
        }
    }

    #[test]
    fn flattener_values_are_in_the_table() {
        // A fully answered environment must produce only values the table allows.
        let env = Environment {
            id: "e".into(),
            name: "E".into(),
            kind: Some(EnvType::Production),
            region: Some(Geo::Europe),
            managed: Some(YesNo::Yes),
            cmk_policy: Some(YesNo::Yes),
            policy_region: Some(Geo::Europe),
            encryption_status: Some(EncryptionStatus::Encrypted),
            legacy_byok: Some(YesNo::No),
            apps: EnvironmentApps {
                sales: Some(YesNo::Yes),
                ..Default::default()
            },
        };
        let a = Answers {
            environments: vec![env.clone()],
            ..Default::default()
        };
        let mut entries = Vec::new();
        environment_entries(&env, &a, 0, &mut entries);
        for e in &entries {
            let i = FIELDS.index(e.name).unwrap();
            assert!(
                FIELDS.value_index(i, e.value).is_some(),
                "{} = {}",
                e.name,
                e.value
            );
        }
        let facts = Facts::tenant(&a).with_scope(Scope::Environment, &entries);
        assert_eq!(facts.value("env.managed"), "yes", "answers reach the facts");
        assert_eq!(facts.value("env.policy_region"), "europe");
        assert_eq!(facts.value("env.policy_region_matches"), "yes");
        assert_eq!(facts.value("env.in_eu_data_boundary"), "yes");
        assert_eq!(facts.value("env.sales_forecasting"), "unknown");
        assert_eq!(facts.value("env.customer_insights_own_adls"), "unknown");
    }

    #[test]
    fn questions_about_items_no_list_has_are_not_applicable_not_unknown() {
        // Flow questions answered, but no environment: nothing has flows, so no verify steps.
        let mut a = Answers::default();
        a.power_platform.flows_before_cmk = Some(YesNo::No);
        a.power_platform.copilot_cmk_timing = Some(CopilotTiming::OnOrAfter);
        let facts = Facts::tenant(&a);
        assert_eq!(facts.value("pa.flows_before_cmk"), NOT_APPLICABLE);
        assert_eq!(facts.value("mcs.cmk_timing"), NOT_APPLICABLE);
        assert_eq!(facts.value("mcs.cmk_toggled"), NOT_APPLICABLE);
    }

    #[test]
    fn follow_up_questions_are_not_applicable_when_parent_is_no() {
        let mut a = Answers::default();
        a.finance_operations.used = Some(YesNo::No);
        let facts = Facts::tenant(&a);
        assert_eq!(facts.value("fno.finance"), NOT_APPLICABLE);
        assert_eq!(facts.value("commerce.ecommerce_cms"), NOT_APPLICABLE);
        assert_eq!(facts.value("addin.standalone_rcs"), NOT_APPLICABLE);
        assert_eq!(facts.value("fno.used"), "no");
    }
}
