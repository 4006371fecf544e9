//! The report as Markdown: the command line's `--format markdown` and the brief a consultant can
//! paste or convert. Same content and order as the on-screen report.

use std::fmt::Write;

use crate::report::{Citation, Cover, Finding, Place, Report};
use crate::text::is_forbidden;

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
        place(&f.place),
        f.reason,
        cites(f.sources)
    );
}

/// User-derived text (item names, cover details) as inert Markdown: the one escape every such
/// string goes through. A shared link can carry any name, and a brief rendered by a CommonMark or
/// GFM renderer that passes raw HTML must show it as text — never as a tag, link, image, emphasis
/// or a new line or table row. So `&`, `<` and `>` become entities (no HTML), the Markdown
/// punctuation below gets a backslash (no links, images, emphasis, code, headings, strikethrough;
/// `|` keeps table cells apart), and each run of control or invisible format characters becomes
/// one space (CommonMark ends a line at a bare CR too). GitHub-flavoured renderers also turn bare
/// `https://…`, `www.…` and e-mail addresses into links: `:`, `.` after `www` and `@` become
/// entities, which render as the same characters but start no autolink.
pub fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    let mut gap = false;
    for c in raw.chars() {
        if is_forbidden(c) {
            gap = true;
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        match c {
            '&' => out.push_str("&amp;"),
            ':' => out.push_str("&#58;"),
            '@' => out.push_str("&#64;"),
            '.' if out.to_ascii_lowercase().ends_with("www") => out.push_str("&#46;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A place with its name escaped by [`text`]; the kind of place is the engine's own words.
pub(crate) fn place(p: &Place) -> String {
    if p.name.is_empty() {
        p.describe()
    } else {
        format!("{} ({})", text(&p.name), p.kind())
    }
}

/// Catalogue text in a table cell: it is ours, so only what would break the row is changed.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
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
            let _ = writeln!(w, "# {}\n", text(&c.title));
            if let Some(class) = &c.classification {
                let _ = writeln!(w, "**Classification: {}**\n", text(class));
            }
            for (label, value) in [
                ("Organisation", c.organisation.as_deref()),
                ("Prepared by", c.prepared_by.as_deref()),
                ("Date", Some(c.date.as_str())),
                ("Rules version", Some(r.rules_version)),
            ] {
                if let Some(value) = value {
                    let _ = writeln!(w, "- {label}: {}", text(value));
                }
            }
            let _ = writeln!(w);
        }
    }
    if let Some(draft) = crate::report::draft_notice(r.draft) {
        let _ = writeln!(
            w,
            "> **{draft}.** Until every question is answered these verdicts are not final.\n"
        );
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
    let _ = writeln!(w, "{}\n", r.facts.evidence_legend);
    let _ = writeln!(w, "## Key control\n\n{}\n", r.key_control.headline);
    for (title, v) in [
        ("Data residency", &r.residency),
        ("Microsoft's access to your data", &r.operator_access),
    ] {
        let _ = writeln!(w, "## {title}\n\n{}\n", v.headline);
        let places = v.gap_places();
        if !places.is_empty() {
            let names: Vec<String> = places.into_iter().map(place).collect();
            let _ = writeln!(w, "Where: {}.\n", names.join(", "));
        }
    }

    if !r.blockers.is_empty() {
        let _ = writeln!(w, "## Blockers\n");
        for b in &r.blockers {
            let _ = writeln!(
                w,
                "- **{}** — {} ({})",
                place(&b.place),
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
            place(&c.place),
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
            let places = a.places.iter().map(place).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                w,
                "{}. **{}** ({} priority; {}) — {}",
                i + 1,
                a.title,
                a.priority,
                places,
                a.detail
            );
            if let Some(effect) = crate::report::effect(a) {
                let _ = writeln!(w, "   Alone, it {effect}.");
            }
            if !a.brings_under_customer_key.is_empty() {
                let gains = a
                    .brings_under_customer_key
                    .iter()
                    .map(|c| format!("{} in {}", c.component.label(), place(&c.place)))
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

    if !r.operator_access.findings.is_empty() {
        let _ = writeln!(w, "## Operator access findings\n");
        for f in &r.operator_access.findings {
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
                place(&v.place),
                v.how_to_find
            );
        }
        let _ = writeln!(w);
    }
    let _ = writeln!(
        w,
        "## Not assessed by this tool\n\nThe questionnaire doesn't ask about these points from the assessor's checklist; check them separately.\n"
    );
    for s in crate::assessor::not_assessed() {
        let _ = writeln!(w, "- {s}");
    }
    let _ = writeln!(w);

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, parse_answers, ValidAnswers};

    const HOSTILE: [&str; 7] = [
        "<script>alert(1)</script>",
        "[click me](javascript:alert(1))",
        "![t](http://tracker.example/p.png)",
        "split\rrow | here",
        "**bold** _em_ `code` ~~gone~~ # not a heading",
        "<img src=x onerror=alert(1)>",
        "back\\slash &amp; entity\n\u{202E}new line",
    ];

    /// The mixed estate with every item in every list renamed to something hostile. Built past
    /// validation on purpose: the brief must be safe even for text validation never saw (the
    /// app's configured classification, or a future field).
    fn hostile() -> (Report, Cover) {
        let valid = parse_answers(include_str!("../../../examples/mixed-estate.json")).unwrap();
        let mut a = valid.into_inner();
        let mut names = HOSTILE.iter().cycle();
        let mut next = || names.next().map(|n| n.to_string()).unwrap_or_default();
        a.environments.iter_mut().for_each(|e| e.name = next());
        let fo = &mut a.finance_operations.environments;
        fo.iter_mut().for_each(|e| e.name = next());
        let csu = &mut a.commerce.scale_units;
        csu.iter_mut().for_each(|e| e.name = next());
        let bc = &mut a.business_central.environments;
        bc.iter_mut().for_each(|e| e.name = next());
        let report = evaluate(&ValidAnswers(a));
        let cover = Cover {
            title: "Sovereignty report".into(),
            organisation: Some("<script>alert('org')</script>".into()),
            prepared_by: Some("[me](javascript:alert(1))".into()),
            date: "2026-11-23".into(),
            classification: Some("![x](http://tracker.example/c.png)\r\n# Injected".into()),
        };
        (report, cover)
    }

    #[test]
    fn hostile_names_and_cover_details_render_as_plain_text() {
        let (report, cover) = hostile();
        let md = to_markdown(&report, Some(&cover));
        for live in [
            "<script",
            "<img",
            "](javascript:",
            "![",
            "**bold**",
            "\r",
            "\u{202E}",
        ] {
            assert!(!md.contains(live), "the brief holds {live:?}:\n{md}");
        }
        // The names are still there, shown as text rather than dropped.
        assert!(md.contains("&lt;script&gt;alert"), "{md}");
        assert!(md.contains("Organisation: &lt;script&gt;"), "{md}");
        // A heading injected through the classification stays on the classification's line.
        assert!(!md.lines().any(|l| l.starts_with("# Injected")), "{md}");
    }

    #[test]
    fn bare_addresses_start_no_gfm_autolink() {
        let shown = text("Visit https://evil.example/login, www.evil.example or pay@evil.example");
        for live in ["https://", "www.", "@evil"] {
            assert!(!shown.contains(live), "{live} in {shown}");
        }
        assert!(
            shown.contains("https&#58;//evil")
                && shown.contains("www&#46;evil")
                && shown.contains("pay&#64;evil")
        );
        assert_eq!(
            text("Prod: West"),
            "Prod&#58; West",
            "a colon reads the same once rendered"
        );
    }

    #[test]
    fn every_table_row_stays_one_row_of_five_cells() {
        let (report, cover) = hostile();
        let md = to_markdown(&report, Some(&cover));
        // CommonMark ends a line at LF, CR or CRLF, so a bare CR splits a row as a renderer sees it.
        let rows: Vec<&str> = md
            .split(['\r', '\n'])
            .filter(|l| l.starts_with('|'))
            .collect();
        assert_eq!(rows.len(), report.components.len() + 2, "{md}");
        for row in rows {
            // Cell borders are the pipes not escaped with a backslash.
            let bytes = row.as_bytes();
            let borders = (0..bytes.len())
                .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
                .count();
            assert_eq!(borders, 6, "{row}");
            assert!(row.ends_with('|'), "{row}");
        }
    }
}
