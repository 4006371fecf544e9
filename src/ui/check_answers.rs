//! Check your answers: every answer with a Change link that goes to its question and comes back.

use keyholder_engine::questions::Control;
use keyholder_engine::Answers;
use yew::prelude::*;

use crate::ui::check_group::Group;
use crate::ui::question_page::{link_question_id, question_anchor, LINK_LABEL};

use crate::route::Route;
use crate::wizard::pages::{inline_page, Section};
use crate::wizard::steps::{applies, index, link_asked, steps, Step};

/// The summary of every answer (a render function: no state of its own).
pub fn check_answers(a: &Answers) -> Html {
    let all = steps(a);
    let mut missing = 0usize;
    let sections = Section::ALL.iter().filter_map(|section| {
        let mine: Vec<&Step> = all.iter().filter(|s| s.section() == *section).collect();
        if mine.is_empty() {
            return None;
        }
        let rows: Vec<Html> = mine
            .iter()
            .flat_map(|step| {
                // The step's first row carries the id Continue comes back to.
                let anchor = format!("kh-change-{}", step.id());
                let change = |question: Option<&str>| {
                    Route::Step {
                        id: step.id(),
                        from_check: true,
                        question: question.map(str::to_owned),
                    }
                    .hash()
                };
                match step {
                    Step::List(list) => {
                        let names: Vec<String> =
                            list.items(a).into_iter().map(|(_, n)| n).collect();
                        let shown = if names.is_empty() {
                            "None".to_owned()
                        } else {
                            names.join(", ")
                        };
                        let key = format!("{}s", list.noun());
                        let mut rows = vec![row(
                            &crate::ui::capitalise(&key),
                            &shown,
                            &change(None),
                            &key,
                            Some(anchor),
                        )];
                        // The questions asked beside each item on the list's page.
                        for (i, name) in names.iter().enumerate() {
                            let item = Some((*list, i));
                            for q in inline_page(*list)
                                .into_iter()
                                .flat_map(|p| p.questions())
                                .filter(|q| applies(a, item, q))
                            {
                                let value = q.get(a, i);
                                if value.is_none() {
                                    missing += 1;
                                }
                                let shown = crate::ui::shown_answer(q, value);
                                let key = format!("{name}: {}", q.label);
                                let target = question_anchor(item, q, true);
                                let id = Some(format!("kh-change-{}.{target}", step.id()));
                                rows.push(row(&key, shown, &change(Some(&target)), &key, id));
                            }
                        }
                        rows
                    }
                    Step::Page(p, item) => {
                        let prefix = item
                            .and_then(|(l, i)| l.items(a).get(i).map(|(_, n)| n.clone()))
                            .map(|n| format!("{n}: "))
                            .unwrap_or_default();
                        // The step's first row carries the step's id; every other row its own
                        // (`step.question`), which Continue from its Change link returns to.
                        let mut anchor = Some(anchor);
                        let step_id = step.id();
                        let mut id_for = |q: &str| {
                            anchor
                                .take()
                                .or_else(|| Some(format!("kh-change-{step_id}.{q}")))
                        };
                        // A "Select all that apply" group is one row, where its first box is.
                        let group = Group::of(p, a, *item);
                        let first = group.first();
                        let link = link_asked(p, *item, a);
                        let mut rows = Vec::new();
                        for q in p
                            .questions()
                            .filter(|q| applies(a, *item, q))
                            .filter(|q| q.control != Control::Checkbox || first == Some(*q))
                        {
                            if q.control == Control::Checkbox {
                                let (shown, done) = group.summary();
                                if !done {
                                    missing += 1;
                                }
                                let title = if p.group.is_empty() { p.title } else { p.group };
                                let key = format!("{prefix}{title}");
                                rows.push(row(
                                    &key,
                                    &shown,
                                    &change(Some(q.id)),
                                    &key,
                                    id_for(q.id),
                                ));
                                continue;
                            }
                            let value = q.get(a, index(*item));
                            if value.is_none() {
                                missing += 1;
                            }
                            let shown = crate::ui::shown_answer(q, value);
                            let key = format!("{prefix}{}", q.label);
                            rows.push(row(&key, shown, &change(Some(q.id)), &key, id_for(q.id)));
                            // The link is shown under the question it follows, like any answer.
                            if let Some((list, i, _)) = link.filter(|(_, _, parent)| *parent == q) {
                                let shown = list.linked_name(a, i).unwrap_or_else(|| {
                                    missing += 1;
                                    "Not answered".to_owned()
                                });
                                let key = format!("{prefix}{LINK_LABEL}");
                                let target = link_question_id(list);
                                rows.push(row(
                                    &key,
                                    &shown,
                                    &change(Some(target)),
                                    &key,
                                    id_for(target),
                                ));
                            }
                        }
                        rows
                    }
                }
            })
            .collect();
        Some(html! {
            <section class="kh-check-section">
                { crate::ui::heading(2, "", "", Html::from(section.title())) }
                <dl class="kh-summary">{ for rows }</dl>
            </section>
        })
    });
    let sections: Vec<Html> = sections.collect();
    html! {
        <section class="kh-check">
            <a class="kh-back" href={"#/tasks"}>{ "Back" }</a>
            { crate::ui::heading(1, "kh-heading", "kh-title", Html::from("Check your answers")) }
            { for sections }
            if missing > 0 {
                <p class="kh-warning-text">{ format!("{missing} question(s) are not answered yet. The report treats them as “I don't know” and tells you where to look.") }</p>
            }
            { crate::ui::heading(2, "", "", Html::from("Now see your report")) }
            <p>{ "The report is worked out in your browser from these answers. You can come back and change them at any time." }</p>
            <a class="kh-button" href={"#/report"}>{ "See your report" }</a>
        </section>
    }
}

fn row(key: &str, value: &str, change: &str, hidden: &str, id: Option<String>) -> Html {
    html! {
        <div class="kh-summary-row">
            <dt class="kh-summary-key">{ key.to_owned() }</dt>
            <dd class="kh-summary-value">{ value.to_owned() }</dd>
            <dd class="kh-summary-action">
                <a {id} href={format!("#{change}")}>{ "Change" }<span class="kh-visually-hidden">{ format!(" {hidden}") }</span></a>
            </dd>
        </div>
    }
}
