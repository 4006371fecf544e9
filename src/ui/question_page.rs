//! One page of questions, GOV.UK style: the legend is the heading when there is one question,
//! every choice admits "I don't know" with a "How to find out" disclosure, and Continue validates:
//! an error summary that takes focus, a message beside each field, and nothing typed is cleared.

use keyholder_engine::facts::UNKNOWN;
use keyholder_engine::questions::{Control, Question};
use keyholder_engine::Answers;
use yew::prelude::*;

use crate::ui::check_group::{self, Group};
use crate::wizard::pages::{ItemList, PageDef};
use crate::wizard::steps::{applies, index, unanswered, Item};
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
    /// Called when the page is complete and the user continues.
    pub on_continue: Callback<()>,
    /// Where Back goes (a hash route).
    pub back: String,
}

/// The DOM id of a question's first input (error links point at it).
pub fn field_id(item: Item, q: &Question) -> String {
    let prefix = item
        .map(|(l, i)| format!("{}{}-", l.slug(), i + 1))
        .unwrap_or_default();
    format!("q-{prefix}{}", q.id.replace(['.', '_'], "-"))
}

fn error_text(q: &Question) -> String {
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
    let errors = use_state(Vec::<(&'static Question, String)>::new);
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
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A box left clear is a "no" only once the page is continued; the group itself needs a
            // tick, "None of these" or "I'm not sure which".
            let group = Group::of(page, &answers, item);
            let mut missing: Vec<&'static Question> = unanswered(&answers, item, page)
                .into_iter()
                .filter(|q| q.control != Control::Checkbox)
                .collect();
            if let Some(first) = group.first().filter(|_| !group.is_answered()) {
                missing.insert(0, first);
            }
            if missing.is_empty() {
                errors.set(Vec::new());
                if let Some(settle) = group.settle() {
                    dispatch.emit(settle);
                }
                next.emit(());
            } else {
                errors.set(missing.into_iter().map(|q| (q, error_text(q))).collect());
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

    let error_of = |q: &Question| {
        errors
            .iter()
            .find(|(e, _)| std::ptr::eq(*e, q))
            .map(|(_, m)| m.clone())
    };
    let render = |q: &'static Question| {
        let current = q.get(&props.answers, index(item)).map(str::to_owned);
        render_question(
            q,
            item,
            current,
            error_of(q),
            single,
            page.title,
            props.dispatch.clone(),
        )
    };
    // Registry order; the group is drawn where its first box is, with the questions a ticked box
    // reveals under that box.
    let mut drawn_group = false;
    let questions: Vec<Html> = page
        .questions()
        .filter(|q| applies(&props.answers, item, q) && !group.is_revealed(q))
        .filter_map(|q| {
            if q.control != Control::Checkbox {
                return Some(render(q));
            }
            if std::mem::replace(&mut drawn_group, true) {
                return None;
            }
            let error = group.first().and_then(error_of);
            Some(check_group::view(
                &group,
                page,
                item,
                single,
                error,
                &render,
                props.dispatch.clone(),
            ))
        })
        .collect();

    let summary = (!errors.is_empty()).then(|| {
        let list: Vec<(String, String)> = errors
            .iter()
            .map(|(q, m)| (field_id(item, q), m.clone()))
            .collect();
        crate::ui::error_summary(&list)
    });

    let link = link_question(props);

    html! {
        <form class="kh-question" novalidate=true onsubmit={on_continue}>
            <a class="kh-back" href={format!("#{}", props.back)}>{ "Back" }</a>
            { for summary }
            { crate::ui::progress(&caption, props.position, props.overall) }
            if !single {
                { crate::ui::heading(1, "kh-heading", "kh-title", Html::from(page.title)) }
            }
            { for questions }
            { link }
            <button type="submit" class="kh-button">{ "Continue" }</button>
        </form>
    }
}

fn format_item(list: ItemList, name: &str) -> String {
    format!("{}: {name}", crate::ui::capitalise(list.noun()))
}

fn render_question(
    q: &'static Question,
    item: Item,
    current: Option<String>,
    error: Option<String>,
    single: bool,
    title: &'static str,
    dispatch: Callback<Msg>,
) -> Html {
    let id = field_id(item, q);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let guide = (!q.how_to_find.is_empty()).then_some(q.how_to_find);
    let heading = if single { title } else { q.label };
    let legend = if single {
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
            <fieldset class="kh-fieldset" aria-describedby={described} id={format!("kh-question-{}", q.id)} tabindex="-1">
                { legend }
                <p class="kh-hint" id={hint_id}>{ q.why }</p>
                { for error_html }
                { control }
            </fieldset>
            { for details }
        </div>
    }
}

/// F&O and Business Central setup pages also ask which environment they are linked to. Optional:
/// "I don't know" is a fine answer, and the report then says where to look.
fn link_question(props: &QuestionPageProps) -> Html {
    use keyholder_engine::questions::{BCENV_LINKED, FO_POWER_PLATFORM_INTEGRATION};
    let Some((list, index)) = props.item else {
        return Html::default();
    };
    let parent = match list {
        ItemList::FoEnvironments => &FO_POWER_PLATFORM_INTEGRATION,
        ItemList::BcEnvironments => &BCENV_LINKED,
        _ => return Html::default(),
    };
    if !props.page.questions().any(|q| q == parent)
        || parent.get(&props.answers, index) != Some("yes")
    {
        return Html::default();
    }
    let current = list.linked(&props.answers, index).map(str::to_owned);
    let dispatch = props.dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        let value = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        dispatch.emit(Msg::Link(list, index, (!value.is_empty()).then_some(value)));
    });
    let id = format!("q-{}{}-linked-environment", list.slug(), index + 1);
    html! {
        <div class="kh-form-group">
            <label class="kh-label" for={id.clone()}>{ "Which Power Platform environment is it linked to? (optional)" }</label>
            <p class="kh-hint" id={format!("{id}-hint")}>{ "Its key decides this one's. Add it under Environments if it isn't listed." }</p>
            <select class="kh-select" id={id.clone()} aria-describedby={format!("{id}-hint")} {onchange}>
                <option value="" selected={current.is_none()}>{ "I don't know" }</option>
                { for props.answers.environments.iter().map(|e| html! {
                    <option value={e.id.clone()} selected={current.as_deref() == Some(e.id.as_str())}>{ e.name.clone() }</option>
                }) }
            </select>
        </div>
    }
}
