//! One page of questions, GOV.UK style: the legend is the heading when there is one question,
//! every choice admits "I don't know" with a "How to find out" disclosure, and Continue validates:
//! an error summary that takes focus, a message beside each field, and nothing typed is cleared.

use keyholder_engine::facts::UNKNOWN;
use keyholder_engine::questions::{Control, Question};
use keyholder_engine::Answers;
use yew::prelude::*;

use crate::ui::check_group::{self, Group};
use crate::wizard::pages::{ItemList, PageDef};
use crate::wizard::steps::{applies, index, link_asked, link_unanswered, unanswered, Item};
use crate::wizard::store::Msg;

/// Properties of [`QuestionPage`].
#[derive(Properties, PartialEq)]
pub struct QuestionPageProps {
    /// The page.
    pub page: &'static PageDef,
    /// The list item it is about.
    pub item: Item,
    /// Current answers.
    pub answers: Answers,
    /// Changes the answers.
    pub dispatch: Callback<Msg>,
    /// "Question n of m" within the section.
    pub position: (usize, usize),
    /// "About k of n pages in all" (none when `n` is 0).
    #[prop_or_default]
    pub overall: (usize, usize),
    /// Called when the page is complete and the user continues, with the message that settles
    /// the page's answers (its group's clear boxes), if any: the caller applies it and moves on.
    pub on_continue: Callback<Option<Msg>>,
    /// Where Back goes (a hash route).
    pub back: String,
}

/// What a Change link names for a question (`?question=`, the fieldset `kh-question-…`): its id,
/// and for a question asked of each item on its list page, the item too (`csu2.csu.geo`).
pub fn question_anchor(item: Item, q: &Question, inline: bool) -> String {
    match item {
        Some((list, i)) if inline => format!("{}{}.{}", list.slug(), i + 1, q.id),
        _ => q.id.to_owned(),
    }
}

/// The DOM id of a question's first input (error links point at it).
pub fn field_id(item: Item, q: &Question) -> String {
    let prefix = item
        .map(|(l, i)| format!("{}{}-", l.slug(), i + 1))
        .unwrap_or_default();
    format!("q-{prefix}{}", q.id.replace(['.', '_'], "-"))
}

/// The message beside a question left unanswered on Continue.
pub fn error_text(q: &Question) -> String {
    match q.control {
        Control::Select => format!(
            "Select an answer for “{}”, or choose “I don't know”",
            q.label
        ),
        Control::Radios => format!("Choose an answer for “{}”, or “I don't know”", q.label),
        Control::Checkbox => {
            "Select all that apply, or “None of these”, or “I'm not sure which”".to_owned()
        }
    }
}

/// A page of questions.
#[function_component(QuestionPage)]
pub fn question_page(props: &QuestionPageProps) -> Html {
    // (the DOM id of the field an error is about, the message)
    let errors = use_state(Vec::<(String, String)>::new);
    let page = props.page;
    let item = props.item;
    let group = Group::of(page, &props.answers, item);
    // The legend is the page's heading when the page asks one question, or only its group.
    let single = page.questions().count() == 1 || group.is_whole_page();

    {
        // After a failed Continue, the summary takes focus so screen readers hear it.
        let has_errors = !errors.is_empty();
        let title = page.title;
        use_effect_with(errors.len(), move |_| {
            if has_errors {
                crate::browser::set_title(&format!("Error: {title} – Keyholder"));
                crate::browser::focus("kh-error-summary");
            }
        });
    }

    let on_continue = {
        let answers = props.answers.clone();
        let errors = errors.clone();
        let next = props.on_continue.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A box left clear is a "no" only once the page is continued; the group itself needs a
            // tick, "None of these" or "I'm not sure which".
            let group = Group::of(page, &answers, item);
            // In page order: the group's message where its first box is.
            let open = unanswered(&answers, item, page);
            let group_missing = group.first().filter(|_| !group.is_answered());
            let missing: Vec<&'static Question> = page
                .questions()
                .filter(|q| {
                    if q.control == Control::Checkbox {
                        group_missing == Some(*q)
                    } else {
                        open.contains(q)
                    }
                })
                .collect();
            let mut found: Vec<(String, String)> = missing
                .into_iter()
                .map(|q| (field_id(item, q), error_text(q)))
                .collect();
            // The link decides the linked item's key: it is asked, not optional.
            if let Some((list, at, parent)) = link_unanswered(page, item, &answers) {
                let after = found
                    .iter()
                    .position(|(id, _)| *id == field_id(item, parent))
                    .map_or(found.len(), |i| i + 1);
                found.insert(after, (link_id(list, at), LINK_ERROR.to_owned()));
            }
            if found.is_empty() {
                errors.set(Vec::new());
                next.emit(group.settle());
            } else {
                errors.set(found);
            }
        })
    };

    let item_name =
        item.and_then(|(list, i)| list.items(&props.answers).get(i).map(|(_, n)| n.clone()));
    let caption = match (&item_name, item) {
        (Some(name), Some((list, _))) => {
            format!("{} · {}", page.section.title(), format_item(list, name))
        }
        _ => page.section.title().to_owned(),
    };

    let error_at = |id: &str| errors.iter().find(|(e, _)| e == id).map(|(_, m)| m.clone());
    let error_of = |q: &Question| error_at(&field_id(item, q));
    let link = link_asked(page, item, &props.answers);
    let render = |q: &'static Question| {
        let current = q.get(&props.answers, index(item)).map(str::to_owned);
        render_question(
            q,
            item,
            current,
            error_of(q),
            // A question revealed under a box is never the page's heading.
            (single && !group.is_revealed(q)).then_some(page.title),
            props.dispatch.clone(),
            false,
        )
    };
    // Registry order; the group is drawn where its first box is, with the questions a ticked box
    // reveals under that box.
    let mut drawn_group = false;
    let questions: Vec<Html> = page
        .questions()
        .filter(|q| applies(&props.answers, item, q) && !group.is_revealed(q))
        .flat_map(|q| {
            // Each element keyed, side by side (a fragment among keyed siblings would make Yew
            // match the whole list by position).
            let mut out = Vec::new();
            if q.control != Control::Checkbox {
                out.push(render(q));
                // The link follows the question it depends on.
                if let Some((list, at, _)) = link.filter(|(_, _, parent)| *parent == q) {
                    out.push(link_question(
                        list,
                        at,
                        &props.answers,
                        error_at(&link_id(list, at)),
                        props.dispatch.clone(),
                    ));
                }
            } else if !std::mem::replace(&mut drawn_group, true) {
                let error = group.first().and_then(error_of);
                out.push(check_group::view(
                    &group,
                    page,
                    item,
                    single,
                    error,
                    &render,
                    props.dispatch.clone(),
                ));
            }
            out
        })
        .collect();

    let summary = (!errors.is_empty()).then(|| crate::ui::error_summary(&errors));

    let copy = html! { <CopyFrom page={page} item={item} answers={props.answers.clone()} dispatch={props.dispatch.clone()} /> };

    html! {
        <form class="kh-question" novalidate=true onsubmit={on_continue}>
            <a class="kh-back" href={format!("#{}", props.back)}>{ "Back" }</a>
            { for summary }
            { crate::ui::progress(&caption, props.position, props.overall) }
            if !single {
                { crate::ui::heading(1, "kh-heading", "kh-title", Html::from(page.title)) }
            }
            { copy }
            { for questions }
            <button type="submit" class="kh-button">{ "Continue" }</button>
        </form>
    }
}

fn format_item(list: ItemList, name: &str) -> String {
    format!("{}: {name}", crate::ui::capitalise(list.noun()))
}

/// One question, drawn; `page_heading` is the page's title when the question is all the page asks
/// (its legend is then the page's heading). On a list page (a question asked of each item there) its fieldset's
/// id names the item too, since the page asks it once per item.
pub fn render_question(
    q: &'static Question,
    item: Item,
    current: Option<String>,
    error: Option<String>,
    page_heading: Option<&'static str>,
    dispatch: Callback<Msg>,
    inline: bool,
) -> Html {
    let id = field_id(item, q);
    let (hint_id, error_id, described) = crate::ui::described_by(&id, error.is_some());
    let guide = (!q.how_to_find.is_empty()).then_some(q.how_to_find);
    let heading = page_heading.unwrap_or(q.label);
    let legend = if page_heading.is_some() {
        html! { <legend class="kh-legend kh-legend-page">{ crate::ui::heading(1, "kh-heading", "kh-title", Html::from(heading)) }</legend> }
    } else {
        html! { <legend class="kh-legend">{ heading }</legend> }
    };
    let error_html = error.map(|m| html! { <p class="kh-error-message" id={error_id.clone()}><span class="kh-visually-hidden">{ "Error: " }</span>{ m }</p> });
    let details = guide.map(|g| {
        html! {
            <details class="kh-details">
                <summary>{ "How to find out" }</summary>
                <p>{ g }</p>
            </details>
        }
    });
    let group_class = if error_html.is_some() {
        "kh-form-group kh-form-group-error"
    } else {
        "kh-form-group"
    };
    // The item's index in the question's list (0 for tenant questions).
    let at = index(item);
    let control = match q.control {
        // A box is drawn by its group; never alone, but radios would say the same.
        Control::Radios | Control::Checkbox => {
            // Every question admits "I don't know": the report then says where to look.
            let mut options: Vec<(&str, &str)> = q.options.to_vec();
            options.push((UNKNOWN, "I don't know"));
            let count = options.len();
            html! {
                <div class={if count <= 3 && q.options.len() == 2 { "kh-radios kh-radios-inline" } else { "kh-radios" }}>
                    { for options.into_iter().enumerate().map(|(n, (value, label))| {
                        let input_id = if n == 0 { id.clone() } else { format!("{id}-{value}") };
                        let checked = current.as_deref() == Some(value);
                        let dispatch = dispatch.clone();
                        let onchange = Callback::from(move |_: Event| dispatch.emit(Msg::Answer { question: q, item: at, value: Some(value.to_owned()) }));
                        html! {
                            <div class={if value == "unknown" { "kh-radio kh-radio-unknown" } else { "kh-radio" }}>
                                <input type="radio" class="kh-radio-input" id={input_id.clone()} name={id.clone()} value={value} {checked} {onchange}
                                    aria-describedby={described.clone()} />
                                <label class="kh-radio-label" for={input_id}>{ label }</label>
                            </div>
                        }
                    }) }
                </div>
            }
        }
        Control::Select => {
            let dispatch = dispatch.clone();
            let onchange = Callback::from(move |e: Event| {
                let value = e
                    .target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value();
                dispatch.emit(Msg::Answer {
                    question: q,
                    item: at,
                    value: (!value.is_empty()).then_some(value),
                });
            });
            html! {
                <>
                    <label class="kh-visually-hidden" for={id.clone()}>{ q.label }</label>
                    <select class="kh-select" id={id.clone()} {onchange} aria-describedby={described.clone()} aria-invalid={error_html.is_some().to_string()}>
                        <option value="" selected={current.is_none()}>{ "Choose…" }</option>
                        { for q.options.iter().map(|(value, label)| html! {
                            <option value={*value} selected={current.as_deref() == Some(*value)}>{ *label }</option>
                        }) }
                        <option value={UNKNOWN} selected={current.as_deref() == Some(UNKNOWN)}>{ "I don't know" }</option>
                    </select>
                </>
            }
        }
    };
    // Keyed by question: when a follow-up question appears mid-page, each DOM group stays with its
    // own question (unkeyed, Yew would re-use groups by position and radios could show the wrong state).
    html! {
        <div key={id.clone()} class={group_class}>
            // Reached from a Change link on Check your answers, this question takes the focus.
            <fieldset class="kh-fieldset" aria-describedby={described} id={format!("kh-question-{}", question_anchor(item, q, inline))} tabindex="-1">
                { legend }
                <p class="kh-hint" id={hint_id}>{ q.why }</p>
                { for error_html }
                { control }
            </fieldset>
            { for details }
        </div>
    }
}

const LINK_ERROR: &str = "Select the Power Platform environment it is linked to, or “I don't know”";

/// The DOM id of an item's link question.
fn link_id(list: ItemList, at: usize) -> String {
    format!("q-{}{}-linked-environment", list.slug(), at + 1)
}

/// Which environment an F&O or Business Central item is linked to. Its key decides the item's,
/// so it is asked like any decisive question: nothing chosen until the user chooses, "I don't
/// know" an answer of its own, and shown on Check your answers.
fn link_question(
    list: ItemList,
    at: usize,
    answers: &Answers,
    error: Option<String>,
    dispatch: Callback<Msg>,
) -> Html {
    let current = list.linked(answers, at).map(str::to_owned);
    let onchange = Callback::from(move |e: Event| {
        let value = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        dispatch.emit(Msg::Link(list, at, (!value.is_empty()).then_some(value)));
    });
    let id = link_id(list, at);
    let (hint_id, error_id, described) = crate::ui::described_by(&id, error.is_some());
    html! {
        <div key={id.clone()} class={if error.is_some() { "kh-form-group kh-form-group-error" } else { "kh-form-group" }}
            id={format!("kh-question-{}", link_question_id(list))} tabindex="-1">
            <label class="kh-label" for={id.clone()}>{ LINK_LABEL }</label>
            <p class="kh-hint" id={hint_id}>{ "Its key decides this one's. Add it under Environments if it isn't listed." }</p>
            if let Some(m) = error {
                <p class="kh-error-message" id={error_id}><span class="kh-visually-hidden">{ "Error: " }</span>{ m }</p>
            }
            <select class="kh-select" id={id.clone()} aria-describedby={described} {onchange}>
                <option value="" selected={current.is_none()}>{ "Choose…" }</option>
                { for answers.environments.iter().map(|e| html! {
                    <option value={e.id.clone()} selected={current.as_deref() == Some(e.id.as_str())}>{ e.name.clone() }</option>
                }) }
                <option value={UNKNOWN} selected={current.as_deref() == Some(UNKNOWN)}>{ "I don't know" }</option>
            </select>
        </div>
    }
}

/// The link question's label (on its page and on Check your answers).
pub const LINK_LABEL: &str = "Which Power Platform environment is it linked to?";

/// The id Change links use for an item's link question (`?question=`).
pub fn link_question_id(list: ItemList) -> &'static str {
    match list {
        ItemList::BcEnvironments => "bcenv.linked_environment",
        _ => "fo.linked_environment",
    }
}

/// Properties of [`CopyFrom`].
#[derive(Properties, PartialEq)]
struct CopyFromProps {
    page: &'static PageDef,
    item: Item,
    answers: Answers,
    dispatch: Callback<Msg>,
}

/// "Start from another item's answers", on the first page of a second or later item: an
/// estate's sandbox is usually its production's twin, so copying and changing what differs is a
/// few answers instead of a page of them.
#[function_component(CopyFrom)]
fn copy_from(props: &CopyFromProps) -> Html {
    let Some((list, at)) = props.item else {
        return Html::default();
    };
    let names = list.items(&props.answers);
    let chosen = use_state(|| at.saturating_sub(1));
    let first_page = crate::wizard::pages::PAGES
        .iter()
        .find(|p| p.list == Some(list))
        .is_some_and(|p| *p == props.page);
    // Offered from the second item on: the first has nothing earlier to start from.
    if !first_page || at == 0 {
        return Html::default();
    }
    let id = format!("kh-copy-{}{}", list.slug(), at + 1);
    // Said from the answers, not remembered: after a copy this item's answers are the source's.
    let of = |i: usize| {
        keyholder_engine::questions::of_scope(list.scope())
            .map(|q| q.get(&props.answers, i))
            .collect::<Vec<_>>()
    };
    let mine = of(at);
    let same = mine.iter().any(Option::is_some).then(|| {
        (0..names.len())
            .find(|i| *i != at && of(*i) == mine)
            .map(|i| names[i].1.clone())
    });
    let same = same.flatten();
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Ok(i) = value.parse() {
                chosen.set(i);
            }
        })
    };
    let onclick = {
        let chosen = chosen.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Msg::CopyItem(list, *chosen, at)))
    };
    let noun = list.noun();
    html! {
        <div class="kh-form-group kh-copy-from">
            <label class="kh-label" for={id.clone()}>{ format!("Start from another {noun}'s answers (optional)") }</label>
            <p class="kh-hint" id={format!("{id}-hint")}>{ format!("Copies every answer about that {noun} to this one, replacing any given here; then change what differs.") }</p>
            <div class="kh-add-row">
                <select class="kh-select" id={id.clone()} aria-describedby={format!("{id}-hint")} {onchange}>
                    { for names.iter().enumerate().filter(|(i, _)| *i != at).map(|(i, (_, name))| html! {
                        <option value={i.to_string()} selected={i == *chosen}>{ name.clone() }</option>
                    }) }
                </select>
                <button type="button" class="kh-button kh-secondary" {onclick}>{ "Copy its answers" }</button>
            </div>
            <p class="kh-copy-status" role="status">{ same.map(|n| format!("Same answers as “{n}” so far: change what differs below.")).unwrap_or_default() }</p>
        </div>
    }
}
