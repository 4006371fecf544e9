//! The report's place in the first load. The report — engine, rule catalogue, report screen and
//! exports — and the import page (with the share-link decoder) are a second wasm module (`bin/keyholder-report.rs`) that the questionnaire never
//! needs, so it is fetched the first time a report is shown (then kept by the browser's cache).
//! This component fetches it, mounts it into its own element, hands it the answers on every change
//! and acts on what it sends back (`bridge::Event`). Until it is there the page says the report is
//! being prepared; if it can't be fetched it says so and offers to try again.

use std::cell::RefCell;
use std::rc::Rc;

use keyholder_engine::Answers;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::bridge::{Event, View};
use crate::browser;
use crate::ui::report_view::{loading, unavailable};
use crate::wizard::store::saved_text;

/// Properties of [`ReportHost`].
#[derive(Properties, PartialEq)]
pub struct ReportHostProps {
    /// The answers (the report module derives the report from them).
    pub answers: Answers,
    /// What the report asks of the app.
    pub on_event: Callback<Event>,
    /// What to show: the report, or the import page.
    #[prop_or(View::Report)]
    pub view: View,
}

/// A mounted report module: its handle (`update`, `destroy`) and the function it calls back.
struct Mounted {
    handle: JsValue,
    _notify: Closure<dyn Fn(String, String)>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = call(&self.handle, "destroy", &[]);
    }
}

/// Calls `target[name](...args)`.
fn call(target: &JsValue, name: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &name.into())?.dyn_into()?;
    match args {
        [] => f.call0(target),
        [a] => f.call1(target, a),
        [a, b] => f.call2(target, a, b),
        [a, b, c] => f.call3(target, a, b, c),
        [a, b, c, d, ..] => f.apply(target, &js_sys::Array::of4(a, b, c, d)),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Loading,
    Shown,
    Failed,
}

/// The report, from the report module.
#[function_component(ReportHost)]
pub fn report_host(props: &ReportHostProps) -> Html {
    let state = use_state(|| State::Loading);
    let attempt = use_state(|| 0u32);
    let element = use_node_ref();
    let mounted = use_mut_ref(|| None::<Mounted>);
    // The latest answers, callback and view, read when the module arrives and when it calls back.
    let answers = use_mut_ref(String::new);
    *answers.borrow_mut() = saved_text(&props.answers);
    let on_event = use_mut_ref(Callback::noop);
    *on_event.borrow_mut() = props.on_event.clone();
    let view = use_mut_ref(String::new);
    *view.borrow_mut() = props.view.encode();
    {
        let (state, element, mounted, answers, on_event, view) = (
            state.clone(),
            element.clone(),
            mounted.clone(),
            answers.clone(),
            on_event.clone(),
            view.clone(),
        );
        use_effect_with(*attempt, move |_| {
            let alive = Rc::new(std::cell::Cell::new(true));
            let (still, slot) = (alive.clone(), mounted.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let module = browser::load_report().await;
                if !still.get() {
                    return;
                }
                let shown = module.ok().and_then(|module| {
                    let host = element.cast::<web_sys::Element>()?;
                    // The answers and the view as they are now, not as they were asked for.
                    mount(&module, &host, &answers.borrow(), on_event, &view.borrow())
                });
                let ok = shown.is_some();
                *slot.borrow_mut() = shown;
                state.set(if ok { State::Shown } else { State::Failed });
            });
            move || {
                alive.set(false);
                // Dropping it destroys the report module's app.
                mounted.borrow_mut().take();
            }
        });
    }
    {
        let (mounted, answers) = (mounted.clone(), answers.clone());
        use_effect_with(
            (props.answers.clone(), props.view.clone()),
            move |(_, view)| {
                if let Some(m) = mounted.borrow().as_ref() {
                    let _ = call(
                        &m.handle,
                        "update",
                        &[
                            &JsValue::from_str(&answers.borrow()),
                            &JsValue::from_str(&view.encode()),
                        ],
                    );
                }
            },
        );
    }
    // Whichever of the messages goes, the page's heading (the report module's, or the problem's)
    // takes the focus it had, unless the user put focus somewhere meanwhile.
    use_effect_with(*state, |_| browser::focus_if_lost("kh-heading"));
    let (waiting, what) = match &props.view {
        View::Report => ("Preparing your report…", "the report could not be loaded"),
        View::Import { link: Some(_), .. } => (
            "Opening the shared assessment…",
            "the shared assessment could not be opened",
        ),
        View::Import { link: None, .. } => (
            "Opening the import page…",
            "the import page could not be loaded",
        ),
    };
    let message = match *state {
        State::Loading => loading(waiting),
        State::Shown => Html::default(),
        State::Failed => {
            let retry = {
                let (state, attempt) = (state.clone(), attempt.clone());
                Callback::from(move |_: MouseEvent| {
                    state.set(State::Loading);
                    attempt.set(*attempt + 1);
                })
            };
            unavailable(
                what,
                "Check your connection, then try again. If it keeps happening, reload the page: a newer release of Keyholder may have been published.",
                retry,
            )
        }
    };
    html! {
        <>
            { message }
            <div class="kh-report-host" ref={element}></div>
        </>
    }
}

/// Mounts the report module's app in `host`; `None` if the module doesn't answer as expected.
fn mount(
    module: &JsValue,
    host: &web_sys::Element,
    answers: &str,
    on_event: Rc<RefCell<Callback<Event>>>,
    view: &str,
) -> Option<Mounted> {
    // Acted on once the report module's own handler has returned: the app's answer (a new route,
    // new answers) may update or remove the report, which must not happen from inside it.
    let notify = Closure::<dyn Fn(String, String)>::new(move |kind: String, value: String| {
        let Some(event) = Event::decode(&kind, &value) else {
            return;
        };
        let on_event = on_event.clone();
        wasm_bindgen_futures::spawn_local(async move { on_event.borrow().emit(event) });
    });
    let handle = call(
        module,
        "mount",
        &[
            host,
            &JsValue::from_str(answers),
            notify.as_ref(),
            &JsValue::from_str(view),
        ],
    )
    .ok()?;
    Some(Mounted {
        handle,
        _notify: notify,
    })
}
