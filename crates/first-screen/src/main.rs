//! Draws Keyholder's first screens at build time, so a browser paints them before any wasm has
//! arrived (issue 15). Run by Trunk's `post_build` hook (`scripts/first_screen.py`), which puts
//! what this prints into the `<body>` of `dist/index.html`; the app replaces it when it starts
//! (`browser::take_over` in the app crate hands over to `first-screens.js`, inline in the page) and
//! the page's stylesheet picks which one shows.
//!
//! It prints, first, one line of attributes for the root `<html>` element, which
//! `first-screens.js` reads before the body exists:
//! - `data-kh-drawn`: the route of the drawn question (`/q/tenant`);
//! - `data-kh-dress`: the settings the app reads, so a host's own parameters (a campaign's
//!   `utm_source`) can be told from them without a copy of the list, how each is read, and what
//!   the privacy notes say under each storage and notify setting ([`dressing`]), so that
//!   first-screens.js can dress the drawn screens as the app draws them for an embed's settings
//!   (brand, theme, call to action…);
//!
//! then the body's start, each part in a `hidden` element (the page's stylesheet shows them, so a
//! page whose stylesheet was refused never shows them unstyled):
//! - the landing page, `data-kh-first="landing"`: shown unless the address asks for the other;
//! - the first question, `data-kh-first="question"`, whose `id` is its route (`/q/tenant`), so the
//!   address `#/q/tenant` makes it the CSS `:target` — shown, with no script, on that address or
//!   when "Start now" (a link to it) is followed before the app is ready;
//! - a "Loading Keyholder…" note, hidden unless `first-screens.js` finds that the app would draw
//!   something else (another route, saved answers, a setting it can't be sure the app reads as
//!   it does), so nothing drawn here can mislead.
//!
//! and last, after a line `--kh-script-embed--`, a script embed's part: its dressing (one line of
//! JSON: the same settings, the privacy notes that name the host page) and its landing, which
//! `scripts/first_screen.py` writes to `first-embed.json` in the release folder. A script embed
//! has no `index.html` of its own: `first-embed.js`, imported by boot.js on the host page, builds
//! that landing in the host element's shadow root from the file, with DOM calls (a host page may
//! enforce Trusted Types), and dresses it under the element's `data-` settings with
//! `first-screens.js`'s reader and dressing.
//!
//! Both screens come from the app's own components ([`keyholder_app::first_screen`]) with the
//! default settings and no answers: exactly what the app draws first for a first-time visitor,
//! which `tests/e2e/first-screen.test.mjs` checks in a browser.

use std::rc::Rc;

use keyholder_app::config::{self, Config, Keep, Kind};
use keyholder_app::route::Route;
use keyholder_app::wizard::navigation;
use yew::Html;

#[derive(yew::Properties, PartialEq)]
struct ScreenProps {
    html: Html,
}

#[yew::function_component(Screen)]
fn screen(props: &ScreenProps) -> Html {
    props.html.clone()
}

/// The screen `route` draws, as HTML, in a `<div>` of its own with `attributes`: the page's
/// stylesheet shows or hides that wrapper, never the screen's own root (`.kh-app`, which the app's
/// stylesheet lays out, and whose `display` would beat the wrapper's `hidden`).
async fn draw(config: Config, route: &Route, attributes: &str) -> Result<String, String> {
    let html = keyholder_app::first_screen(&Rc::new(config), route)
        .ok_or_else(|| format!("no first screen for {}", route.hash()))?;
    let text = yew::LocalServerRenderer::<Screen>::with_props(ScreenProps { html })
        .hydratable(false)
        .render()
        .await;
    if !text.starts_with("<div ") {
        return Err(format!(
            "{} doesn't start with the frame's <div>",
            route.hash()
        ));
    }
    Ok(format!("<div {attributes}>{text}</div>"))
}

/// The line before the script embed's part of the output: its dressing (JSON, one line), then
/// its landing (scripts/first_screen.py writes both to `first-embed.json`).
const EMBED_MARK: &str = "--kh-script-embed--";

/// The attributes that name an element by its id (a whole value, or a list of ids).
const REFERENCES: [&str; 6] = [
    "id",
    "for",
    "href",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
];

/// `screen` with each id it shares with `other` renamed (`first-<id>`), and every reference to it
/// (`for`, `href="#…"`, `aria-*`) with it: both screens are in one document, and an id must be
/// unique there (the landing keeps the names; the other is only shown on its own address).
fn rename_shared_ids(screen: &str, other: &str) -> String {
    let ids = |html: &str| -> Vec<String> {
        html.split(" id=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next().map(str::to_owned))
            .collect()
    };
    let theirs = ids(other);
    let shared: Vec<String> = ids(screen)
        .into_iter()
        .filter(|id| theirs.contains(id))
        .collect();
    let rename = |token: &str| -> String {
        let (hash, id) = token.strip_prefix('#').map_or(("", token), |id| ("#", id));
        if shared.iter().any(|s| s == id) {
            format!("{hash}first-{id}")
        } else {
            token.to_owned()
        }
    };
    let mut out = String::with_capacity(screen.len());
    let mut rest = screen;
    while let Some(at) = rest.find("=\"") {
        let (head, tail) = rest.split_at(at + 2);
        out.push_str(head);
        let name = head[..at].rsplit(' ').next().unwrap_or_default();
        let end = tail.find('"').unwrap_or(tail.len());
        let (value, after) = tail.split_at(end);
        if REFERENCES.contains(&name) {
            let renamed: Vec<String> = value.split(' ').map(rename).collect();
            out.push_str(&renamed.join(" "));
        } else {
            out.push_str(value);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// What first-screens.js needs to draw the first screens as the app draws them under a host's
/// settings, from the app's own definitions:
/// - `settings`: for each setting the app reads, `[kind, limit, embed only, slot]`: how its value
///   is checked (first-screens.js has one check per kind, never more lenient than the app's),
///   the most characters a text may hold, whether only an embed may use it, and the setting it
///   fills (two spellings of one setting fill one slot);
/// - `privacy`: the privacy notes under each storage setting and notify (`local|0`…), the
///   parent's origin written as `mark`.
///
/// A setting without a kind here fails the build, so a new one can't be drawn wrong.
///
/// `script_embed`: the notes a script embed shows (the host page's origin written as `mark`,
/// nothing shared with a parent), for `first-embed.json`; otherwise the page's.
fn dressing(script_embed: bool) -> Result<serde_json::Value, String> {
    let mut settings = serde_json::Map::new();
    for name in config::names() {
        let theme = config::THEME.iter().find(|(n, _)| *n == name);
        let kind = match (config::slot(name), theme) {
            ("parent", _) => "origin",
            ("notify", _) => "notify",
            ("brand" | "cta" | "classification", _) => "text",
            ("logo", _) => "logo",
            ("cta-href", _) => "href",
            ("heading", _) => "heading",
            ("storage", _) => "storage",
            (_, Some((_, Kind::Colour))) => "colour",
            (_, Some((_, Kind::Font))) => "font",
            (_, Some((_, Kind::Length))) => "length",
            _ => return Err(format!("setting {name:?} has no kind for first-screens.js")),
        };
        let limit = config::TEXT_LIMITS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, limit)| *limit);
        let slot = config::slot(name);
        settings.insert(
            name.to_owned(),
            serde_json::json!([kind, limit, config::embed_only(name), slot]),
        );
    }
    // A character no origin holds: first-screens.js puts the parent's origin in its place (a
    // script embed's: the host page's).
    let mark = "\u{1}";
    let mut privacy = serde_json::Map::new();
    for (storage, keep) in [
        ("local", Keep::Local),
        ("session", Keep::Session),
        ("none", Keep::Memory),
    ] {
        // A script embed never tells a parent anything (src/page.rs).
        for notify in if script_embed {
            &[false][..]
        } else {
            &[false, true]
        } {
            let c = Config {
                storage: keep,
                notify_verdicts: *notify,
                parent_origin: notify.then(|| mark.to_owned()),
                host: script_embed.then(|| mark.to_owned()),
                ..Config::default()
            };
            privacy.insert(
                format!("{storage}|{}", u8::from(*notify)),
                serde_json::json!(c.privacy()),
            );
        }
    }
    Ok(serde_json::json!({ "settings": settings, "privacy": privacy, "mark": mark }))
}

/// `value` as an attribute value in single quotes: JSON's many double quotes stay as they are.
fn in_single_quotes(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('&', "&amp;")
        .replace('\'', "&#39;")
        .replace('<', "&lt;")
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let question = navigation::start(&Default::default());
    let drawn = async {
        let landing = draw(
            Config::default(),
            &Route::Landing,
            r#"data-kh-first="landing" hidden"#,
        )
        .await?;
        let first = draw(
            Config::default(),
            &question,
            &format!(
                r#"data-kh-first="question" id="{}" hidden"#,
                question.hash()
            ),
        )
        .await?;
        // Its skip link goes (an empty element keeps the places of the others, which the app's
        // take-over relies on): a skip link must come before the page's other links, and the
        // landing's links come first in the document.
        let skip = r##"<a href="#main" class="kh-skip">Skip to main content</a>"##;
        if !first.contains(skip) {
            return Err(format!("no skip link in {}", question.hash()));
        }
        let first = rename_shared_ids(&first.replacen(skip, "<span hidden></span>", 1), &landing);
        let dress = in_single_quotes(&dressing(false)?);
        // A script embed's landing, under a host (its origin written as the dressing's mark, as
        // its privacy notes are), for first-embed.json.
        let embed = draw(
            Config {
                host: Some("\u{1}".to_owned()),
                ..Config::default()
            },
            &Route::Landing,
            r#"data-kh-first="landing""#,
        )
        .await?;
        // The root element's attributes first (first-screens.js runs before the body exists).
        Ok::<_, String>(format!(
            "data-kh-drawn=\"{}\" data-kh-dress='{dress}'\n{landing}{first}<p class=\"kh-first-wait\" role=\"status\" hidden>Loading Keyholder…</p>\n{EMBED_MARK}\n{}\n{embed}",
            question.hash(),
            dressing(true)?,
        ))
    };
    match drawn.await {
        Ok(html) => {
            println!("{html}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("first-screen: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{dressing, rename_shared_ids};

    #[test]
    fn every_setting_the_app_reads_has_a_kind_and_every_storage_its_privacy_notes() {
        let text = super::in_single_quotes(&dressing(false).unwrap())
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&amp;", "&");
        let table: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(table, dressing(false).unwrap());
        for name in keyholder_app::config::names() {
            let entry = &table["settings"][name];
            assert!(
                entry[0].is_string() && entry[3].is_string(),
                "{name}: {entry}"
            );
        }
        assert_eq!(table["settings"]["brand"][1], 60);
        assert_eq!(table["settings"]["cta_href"][3], "cta-href");
        assert_eq!(table["settings"]["accent"][2], true);
        assert_eq!(table["settings"]["storage"][2], false);
        let privacy = table["privacy"].as_object().unwrap();
        assert_eq!(privacy.len(), 6);
        let mark = table["mark"].as_str().unwrap();
        let notes = |key: &str| -> String {
            let list = privacy[key].as_array().unwrap();
            list.iter().filter_map(|n| n.as_str()).collect()
        };
        assert!(notes("session|1").contains(mark) && notes("session|1").contains("tab"));
        assert!(!notes("session|0").contains(mark));
        // A script embed's: the host named, nothing shared.
        let embed = dressing(true).unwrap();
        let privacy = embed["privacy"].as_object().unwrap();
        assert_eq!(privacy.len(), 3);
        for (key, notes) in privacy {
            let text: String = notes
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|n| n.as_str())
                .collect();
            assert!(
                key.ends_with("|0")
                    && text.contains(mark)
                    && text.contains("can see what you enter"),
                "{key}: {text}"
            );
        }
        assert_eq!(embed["settings"], table["settings"]);
    }

    #[test]
    fn shared_ids_and_their_references_are_renamed_and_nothing_else() {
        let landing = r#"<main id="main"><h1 id="kh-heading">A</h1></main>"#;
        let screen = r##"<a href="#main" class="main">Skip</a><main id="main" aria-labelledby="kh-heading x"><h1 id="kh-heading">B</h1><input id="x" aria-describedby="x-hint"><a href="#/q/tenant">main</a></main>"##;
        assert_eq!(
            rename_shared_ids(screen, landing),
            r##"<a href="#first-main" class="main">Skip</a><main id="first-main" aria-labelledby="first-kh-heading x"><h1 id="first-kh-heading">B</h1><input id="x" aria-describedby="x-hint"><a href="#/q/tenant">main</a></main>"##
        );
    }
}
