//! The root component: the one answers store, the saved-state check at start, the page frame and
//! which screen a route shows. Its effects are the small hooks of `shell.rs`; where each step
//! leads is `wizard::navigation`. Every view below it is a function of the answers and the route.

use std::rc::Rc;

use keyholder_engine::{parse_answers, Answers};
use yew::prelude::*;

use crate::bridge::{Event, View};
use crate::browser;
use crate::config::Config;
use crate::landing::{Landing, SavedProblem};
use crate::route::Route;
use crate::shell::{use_autosave, use_frame, use_page_change, use_route};
use crate::ui::check_answers::check_answers;
use crate::ui::list_page::ListPage;
use crate::ui::question_page::QuestionPage;
use crate::ui::report_host::ReportHost;
use crate::ui::task_list::task_list;
use crate::wizard::navigation::{self, Located};
use crate::wizard::steps::Step;
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
    use_frame(root.clone(), props.config.clone());
    let store = use_reducer(|| Store {
        answers: boot.answers.clone(),
    });
    let problem = use_state(|| boot.problem.clone());
    let route = use_route();
    // "Your answers have been deleted": shown on the landing page after the user deleted them.
    let deleted = use_state(|| false);
    use_autosave(&store.answers, problem.is_some());
    use_page_change(
        &route,
        navigation::title(&route, &store.answers),
        deleted.clone(),
    );

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
    let body = match &*route {
        Route::Landing => {
            let on_start = {
                let answers = answers.clone();
                Callback::from(move |_| go(navigation::start(&answers)))
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
        Route::Check | Route::CheckAt(_) => check_answers(&answers),
        Route::Report | Route::Import | Route::Share(_) => {
            // The report and the import page (where a followed share link opens) live in the
            // report module; what they ask of the app comes back as events.
            let view = match &*route {
                Route::Report => View::Report,
                Route::Share(payload) => View::Import {
                    link: Some(payload.clone()),
                    in_progress: answers != Answers::default() || problem.is_some(),
                },
                _ => View::Import {
                    link: None,
                    in_progress: answers != Answers::default() || problem.is_some(),
                },
            };
            let (dispatch, on_shown, on_delete, problem) = (
                dispatch.clone(),
                on_shown.clone(),
                on_delete.clone(),
                problem.clone(),
            );
            let on_event = Callback::from(move |e: Event| match e {
                Event::Cover(detail, value) => dispatch.emit(Msg::Cover(detail, value)),
                Event::Shown(k, s, g) => on_shown.emit((k, s, g)),
                Event::Delete => on_delete.emit(()),
                Event::Go(route) => browser::go(&route),
                Event::Redirect(route) => browser::replace(&route),
                // Only valid answers are taken: the report module sends what it checked.
                Event::Replace(text) => {
                    if let Ok(valid) = parse_answers(&text) {
                        // The user chose these over whatever was saved (including unreadable text).
                        problem.set(None);
                        dispatch.emit(Msg::Replace(Box::new(valid.into_inner())));
                        browser::replace(&Route::Report.hash());
                    }
                }
            });
            // The report and the import page are separate mounts of the report module; a share
            // link becoming the import page (after "Keep my answers") stays the same mount, so
            // the page keeps what it was saying.
            let key = if view == View::Report {
                "report"
            } else {
                "import"
            };
            html! { <ReportHost {key} answers={answers.clone()} {on_event} {view} /> }
        }
        Route::Step {
            id,
            from_check,
            question,
        } => step_page(&answers, id, *from_check, question.as_deref(), &dispatch),
    };

    crate::ui::frame::frame(&props.config, answers != Answers::default(), root, body)
}

/// What the app draws first on `route` for a first-time visitor (no saved answers) with the
/// default settings — the same functions as [`App`]'s body — for the screens drawn into
/// `index.html` at build time (`crates/first-screen`); `None` for a route that needs answers.
pub fn first_screen(config: &Rc<Config>, route: &Route) -> Option<Html> {
    let answers = Answers::default();
    let body = match route {
        Route::Landing => html! { <Landing on_start={Callback::noop()} config={config.clone()} /> },
        Route::Step {
            id,
            from_check: false,
            question: None,
        } => step_page(&answers, id, false, None, &Callback::noop()),
        _ => return None,
    };
    Some(crate::ui::frame::frame(
        config,
        false,
        NodeRef::default(),
        body,
    ))
}

/// One step of the questionnaire, or a note that it no longer applies to these answers.
fn step_page(
    answers: &Answers,
    id: &str,
    from_check: bool,
    question: Option<&str>,
    dispatch: &Callback<Msg>,
) -> Html {
    // From a Change link, Continue returns to that question's row, not only to the step.
    let back_to_row = {
        let at = question.map(|q| format!("{id}.{q}"));
        move |route: Route| match (route, &at) {
            (Route::CheckAt(_), Some(at)) => Route::CheckAt(at.clone()),
            (route, _) => route,
        }
    };
    let Some(Located {
        step,
        position,
        overall,
        back,
    }) = navigation::locate(answers, id, from_check)
    else {
        return html! {
            <section>
                { crate::ui::heading(1, "kh-heading", "kh-title", Html::from("This question no longer applies")) }
                <p>{ "Your answers changed, so this page isn't part of the questionnaire any more." }</p>
                <a class="kh-button" href={"#/tasks"}>{ "Go to your assessment" }</a>
            </section>
        };
    };
    let on_continue = {
        let (answers, id) = (answers.clone(), id.to_owned());
        // The props' answers are the latest when Continue is pressed: this page may have added steps.
        let back_to_row = back_to_row.clone();
        Callback::from(move |_| {
            browser::go(&back_to_row(navigation::next(&answers, &id, from_check)).hash())
        })
    };
    // A question page may settle its answers as it continues (a "Select all that apply" group's
    // clear boxes become "no"): the next step is worked out from the answers as settled.
    let on_settled = {
        let (answers, id, dispatch) = (answers.clone(), id.to_owned(), dispatch.clone());
        Callback::from(move |settle: Option<crate::wizard::store::Msg>| {
            let settled = settle
                .clone()
                .and_then(|m| crate::wizard::store::apply(&answers, m))
                .unwrap_or_else(|| answers.clone());
            if let Some(m) = settle {
                dispatch.emit(m);
            }
            browser::go(&back_to_row(navigation::next(&settled, &id, from_check)).hash())
        })
    };
    let (key, back, answers, dispatch) = (
        id.to_owned(),
        back.hash(),
        answers.clone(),
        dispatch.clone(),
    );
    match step {
        Step::List(list) => html! {
            <ListPage {key} {list} {answers} {dispatch} {position} {overall} {on_continue} {back} />
        },
        Step::Page(page, item) => html! {
            <QuestionPage {key} {page} {item} {answers} {dispatch} {position} {overall} on_continue={on_settled} {back} />
        },
    }
}
