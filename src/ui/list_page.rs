//! Add, rename and remove the items of a list (environments, F&O environments, scale units,
//! Business Central environments). Each item's questions follow on their own pages, except a
//! list's inline page (a scale unit's two questions), asked here beside each item.

use keyholder_engine::Answers;
use yew::prelude::*;

use crate::ui::question_page::{error_text, field_id, render_question};
use crate::wizard::pages::{inline_page, ItemList};
use crate::wizard::steps::{applies, index, inline_unanswered, Step};
use crate::wizard::store::{answers_of, clean_name, Msg, MAX_NAME};

/// Properties of [`ListPage`].
#[derive(Properties, PartialEq)]
pub struct ListPageProps {
    /// Which list.
    pub list: ItemList,
    /// Current answers.
    pub answers: Answers,
    /// Changes the answers.
    pub dispatch: Callback<Msg>,
    /// "Question n of m" within the section.
    pub position: (usize, usize),
    /// "About k of n pages in all" (none when `n` is 0).
    #[prop_or_default]
    pub overall: (usize, usize),
    /// Continue.
    pub on_continue: Callback<()>,
    /// Where Back goes.
    pub back: String,
}

/// The hint and the name label of a list page (its heading is [`ItemList::title`]).
fn copy(list: ItemList) -> (&'static str, &'static str) {
    match list {
        ItemList::Environments => (
            "Include every environment that holds Dynamics 365 or Power Platform data: production, sandbox, developer, trial, Teams and the default environment.",
            "Environment name",
        ),
        ItemList::FoEnvironments => (
            "List each sandbox, production and cloud-hosted environment in Lifecycle Services.",
            "Environment name",
        ),
        ItemList::ScaleUnits => (
            "Include cloud and self-hosted scale units. Leave the list empty if you have none.",
            "Scale unit name",
        ),
        ItemList::BcEnvironments => (
            "List production and sandbox environments. Leave the list empty to skip them.",
            "Environment name",
        ),
    }
}

/// The list editor.
#[function_component(ListPage)]
pub fn list_page(props: &ListPageProps) -> Html {
    let list = props.list;
    let title = list.title();
    let (hint, label) = copy(list);
    let draft = use_state(String::new);
    let error = use_state(|| None::<String>);
    // Inline questions left unanswered on Continue: (field id, message).
    let missing = use_state(Vec::<(String, String)>::new);
    let inline = inline_page(list);
    {
        // Inline messages name an item by its place: a change to the list makes them stale.
        let missing = missing.clone();
        use_effect_with(list.items(&props.answers), move |_| missing.set(Vec::new()));
    }
    let renaming = use_state(|| None::<(usize, String)>);
    // The last removal, undoable until the answers change some other way: the item's name, how
    // many answers went with it, the answers before and after.
    let removed = use_state(|| None::<(String, usize, Answers, Answers)>);
    let items = list.items(&props.answers);
    {
        let removed = removed.clone();
        use_effect_with(props.answers.clone(), move |now| {
            if removed
                .as_ref()
                .is_some_and(|(_, _, _, after)| after != now)
            {
                removed.set(None);
            }
        });
    }
    // The Undo button takes the focus the removed row's button had.
    use_effect_with(removed.is_some(), |shown| {
        if *shown {
            crate::browser::focus("kh-undo");
        }
    });
    let input_id = format!("kh-add-{}", list.slug());

    {
        let has_error = error.is_some() || !missing.is_empty();
        use_effect_with(((*error).clone(), missing.len()), move |_| {
            if has_error {
                crate::browser::set_title(&format!("Error: {title} – Keyholder"));
                crate::browser::focus("kh-error-summary");
            }
        });
    }

    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let on_add = {
        let draft = draft.clone();
        let error = error.clone();
        let dispatch = props.dispatch.clone();
        let existing = items.clone();
        Callback::from(move |()| match clean_name(&draft) {
            None => error.set(Some(format!("Enter a name for the {}", list.noun()))),
            Some(name) if existing.iter().any(|(_, n)| n.eq_ignore_ascii_case(&name)) => error.set(
                Some(format!("You already added “{name}”: use a different name")),
            ),
            Some(name) => {
                dispatch.emit(Msg::Add(list, name));
                draft.set(String::new());
                error.set(None);
            }
        })
    };
    let on_add_click = {
        let add = on_add.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            add.emit(());
        })
    };
    // Enter in the name box adds the item rather than submitting the page.
    let on_key = {
        let add = on_add.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                add.emit(());
            }
        })
    };
    let on_continue = {
        let (error, missing) = (error.clone(), missing.clone());
        let next = props.on_continue.clone();
        let count = items.len();
        let pending = !draft.trim().is_empty();
        let answers = props.answers.clone();
        let names = items.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let unanswered_inline: Vec<(String, String)> = inline_unanswered(&answers, list)
                .into_iter()
                .map(|(i, q)| {
                    let name = names.get(i).map_or("", |(_, n)| n.as_str());
                    (
                        field_id(Some((list, i)), q),
                        format!("{name}: {}", error_text(q)),
                    )
                })
                .collect();
            missing.set(unanswered_inline.clone());
            if !unanswered_inline.is_empty() && !pending {
                error.set(None);
            } else if pending {
                error.set(Some(format!(
                    "Select “Add” to add the {} you typed, or clear the box",
                    list.noun()
                )));
            } else if count < list.minimum() {
                error.set(Some(format!("Add at least one {}", list.noun())));
            } else {
                error.set(None);
                next.emit(());
            }
        })
    };

    let rows = items.iter().enumerate().map(|(i, (_, name))| {
        let dispatch = props.dispatch.clone();
        let remove = {
            let (removed, before, name) = (removed.clone(), props.answers.clone(), name.clone());
            Callback::from(move |_: MouseEvent| {
                let mut after = before.clone();
                if list.remove(&mut after, i) {
                    removed.set(Some((name.clone(), answers_of(list, &before, i), before.clone(), after)));
                    dispatch.emit(Msg::Remove(list, i));
                }
            })
        };
        let editing = renaming.as_ref().filter(|(j, _)| *j == i).map(|(_, t)| t.clone());
        match editing {
            Some(text) => {
                let renaming_in = renaming.clone();
                let oninput = Callback::from(move |e: InputEvent| {
                    renaming_in.set(Some((i, e.target_unchecked_into::<web_sys::HtmlInputElement>().value())))
                });
                let renaming_save = renaming.clone();
                let dispatch = props.dispatch.clone();
                let save = Callback::from(move |_: MouseEvent| {
                    if let Some((_, t)) = (*renaming_save).clone() {
                        dispatch.emit(Msg::Rename(list, i, t));
                    }
                    renaming_save.set(None);
                });
                let id = format!("kh-rename-{}-{}", list.slug(), i + 1);
                html! {
                    <li class="kh-list-row">
                        <label class="kh-visually-hidden" for={id.clone()}>{ format!("New name for {name}") }</label>
                        <input class="kh-input" id={id} type="text" maxlength={MAX_NAME.to_string()} value={text} {oninput} />
                        <button type="button" class="kh-button kh-secondary" onclick={save}>{ "Save name" }</button>
                    </li>
                }
            }
            None => {
                let renaming = renaming.clone();
                let start = { let name = name.clone(); Callback::from(move |_: MouseEvent| renaming.set(Some((i, name.clone())))) };
                // The list's inline questions, asked of this item beside it.
                let item = Some((list, i));
                let asked: Vec<Html> = inline
                    .into_iter()
                    .flat_map(|p| p.questions().filter(move |q| applies(&props.answers, item, q)))
                    .map(|q| {
                        let error = missing.iter().find(|(id, _)| *id == field_id(item, q)).map(|(_, m)| m.clone());
                        let current = q.get(&props.answers, index(item)).map(str::to_owned);
                        render_question(q, item, current, error, None, props.dispatch.clone(), true)
                    })
                    .collect();
                html! {
                    <li class={if asked.is_empty() { "kh-list-row" } else { "kh-list-row kh-list-row-asks" }}>
                        <span class="kh-list-name">{ name.clone() }</span>
                        <span class="kh-list-actions">
                            <button type="button" class="kh-link-button" onclick={start}>
                                { "Rename" }<span class="kh-visually-hidden">{ format!(" {name}") }</span>
                            </button>
                            <button type="button" class="kh-link-button" onclick={remove}>
                                { "Remove" }<span class="kh-visually-hidden">{ format!(" {name}") }</span>
                            </button>
                        </span>
                        if !asked.is_empty() {
                            <div class="kh-list-questions" role="group" aria-label={format!("About {name}")}>{ for asked }</div>
                        }
                    </li>
                }
            }
        }
    });

    let mut all_errors: Vec<(String, String)> = error
        .as_ref()
        .map(|m| (input_id.clone(), m.clone()))
        .into_iter()
        .collect();
    all_errors.extend(missing.iter().cloned());
    let summary = (!all_errors.is_empty()).then(|| crate::ui::error_summary(&all_errors));

    html! {
        <form class="kh-question" novalidate=true onsubmit={on_continue}>
            <a class="kh-back" href={format!("#{}", props.back)}>{ "Back" }</a>
            { for summary }
            { crate::ui::progress(Step::List(list).section().title(), props.position, props.overall) }
            { crate::ui::heading(1, "kh-heading", "kh-title", Html::from(title)) }
            if let Some((name, count, before, _)) = (*removed).clone() {
                <div class="kh-panel kh-undo" role="status">
                    <p>
                        { format!("Removed “{name}”") }
                        { match count { 0 => String::new(), n => format!(" and {}", keyholder_engine::report::count(n, "answer", "answers")) } }
                        { ". " }
                        <button type="button" class="kh-link-button" id="kh-undo" onclick={{
                            let (dispatch, removed) = (props.dispatch.clone(), removed.clone());
                            Callback::from(move |_: MouseEvent| {
                                removed.set(None);
                                dispatch.emit(Msg::Replace(Box::new(before.clone())));
                                // The button goes with the notice: focus returns to the page's
                                // heading once the item is back.
                                gloo::timers::callback::Timeout::new(0, || {
                                    crate::browser::focus("kh-heading");
                                })
                                .forget();
                            })
                        }}>{ "Undo" }<span class="kh-visually-hidden">{ format!(": bring back “{name}”") }</span></button>
                    </p>
                </div>
            }
            <p class="kh-hint">{ hint }</p>
            if items.is_empty() {
                <p class="kh-empty">{ format!("No {}s added yet.", list.noun()) }</p>
            } else {
                <ul class="kh-list" aria-label={format!("Your {}s", list.noun())}>{ for rows }</ul>
            }
            <div class={if error.is_some() { "kh-form-group kh-form-group-error" } else { "kh-form-group" }}>
                <label class="kh-label" for={input_id.clone()}>{ label }</label>
                if let Some(m) = error.as_ref() {
                    <p class="kh-error-message" id={format!("{input_id}-error")}><span class="kh-visually-hidden">{ "Error: " }</span>{ m.clone() }</p>
                }
                <div class="kh-add-row">
                    <input class="kh-input" id={input_id.clone()} type="text" maxlength={MAX_NAME.to_string()} autocomplete="off"
                        value={(*draft).clone()} {oninput} onkeydown={on_key} aria-invalid={error.is_some().to_string()} />
                    <button type="button" class="kh-button kh-secondary" onclick={on_add_click}>{ "Add" }</button>
                </div>
            </div>
            <button type="submit" class="kh-button">{ "Continue" }</button>
        </form>
    }
}
