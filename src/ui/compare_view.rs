//! "Progress since an earlier assessment", on the report page: the user picks an earlier export
//! (or answers file) and sees what changed — components that moved, gaps, blockers and risks
//! closed and new, answers that changed — with both dates and both rules versions, both sides
//! evaluated under today's rules (`keyholder_engine::compare`). Printed with the brief once
//! chosen, and downloadable as Markdown. The earlier file is read in the browser and kept only
//! in memory: nothing is stored, and a file that can't be read gets the import's message and
//! changes nothing.

use std::rc::Rc;

use keyholder_engine::compare::{compare, to_markdown, Assessment, Comparison};
use keyholder_engine::export::file_name;
use keyholder_engine::ValidAnswers;
use yew::prelude::*;

use crate::browser;

const FILE: &str = "kh-compare-file";

/// Properties of [`CompareSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct CompareProps {
    /// Today's answers.
    pub now: ValidAnswers,
    /// Today's date (ISO), this side's date.
    pub today: AttrValue,
}

/// The comparison with an earlier assessment.
#[function_component(CompareSection)]
pub fn compare_section(props: &CompareProps) -> Html {
    // The earlier assessment as read, or why it couldn't be.
    let earlier = use_state(|| None::<Result<(Rc<Assessment>, String), String>>);
    let compared = {
        let now = props.now.clone();
        use_memo(
            ((*earlier).clone(), props.now.clone()),
            move |(earlier, _)| match earlier {
                Some(Ok((a, _))) => Some(Rc::new(compare(&a.answers, &now))),
                _ => None,
            },
        )
    };
    let on_file = {
        let earlier = earlier.clone();
        crate::ui::on_json_file(Callback::from(
            move |(name, text): (String, Result<String, String>)| {
                let read = text.and_then(|text| Assessment::read(&text).map_err(|e| e.to_string()));
                earlier.set(Some(match read {
                    Ok(a) => Ok((Rc::new(a), name)),
                    Err(e) => Err(format!("The file {name} can't be compared: {e}.")),
                }));
            },
        ))
    };
    let (error, shown) = match &*earlier {
        Some(Err(message)) => (Some(message.clone()), None),
        Some(Ok((a, name))) => (
            None,
            (*compared).clone().map(|c| (a.clone(), name.clone(), c)),
        ),
        None => (None, None),
    };
    let clear = {
        let earlier = earlier.clone();
        Callback::from(move |_: MouseEvent| earlier.set(None))
    };
    html! {
        <section aria-labelledby="kh-compare" class={classes!("kh-compare", shown.is_none().then_some("kh-noprint"))}>
            { crate::ui::heading(2, "kh-compare", "", Html::from("Progress since an earlier assessment")) }
            <div class={classes!("kh-form-group", "kh-noprint", error.is_some().then_some("kh-form-group-error"))}>
                <label class="kh-label" for={FILE}>{ "An earlier Keyholder JSON file" }</label>
                <p class="kh-hint" id="kh-compare-hint">{ "The “answers and report” download of an earlier assessment. It is read here and kept only while this page is open: your answers don't change." }</p>
                if let Some(message) = &error {
                    <p class="kh-error-message" id="kh-compare-error" role="alert"><span class="kh-visually-hidden">{ "Error: " }</span>{ message.clone() }</p>
                }
                <input class="kh-file" type="file" id={FILE} accept=".json,application/json"
                    aria-describedby={if error.is_some() { "kh-compare-hint kh-compare-error" } else { "kh-compare-hint" }} onchange={on_file} />
            </div>
            if let Some((a, name, c)) = shown {
                { comparison(&a, &name, &c, props) }
                <p class="kh-noprint">
                    <button type="button" class="kh-button kh-secondary" onclick={download(&a, &c, props)}>{ "Download the comparison (Markdown)" }</button>
                    { " " }
                    <button type="button" class="kh-button kh-secondary" onclick={clear}>{ "Remove the comparison" }</button>
                </p>
            }
        </section>
    }
}

fn download(a: &Rc<Assessment>, c: &Rc<Comparison>, props: &CompareProps) -> Callback<MouseEvent> {
    let (a, c, now, today) = (a.clone(), c.clone(), props.now.clone(), props.today.clone());
    Callback::from(move |_: MouseEvent| {
        let later = keyholder_engine::compare::Side {
            answers: &now,
            date: Some(&today),
            rules_version: None,
        };
        let text = to_markdown(&c, &a.side(), &later);
        browser::download(&file_name("progress", &today, "md"), "text/markdown", &text);
    })
}

/// The comparison itself: a sentence on the two sides, the three headline figures then and now,
/// and the lists of what changed.
fn comparison(a: &Assessment, name: &str, c: &Comparison, props: &CompareProps) -> Html {
    let then = a.date.clone().unwrap_or_else(|| "undated".to_owned());
    let rules = &c.later.rules_version;
    let figure = |r: &keyholder_engine::Report| {
        format!(
            "{} of {}",
            r.key_control.customer_key,
            r.key_control.in_scope - r.key_control.never
        )
    };
    let rows = [
        ("Under your key", figure(&c.earlier), figure(&c.later)),
        (
            "Residency gaps",
            c.earlier.residency.gaps.to_string(),
            c.later.residency.gaps.to_string(),
        ),
        (
            "Operator-access gaps",
            c.earlier.operator_access.gaps.to_string(),
            c.later.operator_access.gaps.to_string(),
        ),
    ];
    let list = |title: &'static str, items: Vec<String>| {
        html! {
            <>
                { crate::ui::heading(3, "", "", Html::from(title)) }
                if items.is_empty() {
                    <p>{ "None." }</p>
                } else {
                    <ul>{ for items.into_iter().map(|i| html! { <li>{ i }</li> }) }</ul>
                }
            </>
        }
    };
    let findings = |l: &[(&'static str, keyholder_engine::report::Finding)]| {
        l.iter()
            .map(|(kind, f)| {
                format!(
                    "{} — {}: {}",
                    crate::ui::capitalise(kind),
                    f.place.describe(),
                    f.reason
                )
            })
            .collect::<Vec<_>>()
    };
    html! {
        <div class="kh-compare-result">
            <p role="status">{ format!("Compared with {name}, the assessment of {then}, to this one of {}. Both are evaluated under rules version {rules}, so every change below comes from the answers, not from the rules.", props.today) }</p>
            if let Some(v) = a.rules_version.as_deref().filter(|v| v != rules) {
                <p>{ format!("The earlier brief was written under rules version {v}: findings in it may read differently for that reason alone.") }</p>
            }
            <table class="kh-table kh-compare-figures">
                <thead><tr><th scope="col">{ "Verdict" }</th><th scope="col">{ format!("Then ({then})") }</th><th scope="col">{ format!("Now ({})", props.today) }</th></tr></thead>
                <tbody>
                    { for rows.into_iter().map(|(k, t, n)| html! { <tr><th scope="row">{ k }</th><td>{ t }</td><td>{ n }</td></tr> }) }
                </tbody>
            </table>
            { list("Components that moved", c.moved.iter().map(|m| format!("{} — {}: {} → {}", m.name, m.place.describe(), m.from.label(), m.to.label())).collect()) }
            { list("New gaps, blockers and risks", findings(&c.new)) }
            { list("Closed gaps, blockers and risks", findings(&c.closed)) }
            { list("Answers that changed", c.answers.iter().map(|x| {
                let item = x.item.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
                format!("{}{item}: {} → {}", x.question, x.from, x.to)
            }).collect()) }
        </div>
    }
}
