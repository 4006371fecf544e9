//! Renders the landing page natively through Yew SSR and checks what a visitor must see.
#![cfg(not(target_arch = "wasm32"))]

use keyholder_app::{Landing, LandingProps};
use yew::{Callback, LocalServerRenderer};

#[tokio::test]
async fn landing_has_one_h1_both_questions_and_start() {
    let html = LocalServerRenderer::<Landing>::with_props(LandingProps {
        on_start: Callback::noop(),
        on_restart: Callback::noop(),
        in_progress: false,
        problem: None,
    })
    .hydratable(false)
    .render()
    .await;
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
    assert!(html.contains("Key control"));
    assert!(html.contains("Data residency"));
    assert!(html.contains("Nothing you enter is sent anywhere"));
    assert!(html.contains("Start now"));
}
