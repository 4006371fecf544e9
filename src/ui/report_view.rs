//! The sovereignty report on screen and on paper: three separate verdicts (key control, residency,
//! operator access), then blockers, the component matrix with sources, risks, actions with a
//! what-if control, residency and operator-access findings, what CMK does not do, verify steps,
//! what the tool does not assess, the sources and how old the facts are.
//!
//! The report is derived from the answers on every render, never stored. The only state here is
//! what the user is trying out (the what-if choice) and the share-link box; the brief's cover
//! details are answers like any other, so they travel with exports and links.

use keyholder_engine::export::{self, file_name};
use keyholder_engine::markdown::to_markdown;
use keyholder_engine::model::{ResidencyLevel, Status};
use keyholder_engine::report::{self as rep, count, Citation, Cover, LevelledFinding, Report};
use keyholder_engine::{evaluate, evaluate_with, share, Answers, ValidAnswers};
use std::rc::Rc;

use yew::prelude::*;

use crate::browser;
use crate::config::Config;
use crate::wizard::store::{clean_name, CoverDetail, Msg};

fn status_class(s: Status) -> &'static str {
    match s {
        Status::CustomerKey => "kh-status kh-status-ok",
        Status::Partial | Status::Verify => "kh-status kh-status-warn",
        Status::MicrosoftKey | Status::Blocked => "kh-status kh-status-bad",
        Status::NotApplicable => "kh-status",
    }
}

fn sources(c: &[Citation]) -> Html {
    html! {
        <ul class="kh-sources">
            { for c.iter().map(|s| {
                // The date is left out on paper, where the list of sources gives it once.
                let text = html! { <>{ s.id }<span class="kh-src-date">{ format!(" ({})", s.date.unwrap_or("undated")) }</span></> };
                html! {
                    <li>
                        if let Some(url) = &s.url {
                            <a href={*url} title={s.title} rel="noreferrer noopener" target="_blank">{ text }</a>
                        } else {
                            <span title={s.title}>{ text }</span>
                        }
                    </li>
                }
            }) }
        </ul>
    }
}

/// Classification labels offered for the brief (a brand may preset another).
const CLASSIFICATIONS: [&str; 4] = ["Public", "Internal", "Confidential", "Highly confidential"];

/// Properties of [`ReportPage`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReportProps {
    /// The answers (the report is derived from them).
    pub answers: Answers,
    /// The store, for the brief's cover details.
    pub dispatch: Callback<Msg>,
    /// Brand and theme.
    #[prop_or_default]
    pub config: std::rc::Rc<Config>,
    /// Today's date (ISO), for the cover and file names.
    pub today: AttrValue,
    /// Called with the headline verdicts when the report is shown (embedding's opt-in message).
    #[prop_or_default]
    pub on_shown: Callback<(usize, usize, usize)>,
    /// Called when the user confirms deleting their answers from this browser.
    #[prop_or_default]
    pub on_delete: Callback<()>,
    /// Someone else's assessment, opened from a share link to look at: nothing of it is saved, so
    /// the cover details can't be edited and there is nothing here to delete.
    #[prop_or_default]
    pub view_only: bool,
}

/// The report page. In the browser the report's prose (rule reasons, actions) arrives on first use
/// (`keyholder_engine::prose`): until it is there the page says it is preparing the report; if it
/// can't be fetched it says so and offers to try again. The answers are never touched.
#[function_component(ReportPage)]
pub fn report_page(props: &ReportProps) -> Html {
    // `Some(Ok)` ready, `Some(Err)` failed, `None` loading.
    let state = use_state(|| {
        keyholder_engine::prose::ready().then_some(Ok::<(), browser::ProseProblem>(()))
    });
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with(*attempt, move |_| {
            if state.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    state.set(Some(browser::load_prose().await));
                });
            }
        });
    }
    // The page's heading (the report's, or the problem's) arrived only now: give it the focus a
    // page change gives, unless the user has put focus somewhere meanwhile.
    use_effect_with(*state, move |settled| {
        if settled.is_some() {
            browser::focus_if_lost("kh-heading");
        }
    });
    match &*state {
        Some(Ok(())) => html! { <ReportBody ..props.clone() /> },
        Some(Err(problem)) => {
            let advice = match problem {
                browser::ProseProblem::Network => "Check your connection, then try again.",
                browser::ProseProblem::Release => {
                    "A newer release of Keyholder may have been published: reload the page."
                }
            };
            let retry = {
                let (state, attempt) = (state.clone(), attempt.clone());
                Callback::from(move |_: MouseEvent| {
                    state.set(None);
                    attempt.set(*attempt + 1);
                })
            };
            unavailable("the report's text could not be loaded", advice, retry)
        }
        None => preparing(),
    }
}

/// Answers that can't be read (they fail validation): the way back to them.
pub fn cannot_build() -> Html {
    html! {
        <section>
            { crate::ui::heading(1, "kh-heading", "kh-title", Html::from("We can't build the report yet")) }
            <p>{ "Some of your answers can't be read. Check them, then come back to the report." }</p>
            <a class="kh-button" href={"#/check"}>{ "Check your answers" }</a>
        </section>
    }
}

/// What the page shows while the report's files arrive (the same words whichever part is late,
/// so nothing jumps when one follows the other). It stands in for the page's heading: a page
/// change gives it the focus, and when it goes the heading that replaces it takes the focus over.
pub fn preparing() -> Html {
    loading("Preparing your report…")
}

/// A page's content on its way: the sentence stands in for the heading (see [`preparing`]).
pub fn loading(text: &'static str) -> Html {
    html! {
        <section aria-busy="true">
            <p class="kh-lead" role="status" id="kh-heading" tabindex="-1">{ text }</p>
        </section>
    }
}

/// The report can't be shown because a file didn't arrive: what failed, what to do, and a way to
/// try again. The answers are never touched.
pub fn unavailable(what: &str, advice: &str, retry: Callback<MouseEvent>) -> Html {
    html! {
        <section>
            { crate::ui::heading(1, "kh-heading", "kh-title", Html::from("We can't show the report just now")) }
            <p role="alert">{ format!("Sorry: {what}. Nothing you answered is lost. {advice}") }</p>
            <button type="button" class="kh-button" onclick={retry}>{ "Try again" }</button>
            <p><a href={"#/check"}>{ "Back to your answers" }</a></p>
        </section>
    }
}

#[function_component(ReportBody)]
fn report_body(props: &ReportProps) -> Html {
    let chosen = use_state(Vec::<&'static str>::new);
    let link = use_state(|| None::<(String, Option<bool>)>);
    let confirming = use_state(|| false);
    crate::ui::use_focus_when_asking(*confirming);
    // Validated and evaluated once per answers, not on every render (typing a cover detail or
    // making a share link re-renders the page).
    let assessed = use_memo(props.answers.clone(), |a| {
        a.clone()
            .validate()
            .ok()
            .map(|v| (Rc::new(evaluate(&v)), v))
    });
    let what_if = {
        let assessed = assessed.clone();
        use_memo(
            (props.answers.clone(), (*chosen).clone()),
            move |(_, chosen)| {
                let (_, valid) = (*assessed).as_ref()?;
                (!chosen.is_empty()).then(|| evaluate_with(valid, chosen))
            },
        )
    };
    {
        let on_shown = props.on_shown.clone();
        let figures = (*assessed).as_ref().map(|(r, _)| {
            (
                r.key_control.customer_key,
                r.key_control.in_scope,
                r.residency.gaps,
            )
        });
        use_effect_with(figures, move |f| {
            if let Some(f) = f {
                on_shown.emit(*f);
            }
        });
    }
    let Some((report, valid)) = (*assessed).as_ref() else {
        return cannot_build();
    };
    let cfg = &props.config;
    let mut cover = Cover::new(&props.answers.brief, &props.today);
    if cover.classification.is_none() {
        cover.classification = cfg.classification.clone();
    }
    let toggle = {
        let chosen = chosen.clone();
        Callback::from(move |id: &'static str| {
            let mut next = (*chosen).clone();
            match next.iter().position(|c| *c == id) {
                Some(i) => {
                    next.remove(i);
                }
                None => next.push(id),
            }
            chosen.set(next);
        })
    };

    {
        let header = running_header(&cover, report);
        use_effect_with(header, |header| {
            browser::set_print_header(header.as_deref());
            || browser::set_print_header(None)
        });
    }

    html! {
        <article class="kh-report">
            <a class="kh-back kh-noprint" href={"#/check"}>{ "Back to your answers" }</a>
            { cover_block(&cover, report, cfg) }
            { crate::ui::heading(1, "kh-heading", "kh-title kh-noprint", Html::from("Your sovereignty report")) }
            { crate::ui::heading(2, "", "kh-print-only", Html::from("Executive summary")) }
            <p class="kh-lead">{ "Three separate questions, three separate verdicts: who holds the key to your data at rest, where the data lives, and who at Microsoft can look at it while it is in use." }</p>
            { draft_notice(report) }
            { verdicts(report) }
            // On paper these share page 1 with the verdicts, side by side; the rest is the appendix.
            <div class="kh-page-one">
                { picture(report) }
                <div>
                    { do_first(report) }
                    { blockers(report) }
                </div>
            </div>
            <div class="kh-appendix">
            { crate::ui::heading(2, "", "kh-print-only kh-appendix-title", Html::from("Appendix: the findings in detail")) }
            { estate(valid) }
            { matrix(report) }
            { risks(report) }
            { actions(report, &chosen, (*what_if).as_ref(), &toggle) }
            <crate::ui::compare_view::CompareSection now={valid.clone()} today={props.today.clone()} />
            { residency(report) }
            { access(report) }
            { limits(report) }
            { verify(report) }
            { not_assessed() }
            </div>
            { toolbar(props, valid, report, &cover, &link) }
            if !props.view_only {
                { your_data(props, &confirming) }
            }
            { source_list(report) }
            { about(report) }
        </article>
    }
}

fn cover_block(cover: &Cover, r: &Report, cfg: &Config) -> Html {
    let rows = [
        ("Organisation", cover.organisation.clone()),
        ("Prepared by", cover.prepared_by.clone()),
        ("Date", Some(cover.date.clone())),
        ("Rules version", Some(r.rules_version.to_owned())),
        ("Classification", cover.classification.clone()),
    ];
    html! {
        <header class="kh-cover kh-print-only">
            if let Some(class) = &cover.classification {
                <p class="kh-classification">{ class.clone() }</p>
            }
            if let Some(name) = &cfg.brand {
                <p class="kh-cover-brand">
                    if let Some(logo) = &cfg.logo { <img src={logo.clone()} alt="" class="kh-logo" /> }
                    { name.clone() }
                </p>
            }
            <p class="kh-cover-title">{ format!("Keyholder: {}", cover.title) }</p>
            <p class="kh-cover-sub">{ "Who holds the keys to our Dynamics 365 and Power Platform data, and where does it live?" }</p>
            <dl class="kh-cover-details">
                { for rows.into_iter().filter_map(|(k, v)| v.map(|v| html! {
                    <div><dt>{ k }</dt><dd>{ v }</dd></div>
                })) }
            </dl>
        </header>
    }
}

/// The estate at a glance (`keyholder_engine::picture`), the same on screen and on paper; on a
/// narrow screen it scrolls sideways in its own box, which takes the focus so a keyboard can too.
fn picture(r: &Report) -> Html {
    let Some(d) = keyholder_engine::picture::draw(r) else {
        return Html::default();
    };
    html! {
        <section class="kh-picture" aria-labelledby="kh-picture">
            { crate::ui::heading(2, "kh-picture", "", Html::from("Your estate at a glance")) }
            <div class="kh-picture-box" tabindex="0" role="region" aria-label="Estate picture (scrolls sideways on a narrow screen)">
                <svg class="kh-picture-svg" viewBox={format!("0 0 {} {}", d.width, d.height)} width={d.width.to_string()} height={d.height.to_string()}
                    role="img" aria-labelledby="kh-pic-title kh-pic-desc">
                    <title id="kh-pic-title">{ "Your estate at a glance" }</title>
                    <desc id="kh-pic-desc">{ d.summary }</desc>
                    { for d.shapes.iter().map(shape) }
                </svg>
            </div>
        </section>
    }
}

/// One shape of the picture as an SVG element (names are text nodes, never markup).
fn shape(s: &keyholder_engine::picture::Shape) -> Html {
    use keyholder_engine::picture::Shape;
    match s {
        Shape::Text {
            x,
            y,
            class,
            middle,
            text,
            title,
        } => html! {
            <text class={*class} x={x.to_string()} y={y.to_string()} text-anchor={middle.then_some("middle")}>
                if let Some(t) = title { <title>{ t.clone() }</title> }
                { text.clone() }
            </text>
        },
        Shape::Rect {
            x,
            y,
            width,
            height,
            class,
        } => html! {
            <rect class={class.clone()} x={x.to_string()} y={y.to_string()} width={width.to_string()} height={height.to_string()} rx="3" />
        },
        Shape::Path { class, d } => html! { <path class={class.clone()} d={d.clone()} /> },
        Shape::Group { title, shapes } => html! {
            <g><title>{ title.clone() }</title>{ for shapes.iter().map(shape) }</g>
        },
    }
}

/// "Draft — 7 questions unanswered", on screen with a way back to the questions.
fn draft_notice(r: &Report) -> Html {
    let Some(draft) = rep::draft_notice(r.draft) else {
        return Html::default();
    };
    html! {
        <p class="kh-draft" role="note">
            <strong>{ format!("{draft}.") }</strong>
            { " Until every question is answered these verdicts are not final. " }
            <a class="kh-noprint" href={"#/tasks"}>{ "Finish the assessment" }</a>
        </p>
    }
}

/// The line printed at the top of every page: the classification and, for a draft, that it is one.
fn running_header(cover: &Cover, r: &Report) -> Option<String> {
    let parts: Vec<String> = cover
        .classification
        .iter()
        .cloned()
        .chain(rep::draft_notice(r.draft).map(|d| format!("{d}.")))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The first three actions, in the order that works (prerequisites first), with what each does.
fn do_first(r: &Report) -> Html {
    if r.actions.is_empty() {
        return Html::default();
    }
    html! {
        <section aria-labelledby="kh-first" class="kh-first">
            { crate::ui::heading(2, "kh-first", "", Html::from("Do this first")) }
            <ol>
                { for r.actions.iter().take(3).map(|a| {
                    let effect = rep::effect(a).map(|e| format!(" — {e}")).unwrap_or_default();
                    let places = a.places.iter().map(|p| p.describe()).collect::<Vec<_>>().join(", ");
                    html! { <li><strong>{ a.title }</strong>{ effect }<span class="kh-place">{ places }</span></li> }
                }) }
            </ol>
            if r.actions.len() > 3 {
                <p class="kh-hint">{ format!("{} more under \u{201c}What to do next\u{201d}.", r.actions.len() - 3) }</p>
            }
        </section>
    }
}

fn verdicts(r: &Report) -> Html {
    let k = &r.key_control;
    let can = k.in_scope - k.never;
    let fixable_mmk = k.microsoft_key - k.never;
    let counts = [
        (k.partial, "partly under your key", "partly under your key"),
        (
            fixable_mmk,
            "on Microsoft's key that you can change",
            "on Microsoft's key that you can change",
        ),
        (k.blocked, "blocked", "blocked"),
        (k.verify, "to verify", "to verify"),
        (
            k.never,
            "stays on Microsoft's key by design",
            "stay on Microsoft's key by design",
        ),
    ];
    let places = |v: &keyholder_engine::report::Verdict| {
        let names: Vec<String> = v
            .gap_places()
            .into_iter()
            .map(|p| {
                if p.name.is_empty() {
                    "tenant-wide".to_owned()
                } else {
                    p.name.to_string()
                }
            })
            .collect();
        (!names.is_empty())
            .then(|| html! { <p class="kh-where">{ format!("Where: {}", names.join(", ")) }</p> })
    };
    html! {
        <div class="kh-verdicts">
            <section class="kh-verdict" aria-labelledby="kh-v-key">
                { crate::ui::heading(2, "kh-v-key", "", Html::from("Key control")) }
                <p class="kh-verdict-figure">{ format!("{} of {}", k.customer_key, can) }<span>{ " that can be under your key are there" }</span></p>
                <p>{ k.headline.clone() }</p>
                <ul class="kh-counts">
                    { for counts.into_iter().filter(|(n, _, _)| *n > 0).map(|(n, one, many)| html! { <li>{ count(n, one, many) }</li> }) }
                </ul>
            </section>
            { for [
                ("kh-v-res", "Data residency", " residency gap", " residency gaps", &r.residency),
                ("kh-v-access", "Operator access", " access gap", " access gaps", &r.operator_access),
            ].into_iter().map(|(id, title, one, many, v)| html! {
                <section class="kh-verdict" aria-labelledby={id}>
                    { crate::ui::heading(2, id, "", Html::from(title)) }
                    <p class="kh-verdict-figure">{ v.gaps.to_string() }<span>{ if v.gaps == 1 { one } else { many } }</span></p>
                    <p>{ v.headline.clone() }</p>
                    { for places(v) }
                </section>
            }) }
        </div>
    }
}

fn toolbar(
    props: &ReportProps,
    valid: &ValidAnswers,
    report: &Rc<Report>,
    cover: &Cover,
    link: &UseStateHandle<Option<(String, Option<bool>)>>,
) -> Html {
    let today = props.today.to_string();
    let set = |detail: CoverDetail| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Msg::Cover(detail, clean_name(&input.value())));
        })
    };
    let brief = &props.answers.brief;
    let class_now = cover.classification.clone().unwrap_or_default();
    let mut labels: Vec<String> = CLASSIFICATIONS.iter().map(|c| (*c).to_owned()).collect();
    if !class_now.is_empty() && !labels.contains(&class_now) {
        labels.push(class_now.clone());
    }

    // Each file is written when its button is pressed, not on every render.
    let json = {
        let (today, valid, report) = (today.clone(), valid.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            let text = export::to_json(&valid, &report, &today);
            browser::download(
                &file_name("assessment", &today, "json"),
                "application/json",
                &text,
            )
        })
    };
    let csv = {
        let (today, report) = (today.clone(), report.clone());
        Callback::from(move |_: MouseEvent| {
            let text = export::to_csv(&report);
            browser::download(&file_name("findings", &today, "csv"), "text/csv", &text)
        })
    };
    let md = {
        let (today, report, cover) = (today.clone(), report.clone(), cover.clone());
        Callback::from(move |_: MouseEvent| {
            let text = to_markdown(&report, Some(&cover));
            browser::download(&file_name("brief", &today, "md"), "text/markdown", &text)
        })
    };
    let make_link = {
        let link = link.clone();
        let answers = props.answers.clone();
        Callback::from(move |_: MouseEvent| {
            let (link, json) = (link.clone(), share::link_json(&answers));
            wasm_bindgen_futures::spawn_local(async move {
                let Some(packed) = browser::deflate(&json).await else {
                    return link.set(Some((String::new(), Some(false))));
                };
                let url = format!(
                    "{}#/share/{}",
                    browser::page_url(),
                    share::from_deflated(&packed)
                );
                link.set(Some((url.clone(), None)));
                let copied = browser::copy(&url).await;
                link.set(Some((url, Some(copied))));
            });
        })
    };
    html! {
        <section class="kh-panel kh-noprint kh-tools" aria-labelledby="kh-tools">
            { crate::ui::heading(2, "kh-tools", "", Html::from("Print, save and share")) }
            if !props.view_only {
            <p class="kh-hint">{ "The cover details appear on the printed brief and in the Markdown file. They stay in this browser unless you export or share." }</p>
            <div class="kh-form-group">
                <label class="kh-label" for="kh-org">{ "Organisation (optional)" }</label>
                <input class="kh-input" id="kh-org" type="text" maxlength="100" autocomplete="organization"
                    value={brief.organisation.clone().unwrap_or_default()} onchange={set(CoverDetail::Organisation)} />
            </div>
            <div class="kh-form-group">
                <label class="kh-label" for="kh-prepared">{ "Prepared by (optional)" }</label>
                <input class="kh-input" id="kh-prepared" type="text" maxlength="100" autocomplete="name"
                    value={brief.prepared_by.clone().unwrap_or_default()} onchange={set(CoverDetail::PreparedBy)} />
            </div>
            <fieldset class="kh-fieldset kh-form-group">
                <legend class="kh-legend">{ "Classification" }</legend>
                <div class="kh-radios kh-radios-inline">
                    { for labels.iter().enumerate().map(|(i, label)| {
                        let dispatch = props.dispatch.clone();
                        let value = label.clone();
                        let onchange = Callback::from(move |_: Event| dispatch.emit(Msg::Cover(CoverDetail::Classification, Some(value.clone()))));
                        let id = format!("kh-class-{i}");
                        html! {
                            <div class="kh-radio">
                                <input class="kh-radio-input" type="radio" name="kh-class" id={id.clone()} checked={*label == class_now} {onchange} />
                                <label class="kh-radio-label" for={id}>{ label.clone() }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            }
            <div class="kh-button-row">
                <button type="button" class="kh-button" onclick={Callback::from(|_: MouseEvent| browser::print())}>{ "Print / Save as PDF" }</button>
                <button type="button" class="kh-button kh-secondary" onclick={json}>{ "Download answers and report (JSON)" }</button>
                <button type="button" class="kh-button kh-secondary" onclick={csv}>{ "Download findings (CSV)" }</button>
                <button type="button" class="kh-button kh-secondary" onclick={md}>{ "Download brief (Markdown)" }</button>
                <button type="button" class="kh-button kh-secondary" onclick={make_link}>{ "Copy share link" }</button>
            </div>
            if (*link).as_ref().is_some_and(|(url, _)| url.is_empty()) {
                <p class="kh-error-message" role="alert">{ "This browser can't make a share link (it lacks CompressionStream). Download the JSON file instead." }</p>
            }
            if let Some((url, copied)) = (*link).as_ref().filter(|(url, _)| !url.is_empty()) {
                <div class="kh-form-group">
                    <label class="kh-label" for="kh-share">{ "Share link" }</label>
                    <p class="kh-hint" id="kh-share-hint">
                        { "The answers ride in the part after #, which browsers never send to a server. Anyone with the link can read them: share it only with people who may." }
                    </p>
                    <input class="kh-input kh-share" id="kh-share" type="text" readonly=true value={url.clone()} aria-describedby="kh-share-hint" />
                    <p class="kh-hint" role="status">{ match copied {
                        Some(true) => format!("Copied to the clipboard ({} characters).", url.len()),
                        Some(false) => format!("Select the link above and copy it ({} characters).", url.len()),
                        None => String::new(),
                    } }</p>
                </div>
            }
            <p><a href={"#/import"}>{ "Import answers from a file or a share link" }</a></p>
        </section>
    }
}

/// Where the answers are, what the page shares, and the user's "delete them" (asked twice).
fn your_data(props: &ReportProps, confirming: &UseStateHandle<bool>) -> Html {
    let ask = |yes: bool| {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(yes))
    };
    let delete = {
        let on_delete = props.on_delete.clone();
        Callback::from(move |_: MouseEvent| on_delete.emit(()))
    };
    html! {
        <section class="kh-panel kh-noprint" aria-labelledby="kh-your-data">
            { crate::ui::heading(2, "kh-your-data", "", Html::from("Your answers in this browser")) }
            { crate::ui::privacy_notes(&props.config) }
            if **confirming {
                { crate::ui::confirm_delete(3, "Delete your answers?", "This deletes every answer saved in this browser and clears this report. It can't be undone: download the JSON file first if you want a copy.", delete, ask(false)) }
            } else {
                <button type="button" class="kh-button kh-warning" onclick={ask(true)}>{ "Delete my answers from this browser" }</button>
            }
        </section>
    }
}

fn blockers(r: &Report) -> Html {
    if r.blockers.is_empty() {
        return Html::default();
    }
    html! {
        <section aria-labelledby="kh-blockers">
            { crate::ui::heading(2, "kh-blockers", "", Html::from("What blocks your key")) }
            <ul class="kh-findings">
                { for r.blockers.iter().map(|b| html! {
                    <li class="kh-finding"><strong>{ b.place.describe() }</strong>{ ": " }{ prose(b.reason) }{ sources(b.sources) }</li>
                }) }
            </ul>
        </section>
    }
}

/// The estate as answered (`keyholder_engine::estate`): where each place is, whether it is
/// managed and in a key policy, what it is linked to.
fn estate(valid: &ValidAnswers) -> Html {
    let tables = keyholder_engine::estate::as_answered(valid);
    if tables.is_empty() {
        return Html::default();
    }
    html! {
        <section aria-labelledby="kh-estate" class="kh-estate">
            { crate::ui::heading(2, "kh-estate", "", Html::from("Your estate as answered")) }
            { for tables.iter().map(|t| html! {
                <div class="kh-table-wrap">
                <table class="kh-table kh-estate-table">
                    <caption>{ crate::ui::capitalise(t.list.noun()) }{ "s" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Name" }</th>
                        { for t.columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for t.rows.iter().map(|(name, cells)| html! {
                            <tr>
                                <th scope="row">{ name.clone() }</th>
                                { for cells.iter().map(|c| html! { <td>{ c.clone() }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
            }) }
        </section>
    }
}

fn matrix(r: &Report) -> Html {
    html! {
        <section aria-labelledby="kh-matrix" class="kh-page-break">
            { crate::ui::heading(2, "kh-matrix", "", Html::from("Component by component")) }
            <p class="kh-print-only kh-hint">{ "On paper: each finding's first sentence and sources. The Markdown brief and the CSV keep every word." }</p>
            <div class="kh-table-wrap">
            <table class="kh-table kh-matrix-table">
                <thead><tr><th scope="col">{ "Component" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Why" }</th><th scope="col">{ "Sources" }</th></tr></thead>
                <tbody>
                    { for r.components.iter().enumerate().map(|(i, c)| {
                        let cites = c.citations();
                        // On paper the rows are grouped under their place (the place line in each
                        // row is left out there).
                        let new_place = i == 0 || r.components[i - 1].place != c.place;
                        html! {
                            <>
                            if new_place {
                                <tr class="kh-print-only kh-group"><th colspan="4" scope="colgroup">{ c.place.describe() }</th></tr>
                            }
                            <tr>
                                <th scope="row">{ c.name }<span class="kh-place">{ c.place.describe() }</span></th>
                                <td><span class={status_class(c.status)}><span aria-hidden="true">{ c.status.symbol() }{ " " }</span>{ c.status.label() }</span></td>
                                <td>{ for c.findings.iter().map(|f| html! { <p class="kh-why">{ prose(f.reason) }<span class="kh-evidence">{ format!(" [{}]", f.evidence) }</span></p> }) }</td>
                                <td>{ sources(&cites) }</td>
                            </tr>
                            </>
                        }
                    }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

fn risks(r: &Report) -> Html {
    if r.risks.is_empty() {
        return Html::default();
    }
    html! {
        <section aria-labelledby="kh-risks">
            { crate::ui::heading(2, "kh-risks", "", Html::from("Risks")) }
            <ul class="kh-findings">
                { for r.risks.iter().map(|k| html! {
                    <li class="kh-finding">
                        <strong class="kh-severity">{ format!("{} risk", crate::ui::capitalise(k.severity.as_str())) }</strong>
                        { format!(" — {}: ", k.finding.place.describe()) }{ prose(k.finding.reason) }{ sources(k.finding.sources) }
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// What the chosen actions would change, and why a figure doesn't move or rises: components
/// that move (to the customer's key, or elsewhere, e.g. to "verify" when the change rests on an
/// unconfirmed fact), residency and operator-access gaps, blockers and risks closed or opened.
fn what_if_effect(r: &Report, w: &Report, n: usize) -> Html {
    let d = keyholder_engine::compare::diff(r, w);
    let (k, now) = (&w.key_control, &r.key_control);
    // "Dataverse in Prod (environment)", "risk, tenant-wide".
    let at = |name: &str, place: &rep::Place| match place.name.is_empty() {
        true => format!("{name}, tenant-wide"),
        false => format!("{name} in {}", place.describe()),
    };
    let to_key: Vec<String> = d
        .moved
        .iter()
        .filter(|m| m.to == Status::CustomerKey)
        .map(|m| at(m.name, &m.place))
        .collect();
    let other: Vec<String> = d
        .moved
        .iter()
        .filter(|m| m.to != Status::CustomerKey)
        .map(|m| {
            let why = match m.to {
                Status::Verify => ": the change rests on a fact or an answer still to confirm",
                _ => "",
            };
            format!(
                "{}: {} → {}{why}",
                at(m.name, &m.place),
                m.from.label(),
                m.to.label()
            )
        })
        .collect();
    let findings = |list: &[(&'static str, rep::Finding)]| -> Vec<String> {
        list.iter()
            .map(|(kind, f)| format!("{}: {}", at(kind, &f.place), first_sentence(f.reason)))
            .collect()
    };
    let (closed, opened) = (findings(&d.closed), findings(&d.new));
    let nothing = d.moved.is_empty() && d.closed.is_empty() && d.new.is_empty();
    let these = if n == 1 {
        "this action"
    } else {
        "these actions"
    };
    html! {
        <>
            <p class="kh-verdict-figure" id="kh-whatif-figure">{ format!("{} of {}", k.customer_key, k.in_scope - k.never) }<span>{ format!(" under your key if the {} chosen {} done (today {} of {}).", n, if n == 1 { "action were" } else { "actions were" }, now.customer_key, now.in_scope - now.never) }</span></p>
            if !to_key.is_empty() {
                <p>{ format!("Would move to your key: {}.", to_key.join("; ")) }</p>
            }
            if !other.is_empty() {
                <p>{ format!("Would also change: {}.", other.join("; ")) }</p>
            }
            <p>{ format!("Residency gaps: {} today, {} after. Operator-access gaps: {} today, {} after.", r.residency.gaps, w.residency.gaps, r.operator_access.gaps, w.operator_access.gaps) }</p>
            if !closed.is_empty() {
                <p>{ format!("Would close: {}.", closed.join("; ")) }</p>
            }
            if !opened.is_empty() {
                <p>{ format!("Would open: {}.", opened.join("; ")) }</p>
            }
            if nothing {
                <p>{ format!("No figure in this report changes with {these} alone: {} good practice the report can't measure (key hygiene, monitoring, who can act), or {} effect only together with another action, such as moving an environment before adding it to a policy.", if n == 1 { "it is" } else { "they are" }, if n == 1 { "takes" } else { "take" }) }</p>
            }
            <p>{ format!("Still blocked: {}; still to verify: {} (today {}).", k.blocked, k.verify, now.verify) }</p>
        </>
    }
}

/// A finding's text: its first sentence, then the rest, which the printed brief leaves out (a
/// board reads the first sentence; the Markdown and CSV exports keep every word).
fn prose(text: &str) -> Html {
    let first = first_sentence(text).len();
    let (head, rest) = text.split_at((first + 1).min(text.len()));
    html! { <>{ head.to_owned() }<span class="kh-rest">{ rest.to_owned() }</span></> }
}

/// A finding's first sentence, for a list of what would change (the full text is in its section).
fn first_sentence(text: &str) -> &str {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    text[..end].trim_end_matches('.')
}

fn actions(
    r: &Report,
    chosen: &[&'static str],
    what_if: Option<&Report>,
    toggle: &Callback<&'static str>,
) -> Html {
    if r.actions.is_empty() {
        return Html::default();
    }
    html! {
        <section aria-labelledby="kh-actions">
            { crate::ui::heading(2, "kh-actions", "", Html::from("What to do next")) }
            <p class="kh-noprint kh-hint">{ "Tick actions to see your coverage as if they were done." }</p>
            <ol class="kh-actions">
                { for r.actions.iter().map(|a| {
                    let id = a.id;
                    let toggle = toggle.clone();
                    let box_id = format!("kh-wi-{id}");
                    html! {
                        <li class="kh-finding">
                            <strong>{ a.title }</strong>{ format!(" ({} priority)", a.priority) }
                            <p class="kh-detail">{ prose(a.detail) }</p>
                            <p class="kh-place">{ format!("Where: {}", a.places.iter().map(|p| p.describe()).collect::<Vec<_>>().join(", ")) }</p>
                            if a.closes_residency_gaps > 0 {
                                <p>{ format!("Alone, it closes {}.", count(a.closes_residency_gaps, "residency gap", "residency gaps")) }</p>
                            }
                            if !a.brings_under_customer_key.is_empty() {
                                <p>{ format!("Brings under your key: {}.", a.brings_under_customer_key.iter().map(|c| format!("{} in {}", c.component.label(), c.place.describe())).collect::<Vec<_>>().join("; ")) }</p>
                            }
                            <div class="kh-radio kh-noprint">
                                <input class="kh-radio-input" type="checkbox" id={box_id.clone()} checked={chosen.contains(&id)}
                                    onchange={Callback::from(move |_: Event| toggle.emit(id))} />
                                <label class="kh-radio-label" for={box_id}>{ "Include in the what-if" }</label>
                            </div>
                        </li>
                    }
                }) }
            </ol>
            // Once an action is ticked the panel stays in view at the foot of the screen while the
            // reader goes through the list, so the effect is next to the box just ticked.
            <div class={classes!("kh-panel", "kh-whatif", "kh-noprint", (!chosen.is_empty()).then_some("kh-whatif-live"))} aria-live="polite"
                role="region" aria-label="What if" tabindex={(!chosen.is_empty()).then_some("0")}>
                { crate::ui::heading(3, "", "", Html::from("What if")) }
                { match what_if {
                    None => html! { <p>{ "No action chosen: the figures above are your coverage today." }</p> },
                    Some(w) => what_if_effect(r, w, chosen.len()),
                } }
            </div>
        </section>
    }
}

fn residency(r: &Report) -> Html {
    levelled(
        "kh-residency",
        "Where your data lives",
        None,
        r.located_residency().collect(),
    )
}

fn access(r: &Report) -> Html {
    levelled(
        "kh-access",
        "Microsoft's access to your data",
        Some("The key protects data at rest. While a service works on your data it is decrypted in memory, so whether a Microsoft engineer can look at it during a support case is a separate control: Customer Lockbox."),
        r.operator_access.findings.iter().collect(),
    )
}

/// A section of gaps, points to verify and notes (residency, operator access).
fn levelled(
    id: &'static str,
    title: &'static str,
    lead: Option<&'static str>,
    findings: Vec<&LevelledFinding>,
) -> Html {
    if findings.is_empty() {
        return Html::default();
    }
    html! {
        <section aria-labelledby={id}>
            { crate::ui::heading(2, id, "", Html::from(title)) }
            if let Some(lead) = lead { <p>{ lead }</p> }
            <ul class="kh-findings">
                { for findings.into_iter().map(|f| html! {
                    <li class="kh-finding">
                        <strong>{ match f.level { ResidencyLevel::Gap => "Gap", ResidencyLevel::Verify => "To verify", ResidencyLevel::Note => "Note" } }</strong>
                        { format!(" — {}: ", f.finding.place.describe()) }{ prose(f.finding.reason) }{ sources(f.finding.sources) }
                    </li>
                }) }
            </ul>
        </section>
    }
}

fn not_assessed() -> Html {
    html! {
        <section aria-labelledby="kh-not-assessed">
            { crate::ui::heading(2, "kh-not-assessed", "", Html::from("Not assessed by this tool")) }
            <p>{ "The questionnaire doesn't ask about these points from an assessor's checklist: check them separately." }</p>
            <p class="kh-print-only">{ format!("There are {} of them; the Markdown brief lists each.", keyholder_engine::assessor::not_assessed().count()) }</p>
            <ul class="kh-findings kh-print-columns kh-noprint">
                { for keyholder_engine::assessor::not_assessed().map(|s| html! { <li class="kh-finding">{ s }</li> }) }
            </ul>
        </section>
    }
}

fn limits(r: &Report) -> Html {
    html! {
        <section aria-labelledby="kh-limits">
            { crate::ui::heading(2, "kh-limits", "", Html::from("What CMK does not do")) }
            <p>{ "A customer-managed key answers who can decrypt your data at rest. It does not decide where data lives, and it does not reach everything:" }</p>
            <ul class="kh-findings">
                { for r.cmk_limits().into_iter().map(|f| html! {
                    <li class="kh-finding">{ prose(f.reason) }{ sources(f.sources) }</li>
                }) }
            </ul>
        </section>
    }
}

fn verify(r: &Report) -> Html {
    if r.verify.is_empty() {
        return Html::default();
    }
    html! {
        <section aria-labelledby="kh-verify">
            { crate::ui::heading(2, "kh-verify", "", Html::from("To verify")) }
            <p>{ "You answered “I don't know” (or skipped) these. Here is where to look." }</p>
            <ul class="kh-findings kh-print-columns">
                { for r.verify.iter().map(|v| html! {
                    <li class="kh-finding"><strong>{ v.question }</strong>{ format!(" ({})", v.place.describe()) }<p class="kh-how">{ prose(v.how_to_find) }</p></li>
                }) }
            </ul>
        </section>
    }
}

fn source_list(r: &Report) -> Html {
    html! {
        <section aria-labelledby="kh-sources">
            { crate::ui::heading(2, "kh-sources", "", Html::from("Sources")) }
            <ul class="kh-source-list">
                { for r.cited_sources().into_iter().map(|s| html! {
                    <li>
                        <strong>{ s.id }</strong>{ " — " }
                        // The title carries the link too: on paper the address is left out, and
                        // a PDF keeps the link.
                        if let Some(url) = s.url {
                            <a href={url} rel="noreferrer noopener" target="_blank" class="kh-source-title">{ s.title }</a>
                        } else {
                            { s.title }
                        }
                        { format!(" ({})", s.date.unwrap_or("undated")) }
                        if let Some(url) = s.url {
                            <span class="kh-url">{ " " }<a href={url} rel="noreferrer noopener" target="_blank">{ url }</a></span>
                        }
                    </li>
                }) }
            </ul>
        </section>
    }
}

fn about(r: &Report) -> Html {
    html! {
        <section aria-labelledby="kh-about" class="kh-about">
            { crate::ui::heading(2, "kh-about", "", Html::from("About these facts")) }
            <p>{ r.facts.note }</p>
            <p>{ r.facts.evidence_legend }</p>
            <p>{ format!("Rules version {}; facts compiled {}; the findings above rest on documents dated {} to {}.",
                r.rules_version, r.facts.compiled,
                r.facts.oldest_source.unwrap_or("–"),
                r.facts.newest_source.unwrap_or("–")) }</p>
            <p><strong>{ "This is a self-assessment, not a guarantee." }</strong>{ " It reflects your answers and Microsoft's documentation as of those dates: check each finding against current documentation before relying on it." }</p>
        </section>
    }
}
