//! The screens: question pages, list editors, the task list, Check your answers and the report.
//! Each is a function of the answers (and its own transient form state), nothing more.

pub mod check_answers;
pub mod check_group;
pub mod compare_view;
pub mod frame;
pub mod import_page;
pub mod list_page;
pub mod question_page;
pub mod report_host;
pub mod report_root;
pub mod report_view;
pub mod task_list;

use yew::prelude::*;

/// The progress line above a question: the section and the page within it, then the whole
/// assessment ("about 12 of 30 pages") with the way to every section, from the very first question.
pub fn progress(section: &str, position: (usize, usize), overall: (usize, usize)) -> Html {
    html! {
        <>
            <p class="kh-caption">
                { section.to_owned() }
                <span class="kh-count">{ format!(" — page {} of {}", position.0, position.1) }</span>
            </p>
            if overall.1 > 0 {
                <p class="kh-progress">
                    { format!("About {} of {} pages in all. ", overall.0, overall.1) }
                    <a href="#/tasks">{ "See every section" }</a>
                </p>
            }
        </>
    }
}

/// The ids of a field's hint and error message, and its `aria-describedby` (the hint, and the
/// error when there is one), from the field's id.
pub fn described_by(id: &str, has_error: bool) -> (String, String, String) {
    let hint = format!("{id}-hint");
    let error = format!("{id}-error");
    let described = if has_error {
        format!("{hint} {error}")
    } else {
        hint.clone()
    };
    (hint, error, described)
}

/// An answer as Check your answers shows it ("Not answered" when there is none).
pub fn shown_answer(
    q: &keyholder_engine::questions::Question,
    value: Option<&str>,
) -> &'static str {
    value
        .and_then(|x| q.option_label(x))
        .unwrap_or("Not answered")
}

/// The `change` handler of a Keyholder JSON file input: reads the chosen file in the browser (at
/// most the engine's limit) and hands `done` its name and its text, or why it couldn't be read.
/// The import and the comparison with an earlier assessment both use it.
pub fn on_json_file(done: Callback<(String, Result<String, String>)>) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let name = file.name();
        let done = done.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let text = crate::browser::read_file(file, keyholder_engine::MAX_BYTES).await;
            done.emit((name, text));
        });
        // Choosing the same file again after fixing it must fire `change` again.
        input.set_value("");
    })
}

/// "sales" → "Sales". ASCII only on purpose: Unicode case tables would add kilobytes to the wasm,
/// and every string passed here is our own English text.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| {
            std::iter::once(first.to_ascii_uppercase())
                .chain(chars)
                .collect()
        })
        .unwrap_or_default()
}

/// The GOV.UK-style question before answers are deleted: a title that takes focus, what happens,
/// then Yes and No. One function for the landing page's "Start again" and the report's "Delete".
pub fn confirm_delete(
    level: u8,
    title: &'static str,
    text: &'static str,
    yes: Callback<MouseEvent>,
    no: Callback<MouseEvent>,
) -> Html {
    html! {
        <>
            { heading(level, "kh-confirm-title", "", Html::from(title)) }
            <p>{ text }</p>
            <button type="button" class="kh-button kh-warning" onclick={yes}>{ "Yes, delete my answers" }</button>
            <button type="button" class="kh-button kh-secondary" onclick={no}>{ "No, keep them" }</button>
        </>
    }
}

/// Moves focus to the confirmation question once it is on the page (a hook: call it
/// unconditionally, from a component).
#[hook]
pub fn use_focus_when_asking(asking: bool) {
    use_effect_with(asking, |asking| {
        if *asking {
            crate::browser::focus("kh-confirm-title");
        }
    });
}

/// Where the answers are kept and what the page shares, a paragraph per sentence.
pub fn privacy_notes(config: &crate::config::Config) -> Html {
    config
        .privacy()
        .into_iter()
        .map(|note| html! { <p>{ note }</p> })
        .collect()
}

/// The GOV.UK error summary: "There is a problem", then one link per error that moves focus to
/// the field (a click handler, because a `#id` link would change the hash route).
pub fn error_summary(errors: &[(String, String)]) -> Html {
    html! {
        <div class="kh-error-summary" id="kh-error-summary" tabindex="-1" role="alert" aria-labelledby="kh-error-title">
            { crate::ui::heading(2, "kh-error-title", "", Html::from("There is a problem")) }
            <ul>
                { for errors.iter().map(|(id, message)| {
                    let target = id.clone();
                    let onclick = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        crate::browser::focus(&target);
                    });
                    html! { <li><a href={format!("#{id}")} {onclick}>{ message.clone() }</a></li> }
                }) }
            </ul>
        </div>
    }
}

thread_local! {
    /// How many levels the app's headings sit below `h1`: an embedding host's outline decides
    /// (`heading=2` puts the page title at `h2`). Set once when the app mounts.
    static HEADING_SHIFT: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

/// Sets the level of the app's top heading (1–4).
pub fn set_top_heading(level: u8) {
    HEADING_SHIFT.with(|s| s.set(level.clamp(1, 4) - 1));
}

/// The tag for a heading at `level` in the app's own outline, shifted for the host page.
pub fn h(level: u8) -> &'static str {
    match level + HEADING_SHIFT.with(std::cell::Cell::get) {
        0 | 1 => "h1",
        2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

/// A heading at `level` of the app's outline (shifted for the host page). One function rather than
/// a dynamic tag at every site: each `<@{…}>` expands to its own code in the wasm. The page title
/// (`kh-heading`) and confirmation titles take focus programmatically, as a page load would.
pub fn heading(level: u8, id: &'static str, class: &'static str, content: Html) -> Html {
    let focusable = matches!(id, "kh-heading" | "kh-confirm-title" | "kh-viewing-title");
    html! {
        <@{h(level)} id={(!id.is_empty()).then_some(id)} class={(!class.is_empty()).then_some(class)}
            tabindex={focusable.then_some("-1")}>{ content }</@>
    }
}
