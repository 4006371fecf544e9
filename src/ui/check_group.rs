//! A page's "Select all that apply" group, GOV.UK checkboxes: one box for each of the page's
//! `Control::Checkbox` questions, the questions a ticked box reveals beneath it, then "None of
//! these" and "I'm not sure which — tell me how to check".
//!
//! Why boxes rather than a Yes / No / I don't know row per question: an environment running two of
//! twelve apps took twelve answers; now it takes two ticks. The answers stay yes/no per question
//! (the facts the rules read don't change): ticked is "yes", a box left clear becomes "no" when the
//! page is continued, "None of these" is every box "no", and "I'm not sure which" makes every box
//! left clear "I don't know", so the report lists them as things to verify.

use keyholder_engine::facts::UNKNOWN;
use keyholder_engine::questions::{Control, Question, When};
use keyholder_engine::Answers;
use yew::prelude::*;

use crate::ui::question_page::field_id;
use crate::wizard::pages::PageDef;
use crate::wizard::steps::{applies, index, Item};
use crate::wizard::store::Msg;

const YES: &str = "yes";
const NO: &str = "no";

/// The group of one page, for one item, as the answers stand.
pub struct Group {
    page: &'static PageDef,
    item: Item,
    /// The boxes asked now, in registry order, with their answers and whether each is revealed
    /// under another box.
    boxes: Vec<(&'static Question, Option<&'static str>, bool)>,
}

impl Group {
    /// The group of `page` for `item`.
    pub fn of(page: &'static PageDef, a: &Answers, item: Item) -> Group {
        let boxes = page
            .questions()
            .filter(|q| q.control == Control::Checkbox && applies(a, item, q))
            .map(|q| (q, q.get(a, index(item)), parent(page, q).is_some()))
            .collect();
        Group { page, item, boxes }
    }

    /// Whether the group is all the page asks (its legend is then the page's heading).
    pub fn is_whole_page(&self) -> bool {
        self.page.group.is_empty() && !self.boxes.is_empty()
    }

    /// The first box (the group's error and its Change link point at it).
    pub fn first(&self) -> Option<&'static Question> {
        self.top().next().map(|(q, _)| q)
    }

    /// Whether the question is drawn beneath a box rather than on its own.
    pub fn is_revealed(&self, q: &Question) -> bool {
        parent(self.page, q).is_some()
    }

    fn top(&self) -> impl Iterator<Item = (&'static Question, Option<&'static str>)> + '_ {
        self.boxes
            .iter()
            .filter(|(_, _, nested)| !nested)
            .map(|(q, v, _)| (*q, *v))
    }

    /// "None of these": every box asked says "no".
    fn none(&self) -> bool {
        self.top().next().is_some() && self.top().all(|(_, v)| v == Some(NO))
    }

    /// "I'm not sure which": some box says "I don't know".
    fn not_sure(&self) -> bool {
        self.boxes.iter().any(|(_, v, _)| *v == Some(UNKNOWN))
    }

    /// Whether the group has an answer: a tick, "None of these" or "I'm not sure which".
    pub fn is_answered(&self) -> bool {
        self.boxes.is_empty()
            || self.none()
            || self
                .boxes
                .iter()
                .any(|(_, v, _)| matches!(*v, Some(YES) | Some(UNKNOWN)))
    }

    /// The group's answer in words, for Check your answers, and whether it is complete: the
    /// ticked boxes' labels, "None of these", or what is not known.
    pub fn summary(&self) -> (String, bool) {
        if self.none() {
            return ("None of these".to_owned(), true);
        }
        let ticked: Vec<&str> = self
            .boxes
            .iter()
            .filter(|(_, v, _)| *v == Some(YES))
            .map(|(q, _, _)| q.label)
            .collect();
        let shown = match (ticked.is_empty(), self.not_sure()) {
            (true, true) => "Not sure which".to_owned(),
            (false, true) => format!("{}; not sure about the others", ticked.join(", ")),
            (false, false) => ticked.join(", "),
            (true, false) => "Not answered".to_owned(),
        };
        let done = self.boxes.iter().all(|(_, v, _)| v.is_some());
        (shown, done)
    }

    /// The message that makes every box left clear a "no", or "I don't know" while "I'm not sure
    /// which" is ticked (a box that appeared since, under a new tick, is as unknown as the rest);
    /// none when nothing is left clear.
    pub fn settle(&self) -> Option<Msg> {
        let clear_is = self.clear_is();
        let clear: Vec<_> = self
            .boxes
            .iter()
            .filter(|(_, v, _)| v.is_none())
            .map(|(q, _, _)| (*q, index(self.item), Some(clear_is)))
            .collect();
        (!clear.is_empty()).then_some(Msg::Answers(clear))
    }

    /// What a clear box means now: "no", or "I don't know" while "I'm not sure which" is ticked.
    fn clear_is(&self) -> &'static str {
        if self.not_sure() {
            UNKNOWN
        } else {
            NO
        }
    }

    /// `(question, value)` for `q` set to `value`, and everything revealed under it cleared: an
    /// untick takes its follow-ups with it, so a later tick asks them afresh.
    fn with_revealed_cleared(
        &self,
        q: &'static Question,
        value: Option<&'static str>,
    ) -> Vec<(&'static Question, usize, Option<&'static str>)> {
        let at = index(self.item);
        let mut out = vec![(q, at, value)];
        let mut parents = vec![q];
        while let Some(p) = parents.pop() {
            for child in self
                .page
                .questions()
                .filter(|x| parent(self.page, x) == Some(p))
            {
                out.push((child, at, None));
                parents.push(child);
            }
        }
        out
    }

    /// Every box of `which` set to `value`.
    fn set_all(
        &self,
        which: impl Fn(Option<&'static str>, bool) -> bool,
        value: Option<&'static str>,
    ) -> Msg {
        Msg::Answers(
            self.boxes
                .iter()
                .filter(|(_, v, nested)| which(*v, *nested))
                .map(|(q, _, _)| (*q, index(self.item), value))
                .collect(),
        )
    }
}

/// The box a question is revealed under: its condition is "yes" to a box on the same page.
fn parent(page: &PageDef, q: &Question) -> Option<&'static Question> {
    match q.when {
        When::Is(p, YES) if p.control == Control::Checkbox && page.questions().any(|x| x == p) => {
            Some(p)
        }
        _ => None,
    }
}

/// The group, drawn. `render` draws a question that isn't a box (revealed under a ticked box).
pub fn view(
    group: &Group,
    page: &'static PageDef,
    item: Item,
    single: bool,
    error: Option<String>,
    render: &dyn Fn(&'static Question) -> Html,
    dispatch: Callback<Msg>,
) -> Html {
    let Some(first) = group.first() else {
        return Html::default();
    };
    let id = format!("{}-group", field_id(item, first));
    let legend = if single {
        html! { <legend class="kh-legend kh-legend-page">{ crate::ui::heading(1, "kh-heading", "kh-title", Html::from(page.title)) }</legend> }
    } else {
        html! { <legend class="kh-legend">{ page.group }</legend> }
    };
    let draw = Draw {
        group,
        page,
        item,
        render,
        dispatch: &dispatch,
    };
    let none = group.none();
    let not_sure = group.not_sure();
    let on_none = {
        let dispatch = dispatch.clone();
        let tick = Msg::Answers(
            group
                .top()
                .flat_map(|(q, _)| group.with_revealed_cleared(q, Some(NO)))
                .collect(),
        );
        let clear = group.set_all(|_, nested| !nested, None);
        Callback::from(move |e: Event| {
            let ticked = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            dispatch.emit(if ticked { tick.clone() } else { clear.clone() });
        })
    };
    let on_not_sure = {
        let dispatch = dispatch.clone();
        let (tick, clear) = (
            group.set_all(|v, _| v != Some(YES), Some(UNKNOWN)),
            group.set_all(|v, _| v == Some(UNKNOWN), None),
        );
        Callback::from(move |e: Event| {
            let ticked = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            dispatch.emit(if ticked { tick.clone() } else { clear.clone() });
        })
    };
    let guide = not_sure.then(|| how_to_check(group));
    let (hint_id, error_id, described) = crate::ui::described_by(&id, error.is_some());
    let error_html = error.map(|m| html! { <p class="kh-error-message" id={error_id.clone()}><span class="kh-visually-hidden">{ "Error: " }</span>{ m }</p> });
    html! {
        <div key={id.clone()} class={if error_html.is_some() { "kh-form-group kh-form-group-error" } else { "kh-form-group" }}>
            <fieldset class="kh-fieldset" aria-describedby={described} id={format!("kh-question-{}", first.id)} tabindex="-1">
                { legend }
                <p class="kh-hint" id={hint_id}>{ "Select all that apply." }</p>
                { for error_html }
                <div class="kh-checkboxes">
                    { for draw.boxes_under(None) }
                    <p class="kh-checkboxes-divider">{ "or" }</p>
                    <div class="kh-checkbox">
                        <input type="checkbox" class="kh-checkbox-input" id={format!("{id}-none")} checked={none} onchange={on_none} />
                        <label class="kh-checkbox-label" for={format!("{id}-none")}>{ "None of these" }</label>
                    </div>
                    <div class="kh-checkbox">
                        <input type="checkbox" class="kh-checkbox-input" id={format!("{id}-unsure")} checked={not_sure} onchange={on_not_sure} />
                        <label class="kh-checkbox-label" for={format!("{id}-unsure")}>{ "I'm not sure which — tell me how to check" }</label>
                    </div>
                    { for guide }
                </div>
            </fieldset>
        </div>
    }
}

/// What drawing the boxes needs (a struct, since a box's reveal draws boxes of its own).
struct Draw<'a> {
    group: &'a Group,
    page: &'static PageDef,
    item: Item,
    render: &'a dyn Fn(&'static Question) -> Html,
    dispatch: &'a Callback<Msg>,
}

impl Draw<'_> {
    /// The boxes revealed under `parent` (the group's own boxes for `None`), each with what it
    /// reveals when ticked.
    fn boxes_under(&self, parent: Option<&'static Question>) -> Vec<Html> {
        let at = index(self.item);
        self.group
            .boxes
            .iter()
            .filter(|(q, _, _)| self::parent(self.page, q) == parent)
            .map(|(q, v, _)| {
                let q: &'static Question = q;
                let input = field_id(self.item, q);
                let checked = *v == Some(YES);
                let onchange = {
                    let dispatch = self.dispatch.clone();
                    let tick = Msg::Answers(vec![(q, at, Some(YES))]);
                    let untick = Msg::Answers(
                        self.group
                            .with_revealed_cleared(q, Some(self.group.clear_is())),
                    );
                    Callback::from(move |e: Event| {
                        let ticked = e
                            .target_unchecked_into::<web_sys::HtmlInputElement>()
                            .checked();
                        dispatch.emit(if ticked { tick.clone() } else { untick.clone() });
                    })
                };
                // What a ticked box reveals: its own boxes, and the questions that follow it.
                let mut revealed = Vec::new();
                if checked {
                    revealed = self.boxes_under(Some(q));
                    revealed.extend(
                        self.page
                            .questions()
                            .filter(|x| x.control != Control::Checkbox)
                            .filter(|x| self::parent(self.page, x) == Some(q))
                            .map(self.render),
                    );
                }
                html! {
                    <div class="kh-checkbox-item" key={input.clone()}>
                        <div class="kh-checkbox">
                            <input type="checkbox" class="kh-checkbox-input" id={input.clone()} {checked} {onchange}
                                aria-describedby={format!("{input}-hint")} />
                            <label class="kh-checkbox-label" for={input.clone()}>{ q.label }</label>
                        </div>
                        <p class="kh-hint kh-checkbox-hint" id={format!("{input}-hint")}>{ q.why }</p>
                        if !revealed.is_empty() {
                            <div class="kh-checkboxes-conditional">{ for revealed }</div>
                        }
                    </div>
                }
            })
            .collect()
    }
}

/// Where to look for each box left "I don't know": one line per place, naming its boxes.
fn how_to_check(group: &Group) -> Html {
    let mut places: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for (q, v, _) in &group.boxes {
        if *v != Some(UNKNOWN) || q.how_to_find.is_empty() {
            continue;
        }
        match places.iter_mut().find(|(how, _)| *how == q.how_to_find) {
            Some((_, labels)) => labels.push(q.label),
            None => places.push((q.how_to_find, vec![q.label])),
        }
    }
    html! {
        <div class="kh-checkboxes-conditional kh-how-to-check">
            <p>{ "Where to look (the report lists these as things to check, too):" }</p>
            <ul>
                { for places.into_iter().map(|(how, labels)| html! {
                    <li><strong>{ labels.join(", ") }</strong>{ ": " }{ how }</li>
                }) }
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::pages::{page, ItemList};
    use crate::wizard::store::apply;
    use keyholder_engine::questions as q;

    fn env_page() -> (&'static PageDef, Item, Answers) {
        let a = apply(
            &Answers::default(),
            Msg::Add(ItemList::Environments, "Prod".into()),
        )
        .unwrap();
        let p = page(Some(ItemList::Environments), "setup").unwrap();
        (p, Some((ItemList::Environments, 0)), a)
    }

    fn with(a: &Answers, msg: Msg) -> Answers {
        apply(a, msg).unwrap_or_else(|| a.clone())
    }

    #[test]
    fn continue_makes_clear_boxes_no_or_unknown_while_not_sure() {
        let (p, item, a) = env_page();
        assert!(!Group::of(p, &a, item).is_answered(), "nothing ticked yet");
        let a = with(&a, Msg::Answers(vec![(&q::ENV_SALES, 0, Some(YES))]));
        let group = Group::of(p, &a, item);
        assert!(group.is_answered());
        let settled = with(&a, group.settle().unwrap());
        assert_eq!(q::ENV_CHAT.get(&settled, 0), Some(NO));
        assert_eq!(
            q::ENV_SALES_FORECASTING.get(&settled, 0),
            Some(NO),
            "a nested box too"
        );
        // "I'm not sure which": a box that appears later is as unknown as the rest.
        let (_, _, fresh) = env_page();
        let unsure = with(
            &fresh,
            Group::of(p, &fresh, item).set_all(|v, _| v != Some(YES), Some(UNKNOWN)),
        );
        let unsure = with(&unsure, Msg::Answers(vec![(&q::ENV_SALES, 0, Some(YES))]));
        let group = Group::of(p, &unsure, item);
        assert!(group.not_sure());
        let settled = with(&unsure, group.settle().unwrap());
        assert_eq!(q::ENV_SALES_FORECASTING.get(&settled, 0), Some(UNKNOWN));
        assert_eq!(q::ENV_CHAT.get(&settled, 0), Some(UNKNOWN));
    }

    #[test]
    fn untick_and_none_of_these_clear_what_the_box_revealed() {
        let (p, item, a) = env_page();
        let a = with(
            &a,
            Msg::Answers(vec![
                (&q::ENV_SALES, 0, Some(YES)),
                (&q::ENV_SALES_FORECASTING, 0, Some(YES)),
            ]),
        );
        let group = Group::of(p, &a, item);
        let untick = with(
            &a,
            Msg::Answers(group.with_revealed_cleared(&q::ENV_SALES, Some(NO))),
        );
        assert_eq!(q::ENV_SALES.get(&untick, 0), Some(NO));
        assert_eq!(q::ENV_SALES_FORECASTING.get(&untick, 0), None);
        let none: Vec<_> = group
            .top()
            .flat_map(|(b, _)| group.with_revealed_cleared(b, Some(NO)))
            .collect();
        let none = with(&a, Msg::Answers(none));
        let group = Group::of(p, &none, item);
        assert!(group.none() && group.is_answered());
        assert_eq!(q::ENV_SALES_FORECASTING.get(&none, 0), None);
        assert_eq!(group.summary(), ("None of these".to_owned(), true));
    }
}
