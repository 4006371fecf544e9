//! The report as Markdown: the command line's `--format markdown` and the brief a consultant can
//! paste or convert. Same content and order as the on-screen report.

use std::fmt::Write;

use crate::report::{Citation, Cover, Finding, Report};

fn cites(c: &[Citation]) -> String {
    c.iter()
        .map(|s| match (&s.url, &s.date) {
            (Some(u), Some(d)) => format!("[{}]({u}) ({d})", s.id),
            (Some(u), None) => format!("[{}]({u}) (undated)", s.id),
            (None, Some(d)) => format!("{} ({d})", s.id),
            (None, None) => s.id.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "- **label** (where) — reason (sources)": one risk or residency finding.
fn finding_line(w: &mut String, label: &str, f: &Finding) {
    let _ = writeln!(
        w,
        "- **{label}** ({}) — {} ({})",
        f.place.describe(),
        f.reason,
        cites(f.sources)
    );
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Renders the report as Markdown; with a cover, as the brief (cover details first).
pub fn to_markdown(r: &Report, cover: Option<&Cover>) -> String {
    let mut out = String::new();
    let w = &mut out;
    match cover {
        None => {
            let _ = writeln!(w, "# Keyholder sovereignty report\n");
        }
        Some(c) => {
            let _ = writeln!(w, "# {}\n", c.title);
            if let Some(class) = &c.classification {
                let _ = writeln!(w, "**Classification: {class}**\n");
            }
            for (label, value) in [
                ("Organisation", c.organisation.as_deref()),
                ("Prepared by", c.prepared_by.as_deref()),
                ("Date", Some(c.date.as_str())),
                ("Rules version", Some(r.rules_version)),
            ] {
                if let Some(value) = value {
                    let _ = writeln!(w, "- {label}: {value}");
                }
            }
            let _ = writeln!(w);
        }
    }
    let _ = writeln!(
        w,
        "Rules version {} · facts compiled {} (sources dated {} to {}).\n\n{}\n",
        r.rules_version,
        r.facts.compiled,
        r.facts.oldest_source.unwrap_or("–"),
        r.facts.newest_source.unwrap_or("–"),
        r.facts.note
    );
    let _ = writeln!(w, "## Key control\n\n{}\n", r.key_control.headline);
    let _ = writeln!(w, "## Data residency\n\n{}\n", r.residency.headline);

    if !r.blockers.is_empty() {
        let _ = writeln!(w, "## Blockers\n");
        for b in &r.blockers {
            let _ = writeln!(
                w,
                "- **{}** — {} ({})",
                b.place.describe(),
                b.reason,
                cites(b.sources)
            );
        }
        let _ = writeln!(w);
    }

    let _ = writeln!(w, "## Components\n");
    let _ = writeln!(w, "| Component | Where | Status | Why | Sources |");
    let _ = writeln!(w, "|---|---|---|---|---|");
    for c in &r.components {
        let why = c
            .findings
            .iter()
            .map(|f| f.reason)
            .collect::<Vec<_>>()
            .join(" ");
        let src = c.citations();
        let _ = writeln!(
            w,
            "| {} | {} | {} {} | {} | {} |",
            cell(c.name),
            cell(&c.place.describe()),
            c.status.symbol(),
            c.status.label(),
            cell(&why),
            cell(&cites(&src))
        );
    }
    let _ = writeln!(w);

    if !r.risks.is_empty() {
        let _ = writeln!(w, "## Risks\n");
        for k in &r.risks {
            finding_line(w, k.severity.as_str(), &k.finding);
        }
        let _ = writeln!(w);
    }

    if !r.actions.is_empty() {
        let _ = writeln!(w, "## Actions\n");
        for (i, a) in r.actions.iter().enumerate() {
            let places = a
                .places
                .iter()
                .map(|p| p.describe())
                .collect::<Vec<_>>()
                .join(", ");
            let _ = writeln!(
                w,
                "{}. **{}** ({} priority; {}) — {}",
                i + 1,
                a.title,
                a.priority,
                places,
                a.detail
            );
            if !a.brings_under_customer_key.is_empty() {
                let gains = a
                    .brings_under_customer_key
                    .iter()
                    .map(|c| format!("{} in {}", c.component.label(), c.place.describe()))
                    .collect::<Vec<_>>()
                    .join("; ");
                let _ = writeln!(w, "   Brings under your key: {gains}.");
            }
        }
        let _ = writeln!(w);
    }

    let located: Vec<_> = r.located_residency().collect();
    if !located.is_empty() {
        let _ = writeln!(w, "## Residency findings\n");
        for f in located {
            finding_line(w, f.level.as_str(), &f.finding);
        }
        let _ = writeln!(w);
    }

    let limits = r.cmk_limits();
    if !limits.is_empty() {
        let _ = writeln!(w, "## What CMK does not do\n");
        for f in limits {
            let _ = writeln!(w, "- {} ({})", f.reason, cites(f.sources));
        }
        let _ = writeln!(w);
    }

    if !r.verify.is_empty() {
        let _ = writeln!(w, "## To verify\n");
        for v in &r.verify {
            let _ = writeln!(
                w,
                "- **{}** ({}): {}",
                v.question,
                v.place.describe(),
                v.how_to_find
            );
        }
        let _ = writeln!(w);
    }
    let sources = r.cited_sources();
    if !sources.is_empty() {
        let _ = writeln!(w, "## Sources\n");
        for s in &sources {
            let _ = writeln!(
                w,
                "- **{}** — {} ({}){}",
                s.id,
                s.title,
                s.date.unwrap_or("undated"),
                s.url.map(|u| format!(" <{u}>")).unwrap_or_default()
            );
        }
        let _ = writeln!(w);
    }
    let _ = writeln!(
        w,
        "---\n\nThis is a self-assessment based on your answers and on Microsoft documentation as of the dates above. \
         It is not a guarantee of compliance: check each finding against current Microsoft documentation."
    );
    out
}
