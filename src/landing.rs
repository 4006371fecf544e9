//! The landing page: what Keyholder answers, the privacy promise, what to have to hand, and Start —
//! or, for a returning user, "Continue where you left off" / "Start again", and a clear message when
//! the saved assessment can't be read.

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Config;

/// Saved answers that could not be read: kept, never silently dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedProblem {
    /// What is wrong, in plain words.
    pub message: String,
    /// The raw saved text, offered as a download.
    pub raw: Rc<str>,
}

/// Properties of [`Landing`].
#[derive(Properties, PartialEq)]
pub struct LandingProps {
    /// Called when the user continues the assessment ("Start now" is a link to its first question).
    pub on_start: Callback<()>,
    /// Called when the user confirms starting again (answers are deleted).
    #[prop_or_default]
    pub on_restart: Callback<()>,
    /// Whether answers are already in progress.
    #[prop_or_default]
    pub in_progress: bool,
    /// Saved answers that couldn't be read.
    #[prop_or_default]
    pub problem: Option<SavedProblem>,
    /// Settings: where answers are kept and what the page shares, for the privacy promise.
    #[prop_or_default]
    pub config: Rc<Config>,
    /// The user has just deleted their answers (from the report page).
    #[prop_or_default]
    pub deleted: bool,
}

/// Where "Start now" goes: the first question of an assessment with no answers yet ("Start now"
/// is only shown then).
fn start_href() -> String {
    format!(
        "#{}",
        crate::wizard::navigation::start(&keyholder_engine::Answers::default()).hash()
    )
}

/// A link drawn as a button answers Space as a button does (Enter it answers as a link).
fn space_clicks() -> Callback<KeyboardEvent> {
    Callback::from(|e: KeyboardEvent| {
        if e.key() == " " {
            e.prevent_default();
            if let Some(link) = e.target_dyn_into::<web_sys::HtmlElement>() {
                link.click();
            }
        }
    })
}

/// The first page a visitor sees.
#[function_component(Landing)]
pub fn landing(props: &LandingProps) -> Html {
    let confirming = use_state(|| false);
    crate::ui::use_focus_when_asking(*confirming);
    let on_start = {
        let cb = props.on_start.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    let restart = {
        let confirming = confirming.clone();
        let cb = props.on_restart.clone();
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            cb.emit(());
        })
    };
    let panel = if let Some(problem) = &props.problem {
        let raw = problem.raw.clone();
        let download = Callback::from(move |_: MouseEvent| {
            crate::browser::download("keyholder-saved-answers.txt", "text/plain", &raw);
        });
        html! {
            <div class="kh-panel kh-panel-error" role="alert">
                { crate::ui::heading(2, "", "", Html::from("We couldn't read the assessment saved in this browser")) }
                <p>{ format!("The saved answers have a problem: {}.", problem.message) }</p>
                <p>{ "They are still stored here, untouched. Download them to keep a copy, then start a new assessment." }</p>
                <button type="button" class="kh-button kh-secondary" onclick={download}>{ "Download the saved text" }</button>
                <button type="button" class="kh-button kh-warning" onclick={restart.clone()}>{ "Delete it and start a new assessment" }</button>
            </div>
        }
    } else if props.in_progress {
        html! {
            <div class="kh-panel">
                if *confirming {
                    { crate::ui::confirm_delete(2, "Start again?", "This deletes every answer saved in this browser. It can't be undone.", restart, cancel) }
                } else {
                    { crate::ui::heading(2, "", "", Html::from("You have an assessment in progress")) }
                    <p>{ "Your answers are saved in this browser." }</p>
                    <button type="button" class="kh-button" onclick={on_start}>{ "Continue where you left off" }</button>
                    <button type="button" class="kh-button kh-secondary" onclick={ask}>{ "Start again" }</button>
                }
            </div>
        }
    } else if props.deleted {
        html! {
            <div class="kh-panel kh-notice" role="status">
                { crate::ui::heading(2, "", "", Html::from("Your answers have been deleted")) }
                <p>{ "Nothing from your assessment is kept in this browser any more." }</p>
            </div>
        }
    } else {
        Html::default()
    };
    html! {
        <article class="kh-landing">
            { panel }
            { crate::ui::heading(1, "kh-heading", "kh-title", Html::from("Who holds the keys to your Dynamics 365 data — and where does it live?")) }
            <p class="kh-lead">
                { "Keyholder checks your Dynamics 365 and Power Platform estate against Microsoft's \
                   customer-managed key (CMK) documentation and gives you a sovereignty report you can \
                   hand to your CISO." }
            </p>
            <section aria-labelledby="kh-two-questions" class="kh-section">
                { crate::ui::heading(2, "kh-two-questions", "", Html::from("Two different questions")) }
                <dl class="kh-two">
                    <div>
                        <dt>{ "Key control" }</dt>
                        <dd>{ "Which parts of your estate are encrypted at rest under a key you hold in your own \
                               Azure Key Vault, which stay on a Microsoft-managed key, and what stops the rest." }</dd>
                    </div>
                    <div>
                        <dt>{ "Data residency" }</dt>
                        <dd>{ "Where your data is stored and processed. A customer-managed key decides who can \
                               decrypt data at rest — it does not move data, and it does not cover data in use." }</dd>
                    </div>
                </dl>
                <p>{ "The report gives each its own verdict, because a good answer to one says nothing about the other." }</p>
            </section>
            <section aria-labelledby="kh-privacy" class="kh-section kh-privacy">
                { crate::ui::heading(2, "kh-privacy", "", Html::from("Your answers stay in your browser")) }
                { crate::ui::privacy_notes(&props.config) }
            </section>
            <section aria-labelledby="kh-need" class="kh-section">
                { crate::ui::heading(2, "kh-need", "", Html::from("What you will need")) }
                <ul>
                    <li>{ "Your list of Power Platform and Dynamics 365 environments, with their type and region \
                           (Power Platform admin center > Manage > Environments)." }</li>
                    <li>{ "Which Dynamics 365 apps, add-ins and Power Platform services you use." }</li>
                    <li>{ "Your key vault settings: soft delete, purge protection, key type and size, expiry, \
                           network access and who administers it." }</li>
                </ul>
                // The figures are the browser test's scripted walk of that estate
                // (tests/e2e/walk-length.test.mjs), which fails when they no longer match; the
                // minutes allow 10 seconds an answer or name and 15 a page.
                <p>{ "It takes about 15 minutes: a scripted walk through a typical estate (three environments, \
                       finance and operations, two Commerce scale units) took 14 pages and 61 answers. Every \
                       question has an “I don't know” answer: the report then tells you where to look." }</p>
            </section>
            if props.problem.is_none() && !props.in_progress {
                // A link (GOV.UK's start button), so it works before the app has taken over the
                // page drawn at build time: the address changes, and the app starts there.
                <a class="kh-button kh-start" role="button" draggable="false" href={start_href()} onkeydown={space_clicks()}>{ "Start now" }</a>
            }
            <p><a href={"#/import"}>{ "Import answers from a file or a share link" }</a></p>
        </article>
    }
}
