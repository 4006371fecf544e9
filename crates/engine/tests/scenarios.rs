//! Scenario tests: answers in, expected report out. Each file in `tests/scenarios/` is one estate
//! with the statuses, blockers, risks and findings its report must contain. Adding coverage means
//! adding a file.

use std::collections::BTreeSet;
use std::path::PathBuf;

use keyholder_engine::answers::YesNo;
use keyholder_engine::catalogue::{Outcome, CATALOGUE};
use keyholder_engine::model::{ComponentId, Status};
use keyholder_engine::{evaluate, Answers, Report};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    note: String,
    answers: Answers,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    components: Vec<ExpectComponent>,
    #[serde(default)]
    rules: Vec<String>,
    #[serde(default)]
    absent_rules: Vec<String>,
    blockers: Vec<String>,
    #[serde(default)]
    risks: Vec<String>,
    #[serde(default)]
    residency_gaps: Option<usize>,
    #[serde(default)]
    access_gaps: Option<usize>,
    #[serde(default)]
    verify_fields: Vec<String>,
    #[serde(default)]
    action_gains: Vec<ExpectGain>,
    /// How many components the key-control verdict counts as on Microsoft's key by design
    /// (`key_control.never`).
    #[serde(default)]
    by_design: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectComponent {
    component: ComponentId,
    place: String,
    status: Status,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectGain {
    action: String,
    component: ComponentId,
    place: String,
}

fn scenarios() -> Vec<(String, Scenario)> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            let s: Scenario = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, s)
        })
        .collect()
}

fn fired(report: &Report) -> Vec<String> {
    let mut ids: Vec<&str> = report
        .components
        .iter()
        .flat_map(|c| c.findings.iter().map(|f| f.rule))
        .collect();
    ids.extend(report.risks.iter().map(|r| r.finding.rule));
    ids.extend(report.residency.findings.iter().map(|r| r.finding.rule));
    ids.extend(
        report
            .operator_access
            .findings
            .iter()
            .map(|r| r.finding.rule),
    );
    ids.extend(report.limits.iter().map(|f| f.rule));
    ids.into_iter().map(str::to_owned).collect()
}

fn report_of(name: &str, s: &Scenario) -> Report {
    let valid = s
        .answers
        .clone()
        .validate()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    evaluate(&valid)
}

#[test]
fn every_scenario_produces_its_expected_report() {
    let all = scenarios();
    assert!(all.len() >= 25, "only {} scenarios", all.len());
    for (name, s) in &all {
        assert!(!s.note.is_empty());
        let report = report_of(name, s);
        let ids = fired(&report);
        for e in &s.expect.components {
            let found = report
                .components
                .iter()
                .find(|c| c.component == e.component && *c.place.id == *e.place);
            let found =
                found.unwrap_or_else(|| panic!("{name}: no {} at `{}`", e.component, e.place));
            assert_eq!(
                found.status, e.status,
                "{name}: {} at `{}`",
                e.component, e.place
            );
        }
        for r in &s.expect.rules {
            assert!(
                ids.contains(r),
                "{name}: rule `{r}` didn't fire (fired: {ids:?})"
            );
        }
        for r in &s.expect.absent_rules {
            assert!(!ids.contains(r), "{name}: rule `{r}` fired");
        }
        let mut blockers: Vec<String> = report.blockers.iter().map(|b| b.rule.to_owned()).collect();
        let mut want = s.expect.blockers.clone();
        blockers.sort();
        want.sort();
        assert_eq!(blockers, want, "{name}: blockers");
        for r in &s.expect.risks {
            assert!(
                report.risks.iter().any(|k| k.finding.rule == r),
                "{name}: risk `{r}` missing"
            );
        }
        if let Some(g) = s.expect.residency_gaps {
            assert_eq!(report.residency.gaps, g, "{name}: residency gaps");
        }
        if let Some(n) = s.expect.by_design {
            assert_eq!(
                report.key_control.never, n,
                "{name}: components on Microsoft's key by design ({})",
                report.key_control.headline
            );
        }
        if let Some(g) = s.expect.access_gaps {
            assert_eq!(
                report.operator_access.gaps, g,
                "{name}: operator-access gaps"
            );
        }
        for f in &s.expect.verify_fields {
            assert!(
                report.verify.iter().any(|v| v.field == f),
                "{name}: no verify step for `{f}`"
            );
        }
        for g in &s.expect.action_gains {
            let action = report
                .actions
                .iter()
                .find(|a| a.id == g.action)
                .unwrap_or_else(|| panic!("{name}: action `{}` not recommended", g.action));
            assert!(
                action
                    .brings_under_customer_key
                    .iter()
                    .any(|c| c.component == g.component && *c.place.id == *g.place),
                "{name}: `{}` should bring {} at `{}` under the key",
                g.action,
                g.component,
                g.place
            );
        }
    }
}

#[test]
fn scenarios_cover_every_blocker_in_the_catalogue() {
    let mut seen = BTreeSet::new();
    for (name, s) in scenarios() {
        for b in report_of(&name, &s).blockers {
            seen.insert(b.rule.to_owned());
        }
    }
    for rule in &CATALOGUE.rules {
        if let Outcome::Coverage {
            status: Status::Blocked,
            ..
        } = rule.outcome
        {
            assert!(
                seen.contains(rule.id),
                "no scenario exercises blocker `{}`",
                rule.id
            );
        }
    }
}

/// Whether a rule that fired for this component says Microsoft's design keeps it off the key.
fn by_design(c: &keyholder_engine::report::ComponentFinding) -> bool {
    c.status == Status::MicrosoftKey
        && c.findings.iter().any(|f| {
            CATALOGUE
                .rules
                .iter()
                .any(|rule| rule.id == f.rule && rule.by_design)
        })
}

#[test]
fn only_what_no_action_changes_counts_as_microsofts_design() {
    // "N more stay on Microsoft's own key by design" is a claim about the customer's options: a
    // component an action brings under the key (Sales, once its environment joins the policy)
    // must not be counted, and one counted must stay on Microsoft's key whatever is done.
    let mut counted = 0;
    for (name, s) in scenarios() {
        let valid = s.answers.clone().validate().unwrap();
        let report = evaluate(&valid);
        for action in &report.actions {
            for gained in &action.brings_under_customer_key {
                let c = report
                    .components
                    .iter()
                    .find(|c| c.component == gained.component && c.place == gained.place)
                    .unwrap_or_else(|| {
                        panic!(
                            "{name}: `{}` gains a component not in the report",
                            action.id
                        )
                    });
                assert!(
                    !by_design(c),
                    "{name}: {} at `{}` is counted as Microsoft's design, but `{}` brings it under the key",
                    c.component,
                    c.place.id,
                    action.id
                );
            }
        }
        let ids: Vec<&str> = report.actions.iter().map(|a| a.id).collect();
        let all_done = keyholder_engine::evaluate_with(&valid, &ids);
        for c in report.components.iter().filter(|c| by_design(c)) {
            counted += 1;
            let after = all_done
                .components
                .iter()
                .find(|x| x.component == c.component && x.place == c.place);
            assert_eq!(
                after.map(|x| x.status),
                Some(Status::MicrosoftKey),
                "{name}: {} at `{}` is counted as Microsoft's design, but doing every action moves it",
                c.component,
                c.place.id
            );
        }
        assert_eq!(
            report.key_control.never,
            report.components.iter().filter(|c| by_design(c)).count(),
            "{name}: the verdict's count"
        );
    }
    assert!(
        counted > 10,
        "the scenarios exercise by-design components ({counted})"
    );
}

#[test]
fn reports_are_byte_identical_for_the_same_answers() {
    for (name, s) in scenarios() {
        let a = serde_json::to_string(&report_of(&name, &s)).unwrap();
        let b = serde_json::to_string(&report_of(&name, &s)).unwrap();
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn key_control_and_residency_stay_separate_verdicts() {
    // CMK does not move data: an estate fully under the customer's key still gets residency gaps.
    let (name, s) = scenarios()
        .into_iter()
        .find(|(n, _)| n.starts_with("28-"))
        .unwrap();
    let r = report_of(&name, &s);
    assert_eq!(
        r.key_control.microsoft_key + r.key_control.blocked,
        1,
        "only platform metadata is on MMK"
    );
    assert!(r.residency.gaps >= 1);
}

#[test]
fn operator_access_is_a_third_verdict_never_blended_into_the_others() {
    // Customer Lockbox governs data in use; turning it off must not move a key-control count or a
    // residency count, and must show as an operator-access gap of its own.
    let (name, s) = scenarios()
        .into_iter()
        .find(|(n, _)| n.starts_with("01-"))
        .unwrap();
    let with = |lockbox: YesNo| {
        let mut a = s.answers.clone();
        a.access.lockbox = Some(lockbox);
        // Answered either way, so both reports are equally complete.
        a.access.lockbox_monitored = Some(YesNo::Yes);
        evaluate(&a.validate().unwrap_or_else(|e| panic!("{name}: {e}")))
    };
    let (on, off) = (with(YesNo::Yes), with(YesNo::No));
    assert_eq!(on.key_control, off.key_control);
    assert_eq!(on.residency, off.residency);
    assert_eq!((on.operator_access.gaps, off.operator_access.gaps), (0, 1));
    assert!(
        off.operator_access.headline.starts_with("Not met: 1 gap"),
        "{}",
        off.operator_access.headline
    );
}

fn example(file: &str) -> Report {
    let path = format!("{}/../../examples/{file}", env!("CARGO_MANIFEST_DIR"));
    let a: Answers = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    evaluate(&a.validate().unwrap())
}

#[test]
fn a_half_finished_assessment_is_a_draft_everywhere_and_no_verdict_reads_as_met() {
    let r = example("just-starting.json");
    assert!(r.draft > 5, "{}", r.draft);
    let draft = format!("Draft — {} questions unanswered", r.draft);
    assert!(
        r.key_control.headline.starts_with(&draft),
        "{}",
        r.key_control.headline
    );
    for headline in [&r.residency.headline, &r.operator_access.headline] {
        assert!(
            !headline.contains("met by")
                && !headline.starts_with("Met")
                && !headline.contains("No residency gap"),
            "{headline}"
        );
    }
    assert!(keyholder_engine::markdown::to_markdown(&r, None).contains(&draft));
    let csv = keyholder_engine::export::to_csv(&r);
    assert!(csv.contains(&format!("draft,{draft}")), "{csv}");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["draft"], r.draft);
}

#[test]
fn a_complete_assessment_is_not_a_draft() {
    for file in ["mixed-estate.json", "ce-on-cmk.json"] {
        let r = example(file);
        assert_eq!(r.draft, 0, "{file}");
        assert!(!r.key_control.headline.contains("Draft"), "{file}");
    }
    let r = example("ce-on-cmk.json");
    assert!(
        r.operator_access.headline.starts_with("Met:"),
        "{}",
        r.operator_access.headline
    );
}

#[test]
fn actions_come_after_the_ones_they_depend_on() {
    // "Move the environment" before "add it to the policy of its region"; Managed Environments
    // before the policy; F&O integration before the key (actions.json `after`).
    let mut checked = 0;
    for (name, s) in scenarios() {
        let r = report_of(&name, &s);
        let pos = |id: &str| r.actions.iter().position(|a| a.id == id);
        for (i, item) in r.actions.iter().enumerate() {
            let action = CATALOGUE.actions.iter().find(|a| a.id == item.id).unwrap();
            for &before in &action.after {
                let before = CATALOGUE.actions[before].id;
                if let Some(j) = pos(before) {
                    assert!(j < i, "{name}: `{before}` must come before `{}`", item.id);
                    checked += 1;
                }
            }
        }
    }
    assert!(
        checked >= 3,
        "the scenarios exercise the ordering ({checked} pairs)"
    );
}

#[test]
fn a_risk_ranks_with_the_actions_of_its_severity() {
    // Within a priority and the same gain in coverage and residency, the action answering the more severe risk
    // comes first (unless a dependency pulls another forward): a high risk is never behind
    // same-priority actions that answer none.
    let mut checked = 0;
    for (name, s) in scenarios() {
        let r = report_of(&name, &s);
        let risk = |item: &keyholder_engine::report::ActionItem| {
            r.risks
                .iter()
                .filter(|k| item.rules.contains(&k.finding.rule))
                .map(|k| k.severity)
                .max()
        };
        let prerequisite = |earlier: &str, later: &str| {
            let later = CATALOGUE.actions.iter().find(|a| a.id == later).unwrap();
            later
                .after
                .iter()
                .any(|&b| CATALOGUE.actions[b].id == earlier)
        };
        for pair in r.actions.windows(2) {
            let (x, y) = (&pair[0], &pair[1]);
            let same_rank = x.priority == y.priority
                && x.brings_under_customer_key.len() == y.brings_under_customer_key.len()
                && x.closes_residency_gaps == y.closes_residency_gaps;
            if same_rank && !prerequisite(x.id, y.id) && risk(x) < risk(y) {
                // Allowed only when x was pulled forward as a prerequisite of a later action.
                let pulled = r.actions.iter().any(|z| prerequisite(x.id, z.id));
                assert!(
                    pulled,
                    "{name}: `{}` ({:?}) ranks before `{}` ({:?})",
                    x.id,
                    risk(x),
                    y.id,
                    risk(y)
                );
            }
            checked += usize::from(same_rank);
        }
    }
    assert!(
        checked > 20,
        "the scenarios exercise the ranking ({checked} pairs)"
    );
    let mixed = example("mixed-estate.json");
    let at = |id: &str| mixed.actions.iter().position(|a| a.id == id).unwrap();
    assert!(
        at("separate-key-admins") < at("review-genai-movement"),
        "the one high risk (the same people run the vault and Power Platform) comes early"
    );
}

#[test]
fn moving_an_environment_closes_its_residency_gap_in_the_what_if() {
    let valid =
        keyholder_engine::parse_answers(include_str!("../../../examples/mixed-estate.json"))
            .unwrap();
    let today = keyholder_engine::evaluate(&valid);
    let moved = keyholder_engine::evaluate_with(&valid, &["review-regions"]);
    assert!(today.residency.gaps > 0);
    assert!(
        moved.residency.gaps < today.residency.gaps,
        "{} → {}",
        today.residency.gaps,
        moved.residency.gaps
    );
    // Key control is another verdict: moving alone puts nothing under the customer's key.
    assert_eq!(
        moved.key_control.customer_key,
        today.key_control.customer_key
    );
    // The action says so itself, and ranks ahead of what needs it.
    let at = |id: &str| today.actions.iter().position(|a| a.id == id).unwrap();
    let review = &today.actions[at("review-regions")];
    assert_eq!(
        review.closes_residency_gaps,
        today.residency.gaps - moved.residency.gaps
    );
    assert_eq!(
        keyholder_engine::report::effect(review).as_deref(),
        Some("closes 1 residency gap")
    );
    assert!(at("review-regions") < at("add-to-cmk-policy"));
}
