//! The task list: each section with its status, so a long questionnaire can be done in several
//! sittings and the user always sees what is left.

use keyholder_engine::Answers;
use yew::prelude::*;

use crate::route::Route;
use crate::wizard::pages::Section;
use crate::wizard::steps::{complete, progress, steps, Progress};

/// The section task list. A plain render function, not a component: it has no state of its own,
/// and each component type costs the wasm its own copy of Yew's lifecycle code.
pub fn task_list(answers: &Answers) -> Html {
    let all = steps(answers);
    let statuses: Vec<Progress> = Section::ALL
        .iter()
        .map(|s| progress(answers, &all, *s))
        .collect();
    let done = statuses
        .iter()
        .filter(|p| **p == Progress::Complete)
        .count();
    // "Not needed" sections don't count; "cannot start yet" ones still might.
    let needed = statuses
        .iter()
        .filter(|p| **p != Progress::NotNeeded)
        .count();
    let rows = Section::ALL.iter().zip(&statuses).map(|(section, status)| {
        let status = *status;
        // A section link goes to its first unfinished step, or its first step when complete.
        let mine: Vec<_> = all.iter().filter(|s| s.section() == *section).collect();
        let target = mine
            .iter()
            .find(|s| !complete(answers, s))
            .or_else(|| mine.first())
            .map(|s| {
                Route::Step {
                    id: s.id(),
                    from_check: false,
                    question: None,
                }
                .hash()
            });
        let tag = match status {
            Progress::Complete => "kh-tag kh-tag-done",
            Progress::InProgress => "kh-tag kh-tag-progress",
            Progress::NotStarted => "kh-tag kh-tag-todo",
            Progress::NotNeeded | Progress::CannotStartYet => "kh-tag kh-tag-na",
        };
        html! {
            <li class="kh-task">
                if let Some(t) = target {
                    <a class="kh-task-name" href={format!("#{t}")}>{ section.title() }</a>
                } else {
                    <span class="kh-task-name">{ section.title() }</span>
                }
                <strong class={tag}>{ status.label() }</strong>
            </li>
        }
    });
    let all_done = done == needed;
    html! {
        <section class="kh-tasks">
            { crate::ui::heading(1, "kh-heading", "kh-title", Html::from("Your assessment")) }
            <p>{ format!("You have completed {done} of {needed} sections.") }</p>
            <ol class="kh-task-list">{ for rows }</ol>
            if all_done {
                <a class="kh-button" href={"#/check"}>{ "Check your answers" }</a>
            } else {
                <p class="kh-hint">{ "You can check your answers and see the report once every section is complete. Answer “I don't know” wherever you aren't sure." }</p>
                <a class="kh-button kh-secondary" href={"#/check"}>{ "Check your answers so far" }</a>
            }
        </section>
    }
}
