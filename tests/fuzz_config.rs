//! Fuzzes the embed settings decoder (`Config`): random and structure-aware settings — query strings
//! and attribute maps full of hostile values — never panic; whatever is accepted satisfies the
//! validated invariants; every refusal leaves a warning. `KH_FUZZ_CASES` sets how many inputs
//! (default 256; `make fuzz` runs 10,000).
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use keyholder_app::config::{is_hidden, valid, Config, THEME};
use proptest::prelude::*;
use proptest::test_runner::{Config as Runner, TestCaseError, TestRunner};

const NAMES: [&str; 12] = [
    "brand",
    "logo",
    "cta",
    "cta-href",
    "cta_href",
    "classification",
    "heading",
    "parent",
    "notify",
    "storage",
    "keyholder",
    "onload",
];

const PIECES: [&str; 40] = [
    "javascript:alert(1)",
    "//evil.example/x.png",
    "/\t/other.host/x.png",
    "/\n/other.host/",
    "/\r/x",
    "\\\\evil.example",
    "/\\evil.example",
    "\u{202e}",
    "\u{200b}",
    "\u{ad}",
    "\u{61c}",
    "\u{2066}",
    "\u{feff}",
    "\u{e0041}",
    "\u{85}",
    "\u{0}",
    "data:image/png;base64,iVBORw0KGgo=",
    "data:text/html,<script>alert(1)</script>",
    "https://evil.example",
    "https://",
    "mailto:a@b.example",
    "HTTPS://Host.Example/",
    "http://localhost:8080",
    "https://host.example:443/",
    "https://host.example/path?q#f",
    "#fff",
    "#12345g",
    "Georgia, serif",
    "x;}body{display:none",
    "1.5rem",
    "99px",
    "1e9px",
    "verdicts",
    "none",
    "session",
    "local",
    "4",
    "9",
    "<img src=x onerror=alert(1)>",
    "Contoso Advisory",
];

/// A value: up to four pieces, each hostile, random text or a random character run.
fn value() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(&PIECES[..]).prop_map(str::to_owned),
        2 => any::<String>(),
        1 => "[ -~\t\n\r\u{80}-\u{ff}\u{2000}-\u{206f}]{0,12}",
        1 => Just("x".repeat(61)),
    ];
    proptest::collection::vec(piece, 0..4).prop_map(|p| p.concat())
}

fn name() -> impl Strategy<Value = String> {
    let theme: Vec<&str> = THEME.iter().map(|(n, _)| *n).collect();
    prop_oneof![
        3 => proptest::sample::select(&NAMES[..]).prop_map(str::to_owned),
        2 => proptest::sample::select(theme).prop_map(str::to_owned),
        1 => "[a-z-]{1,12}",
    ]
}

/// One fuzz input: an attribute map, a raw query string and whether the page is framed.
fn input() -> impl Strategy<Value = (Vec<(String, String)>, String, bool)> {
    (
        proptest::collection::vec((name(), value()), 0..8),
        prop_oneof![any::<String>(), "[a-z=&%+0-9A-F?#;/:.-]{0,60}"],
        any::<bool>(),
    )
}

/// A query string that decodes back to exactly these pairs.
fn encode(pairs: &[(String, String)]) -> String {
    let esc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    let parts: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", esc(k), esc(v)))
        .collect();
    format!("?{}", parts.join("&"))
}

fn clean(v: &str) -> bool {
    !v.is_empty() && !v.chars().any(|c| is_hidden(c) || c.is_whitespace())
}

fn path(v: &str) -> bool {
    clean(v) && !v.contains(':') && !v.starts_with("//") && !v.contains('\\')
}

fn plain(v: &Option<String>, limit: usize) -> bool {
    v.as_ref().is_none_or(|t| {
        !t.is_empty() && t.chars().count() <= limit && t.trim() == t && !t.chars().any(is_hidden)
    })
}

fn origin_like(o: &str) -> bool {
    let Some((scheme, rest)) = o.split_once("://") else {
        return false;
    };
    let (host, port) = rest.split_once(':').unwrap_or((rest, "1"));
    (scheme == "https" || scheme == "http")
        && !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && (1..=5).contains(&port.len())
        && port.chars().all(|c| c.is_ascii_digit())
}

/// The invariants every decoded `Config` keeps.
fn invariants(c: &Config) -> Result<(), String> {
    let ok = plain(&c.brand, 60)
        && plain(&c.cta_text, 80)
        && plain(&c.classification, 60)
        && c.logo.as_ref().is_none_or(|l| {
            (l.starts_with("data:image/") && l.len() <= 100_000 && clean(l)) || path(l)
        })
        && c.cta_href.as_ref().is_none_or(|h| {
            ((h.starts_with("https://") || h.starts_with("mailto:")) && clean(h)) || path(h)
        })
        && c.parent_origin.as_deref().is_none_or(origin_like)
        && (1..=4).contains(&c.heading_level)
        && c.theme.iter().all(|(n, v)| {
            THEME
                .iter()
                .any(|(t, kind)| *n == format!("--kh-{t}") && valid(*kind, v))
        })
        && c.ignored
            .iter()
            .all(|w| w.contains('=') && w.ends_with(')') && !w.chars().any(is_hidden));
    if ok {
        Ok(())
    } else {
        Err(format!("invariant broken: {c:?}"))
    }
}

fn known(name: &str) -> bool {
    NAMES[..10].contains(&name) || THEME.iter().any(|(n, _)| *n == name)
}

#[test]
fn fuzz_config_decoder() {
    let cases = std::env::var("KH_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256);
    let (inputs, accepted, rejected, panics) =
        (Cell::new(0), Cell::new(0), Cell::new(0), Cell::new(0));
    let mut runner = TestRunner::new(Runner {
        cases,
        failure_persistence: None,
        ..Runner::default()
    });
    let empty = Config::from_pairs(Vec::new());
    let result = runner.run(&input(), |(pairs, raw, framed)| {
        inputs.set(inputs.get() + 1);
        let run = catch_unwind(AssertUnwindSafe(|| -> Result<(), String> {
            let map = Config::from_pairs(pairs.clone());
            invariants(&map)?;
            // Structure-aware: the same settings as a URL query decode to the same thing.
            if Config::from_query(&encode(&pairs)) != map {
                return Err(format!("query round trip differs for {pairs:?}"));
            }
            for c in [
                Config::from_query(&raw),
                Config::from_query_in(&raw, framed),
                Config::from_query_in(&encode(&pairs), framed),
            ] {
                invariants(&c)?;
            }
            let top = Config::from_query_in(&encode(&pairs), false);
            if top.brand.is_some() || top.cta_href.is_some() || !top.theme.is_empty() {
                return Err(format!("branding on the top-level page: {top:?}"));
            }
            // Each setting alone: accepted silently, or refused with exactly one warning and no effect.
            for (n, v) in &pairs {
                let one = Config::from_pairs(vec![(n.clone(), v.clone())]);
                if !known(n) {
                    if one != empty {
                        return Err(format!("unknown setting {n} changed something"));
                    }
                } else if one.ignored.is_empty() {
                    accepted.set(accepted.get() + 1);
                } else if one.ignored.len() == 1
                    && (Config {
                        ignored: Vec::new(),
                        ..one.clone()
                    }) == empty
                {
                    rejected.set(rejected.get() + 1);
                } else {
                    return Err(format!("{n}={v:?} half-accepted: {one:?}"));
                }
            }
            Ok(())
        }));
        match run {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(TestCaseError::fail(e)),
            Err(_) => {
                panics.set(panics.get() + 1);
                Err(TestCaseError::fail("panicked"))
            }
        }
    });
    println!(
        "fuzz config: {} inputs, {} accepted, {} rejected, {} panics",
        inputs.get(),
        accepted.get(),
        rejected.get(),
        panics.get()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(
        accepted.get() > 0 && rejected.get() > 0,
        "both paths exercised"
    );
}
