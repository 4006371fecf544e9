//! Where the app runs and with which settings, read from the page: on Keyholder's own page (or in
//! an iframe) from the URL — brand and theme only when framed with a `parent`; in a script embed
//! from the host's `<div data-keyholder …>`. Both wasm modules read it the same way: the first
//! load (`main.rs`) to mount the app, the report module (`bin/keyholder-report.rs`) to show the
//! report under the same brand, so no setting has to cross between them.

use crate::browser;
use crate::config::Config;

/// The page's settings and, in a script embed, the host element.
pub struct Page {
    /// Brand, theme and embedding settings.
    pub config: Config,
    /// The release folder the app's files come from (`data-keyholder-base`, set by boot.js).
    pub base: String,
    /// The host page's `<div data-keyholder>`, in a script embed.
    pub host: Option<web_sys::Element>,
}

/// Reads the page. Also records the files' base for [`browser`]'s fetches.
pub fn read() -> Page {
    let document = web_sys::window().and_then(|w| w.document());
    let root_base = || {
        document
            .as_ref()
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("data-keyholder-base"))
    };
    let host = document.as_ref().and_then(|d| {
        d.query_selector("[data-keyholder]:not(iframe)")
            .ok()
            .flatten()
    });
    let page = match host {
        None => {
            let query = web_sys::window()
                .and_then(|w| w.location().search().ok())
                .unwrap_or_default();
            let mut config = Config::from_query_in(&query, browser::framed());
            config.check_logo(browser::same_origin);
            Page {
                config,
                base: root_base().unwrap_or_default(),
                host: None,
            }
        }
        Some(host) => {
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
            // The host page sees and stores everything here: the app says so. Nothing is posted
            // to a parent.
            config.host = browser::origin();
            (config.parent_origin, config.notify_verdicts) = (None, false);
            // A host added after boot.js ran has no base: boot.js then put it on the root element.
            let base = host
                .get_attribute("data-keyholder-base")
                .or_else(root_base)
                .unwrap_or_default();
            Page {
                config,
                base,
                host: Some(host),
            }
        }
    };
    browser::set_files_base(page.base.clone());
    page
}
