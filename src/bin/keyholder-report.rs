//! The report module: the second wasm module, fetched by the first load (`ui::report_host`) when
//! a report is first shown. It holds what only the report needs — the engine's evaluation, the
//! rule catalogue, the report screen and the exports — and mounts a Yew app of its own inside
//! the element the first load gives it.
//!
//! Two Yew apps from two wasm modules share one DOM, and Yew finds which app an event belongs to
//! by a number it writes on elements (`__yew_subtree_id`), counted from 1 in each module. The
//! first load has one app, number 1; this module skips number 1 before its first mount, so the
//! two never claim each other's elements (`tests/e2e/report-module.test.mjs` checks it).

use std::rc::Rc;

use keyholder_app::bridge::Event;
use keyholder_app::config::Config;
use keyholder_app::ui::report_root::{ReportRoot, ReportRootProps};
use keyholder_app::{browser, page};
use keyholder_engine::Answers;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew::AppHandle;

fn main() {}

thread_local! {
    static CONFIG: std::cell::OnceCell<Rc<Config>> = const { std::cell::OnceCell::new() };
}

/// The page's settings, read once (the same way the first load read them).
fn config() -> Rc<Config> {
    CONFIG.with(|c| {
        c.get_or_init(|| {
            let config = page::read().config;
            keyholder_app::ui::set_top_heading(config.heading_level);
            // An app that draws nothing, so this module's apps are numbered from 2 (see above).
            if let Some(spare) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("div").ok())
            {
                yew::Renderer::<Nothing>::with_root(spare)
                    .render()
                    .destroy();
            }
            Rc::new(config)
        })
        .clone()
    })
}

#[function_component(Nothing)]
fn nothing() -> Html {
    Html::default()
}

fn read(answers: &str) -> Option<Answers> {
    keyholder_engine::answers_json::from_str(answers).ok()
}

/// A report shown in the first load's element.
#[wasm_bindgen]
pub struct Mounted {
    app: AppHandle<ReportRoot>,
    props: ReportRootProps,
}

/// Shows the report of `answers` (the saved JSON) in `host`; `notify(kind, value)` receives the
/// report's `bridge::Event`s for the app. `view`: what to show (`bridge::View`, encoded): the
/// report, or the import page.
#[wasm_bindgen]
pub fn mount(
    host: web_sys::Element,
    answers: &str,
    notify: js_sys::Function,
    view: &str,
) -> Mounted {
    let config = config();
    // In a script embed the report lives in the widget's shadow root: focus looks there, and
    // navigation goes to the app's in-memory router.
    if let Ok(shadow) = host.get_root_node().dyn_into::<web_sys::ShadowRoot>() {
        browser::embed_in(shadow, "/report".to_owned());
    }
    let send = Callback::from(move |e: Event| {
        let (kind, value) = e.encode();
        let _ = notify.call2(&JsValue::NULL, &kind.into(), &value.into());
    });
    let go = send.clone();
    browser::navigate_with(Box::new(move |route, replace| {
        let route = route.to_owned();
        go.emit(if replace {
            Event::Redirect(route)
        } else {
            Event::Go(route)
        })
    }));
    let props = ReportRootProps {
        answers: read(answers),
        config,
        today: browser::today().into(),
        send,
        view: keyholder_app::bridge::View::decode(view),
    };
    let app = yew::Renderer::<ReportRoot>::with_root_and_props(host, props.clone()).render();
    Mounted { app, props }
}

#[wasm_bindgen]
impl Mounted {
    /// The answers or the view changed (the JSON the app saves; `bridge::View`, encoded): the
    /// report or the import page follows.
    pub fn update(&mut self, answers: &str, view: &str) {
        self.props.answers = read(answers);
        self.props.view = keyholder_app::bridge::View::decode(view);
        self.app.update(self.props.clone());
    }

    /// Removes the report from the page.
    pub fn destroy(self) {
        self.app.destroy();
    }
}
