//! Browser entry point of the first load: the landing page and the questionnaire. On Keyholder's
//! own page (or in an iframe) the app mounts in an element at the end of the body; in a script embed it mounts in a shadow
//! root on the host's `<div data-keyholder …>`. Settings come from `page::read`. The report is a
//! second module (`bin/keyholder-report.rs`), fetched when first shown.

use std::rc::Rc;

use keyholder_app::{browser, page, App, AppProps};

fn main() {
    let page = page::read();
    let config = Rc::new(page.config);
    match (web_sys::window().and_then(|w| w.document()), page.host) {
        (Some(document), Some(host)) => mount_in(&document, host, &page.base, config),
        (Some(document), None) => mount_on_page(&document, config),
        _ => {}
    }
}

/// Keyholder's own page (or an iframe): the app goes in an element of its own after the first
/// screens drawn into the page at build time, not on the body — Yew empties the element it
/// mounts on, and those screens (with the visitor's focus and choices in them) must stay until
/// the app's own first screen replaces them (`browser::take_over`).
fn mount_on_page(document: &web_sys::Document, config: Rc<keyholder_app::config::Config>) {
    let (Some(body), Ok(mount)) = (document.body(), document.create_element("div")) else {
        return;
    };
    // Hidden while the drawn screens are there: Yew may let the browser paint between its first
    // render and the take-over (`browser::take_over` shows it as the drawn screens go), and the
    // app must not show below them meanwhile.
    if let Ok(Some(_)) = document.query_selector("[data-kh-first]") {
        let _ = mount.set_attribute("hidden", "");
    }
    if body.append_child(&mount).is_ok() {
        yew::Renderer::<App>::with_root_and_props(mount, AppProps { config }).render();
    }
}

/// Script embed: a shadow root keeps the host's CSS out and ours in.
fn mount_in(
    document: &web_sys::Document,
    host: web_sys::Element,
    base: &str,
    config: Rc<keyholder_app::config::Config>,
) {
    // first-embed.js may have drawn the landing in a shadow root already (with the stylesheet,
    // and a slot showing boot.js's note until that is in): the app goes beside it, hidden until
    // it takes over (`browser::take_over`), as on Keyholder's own page.
    // Only that one: a shadow root of the host's own (a custom element's) is not the app's to use.
    let shadow = match host.shadow_root() {
        Some(shadow) if matches!(shadow.query_selector("[data-kh-first]"), Ok(Some(_))) => shadow,
        Some(_) => return,
        None => {
            let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
            let Ok(shadow) = host.attach_shadow(&init) else {
                return;
            };
            // boot.js's note shows through the slot until the stylesheet is in (main.css hides
            // it, and shows the app).
            for (tag, href) in [("slot", None), ("link", Some(format!("{base}main.css")))] {
                if let Ok(el) = document.create_element(tag) {
                    if let Some(href) = href {
                        let _ = el.set_attribute("rel", "stylesheet");
                        let _ = el.set_attribute("href", &href);
                    }
                    let _ = shadow.append_child(&el);
                }
            }
            shadow
        }
    };
    let Ok(mount) = document.create_element("div") else {
        return;
    };
    // boot.js looks for it: the app is in (or it says Keyholder couldn't start). Hidden until it
    // has taken over (`browser::take_over` marks it `data-kh-shown`) *and* main.css is in: the
    // stylesheet itself shows it, so the app is never seen unstyled, whichever comes first.
    let _ = mount.set_attribute("data-kh-mount", "");
    let _ = mount.set_attribute("hidden", "");
    let _ = shadow.append_child(&mount);
    // A share link opened on the host page starts the embed on it; anything else starts fresh.
    let hash = browser::hash();
    let start = if hash.starts_with("/share/") {
        hash
    } else {
        "/".to_owned()
    };
    browser::embed_in(shadow, start);
    yew::Renderer::<App>::with_root_and_props(mount, AppProps { config }).render();
}
