//! The app shell's effects, one small hook each: follow the route, save the answers, theme and
//! size the frame, and move the title and focus when the page changes — what a page load does in
//! a multi-page site. `app.rs` composes them; what they follow (steps, Back, Continue, titles) is
//! decided by the pure `wizard::navigation`.

use std::rc::Rc;

use gloo::events::EventListener;
use keyholder_engine::Answers;
use yew::prelude::*;

use crate::browser;
use crate::config::Config;
use crate::route::Route;

/// The current route, following `hashchange` on a page of its own and the in-memory router's
/// event in a script embed.
#[hook]
pub fn use_route() -> UseStateHandle<Route> {
    let route = use_state(|| Route::parse(&browser::hash()));
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|w| {
                ["hashchange", browser::ROUTE_EVENT].map(|name| {
                    let route = route.clone();
                    EventListener::new(&w, name, move |_| route.set(Route::parse(&browser::hash())))
                })
            });
            // The route may have moved before anyone listened (a share link opened in a script
            // embed is accepted, and routed on, by the first render's effects).
            let now = Route::parse(&browser::hash());
            if now != *route {
                route.set(now);
            }
            move || drop(listeners)
        });
    }
    route
}

/// Saves the answers whenever they change, unless an unreadable saved state is waiting for the
/// user's decision (it is never overwritten behind their back). Empty answers clear the storage.
#[hook]
pub fn use_autosave(answers: &Answers, blocked: bool) {
    use_effect_with((answers.clone(), blocked), move |(answers, blocked)| {
        if *blocked {
            return;
        }
        if *answers == Answers::default() {
            browser::clear();
        } else {
            browser::save(&crate::wizard::store::saved_text(answers));
        }
    });
}

/// Applies the theme to the app's root and, in an iframe, keeps the host told of its height.
#[hook]
pub fn use_frame(root: NodeRef, config: Rc<Config>) {
    use_effect_with((), move |_| {
        // Custom properties set through the CSSOM, which a strict `style-src` allows (a `style`
        // attribute would not be).
        if let Some(el) = root.cast::<web_sys::HtmlElement>() {
            for (name, value) in &config.theme {
                let _ = el.style().set_property(name, value);
            }
        }
        for ignored in &config.ignored {
            browser::warn(&format!("Keyholder: ignored setting {ignored}"));
        }
        // The first screens drawn at build time go once the app's first screen is complete (its
        // child components may render after this effect, in the same run of Yew's scheduler): a
        // microtask queued now runs after that run. The app is hidden until then (main.rs).
        // Then ready means ready: the app has taken over the page (controls answer from now on).
        // The perf harness and the browser tests time "interactive" by this mark. (In a script
        // embed whose stylesheet comes after the wasm, main.css shows the app a moment later.)
        if let Some(el) = root.cast::<web_sys::Element>() {
            wasm_bindgen_futures::spawn_local(async move {
                browser::take_over(&el);
                let _ = el.set_attribute("data-ready", "");
            });
        }
        // Dropped on unmount, which stops the height messages.
        let frame = root
            .cast::<web_sys::Element>()
            .and_then(|el| crate::embed::start(el, config.parent_origin.clone()));
        move || drop(frame)
    });
}

/// On every page change: the title names the page and focus moves to its heading (or, from a
/// Change link and back, to the question and its row), as a page load would (the first page keeps the browser's own starting point); the "answers deleted" notice
/// goes once the user moves on.
#[hook]
pub fn use_page_change(route: &Route, title: String, deleted: UseStateHandle<bool>) {
    let first_render = use_mut_ref(|| true);
    use_effect_with(route.clone(), move |route| {
        if *route != Route::Landing {
            deleted.set(false);
        }
        browser::set_title(&title);
        if !std::mem::replace(&mut *first_render.borrow_mut(), false) {
            // Back and forth from Check your answers: the question changed, then its row; the
            // heading when that element isn't on the page.
            if !route.focus_targets().iter().any(|id| browser::focus(id)) {
                browser::focus("kh-heading");
            }
        }
    });
}
