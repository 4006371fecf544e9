//! The catalogue lint: loads the embedded rules and checks everything a reader relies on.
//! If this passes, the `expect` behind `CATALOGUE` can't fire in a user's browser.

use std::collections::HashSet;

use std::path::{Path, PathBuf};

use keyholder_engine::catalogue::{load, Outcome, RULE_FILES};
use keyholder_engine::facts::FIELDS;
use keyholder_engine::model::{ComponentId, Evidence, Status};
use keyholder_engine::rule_shape::{self, RuleFile};

#[test]
fn catalogue_loads() {
    let cat = load().unwrap_or_else(|e| panic!("{e}"));
    assert!(cat.rules.len() > 100, "only {} rules", cat.rules.len());
}

#[test]
fn every_rule_example_behaves() {
    let cat = load().unwrap();
    for rule in &cat.rules {
        for (i, facts) in rule.examples.iter().enumerate() {
            assert!(
                rule.when.holds(facts),
                "rule `{}`: match example {i} doesn't fire it",
                rule.id
            );
        }
        for (i, facts) in rule.counter_examples.iter().enumerate() {
            assert!(
                !rule.when.holds(facts),
                "rule `{}`: no_match example {i} fires it",
                rule.id
            );
        }
    }
}

#[test]
fn inferred_and_third_party_facts_never_claim_customer_key() {
    let cat = load().unwrap();
    for rule in &cat.rules {
        if matches!(rule.evidence, Evidence::I | Evidence::S) {
            assert!(
                !matches!(
                    rule.outcome,
                    Outcome::Coverage {
                        status: Status::CustomerKey,
                        ..
                    }
                ),
                "rule `{}`",
                rule.id
            );
        }
        if rule.evidence == Evidence::I {
            if let Outcome::Coverage {
                status: Status::Verify,
                ..
            } = rule.outcome
            {
                assert!(
                    rule.reason.starts_with("Likely"),
                    "rule `{}` should say 'Likely … verify'",
                    rule.id
                );
            }
        }
    }
}

#[test]
fn every_rule_date_is_the_date_of_a_source_it_cites() {
    // A rule's date must come from the register, never be typed in freely; a rule resting only on
    // undated excerpts (or on sources dated only by month) carries no date.
    let cat = load().unwrap();
    for rule in &cat.rules {
        let dates: Vec<&str> = rule
            .sources
            .iter()
            .map(|s| {
                cat.source(s)
                    .unwrap_or_else(|| panic!("rule `{}` cites `{s}`", rule.id))
            })
            .filter_map(|s| s.date)
            // Only a full date can be a rule's `as_of` (the report orders them): a source dated by
            // month ("May 2026") or an approximate span is shown as such, never turned into a day.
            .filter(|d| keyholder_engine::rule_shape::check_date(d).is_ok())
            .collect();
        match &rule.as_of {
            Some(d) => assert!(
                dates.contains(d),
                "rule `{}`: as_of {d} is not a cited source's date",
                rule.id
            ),
            None => assert!(
                dates.is_empty(),
                "rule `{}` cites dated sources but has no as_of",
                rule.id
            ),
        }
    }
}

#[test]
fn every_component_has_rules_and_every_action_is_used() {
    let cat = load().unwrap();
    let covered: HashSet<ComponentId> = cat
        .rules
        .iter()
        .filter_map(|r| match r.outcome {
            Outcome::Coverage { component, .. } => Some(component),
            _ => None,
        })
        .collect();
    for c in ComponentId::ALL {
        assert!(covered.contains(c), "no rule for component `{c}`");
    }
    let used: HashSet<usize> = cat.rules.iter().filter_map(|r| r.action).collect();
    for (i, a) in cat.actions.iter().enumerate() {
        assert!(used.contains(&i), "action `{}` is never recommended", a.id);
    }
}

#[test]
fn every_question_has_a_how_to_find_out() {
    let cat = load().unwrap();
    for (i, def) in FIELDS.defs.iter().enumerate() {
        if !def.derived {
            assert!(
                cat.guide.get(i).is_some_and(Option::is_some),
                "no guide entry for `{}`",
                def.name
            );
        }
    }
}

#[test]
fn every_rule_file_in_the_folder_is_compiled_in() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/rules");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| format!("rules/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    on_disk.sort();
    let listed: Vec<String> = RULE_FILES.iter().map(|n| (*n).to_owned()).collect();
    assert_eq!(listed, on_disk);
}

#[test]
fn stale_rcs_wording_is_flagged_in_the_report_text() {
    let cat = load().unwrap();
    let rcs = cat
        .rules
        .iter()
        .find(|r| r.id == "tax-calculation.rcs")
        .unwrap();
    assert!(rcs.reason.contains("stale"));
}

// ---------------------------------------------------------------- the data files themselves

fn data_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
}

/// The fact table as the shape checks take it: every fact with its values.
fn fact_table() -> Vec<(&'static str, &'static [&'static str])> {
    FIELDS
        .defs
        .iter()
        .map(|d| (d.name, d.values.as_slice()))
        .collect()
}

#[test]
fn data_files_are_in_canonical_layout() {
    // One attribute per line keeps a rule's diff to the lines that changed. Set
    // KEYHOLDER_LAYOUT_DATA=1 to rewrite the files in the canonical layout instead of failing.
    let rewrite = std::env::var_os("KEYHOLDER_LAYOUT_DATA").is_some();
    let (data, texts) = rule_shape::read(data_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(texts.len() > rule_shape::FILES.len(), "no rule files read");
    for (name, text) in &texts {
        let canonical = rule_shape::canonical_file(&data, name)
            .unwrap_or_else(|| panic!("`{name}` is not a data file"));
        if rewrite {
            std::fs::write(data_dir().join(name), &canonical).unwrap();
            continue;
        }
        if let Some((i, (got, want))) = text
            .lines()
            .zip(canonical.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
        {
            panic!(
                "data/{name} line {} is not in the canonical layout:\n  is:        {got}\n  should be: {want}\n\
                 (KEYHOLDER_LAYOUT_DATA=1 cargo test -p keyholder-engine --test catalogue rewrites it)",
                i + 1
            );
        }
        assert_eq!(
            text, &canonical,
            "data/{name} is not in the canonical layout (its length or final newline differ)"
        );
    }
}

#[test]
fn data_files_name_only_known_facts_and_values() {
    // build.rs runs the same checks without the fact table, which exists only at run time.
    let (data, _) = rule_shape::read(data_dir()).unwrap_or_else(|e| panic!("{e}"));
    if let Err(e) = rule_shape::check(&data, Some(&fact_table())) {
        panic!("{e}");
    }
}

/// A valid rule; each test below misspells one thing in it.
const RULE: &str = r#"[
  {
    "id": "test.not-managed",
    "scope": "environment",
    "outcome": {"coverage": {"component": "dataverse", "status": "microsoft_key"}},
    "when": {"is": ["env.managed", "no"]},
    "reason": "Not a Managed Environment.",
    "evidence": "P",
    "sources": ["PP-CMK"],
    "examples": {"match": [{"env.managed": "no"}], "no_match": [{"env.managed": "yes"}]}
  },
  {
    "id": "test.risk",
    "scope": "tenant",
    "outcome": {"risk": "high"},
    "when": {"all": []},
    "reason": "Always.",
    "evidence": "P",
    "sources": ["PP-CMK"],
    "examples": {"match": [{}]}
  }
]
"#;

/// Reads, parses and checks `RULE` with `from` replaced by `to`, as one more rule file next to the
/// real data, with the fact table: the checks `build.rs` and the tests run.
fn check_rule_file(from: &str, to: &str) -> Result<(), String> {
    assert!(RULE.contains(from), "`{from}` is not in the test rule");
    let name = "rules/zz_test.json";
    let (mut data, _) = rule_shape::read(data_dir()).map_err(|e| e.to_string())?;
    let rules =
        rule_shape::parse_rules(name, &RULE.replacen(from, to, 1)).map_err(|e| e.to_string())?;
    data.rules.push(RuleFile {
        name: name.to_owned(),
        rules,
    });
    rule_shape::check(&data, Some(&fact_table())).map_err(|e| e.to_string())
}

#[test]
fn the_test_rule_is_valid_as_written() {
    assert_eq!(check_rule_file("", ""), Ok(()));
}

#[test]
fn a_misspelt_fact_name_in_a_condition_names_the_file_and_rule() {
    assert_eq!(
        check_rule_file(r#"["env.managed", "no"]"#, r#"["env.manged", "no"]"#),
        Err(
            "data/rules/zz_test.json, rule `test.not-managed`: names unknown fact `env.manged` \
             (facts are listed in `facts.rs`; a renamed fact must be renamed here too)"
                .into()
        )
    );
}

#[test]
fn a_misspelt_fact_name_in_an_example_names_the_file_and_rule() {
    let err = check_rule_file(r#"{"env.managed": "yes"}"#, r#"{"env.manged": "yes"}"#).unwrap_err();
    assert!(
        err.starts_with(
            "data/rules/zz_test.json, rule `test.not-managed`: no_match example 1: names unknown fact `env.manged`"
        ),
        "{err}"
    );
}

#[test]
fn a_value_the_fact_never_takes_names_the_file_rule_and_allowed_values() {
    let err =
        check_rule_file(r#"["env.managed", "no"]"#, r#"["env.managed", "nope"]"#).unwrap_err();
    assert!(
        err.starts_with(
            "data/rules/zz_test.json, rule `test.not-managed`: `nope` is not a value of fact `env.managed` (allowed: "
        ),
        "{err}"
    );
}

#[test]
fn a_misspelt_status_names_the_file_rule_and_allowed_values() {
    assert_eq!(
        check_rule_file(r#""microsoft_key""#, r#""microsoft_kye""#),
        Err("data/rules/zz_test.json, rule `test.not-managed`: invalid value: string \"microsoft_kye\", \
             expected one of not_applicable, customer_key, verify, partial, microsoft_key, blocked"
            .into())
    );
}

#[test]
fn a_misspelt_severity_names_the_file_rule_and_allowed_values() {
    assert_eq!(
        check_rule_file(r#"{"risk": "high"}"#, r#"{"risk": "hihg"}"#),
        Err(
            "data/rules/zz_test.json, rule `test.risk`: invalid value: string \"hihg\", \
             expected one of info, low, medium, high"
                .into()
        )
    );
}

#[test]
fn a_misspelt_scope_names_the_file_rule_and_allowed_values() {
    assert_eq!(
        check_rule_file(r#""scope": "environment""#, r#""scope": "enviroment""#),
        Err("data/rules/zz_test.json, rule `test.not-managed`: invalid value: string \"enviroment\", \
             expected one of tenant, environment, fo_environment, scale_unit, bc_environment"
            .into())
    );
}

#[test]
fn an_unknown_source_id_names_the_file_and_rule() {
    assert_eq!(
        check_rule_file(r#"["PP-CMK"]"#, r#"["PP-CMX"]"#),
        Err("data/rules/zz_test.json, rule `test.not-managed`: cites unknown source `PP-CMX` (not in sources.json)".into())
    );
}

#[test]
fn a_misspelt_key_names_the_file_and_rule() {
    let err = check_rule_file(r#""reason": "Always.""#, r#""raeson": "Always.""#).unwrap_err();
    assert!(
        err.starts_with("data/rules/zz_test.json, rule `test.risk`: unknown field `raeson`"),
        "{err}"
    );
}

/// A scratch copy of `data/` that removes itself.
struct ScratchData(PathBuf);

impl Drop for ScratchData {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_build_stops_on_a_misspelt_status_in_a_file_on_disk() {
    // `build.rs` runs `rule_shape::read` then `rule_shape::check(.., None)` and panics with the
    // error; this runs that path on a copy of the data with one status misspelt.
    let dir =
        ScratchData(std::env::temp_dir().join(format!("keyholder-data-{}", std::process::id())));
    std::fs::create_dir_all(dir.0.join("rules")).unwrap();
    for (name, text) in rule_shape::read(data_dir()).unwrap().1 {
        std::fs::write(dir.0.join(&name), text).unwrap();
    }
    let dataverse = dir.0.join("rules/dataverse.json");
    let text = std::fs::read_to_string(&dataverse).unwrap();
    let broken = text.replacen(r#""status": "blocked""#, r#""status": "blokced""#, 1);
    assert_ne!(
        broken, text,
        "no blocked status to misspell in dataverse.json"
    );
    std::fs::write(&dataverse, broken).unwrap();
    let err = rule_shape::read(&dir.0)
        .and_then(|(data, _)| rule_shape::check(&data, None))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("data/rules/dataverse.json, rule `dataverse.")
            && err.ends_with(
                "invalid value: string \"blokced\", expected one of not_applicable, customer_key, verify, partial, microsoft_key, blocked"
            ),
        "{err}"
    );
}

/// Questions no rule file names, and why they are still asked. The list may only shrink: a new
/// question must be read by a rule (or say here why not), and a question a rule starts reading
/// must leave the list.
const NOT_READ_BY_A_RULE: &[(&str, &str)] = &[
    (
        "tenant.home_geo",
        "read in code: each environment's `env.in_home_geo`",
    ),
    (
        "env.policy_region",
        "read in code: `env.policy_region_matches`",
    ),
    (
        "fo.region",
        "read in code: `csu.same_geo_as_fo` and `commerce.ratings_reviews_same_geo` compare with it",
    ),
    ("csu.geo", "read in code: `csu.same_geo_as_fo`"),
    (
        "commerce.ratings_reviews_geo",
        "read in code: `commerce.ratings_reviews_same_geo`",
    ),
];

#[test]
fn every_question_is_read_by_a_rule_or_says_why_not() {
    use keyholder_engine::questions::QUESTIONS;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut text = String::new();
    for name in ["predicates.json", "actions.json"] {
        text.push_str(&std::fs::read_to_string(dir.join(name)).unwrap());
    }
    for entry in std::fs::read_dir(dir.join("rules")).unwrap() {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let mut unread = Vec::new();
    for q in QUESTIONS {
        let read = text.contains(&format!("\"{}\"", q.id));
        let excused = NOT_READ_BY_A_RULE.iter().any(|(id, _)| *id == q.id);
        if !read && !excused {
            unread.push(q.id);
        }
        assert!(
            !(read && excused),
            "`{}` is read by a rule now: take it off NOT_READ_BY_A_RULE",
            q.id
        );
    }
    assert!(
        unread.is_empty(),
        "asked but read by no rule (add a rule, or say why in NOT_READ_BY_A_RULE): {unread:?}"
    );
    for (id, _) in NOT_READ_BY_A_RULE {
        assert!(
            QUESTIONS.iter().any(|q| q.id == *id),
            "`{id}` is no question"
        );
    }
}

#[test]
fn an_action_order_that_loops_is_refused() {
    // `after` may not loop back: the recommended order couldn't be kept.
    let (mut data, _) = rule_shape::read(data_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(rule_shape::check(&data, Some(&fact_table())).is_ok());
    let first = data
        .actions
        .iter()
        .find(|a| !a.after.is_empty())
        .map(|a| (a.id.clone(), a.after[0].clone()))
        .unwrap();
    let before = data.actions.iter_mut().find(|a| a.id == first.1).unwrap();
    before.after.push(first.0);
    let err = rule_shape::check(&data, Some(&fact_table())).unwrap_err();
    assert!(err.to_string().contains("`after` forms a cycle"), "{err}");
}

#[test]
fn by_design_is_refused_where_the_customer_could_act() {
    // Microsoft's design is a claim about a `microsoft_key` status nothing of the customer's
    // changes: on any other outcome, beside an action that changes the answers, on a rule reading
    // a fact an action sets or another component's status, the data contradicts itself.
    let (data, _) = rule_shape::read(data_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(rule_shape::check(&data, Some(&fact_table())).is_ok());
    let refused = |id: &str, edit: &dyn Fn(&mut rule_shape::Data), want: &str| {
        let mut data = data.clone();
        let rule = data
            .rules
            .iter_mut()
            .flat_map(|f| f.rules.iter_mut())
            .find(|r| r.id == id)
            .unwrap();
        rule.by_design = true;
        edit(&mut data);
        let err = rule_shape::check(&data, Some(&fact_table())).unwrap_err();
        assert!(err.to_string().contains(want), "{id}: {err}");
    };
    // `add-to-cmk-policy` sets the environment's policy: the customer can act.
    refused("dataverse.no-policy", &|_| {}, "changes the answers");
    // Sales follows its environment's Dataverse, which the customer can bring under the key.
    refused(
        "sales.environment-not-covered",
        &|_| {},
        "another component's status",
    );
    // A fact the rule reads that some other action sets: done, it may change the status.
    refused(
        "lcs-data.not-covered",
        &|data| {
            let other = data
                .actions
                .iter_mut()
                .find(|a| a.id == "plan-audit-retention")
                .unwrap();
            other.sets.insert("fno.lcs_data".into(), "no".into());
        },
        "which action `plan-audit-retention` sets",
    );
    refused(
        "key.audit-retention",
        &|_| {},
        "only a `microsoft_key` coverage rule",
    );
}
