//! The smallest apps a first module could be, for `scripts/yew_floor.sh`: what Rust and
//! wasm-bindgen cost alone (`bare`), what Yew adds to draw one heading (`hello`), and a
//! one-question form with what every Keyholder page has — one `use_reducer` store of answers
//! saved to `localStorage`, radio buttons, Back and Continue, a `hashchange` listener (`form`).
//! Keyholder's own first module is this plus its own code and text: the difference is what its
//! questionnaire costs.

#[cfg(feature = "bare")]
fn main() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        body.set_inner_html("<main><h1>Which Microsoft cloud is your tenant in?</h1></main>");
    }
}

#[cfg(feature = "hello")]
fn main() {
    #[yew::function_component(App)]
    fn app() -> yew::Html {
        yew::html! { <main><h1>{ "Which Microsoft cloud is your tenant in?" }</h1></main> }
    }
    yew::Renderer::<App>::new().render();
}

#[cfg(feature = "form")]
fn main() {
    yew::Renderer::<form::App>::new().render();
}

#[cfg(feature = "form")]
mod form {
    use std::rc::Rc;
    use yew::prelude::*;

    const OPTIONS: [&str; 5] = ["Commercial", "GCC", "GCC High", "DoD", "China"];

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    #[derive(Clone, PartialEq, Default)]
    struct Answers {
        cloud: Option<String>,
        step: usize,
    }

    enum Change {
        Choose(String),
        Next,
        Back,
    }

    impl Reducible for Answers {
        type Action = Change;
        fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
            let mut next = (*self).clone();
            match change {
                Change::Choose(c) => next.cloud = Some(c),
                Change::Next => next.step += 1,
                Change::Back => next.step = next.step.saturating_sub(1),
            }
            if let Some(s) = storage() {
                let _ = s.set_item("answers", next.cloud.as_deref().unwrap_or_default());
            }
            next.into()
        }
    }

    #[function_component(App)]
    pub fn app() -> Html {
        let answers = use_reducer(|| Answers {
            cloud: storage().and_then(|s| s.get_item("answers").ok().flatten()),
            step: 0,
        });
        {
            let answers = answers.clone();
            use_effect_with((), move |_| {
                let listener = gloo::events::EventListener::new(
                    &gloo::utils::window(),
                    "hashchange",
                    move |_| answers.dispatch(Change::Next),
                );
                move || drop(listener)
            });
        }
        let send = |change: fn(()) -> Change| {
            let answers = answers.clone();
            Callback::from(move |_: MouseEvent| answers.dispatch(change(())))
        };
        let onchange = {
            let answers = answers.clone();
            Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                answers.dispatch(Change::Choose(input.value()));
            })
        };
        html! {
            <main>
                <h1>{ format!("Question {}: which Microsoft cloud is your tenant in?", answers.step + 1) }</h1>
                <fieldset>
                    { for OPTIONS.iter().map(|&o| html! {
                        <label>
                            <input type="radio" name="cloud" value={o}
                                checked={answers.cloud.as_deref() == Some(o)}
                                onchange={onchange.clone()} />
                            { o }
                        </label>
                    }) }
                </fieldset>
                <button onclick={send(|_| Change::Back)}>{ "Back" }</button>
                <button onclick={send(|_| Change::Next)}>{ "Continue" }</button>
            </main>
        }
    }
}
