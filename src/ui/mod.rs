//! The screens: question pages, list editors, the task list, Check your answers and the report.
//! Each is a function of the answers (and its own transient form state), nothing more.

pub mod check_answers;
pub mod import_page;
pub mod list_page;
pub mod question_page;
pub mod report_view;
pub mod task_list;

use yew::prelude::*;

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

/// The GOV.UK error summary: "There is a problem", then one link per error that moves focus to
/// the field (a click handler, because a `#id` link would change the hash route).
pub fn error_summary(errors: &[(String, String)]) -> Html {
    html! {
        <div class="kh-error-summary" id="kh-error-summary" tabindex="-1" role="alert" aria-labelledby="kh-error-title">
            <h2 id="kh-error-title">{ "There is a problem" }</h2>
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
