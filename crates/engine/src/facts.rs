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
        self.defs
            .get(field)?
            .values
            .iter()
            .position(|v| *v == value)
            .and_then(|i| u8::try_from(i).ok())
    }
    /// The value text for an index.
    pub fn value_name(&self, field: usize, value: u8) -> &'static str {
        self.defs
            .get(field)
            .and_then(|d| d.values.get(usize::from(value)))
            .copied()
            .unwrap_or(NOT_APPLICABLE)
    }
    fn range(&self, scope: Scope) -> (usize, usize) {
        let i = Scope::ALL.iter().position(|s| *s == scope).unwrap_or(0);
        self.ranges.get(i).copied().unwrap_or((0, 0))
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

fn yn(v: Option<YesNo>) -> &'static str {
    v.unwrap_or_default().as_str()
}

/// A follow-up question: asked only when its parent answer is yes.
fn yn_if(parent: Option<YesNo>, v: Option<YesNo>) -> &'static str {
    match parent {
        Some(YesNo::Yes) => yn(v),
        Some(YesNo::No) => NOT_APPLICABLE,
        _ => UNKNOWN,
    }
}

fn opt<T: Default + Copy>(v: Option<T>, name: fn(T) -> &'static str) -> &'static str {
    name(v.unwrap_or_default())
}

const YN: &[&str] = YesNo::NAMES;
const STATUS: &[&str] = Status::NAMES;

pub(crate) fn tenant_entries(a: &Answers, out: &mut Vec<Entry>) {
    let t = &a.tenant;
    put(
        out,
        "tenant.cloud",
        opt(t.cloud, Cloud::as_str),
        Cloud::NAMES,
    );
    put(
        out,
        "tenant.home_geo",
        opt(t.home_geo, Geo::as_str),
        Geo::NAMES,
    );
    put(
        out,
        "tenant.residency",
        opt(t.residency, Residency::as_str),
        Residency::NAMES,
    );
    let required = match t.residency {
        Some(Residency::SpecificGeo) => opt(t.required_geo, Geo::as_str),
        Some(Residency::Unknown) | None => UNKNOWN,
        Some(_) => NOT_APPLICABLE,
    };
    put(out, "tenant.required_geo", required, Geo::NAMES);
    computed(
        out,
        "tenant.environments",
        if a.environments.is_empty() {
            "none"
        } else {
            "some"
        },
        &["none", "some"],
    );

    let fo = &a.finance_operations;
    let used = fo.used;
    put(out, "fno.used", yn(used), YN);
    put(out, "fno.finance", yn_if(used, fo.finance), YN);
    put(out, "fno.supply_chain", yn_if(used, fo.supply_chain), YN);
    put(
        out,
        "fno.human_resources",
        yn_if(used, fo.human_resources),
        YN,
    );
    put(
        out,
        "fno.project_operations",
        yn_if(used, fo.project_operations),
        YN,
    );
    put(out, "fno.commerce", yn_if(used, fo.commerce), YN);
    put(
        out,
        "fno.intelligent_order_management",
        yn_if(used, fo.intelligent_order_management),
        YN,
    );
    put(
        out,
        "fno.fraud_protection",
        yn_if(used, fo.fraud_protection),
        YN,
    );
    let scm = if used == Some(YesNo::Yes) {
        fo.supply_chain
    } else {
        used
    };
    put(
        out,
        "fno.demand_planning",
        yn_if(scm, fo.demand_planning),
        YN,
    );
    put(out, "fno.lcs_data", yn_if(used, fo.lcs_data), YN);
    put(out, "fno.hr_standalone", yn(fo.hr_standalone), YN);
    let endpoint = if used == Some(YesNo::Yes) {
        opt(fo.lcs_endpoint, LcsEndpoint::as_str)
    } else {
        yn_if(used, None)
    };
    put(out, "fno.lcs_endpoint", endpoint, LcsEndpoint::NAMES);
    computed(
        out,
        "fno.environment_count",
        if fo.environments.is_empty() {
            "none"
        } else {
            "some"
        },
        &["none", "some"],
    );
    derived(out, "fno.environments", STATUS);
    derived(out, "fno.geo", Geo::NAMES);

    let ad = &a.addins;
    put(
        out,
        "addin.tax_calculation",
        yn_if(used, ad.tax_calculation),
        YN,
    );
    put(
        out,
        "addin.electronic_invoicing",
        yn_if(used, ad.electronic_invoicing),
        YN,
    );
    let rcs_parent = match (ad.tax_calculation, ad.electronic_invoicing) {
        (Some(YesNo::Yes), _) | (_, Some(YesNo::Yes)) => Some(YesNo::Yes),
        (Some(YesNo::No), Some(YesNo::No)) => Some(YesNo::No),
        _ => Some(YesNo::Unknown),
    };
    let rcs_parent = if used == Some(YesNo::Yes) {
        rcs_parent
    } else {
        used
    };
    put(
        out,
        "addin.standalone_rcs",
        yn_if(rcs_parent, ad.standalone_rcs),
        YN,
    );
    put(out, "addin.other", yn_if(used, ad.other), YN);

    let c = &a.commerce;
    let commerce = if used == Some(YesNo::Yes) {
        fo.commerce
    } else {
        used
    };
    computed(out, "commerce.used", yn(commerce), YN);
    put(
        out,
        "commerce.ecommerce_cms",
        yn_if(commerce, c.ecommerce_cms),
        YN,
    );
    put(
        out,
        "commerce.recommendations",
        yn_if(commerce, c.recommendations),
        YN,
    );
    put(
        out,
        "commerce.ratings_reviews",
        yn_if(commerce, c.ratings_reviews),
        YN,
    );
    let rr = if commerce == Some(YesNo::Yes) {
        c.ratings_reviews
    } else {
        commerce
    };
    let rr_geo = match rr {
        Some(YesNo::Yes) => opt(c.ratings_reviews_geo, Geo::as_str),
        Some(YesNo::No) => NOT_APPLICABLE,
        _ => UNKNOWN,
    };
    put(out, "commerce.ratings_reviews_geo", rr_geo, Geo::NAMES);
    derived(out, "commerce.ratings_reviews_same_geo", YN);

    let p = &a.power_platform;
    put(out, "pa.flows_before_cmk", yn(p.flows_before_cmk), YN);
    put(
        out,
        "pa.cmk_before_auto_migration",
        yn(p.cmk_before_auto_migration),
        YN,
    );
    put(
        out,
        "pa.special_trigger_flows",
        yn(p.special_trigger_flows),
        YN,
    );
    put(
        out,
        "pa.non_oauth_connections",
        yn(p.non_oauth_connections),
        YN,
    );
    put(
        out,
        "pa.hosted_rpa",
        opt(p.hosted_rpa, HostedRpa::as_str),
        HostedRpa::NAMES,
    );
    derived(out, "pa.cmk_environments_over_25", YN);
    put(
        out,
        "mcs.cmk_timing",
        opt(p.copilot_cmk_timing, CopilotTiming::as_str),
        CopilotTiming::NAMES,
    );
    let toggled = match p.copilot_cmk_timing {
        Some(CopilotTiming::Before2025_04_07) => yn(p.copilot_cmk_toggled),
        Some(CopilotTiming::Unknown) | None => UNKNOWN,
        Some(_) => NOT_APPLICABLE,
    };
    put(out, "mcs.cmk_toggled", toggled, YN);
    put(out, "mcs.agent365_audit", yn(p.copilot_agent365_audit), YN);
    put(out, "mcs.file_uploads", yn(p.copilot_file_uploads), YN);

    let bc = &a.business_central;
    put(out, "bc.used", yn(bc.used), YN);
    put(out, "bc.exports", yn_if(bc.used, bc.exports), YN);

    let k = &a.key;
    put(
        out,
        "key.store",
        opt(k.store, KeyStore::as_str),
        KeyStore::NAMES,
    );
    put(out, "key.soft_delete", yn(k.soft_delete), YN);
    put(out, "key.purge_protection", yn(k.purge_protection), YN);
    put(
        out,
        "key.type",
        opt(k.key_type, KeyType::as_str),
        KeyType::NAMES,
    );
    put(
        out,
        "key.size",
        opt(k.key_size, KeySize::as_str),
        KeySize::NAMES,
    );
    put(
        out,
        "key.expiry",
        opt(k.expiry, KeyExpiry::as_str),
        KeyExpiry::NAMES,
    );
    put(
        out,
        "key.permission_model",
        opt(k.permission_model, PermissionModel::as_str),
        PermissionModel::NAMES,
    );
    put(
        out,
        "key.network",
        opt(k.network, VaultNetwork::as_str),
        VaultNetwork::NAMES,
    );
    put(
        out,
        "key.rotation",
        opt(k.rotation, Rotation::as_str),
        Rotation::NAMES,
    );
    put(out, "key.separate_admins", yn(k.separate_admins), YN);
    put(out, "key.lockout_runbook", yn(k.lockout_runbook), YN);

    put(
        out,
        "lic.managed_environments",
        yn(a.licensing.managed_environments),
        YN,
    );
    put(out, "lic.e5_users", yn(a.licensing.e5_users), YN);
}

pub(crate) fn environment_entries(e: &Environment, a: &Answers, out: &mut Vec<Entry>) {
    put(
        out,
        "env.type",
        opt(e.kind, EnvType::as_str),
        EnvType::NAMES,
    );
    put(out, "env.region", opt(e.region, Geo::as_str), Geo::NAMES);
    put(out, "env.managed", yn(e.managed), YN);
    put(out, "env.cmk_policy", yn(e.cmk_policy), YN);
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
    let status = match e.cmk_policy {
        Some(YesNo::Yes) => opt(e.encryption_status, EncryptionStatus::as_str),
        Some(YesNo::No) => NOT_APPLICABLE,
        _ => UNKNOWN,
    };
    put(
        out,
        "env.encryption_status",
        status,
        EncryptionStatus::NAMES,
    );
    put(out, "env.legacy_byok", yn(e.legacy_byok), YN);

    let x = &e.apps;
    put(out, "env.sales", yn(x.sales), YN);
    put(
        out,
        "env.sales_forecasting",
        yn_if(x.sales, x.sales_forecasting),
        YN,
    );
    put(
        out,
        "env.sales_predictive_scoring",
        yn_if(x.sales, x.sales_predictive_scoring),
        YN,
    );
    put(
        out,
        "env.sales_conversation_intelligence",
        yn_if(x.sales, x.sales_conversation_intelligence),
        YN,
    );
    put(
        out,
        "env.sales_relationship_intelligence",
        yn_if(x.sales, x.sales_relationship_intelligence),
        YN,
    );
    put(out, "env.customer_service", yn(x.customer_service), YN);
    put(out, "env.field_service", yn(x.field_service), YN);
    put(out, "env.chat", yn(x.chat), YN);
    put(out, "env.contact_center", yn(x.contact_center), YN);
    put(
        out,
        "env.customer_insights_data",
        yn(x.customer_insights_data),
        YN,
    );
    put(
        out,
        "env.customer_insights_own_adls",
        yn_if(x.customer_insights_data, x.customer_insights_own_adls),
        YN,
    );
    put(
        out,
        "env.customer_insights_journeys",
        yn(x.customer_insights_journeys),
        YN,
    );
    put(out, "env.power_automate", yn(x.power_automate), YN);
    put(out, "env.copilot_studio", yn(x.copilot_studio), YN);
    put(out, "env.power_pages", yn(x.power_pages), YN);
    put(out, "env.ai_builder", yn(x.ai_builder), YN);
    put(out, "env.genai_cross_region", yn(x.genai_cross_region), YN);

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

pub(crate) fn fo_entries(e: &FoEnvironment, out: &mut Vec<Entry>) {
    put(
        out,
        "fo.hosting",
        opt(e.hosting, FoHosting::as_str),
        FoHosting::NAMES,
    );
    put(out, "fo.region", opt(e.region, Geo::as_str), Geo::NAMES);
    put(
        out,
        "fo.power_platform_integration",
        yn(e.power_platform_integration),
        YN,
    );
    let linked = match (e.power_platform_integration, &e.linked_environment) {
        (Some(YesNo::Yes), Some(_)) => "yes",
        (Some(YesNo::Yes), None) => UNKNOWN,
        (Some(YesNo::No), _) => NOT_APPLICABLE,
        _ => UNKNOWN,
    };
    computed(out, "fo.linked_known", linked, YN);
    put(
        out,
        "fo.cmk_before_link",
        yn_if(e.power_platform_integration, e.cmk_before_link),
        YN,
    );
    put(
        out,
        "fo.data_resident_region",
        yn(e.data_resident_region),
        YN,
    );
    derived(out, "fo.linked_dataverse", STATUS);
}

pub(crate) fn csu_entries(c: &ScaleUnit, out: &mut Vec<Entry>) {
    put(out, "csu.geo", opt(c.geo, Geo::as_str), Geo::NAMES);
    put(out, "csu.self_hosted", yn(c.self_hosted), YN);
    derived(out, "csu.same_geo_as_fo", YN);
}

pub(crate) fn bc_entries(b: &BcEnvironment, out: &mut Vec<Entry>) {
    put(out, "bcenv.linked", yn(b.linked), YN);
    let known = match (b.linked, &b.linked_environment) {
        (Some(YesNo::Yes), Some(_)) => "yes",
        (Some(YesNo::No), _) => NOT_APPLICABLE,
        _ => UNKNOWN,
    };
    computed(out, "bcenv.linked_known", known, YN);
    put(
        out,
        "bcenv.from_copy_or_restore",
        yn(b.from_copy_or_restore),
        YN,
    );
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
            Scope::Environment => environment_entries(&Environment::default(), &a, &mut entries),
            Scope::FoEnvironment => fo_entries(&FoEnvironment::default(), &mut entries),
            Scope::ScaleUnit => csu_entries(&ScaleUnit::default(), &mut entries),
            Scope::BcEnvironment => bc_entries(&BcEnvironment::default(), &mut entries),
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
    by_name.sort_unstable();
    by_name.dedup_by(|a, b| a.0 == b.0);
    FieldTable {
        defs,
        by_name,
        ranges,
    }
}

/// The facts of one scope instance: a value index per field of the whole table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts(pub(crate) Vec<u8>);

impl Facts {
    /// Facts holding only the tenant's fields (others `not_applicable`).
    pub(crate) fn tenant(a: &Answers) -> Facts {
        let table = &*FIELDS;
        let mut values: Vec<u8> = table
            .defs
            .iter()
            .enumerate()
            .map(|(i, _)| table.value_index(i, NOT_APPLICABLE).unwrap_or(0))
            .collect();
        let mut entries = Vec::with_capacity(96);
        tenant_entries(a, &mut entries);
        write(table, &mut values, Scope::Tenant, &entries);
        Facts(values)
    }

    /// These facts with a scope's own fields written over them.
    pub(crate) fn with_scope(&self, scope: Scope, entries: &[Entry]) -> Facts {
        let mut values = self.0.clone();
        write(&FIELDS, &mut values, scope, entries);
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
        let mut values: Vec<u8> = (0..table.len())
            .map(|i| table.value_index(i, NOT_APPLICABLE).unwrap_or(0))
            .collect();
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
            .and_then(|d| d.values.iter().position(|x| *x == e.value))
            .and_then(|p| u8::try_from(p).ok())
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
        for d in &table.defs {
            let prefix = d.name.split('.').next().unwrap();
            let ok = match d.scope {
                Scope::Tenant => [
                    "tenant", "fno", "addin", "commerce", "pa", "mcs", "bc", "key", "lic",
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
        let mut entries = Vec::new();
        environment_entries(&env, &Answers::default(), &mut entries);
        for e in entries {
            let i = FIELDS.index(e.name).unwrap();
            assert!(
                FIELDS.value_index(i, e.value).is_some(),
                "{} = {}",
                e.name,
                e.value
            );
        }
        let facts = Facts::tenant(&Answers::default()).with_scope(Scope::Environment, &{
            let mut v = Vec::new();
            environment_entries(&env, &Answers::default(), &mut v);
            v
        });
        assert_eq!(facts.value("env.policy_region_matches"), "yes");
        assert_eq!(facts.value("env.in_eu_data_boundary"), "yes");
        assert_eq!(facts.value("env.sales_forecasting"), "unknown");
        assert_eq!(facts.value("env.customer_insights_own_adls"), "unknown");
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
