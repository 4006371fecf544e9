//! The root component: the page frame, hash routing, the one answers store, autosave and the
//! resume / saved-state checks. Every view below it is a function of the answers and the route.

use std::rc::Rc;

use gloo::events::EventListener;
use keyholder_engine::{parse_answers, Answers};
use yew::prelude::*;

use crate::browser;
use crate::config::Config;
use crate::landing::{Landing, SavedProblem};
use crate::route::Route;
use crate::ui::check_answers::check_answers;
use crate::ui::import_page::ImportPage;
use crate::ui::list_page::ListPage;
use crate::ui::question_page::QuestionPage;
use crate::ui::report_view::ReportPage;
use crate::ui::task_list::task_list;
use crate::wizard::steps::{first_incomplete, steps, Step};
use crate::wizard::store::{Msg, Store};

/// What was in storage when the app started.
struct Boot {
    answers: Answers,
    problem: Option<SavedProblem>,
}

fn boot() -> Boot {
    match browser::load() {
        None => Boot {
            answers: Answers::default(),
            problem: None,
        },
        Some(text) => match parse_answers(&text) {
            Ok(valid) => Boot {
                answers: valid.into_inner(),
                problem: None,
            },
            // Never silently dropped: the raw text stays in storage until the user decides.
            Err(e) => Boot {
                answers: Answers::default(),
                problem: Some(SavedProblem {
                    message: e.to_string(),
                    raw: Rc::from(text),
                }),
            },
        },
    }
}

fn title_for(route: &Route, answers: &Answers) -> String {
    let page = match route {
        Route::Landing => {
            return "Keyholder — who holds the keys to your Dynamics 365 data?".to_owned()
        }
        Route::Tasks => "Your assessment".to_owned(),
        Route::Check => "Check your answers".to_owned(),
        Route::Report => "Your sovereignty report".to_owned(),
        Route::Import => "Import answers".to_owned(),
        Route::Share(_) => "Open a shared assessment".to_owned(),
        Route::Step { id, .. } => match crate::wizard::steps::find(answers, id) {
            Some(Step::Page(p, _)) => format!("{} – {}", p.title, p.section.title()),
            Some(s @ Step::List(list)) => format!("{} – {}", list.title(), s.section().title()),
            None => "Page not found".to_owned(),
        },
    };
    format!("{page} – Keyholder")
}

/// Properties of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Brand, theme and embedding settings.
    #[prop_or_default]
    pub config: Rc<Config>,
}

/// The whole Keyholder app.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let config = props.config.clone();
    let boot = use_memo((), |_| {
        crate::ui::set_top_heading(config.heading_level);
        browser::keep(config.storage);
        boot()
    });
    let root = use_node_ref();
    {
        // Theme: custom properties set through the CSSOM, which a strict `style-src` allows
        // (a `style` attribute would not be).
        let root = root.clone();
        let config = props.config.clone();
        use_effect_with((), move |_| {
            if let Some(el) = root.cast::<web_sys::HtmlElement>() {
                for (name, value) in &config.theme {
                    let _ = el.style().set_property(name, value);
                }
            }
            for ignored in &config.ignored {
                browser::warn(&format!("Keyholder: ignored setting {ignored}"));
            }
            // In an iframe: keep the host informed of our height (dropped on unmount).
            let frame = root
                .cast::<web_sys::Element>()
                .and_then(|el| crate::embed::start(el, config.parent_origin.clone()));
            move || drop(frame)
        });
    }
    let store = use_reducer(|| Store {
        answers: boot.answers.clone(),
    });
    let problem = use_state(|| boot.problem.clone());
    let route = use_state(|| Route::parse(&browser::hash()));
    let first_render = use_mut_ref(|| true);
    // "Your answers have been deleted": shown on the landing page after the user deleted them.
    let deleted = use_state(|| false);

    {
        let route = route.clone();
        use_effect_with((), move |_| {
            // `hashchange` on a page of its own; the in-memory router's event when embedded.
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
    {
        let blocked = problem.is_some();
        use_effect_with(
            (store.answers.clone(), blocked),
            move |(answers, blocked)| {
                if !*blocked {
                    if *answers == Answers::default() {
                        browser::clear();
                    } else if let Ok(text) =
                        serde_json::to_string(&crate::wizard::access::to_value(answers))
                    {
                        // Through `Value`, which the wizard already serialises to: one serialiser in the wasm.
                        browser::save(&text);
                    }
                }
            },
        );
    }
    {
        let title = title_for(&route, &store.answers);
        let first_render = first_render.clone();
        let deleted = deleted.clone();
        use_effect_with((*route).clone(), move |route| {
            if *route != Route::Landing {
                deleted.set(false);
            }
            browser::set_title(&title);
            // Focus moves to the new page's heading on every step, as a page load would; the
            // first page keeps the browser's own starting point.
            if !std::mem::replace(&mut *first_render.borrow_mut(), false) {
                browser::focus("kh-heading");
            }
        });
    }

    let dispatch = {
        let store = store.clone();
        Callback::from(move |m: Msg| store.dispatch(m))
    };
    let answers = store.answers.clone();
    let go = |r: Route| browser::go(&r.hash());

    // Opt-in only: the headline figures go to the configured parent, never the answers.
    let on_shown = {
        let config = props.config.clone();
        Callback::from(move |(key, scope, gaps): (usize, usize, usize)| {
            if let (true, Some(origin)) = (config.notify_verdicts, &config.parent_origin) {
                crate::embed::post_verdicts(origin, key, scope, gaps);
            }
        })
    };
    // The user's "Delete my answers from this browser", confirmed on the report page.
    let on_delete = {
        let (dispatch, problem, deleted) = (dispatch.clone(), problem.clone(), deleted.clone());
        Callback::from(move |_| {
            browser::forget();
            problem.set(None);
            dispatch.emit(Msg::Reset);
            deleted.set(true);
            go(Route::Landing);
        })
    };
    let script_embed = browser::embedded();
    let embedded = props.config.parent_origin.is_some() || script_embed;
    // On a host page the host owns the banner, main and contentinfo landmarks: the app is one
    // labelled region there. Elsewhere its landmarks are labelled, so a host page framing it
    // still has unique landmarks.
    let (header_tag, main_tag, footer_tag) = if script_embed {
        ("div", "section", "div")
    } else {
        ("header", "main", "footer")
    };
    // A script embed must not touch the host's address: its `#/…` links go to the in-memory router.
    let follow_in_app = Callback::from(|e: MouseEvent| {
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
    });

    let body = match &*route {
        Route::Landing => {
            let on_start = {
                let answers = answers.clone();
                Callback::from(move |_| {
                    let target = first_incomplete(&answers).map_or(Route::Check, |s| Route::Step {
                        id: s.id(),
                        from_check: false,
                    });
                    go(target);
                })
            };
            let on_restart = {
                let dispatch = dispatch.clone();
                let problem = problem.clone();
                Callback::from(move |_| {
                    browser::clear();
                    problem.set(None);
                    dispatch.emit(Msg::Reset);
                })
            };
            html! {
                <Landing on_start={on_start} on_restart={on_restart} config={props.config.clone()} deleted={*deleted}
                    in_progress={answers != Answers::default()} problem={(*problem).clone()} />
            }
        }
        Route::Tasks => task_list(&answers),
        Route::Check => check_answers(&answers),
        Route::Report => html! {
            <ReportPage answers={answers.clone()} dispatch={dispatch.clone()} config={props.config.clone()} today={browser::today()} on_shown={on_shown.clone()} on_delete={on_delete.clone()} />
        },
        Route::Import | Route::Share(_) => {
            let on_accept = {
                let dispatch = dispatch.clone();
                let problem = problem.clone();
                Callback::from(move |a: Answers| {
                    // The user chose these over whatever was saved (including unreadable text).
                    problem.set(None);
                    dispatch.emit(Msg::Replace(a));
                    browser::replace(&Route::Report.hash());
                })
            };
            let link = match &*route {
                Route::Share(payload) => Some(AttrValue::from(payload.clone())),
                _ => None,
            };
            html! {
                <ImportPage key="import" {link} {on_accept}
                    in_progress={answers != Answers::default() || problem.is_some()} />
            }
        }
        Route::Step { id, from_check } => {
            let all = steps(&answers);
            match all.iter().position(|s| &s.id() == id) {
                None => html! {
                    <section>
                        { crate::ui::heading(1, "kh-heading", "kh-title", Html::from("This question no longer applies")) }
                        <p>{ "Your answers changed, so this page isn't part of the questionnaire any more." }</p>
                        <a class="kh-button" href={"#/tasks"}>{ "Go to your assessment" }</a>
                    </section>
                },
                Some(index) => {
                    let step = all
                        .get(index)
                        .cloned()
                        .unwrap_or(Step::List(crate::wizard::pages::ListKind::Environments));
                    let section: Vec<&Step> = all
                        .iter()
                        .filter(|s| s.section() == step.section())
                        .collect();
                    let position = (
                        section.iter().position(|s| s.id() == *id).unwrap_or(0) + 1,
                        section.len(),
                    );
                    let back = if *from_check {
                        Route::Check.hash()
                    } else if index == 0 {
                        Route::Landing.hash()
                    } else {
                        all.get(index - 1).map_or(Route::Landing.hash(), |s| {
                            Route::Step {
                                id: s.id(),
                                from_check: false,
                            }
                            .hash()
                        })
                    };
                    let on_continue = {
                        let answers = answers.clone();
                        let id = id.clone();
                        let from_check = *from_check;
                        Callback::from(move |_| {
                            if from_check {
                                return go(Route::Check);
                            }
                            // Recomputed from the latest answers: this page may have added steps.
                            let all = steps(&answers);
                            let next = all
                                .iter()
                                .position(|s| s.id() == id)
                                .and_then(|i| all.get(i + 1));
                            go(next.map_or(Route::Check, |s| Route::Step {
                                id: s.id(),
                                from_check: false,
                            }));
                        })
                    };
                    match step {
                        Step::List(list) => html! {
                            <ListPage key={id.clone()} {list} answers={answers.clone()} dispatch={dispatch.clone()} {position} {on_continue} {back} />
                        },
                        Step::Page(page, item) => html! {
                            <QuestionPage key={id.clone()} {page} {item} answers={answers.clone()} dispatch={dispatch.clone()} {position} {on_continue} {back} />
                        },
                    }
                }
            }
        }
    };

    html! {
         <div onclick={follow_in_app} class={classes!("kh-app", embedded.then_some("kh-embedded"), (props.config.heading_level > 1).then(|| format!("kh-hl-{}", props.config.heading_level)))} ref={root}>
            if !script_embed {
                <a class="kh-skip" href="#main" onclick={Callback::from(|e: MouseEvent| { e.prevent_default(); browser::focus("main"); })}>{ "Skip to main content" }</a>
            }
            <@{header_tag} class="kh-header" aria-label={(!script_embed).then_some("Keyholder")}>
                <div class="kh-header-inner">
                    <a class="kh-brand" href="#/">
                        if let Some(logo) = &props.config.logo {
                            <img class="kh-logo" src={logo.clone()} alt="" />
                        }
                        if let Some(brand) = &props.config.brand {
                            { brand.clone() }<span class="kh-brand-sub">{ " · Keyholder" }</span>
                        } else {
                            { "Keyholder" }
                        }
                    </a>
                    if answers != Answers::default() {
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
                    <p>{ props.config.privacy().join(" ") }</p>
                    if let (Some(text), Some(href)) = (&props.config.cta_text, &props.config.cta_href) {
                        <p class="kh-cta"><a class="kh-button" href={href.clone()} target="_top" rel="noopener">{ text.clone() }</a></p>
                    }
                </div>
            </@>
        </div>
    }
}
