//! The page frame around every screen: skip link, header with the brand and the assessment
//! links, the main region, and the footer with the privacy note and the consultancy's call to
//! action. Its landmarks depend on where the app runs (own page, iframe, or a host's page).

use yew::prelude::*;

use crate::browser;
use crate::config::Config;

/// A script embed must not touch the host's address: its `#/…` links go to the in-memory router.
pub fn follow_in_app() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| {
        if !browser::embedded() {
            return;
        }
        let link = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|t| t.closest("a[href^='#/']").ok().flatten());
        if let Some(href) = link.and_then(|a| a.get_attribute("href")) {
            e.prevent_default();
            browser::go(href.trim_start_matches('#'));
        }
    })
}

/// The frame, with `body` as its main content. `has_answers` shows the assessment links.
pub fn frame(config: &Config, has_answers: bool, root: NodeRef, body: Html) -> Html {
    // A script embed's frame: the in-memory router's, or (for the landing crates/first-screen
    // draws at build time, natively, with no router) its settings' host.
    let script_embed = browser::embedded() || config.host.is_some();
    let embedded = config.parent_origin.is_some() || script_embed;
    // On a host page the host owns the banner, main and contentinfo landmarks: the app is one
    // labelled region there. Elsewhere its landmarks are labelled, so a host page framing it
    // still has unique landmarks.
    let (header_tag, main_tag, footer_tag) = if script_embed {
        ("div", "section", "div")
    } else {
        ("header", "main", "footer")
    };
    html! {
         <div onclick={follow_in_app()} class={classes!("kh-app", embedded.then_some("kh-embedded"), (config.heading_level > 1).then(|| format!("kh-hl-{}", config.heading_level)))} ref={root}>
            if !script_embed {
                <a class="kh-skip" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); browser::focus("main"); })}>{ "Skip to main content" }</a>
            }
            <@{header_tag} class="kh-header" aria-label={(!script_embed).then_some("Keyholder")}>
                <div class="kh-header-inner">
                    <a class="kh-brand" href="#/">
                        if let Some(logo) = &config.logo {
                            <img class="kh-logo" src={logo.clone()} alt="" />
                        }
                        if let Some(brand) = &config.brand {
                            { brand.clone() }<span class="kh-brand-sub">{ " · Keyholder" }</span>
                        } else {
                            { "Keyholder" }
                        }
                    </a>
                    if has_answers {
                        <nav aria-label="Assessment" class="kh-nav">
                            <a href={"#/tasks"}>{ "Your assessment" }</a>
                            <a href={"#/report"}>{ "Report" }</a>
                        </nav>
                    }
                </div>
            </@>
            <@{main_tag} id="main" class="kh-main" tabindex="-1" aria-label={if script_embed { "Keyholder sovereignty self-assessment" } else { "Keyholder" }}>
                { body }
            </@>
            <@{footer_tag} class="kh-footer" aria-label={(!script_embed).then_some("Keyholder")}>
                <div class="kh-footer-inner">
                    <p>{ config.privacy().join(" ") }</p>
                    if let (Some(text), Some(href)) = (&config.cta_text, &config.cta_href) {
                        <p class="kh-cta"><a class="kh-button" href={href.clone()} target="_top" rel="noopener">{ text.clone() }</a></p>
                    }
                </div>
            </@>
        </div>
    }
}
