//! The root component: the page frame (skip link, header, main landmark, footer) around the current view.

use yew::prelude::*;

use crate::landing::Landing;

/// The whole Keyholder app.
#[function_component(App)]
pub fn app() -> Html {
    html! {
        <div class="kh-app">
            <a class="kh-skip" href="#main">{ "Skip to main content" }</a>
            <header class="kh-header">
                <div class="kh-header-inner">
                    <span class="kh-brand">{ "Keyholder" }</span>
                </div>
            </header>
            <main id="main" class="kh-main" tabindex="-1">
                <Landing on_start={Callback::noop()} />
            </main>
            <footer class="kh-footer">
                <div class="kh-footer-inner">
                    <p>{ "Keyholder runs entirely in your browser. Nothing you enter is sent anywhere." }</p>
                </div>
            </footer>
        </div>
    }
}
