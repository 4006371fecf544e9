//! "What changed since the last assessment": two answer sets evaluated under the same (current)
//! rules, so every difference is a change in the estate or in the answers, never a change in the
//! rules. The earlier file's own rules version, when it carried one, is reported beside it, so a
//! reader knows the earlier brief was written under other rules.
//!
//! Components are matched by component and place (item ids, which the app keeps stable across
//! renames); gaps, blockers and risks by rule and place; answers by question and item id.

use std::fmt::Write;

use crate::answers::ValidAnswers;
use crate::evaluate;
use crate::lists::ItemList;
use crate::markdown::{place, text};
use crate::model::Status;
use crate::questions::{Gate, QUESTIONS};
use crate::report::{Finding, Place, Report};

/// One assessment being compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side<'a> {
    /// Its answers.
    pub answers: &'a ValidAnswers,
    /// When it was exported (the export's `exported_on`), if known.
    pub date: Option<&'a str>,
    /// The rules version its own report was made with (the export's `report.rules_version`).
    pub rules_version: Option<&'a str>,
}

/// An assessment read from a file (an export, or a bare answers file), with what an export says
/// about itself: when it was made and under which rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    /// Its answers.
    pub answers: ValidAnswers,
    /// The export's `exported_on`.
    pub date: Option<String>,
    /// The export's `report.rules_version`.
    pub rules_version: Option<String>,
}

impl Assessment {
    /// Reads a file as the import does (the same errors; nothing else is touched).
    pub fn read(text: &str) -> Result<Assessment, crate::AnswersError> {
        let answers = crate::export::parse_import(text)?;
        let v: serde_json::Value =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap_or_default();
        let field = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
        Ok(Assessment {
            answers,
            date: field(v.get("exported_on")),
            rules_version: field(v.pointer("/report/rules_version")),
        })
    }

    /// This assessment as one side of a comparison.
    pub fn side(&self) -> Side<'_> {
        Side {
            answers: &self.answers,
            date: self.date.as_deref(),
            rules_version: self.rules_version.as_deref(),
        }
    }
}

/// A component whose status changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// The component's name.
    pub name: &'static str,
    /// Where.
    pub place: Place,
    /// Its status before.
    pub from: Status,
    /// Its status now.
    pub to: Status,
}

/// An answer that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedAnswer {
    /// The question.
    pub question: &'static str,
    /// The item's name, for per-item questions.
    pub item: Option<String>,
    /// The answer before ("not answered" when none).
    pub from: &'static str,
    /// The answer now.
    pub to: &'static str,
}

/// What changed between two assessments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The earlier report, re-derived under the current rules.
    pub earlier: Report,
    /// The later report.
    pub later: Report,
    /// Components whose status changed (including ones that appeared or went away: from or to
    /// "not applicable").
    pub moved: Vec<Moved>,
    /// Residency and operator-access gaps, blockers and risks found now but not before: `(kind, finding)`.
    pub new: Vec<(&'static str, Finding)>,
    /// The same, found before but not now.
    pub closed: Vec<(&'static str, Finding)>,
    /// Answers that changed.
    pub answers: Vec<ChangedAnswer>,
}

/// What differs between two reports: components that moved, findings that appeared or closed.
/// The comparison of two assessments and the what-if (today against the chosen actions) both
/// read it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diff {
    /// Components whose status changed (including ones that appeared or went away: from or to
    /// "not applicable").
    pub moved: Vec<Moved>,
    /// Residency and operator-access gaps, blockers and risks found in the second report only.
    pub new: Vec<(&'static str, Finding)>,
    /// The same, found in the first report only.
    pub closed: Vec<(&'static str, Finding)>,
}

/// What differs from `before` to `after`.
pub fn diff(before: &Report, after: &Report) -> Diff {
    let status = |r: &Report, name: &str, place: &Place| {
        r.components
            .iter()
            .find(|c| c.name == name && c.place.scope == place.scope && c.place.id == place.id)
            .map_or(Status::NotApplicable, |c| c.status)
    };
    let mut moved: Vec<Moved> = Vec::new();
    for c in after.components.iter().chain(&before.components) {
        let (from, to) = (
            status(before, c.name, &c.place),
            status(after, c.name, &c.place),
        );
        let seen = moved.iter().any(|m| {
            m.name == c.name && m.place.scope == c.place.scope && m.place.id == c.place.id
        });
        if from != to && !seen {
            moved.push(Moved {
                name: c.name,
                place: c.place.clone(),
                from,
                to,
            });
        }
    }
    let (then, now) = (notable(before), notable(after));
    let only_in = |these: &[(&'static str, Finding)], those: &[(&'static str, Finding)]| {
        these
            .iter()
            .filter(|(k, f)| !those.iter().any(|(j, g)| same(k, f, j, g)))
            .cloned()
            .collect()
    };
    Diff {
        new: only_in(&now, &then),
        closed: only_in(&then, &now),
        moved,
    }
}

/// Compares two assessments under the current rules.
pub fn compare(earlier: &ValidAnswers, later: &ValidAnswers) -> Comparison {
    let (before, after) = (evaluate(earlier), evaluate(later));
    let Diff { moved, new, closed } = diff(&before, &after);
    Comparison {
        answers: changed_answers(earlier, later),
        earlier: before,
        later: after,
        moved,
        new,
        closed,
    }
}

/// The findings a reader follows from one assessment to the next.
fn notable(r: &Report) -> Vec<(&'static str, Finding)> {
    use crate::model::ResidencyLevel::Gap;
    let gaps = |kind: &'static str, v: &crate::report::Verdict| -> Vec<(&'static str, Finding)> {
        v.findings
            .iter()
            .filter(|f| f.level == Gap)
            .map(|f| (kind, f.finding.clone()))
            .collect()
    };
    let mut out = gaps("residency gap", &r.residency);
    out.extend(gaps("operator-access gap", &r.operator_access));
    out.extend(r.blockers.iter().map(|f| ("blocker", f.clone())));
    out.extend(r.risks.iter().map(|k| ("risk", k.finding.clone())));
    out
}

/// The same finding in both assessments: the same kind and rule, at the same place (by item id).
fn same(k: &str, f: &Finding, j: &str, g: &Finding) -> bool {
    k == j && f.rule == g.rule && f.place.scope == g.place.scope && f.place.id == g.place.id
}

/// Answers that differ, question by question; per-item questions match items by id.
fn changed_answers(earlier: &ValidAnswers, later: &ValidAnswers) -> Vec<ChangedAnswer> {
    let (a, b) = (earlier.answers(), later.answers());
    let mut out = Vec::new();
    for q in QUESTIONS {
        let label =
            |v: Option<&'static str>| v.and_then(|v| q.option_label(v)).unwrap_or("not answered");
        let asked = |x: &crate::answers::Answers, i: usize| q.gate(x, i) != Gate::Closed;
        match q.list() {
            None => {
                let (from, to) = (q.get(a, 0), q.get(b, 0));
                if from != to && (asked(a, 0) || asked(b, 0)) {
                    out.push(ChangedAnswer {
                        question: q.question,
                        item: None,
                        from: label(from),
                        to: label(to),
                    });
                }
            }
            Some(list) => {
                for (j, (id, name)) in list.items(b).into_iter().enumerate() {
                    let i = index_of(list, a, &id);
                    let from = i.and_then(|i| q.get(a, i));
                    let to = q.get(b, j);
                    if i.is_some() && from != to && asked(b, j) {
                        out.push(ChangedAnswer {
                            question: q.question,
                            item: Some(name),
                            from: label(from),
                            to: label(to),
                        });
                    }
                }
            }
        }
    }
    out
}

fn index_of(list: ItemList, a: &crate::answers::Answers, id: &str) -> Option<usize> {
    list.items(a).iter().position(|(x, _)| x == id)
}

/// The comparison as Markdown, for the brief (names escaped as in [`crate::markdown`]).
pub fn to_markdown(c: &Comparison, earlier: &Side<'_>, later: &Side<'_>) -> String {
    let mut out = String::new();
    let w = &mut out;
    let date = |s: &Side<'_>| s.date.map_or("undated".to_owned(), text);
    let _ = writeln!(w, "# What changed since the last assessment\n");
    let _ = writeln!(
        w,
        "Earlier assessment: {}; this one: {}. Both are evaluated under rules version {}, so every change below comes from the answers, not from the rules.",
        date(earlier),
        date(later),
        c.later.rules_version
    );
    if let Some(v) = earlier
        .rules_version
        .filter(|v| *v != c.later.rules_version)
    {
        let _ = writeln!(
            w,
            "The earlier brief was written under rules version {}: findings in it may read differently for that reason alone; `docs/rules-changelog.md` says what changed.",
            text(v)
        );
    }
    let k = |r: &Report| {
        format!(
            "{} of {}",
            r.key_control.customer_key,
            r.key_control.in_scope - r.key_control.never
        )
    };
    let _ = writeln!(
        w,
        "\nUnder your key: {} then, {} now. Residency gaps: {} then, {} now. Operator-access gaps: {} then, {} now.\n",
        k(&c.earlier),
        k(&c.later),
        c.earlier.residency.gaps,
        c.later.residency.gaps,
        c.earlier.operator_access.gaps,
        c.later.operator_access.gaps
    );
    let _ = writeln!(w, "## Components that moved\n");
    if c.moved.is_empty() {
        let _ = writeln!(w, "None.");
    }
    for m in &c.moved {
        let _ = writeln!(
            w,
            "- {} — {}: {} → {}",
            m.name,
            place(&m.place),
            m.from.label(),
            m.to.label()
        );
    }
    for (title, list) in [("New", &c.new), ("Closed", &c.closed)] {
        let _ = writeln!(w, "\n## {title} gaps, blockers and risks\n");
        if list.is_empty() {
            let _ = writeln!(w, "None.");
        }
        for (kind, f) in list.iter() {
            let _ = writeln!(w, "- {kind} — {}: {}", place(&f.place), f.reason);
        }
    }
    let _ = writeln!(w, "\n## Answers that changed\n");
    if c.answers.is_empty() {
        let _ = writeln!(w, "None.");
    }
    for a in &c.answers {
        let item = a
            .item
            .as_deref()
            .map(|n| format!(" ({})", text(n)))
            .unwrap_or_default();
        let _ = writeln!(w, "- {}{item}: {} → {}", a.question, a.from, a.to);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Answers, YesNo};

    fn mixed() -> Answers {
        serde_json::from_str(include_str!("../../../examples/mixed-estate.json")).unwrap()
    }

    #[test]
    fn the_same_answers_change_nothing() {
        let a = mixed().validate().unwrap();
        let c = compare(&a, &a);
        assert!(
            c.moved.is_empty() && c.new.is_empty() && c.closed.is_empty() && c.answers.is_empty()
        );
    }

    #[test]
    fn a_fix_shows_as_a_move_a_closed_finding_and_a_changed_answer() {
        let before = mixed();
        let mut after = before.clone();
        // The US sandbox becomes a Managed Environment in a key policy of its region, and Lockbox
        // requests are now watched.
        let sandbox = after
            .environments
            .iter_mut()
            .find(|e| e.name.starts_with("US Sandbox"))
            .unwrap();
        sandbox.managed = Some(YesNo::Yes);
        sandbox.cmk_policy = Some(YesNo::Yes);
        sandbox.policy_region = sandbox.region;
        sandbox.encryption_status = Some(crate::answers::EncryptionStatus::Encrypted);
        after.access.lockbox_monitored = Some(YesNo::Yes);
        let (b, a) = (before.validate().unwrap(), after.validate().unwrap());
        let c = compare(&b, &a);
        assert!(
            c.moved
                .iter()
                .any(|m| m.place.name.starts_with("US Sandbox")),
            "{:?}",
            c.moved
        );
        assert!(c
            .closed
            .iter()
            .any(|(k, f)| *k == "risk" && f.rule == "access.lockbox-unanswered"));
        assert!(c.answers.iter().any(|x| x
            .item
            .as_deref()
            .is_some_and(|n| n.starts_with("US Sandbox"))));
        let md = to_markdown(
            &c,
            &Side {
                answers: &b,
                date: Some("2026-08-29"),
                rules_version: Some("2026.11.2"),
            },
            &Side {
                answers: &a,
                date: Some("2026-11-29"),
                rules_version: None,
            },
        );
        assert!(md.contains("2026-08-29") && md.contains("2026-11-29"));
        assert!(md.contains("written under rules version 2026.11.2"));
        assert!(md.contains("## Components that moved") && md.contains("US Sandbox"));
    }
}
