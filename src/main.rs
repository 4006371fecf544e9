//! Browser entry point. On Keyholder's own page (or in an iframe) the app mounts on the body and
//! reads its settings from the URL — brand and theme only when framed with a `parent`; in a script
//! embed it mounts in a shadow root on the host's `<div data-keyholder …>` and reads its settings
//! from that element's `data-` attributes.

use std::rc::Rc;

use keyholder_app::config::Config;
use keyholder_app::{browser, App, AppProps};

fn main() {
    let document = web_sys::window().and_then(|w| w.document());
    let host = document.as_ref().and_then(|d| {
        d.query_selector("[data-keyholder]:not(iframe)")
            .ok()
            .flatten()
    });
    match (document, host) {
        (Some(document), Some(host)) => mount_in(&document, host),
        _ => {
            let query = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .unwrap_or_default();
            let mut config = Config::from_query_in(&query, browser::framed());
            config.check_logo(browser::same_origin);
            let config = Rc::new(config);
            // boot.js records the release folder on the root element (the report's text is there).
            let base = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.get_attribute("data-keyholder-base"))
                .unwrap_or_default();
            browser::set_files_base(base);
            yew::Renderer::<App>::with_props(AppProps { config }).render();
        }
    }
}

/// Script embed: a shadow root keeps the host's CSS out and ours in.
fn mount_in(document: &web_sys::Document, host: web_sys::Element) {
    let names = host.get_attribute_names();
    let pairs: Vec<(String, String)> = names
        .iter()
        .filter_map(|n| n.as_string())
        .filter_map(|n| {
            let value = host.get_attribute(&n)?;
            Some((n.strip_prefix("data-")?.to_owned(), value))
        })
        .collect();
    let mut config = Config::from_pairs(pairs);
    config.check_logo(browser::same_origin);
    // The host page sees and stores everything here: the app says so. Nothing is posted to a parent.
    config.host = browser::origin();
    (config.parent_origin, config.notify_verdicts) = (None, false);
    let config = Rc::new(config);
    // boot.js records where the widget's files live, so the stylesheet comes from there.
    // (A host added after boot.js ran has no base: boot.js then put it on the root element.)
    let base = host
        .get_attribute("data-keyholder-base")
        .or_else(|| {
            document
                .document_element()
                .and_then(|e| e.get_attribute("data-keyholder-base"))
        })
        .unwrap_or_default();
    browser::set_files_base(base.clone());
    let init = web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open);
    let Ok(shadow) = host.attach_shadow(&init) else {
        return;
    };
    if let Ok(link) = document.create_element("link") {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &format!("{base}main.css"));
        let _ = shadow.append_child(&link);
    }
    let Ok(mount) = document.create_element("div") else {
        return;
    };
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
