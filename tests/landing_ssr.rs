//! Renders the landing page natively through Yew SSR and checks what a visitor must see.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use keyholder_app::config::Config;
use keyholder_app::{Landing, LandingProps};
use yew::{Callback, LocalServerRenderer};

async fn landing(config: Config, deleted: bool) -> String {
    LocalServerRenderer::<Landing>::with_props(LandingProps {
        on_start: Callback::noop(),
        on_restart: Callback::noop(),
        in_progress: false,
        problem: None,
        config: Rc::new(config),
        deleted,
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn landing_has_one_h1_both_questions_and_start() {
    let html = landing(Config::default(), false).await;
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
    assert!(html.contains("Key control"));
    assert!(html.contains("Data residency"));
    assert!(html.contains("Nothing you enter is sent anywhere"));
    assert!(html.contains("Start now"));
    assert!(!html.contains("have been deleted"));
}

#[tokio::test]
async fn landing_confirms_a_deletion_and_tells_what_an_embed_shares() {
    let html = landing(Config::default(), true).await;
    assert!(html.contains("Your answers have been deleted"), "{html}");
    assert!(html.contains("Start now"));
    let framed = Config::from_query_in("parent=https://contoso.example/&notify=verdicts", true);
    let html = landing(framed, false).await;
    assert!(html.contains(
        "This page shares your two headline figures — not your answers — with https://contoso.example."
    ));
    assert!(!html.contains("Nothing you enter is sent anywhere"));
    let mut script = Config::from_pairs(vec![("storage".into(), "session".into())]);
    script.host = Some("https://contoso.example".into());
    let html = landing(script, false).await;
    assert!(html.contains("can see what you enter here"));
    assert!(html.contains("session storage"));
}
