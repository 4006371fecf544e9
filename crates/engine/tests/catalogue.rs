//! The catalogue lint: loads the embedded rules and checks everything a reader relies on.
//! If this passes, the `expect` behind `CATALOGUE` can't fire in a user's browser.

use std::collections::HashSet;

use keyholder_engine::catalogue::{load, Outcome, RULE_FILES};
use keyholder_engine::facts::FIELDS;
use keyholder_engine::model::{ComponentId, Evidence, Status};

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
    // undated excerpts carries no date and the report says "undated".
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
