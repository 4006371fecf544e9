//! Import answers from a JSON file (an export or a bare answers file) or a share link, and open a
//! share link followed from elsewhere. Nothing changes until the input has been read, migrated and
//! validated, and — when answers are already in progress — until the user says to replace them.
//! Any bad input is a GOV.UK error message beside the field; the current answers stay untouched.

use keyholder_engine::export::parse_import;
use keyholder_engine::{share, Answers};
use yew::prelude::*;

use crate::browser;
use crate::ui::error_summary;

/// Properties of [`ImportPage`].
#[derive(Properties, PartialEq)]
pub struct ImportProps {
    /// A share link's payload, when the page was opened by following one.
    #[prop_or_default]
    pub link: Option<AttrValue>,
    /// Whether answers are already in progress (replacing them needs a yes).
    pub in_progress: bool,
    /// Called with answers the user has chosen to use.
    pub on_accept: Callback<Answers>,
    /// Brand and theme, for a shared assessment's report.
    #[prop_or_default]
    pub config: std::rc::Rc<crate::config::Config>,
    /// Today's date (ISO), for a shared assessment's report.
    #[prop_or_default]
    pub today: AttrValue,
}

const FILE: &str = "kh-import-file";
const LINK: &str = "kh-import-link";

/// Read answers waiting for the user's go-ahead, and where they came from.
#[derive(Clone, PartialEq)]
struct Pending {
    answers: Answers,
    from: String,
}

/// The import page (also the landing point of a share link).
#[function_component(ImportPage)]
pub fn import_page(props: &ImportProps) -> Html {
    let error = use_state(|| None::<(&'static str, String)>);
    let pending = use_state(|| None::<Pending>);
    // A followed share link's assessment, waiting for "View it" or "Make it mine": never saved
    // by opening or viewing it.
    let shared = use_state(|| None::<Answers>);
    let viewing = use_state(|| false);
    let kept = use_state(|| false);
    let link_ref = use_node_ref();

    // Either take the answers at once (nothing to lose) or ask first.
    let offer = {
        let pending = pending.clone();
        let error = error.clone();
        let on_accept = props.on_accept.clone();
        let in_progress = props.in_progress;
        Callback::from(move |(answers, from): (Answers, String)| {
            error.set(None);
            if in_progress {
                pending.set(Some(Pending { answers, from }));
            } else {
                on_accept.emit(answers);
            }
        })
    };
    let fail = {
        let error = error.clone();
        Callback::from(move |e: (&'static str, String)| error.set(Some(e)))
    };
    // A shared assessment shown: its heading takes the focus if nothing has it — once it is on
    // the page. (Focusing from the effect that decodes the link, before this render, focused the
    // import page's heading, which this render replaces: the focus fell to the body.)
    use_effect_with(shared.is_some(), |shown| {
        if *shown {
            browser::focus_if_lost("kh-heading");
        }
    });
    // Viewing a shared assessment: the notice saying so takes the focus.
    use_effect_with(*viewing, |viewing| {
        if *viewing {
            browser::focus("kh-viewing-title");
        }
    });
    // Focus follows what appeared, after it is on the page: the error summary, or the question.
    use_effect_with(((*error).clone(), pending.is_some()), |(error, asking)| {
        if *asking {
            browser::focus("kh-confirm-title");
        } else if error.is_some() {
            browser::focus("kh-error-summary");
        }
    });

    {
        let (shared, viewing, pending, error, kept) = (
            shared.clone(),
            viewing.clone(),
            pending.clone(),
            error.clone(),
            kept.clone(),
        );
        let fail = fail.clone();
        use_effect_with(props.link.clone(), move |link| {
            // Another link (or none: the import page itself) starts afresh: nothing of the last
            // one — its panel, its report, a question about it — stays on screen. "Nothing was
            // changed" stays when "Keep my answers" moved the page off the link.
            shared.set(None);
            viewing.set(false);
            pending.set(None);
            error.set(None);
            if let Some(link) = link {
                kept.set(false);
                match share::decode(link) {
                    Ok(valid) => shared.set(Some(valid.into_inner())),
                    Err(e) => fail.emit((LINK, format!("This link can't be opened: {e}."))),
                }
            }
        });
    }

    let on_file = {
        let (offer, fail) = (offer.clone(), fail.clone());
        crate::ui::on_json_file(Callback::from(
            move |(name, text): (String, Result<String, String>)| match text
                .and_then(|text| parse_import(&text).map_err(|e| e.to_string()))
            {
                Ok(valid) => offer.emit((valid.into_inner(), format!("the file {name}"))),
                Err(e) => fail.emit((FILE, format!("The file {name} can't be imported: {e}."))),
            },
        ))
    };
    let on_link = {
        let offer = offer.clone();
        let fail = fail.clone();
        let link_ref = link_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = link_ref
                .cast::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if text.trim().is_empty() {
                return fail.emit((LINK, "Paste a Keyholder share link".to_owned()));
            }
            match share::decode(&text) {
                Ok(valid) => offer.emit((valid.into_inner(), "this share link".to_owned())),
                Err(e) => fail.emit((LINK, format!("This link can't be opened: {e}."))),
            }
        })
    };

    if let Some(p) = &*pending {
        let accept = {
            let on_accept = props.on_accept.clone();
            let answers = p.answers.clone();
            Callback::from(move |_: MouseEvent| on_accept.emit(answers.clone()))
        };
        let keep = {
            let (pending, kept, shared) = (pending.clone(), kept.clone(), shared.clone());
            Callback::from(move |_: MouseEvent| {
                pending.set(None);
                shared.set(None);
                kept.set(true);
                // Off the share link's address, so a reload doesn't ask again.
                browser::replace(&crate::route::Route::Import.hash());
            })
        };
        let envs = p.answers.environments.len();
        return html! {
            <section class="kh-panel">
                { crate::ui::heading(1, "kh-confirm-title", "kh-title", Html::from("Replace your answers?")) }
                <p>{ format!("You have an assessment in progress in this browser. Opening {} replaces every answer with the ones it holds ({envs} environment(s)).", p.from) }</p>
                <p>{ "To keep a copy of your current answers, choose “Keep my answers”, download them from the report, then come back." }</p>
                <button type="button" class="kh-button kh-warning" onclick={accept}>{ "Replace my answers" }</button>
                <button type="button" class="kh-button kh-secondary" onclick={keep}>{ "Keep my answers" }</button>
            </section>
        };
    }

    if let Some(theirs) = &*shared {
        let make_mine = {
            let (offer, theirs) = (offer.clone(), theirs.clone());
            Callback::from(move |_: MouseEvent| {
                offer.emit((theirs.clone(), "this share link".to_owned()))
            })
        };
        if *viewing {
            return viewing_page(theirs, props, make_mine);
        }
        let view = {
            let viewing = viewing.clone();
            Callback::from(move |_: MouseEvent| viewing.set(true))
        };
        return shared_panel(theirs, props.in_progress, view, make_mine);
    }

    let field_error = |field: &str| {
        (*error)
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| html! { <p class="kh-error-message" id={format!("{field}-error")}><span class="kh-visually-hidden">{ "Error: " }</span>{ m.clone() }</p> })
    };
    let group = |field: &str| {
        if (*error).as_ref().is_some_and(|(f, _)| *f == field) {
            "kh-form-group kh-form-group-error"
        } else {
            "kh-form-group"
        }
    };
    let described = |field: &str, hint: &str| {
        if (*error).as_ref().is_some_and(|(f, _)| *f == field) {
            format!("{hint} {field}-error")
        } else {
            hint.to_owned()
        }
    };
    html! {
        <section>
            <a class="kh-back" href={"#/"}>{ "Back" }</a>
            if let Some((field, message)) = &*error {
                { error_summary(&[((*field).to_owned(), message.clone())]) }
            }
            if *kept {
                <div class="kh-panel" role="status"><p>{ "Nothing was changed: your answers are as you left them." }</p></div>
            }
            { crate::ui::heading(1, "kh-heading", "kh-title", Html::from(if props.link.is_some() { "Open a shared assessment" } else { "Import answers" })) }
            <p class="kh-lead">{ "Bring in answers exported from Keyholder, or a share link someone sent you. They are read here, in your browser; nothing is uploaded." }</p>
            <div class={group(FILE)}>
                <label class="kh-label" for={FILE}>{ "A Keyholder JSON file" }</label>
                <p class="kh-hint" id="kh-import-file-hint">{ "An “answers and report” download, or a saved answers file. Up to 1 MB." }</p>
                { field_error(FILE).unwrap_or_default() }
                <input class="kh-file" type="file" id={FILE} accept=".json,application/json" aria-describedby={described(FILE, "kh-import-file-hint")} onchange={on_file} />
            </div>
            <form novalidate=true onsubmit={on_link} class={group(LINK)}>
                <label class="kh-label" for={LINK}>{ "A share link" }</label>
                <p class="kh-hint" id="kh-import-link-hint">{ "Paste the whole link, including everything after #." }</p>
                { field_error(LINK).unwrap_or_default() }
                <div class="kh-add-row">
                    <input class="kh-input" type="text" id={LINK} ref={link_ref} autocomplete="off" spellcheck="false" aria-describedby={described(LINK, "kh-import-link-hint")} />
                    <button type="submit" class="kh-button">{ "Open link" }</button>
                </div>
            </form>
        </section>
    }
}

/// Whose assessment a share link holds, as far as it says: its cover details and its size.
fn whose(theirs: &Answers) -> Vec<(&'static str, String)> {
    let b = &theirs.brief;
    let mut rows: Vec<(&'static str, String)> = [
        ("Organisation", b.organisation.clone()),
        ("Prepared by", b.prepared_by.clone()),
        ("Classification", b.classification.clone()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect();
    let count = keyholder_engine::report::count;
    rows.push((
        "Estate",
        format!(
            "{}, {}, {}",
            count(
                theirs.environments.len(),
                "Power Platform environment",
                "Power Platform environments"
            ),
            count(
                theirs.finance_operations.environments.len(),
                "finance and operations environment",
                "finance and operations environments"
            ),
            count(
                theirs.commerce.scale_units.len(),
                "scale unit",
                "scale units"
            ),
        ),
    ));
    rows
}

/// A followed share link: whose assessment it is, and the choice — look at it without saving
/// anything, or make it this browser's assessment.
fn shared_panel(
    theirs: &Answers,
    in_progress: bool,
    view: Callback<MouseEvent>,
    make_mine: Callback<MouseEvent>,
) -> Html {
    html! {
        <section>
            { crate::ui::heading(1, "kh-heading", "kh-title", Html::from("An assessment shared with you")) }
            <p class="kh-lead">{ "Someone sent you a link to their Keyholder assessment. It was opened here, in your browser: nothing has been saved yet." }</p>
            <dl class="kh-summary-list">
                { for whose(theirs).into_iter().map(|(k, v)| html! {
                    <div class="kh-summary-row"><dt>{ k }</dt><dd>{ v }</dd></div>
                }) }
            </dl>
            <p class="kh-hint">{ "A share link carries answers and cover details only, not the date it was made." }</p>
            <div class="kh-button-row">
                <button type="button" class="kh-button" onclick={view}>{ "View it without saving" }</button>
                <button type="button" class="kh-button kh-secondary" onclick={make_mine}>{ "Make it mine" }</button>
            </div>
            <p class="kh-hint">{ if in_progress {
                "“Make it mine” replaces the assessment in progress in this browser (you'll be asked first). Viewing never touches it."
            } else {
                "“Make it mine” keeps these answers in this browser, to change and continue. Viewing keeps nothing."
            } }</p>
        </section>
    }
}

/// Someone else's report, shown without saving it: a notice saying so, then the report in
/// view-only mode (no cover details to edit, nothing to delete).
fn viewing_page(theirs: &Answers, props: &ImportProps, make_mine: Callback<MouseEvent>) -> Html {
    let in_progress = props.in_progress;
    let of = theirs
        .brief
        .organisation
        .as_ref()
        .map(|o| format!(" of {o}"))
        .unwrap_or_default();
    html! {
        <>
            <div class="kh-panel kh-viewing" role="region" aria-labelledby="kh-viewing-title">
                { crate::ui::heading(2, "kh-viewing-title", "", Html::from("You are viewing a shared assessment")) }
                <p>{ format!("This is the assessment{of} someone shared with you. Nothing of it is saved in this browser{}.", if in_progress { ", and your own answers are as you left them" } else { "" }) }</p>
                <div class="kh-button-row">
                    <button type="button" class="kh-button kh-secondary" onclick={make_mine}>{ "Make it mine" }</button>
                    <a class="kh-button kh-secondary" href={if in_progress { "#/tasks" } else { "#/" }}>{ if in_progress { "Back to your own assessment" } else { "Close it" } }</a>
                </div>
            </div>
            <crate::ui::report_view::ReportPage answers={theirs.clone()} dispatch={Callback::noop()}
                config={props.config.clone()} today={props.today.clone()} view_only=true />
        </>
    }
}
