//! The sovereignty report on screen: two separate verdicts (key control, residency), then
//! blockers, the component matrix with sources, risks, actions, residency findings, verify steps,
//! what CMK does not do, and how old the facts are. Derived from the answers on every render.

use keyholder_engine::model::Status;
use keyholder_engine::report::{Citation, Report};
use keyholder_engine::{evaluate, Answers};
use yew::prelude::*;

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
                let date = s.date.unwrap_or("undated");
                let text = format!("{} ({date})", s.id);
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

/// The report page (a render function: the report is derived from the answers, nothing stored).
pub fn report_view(answers: &Answers) -> Html {
    let report = match answers.clone().validate() {
        Ok(valid) => evaluate(&valid),
        Err(e) => {
            return html! {
                <section>
                    <h1 id="kh-heading" tabindex="-1" class="kh-title">{ "We can't build the report yet" }</h1>
                    <p>{ format!("Your answers have a problem: {e}.") }</p>
                    <a class="kh-button" href={"#/check"}>{ "Check your answers" }</a>
                </section>
            }
        }
    };
    render(&report)
}

/// Renders a report (also used by the SSR tests).
pub fn render(r: &Report) -> Html {
    let k = &r.key_control;
    html! {
        <article class="kh-report">
            <a class="kh-back" href={"#/check"}>{ "Back to your answers" }</a>
            <h1 id="kh-heading" tabindex="-1" class="kh-title">{ "Your sovereignty report" }</h1>
            <p class="kh-lead">{ "Two separate questions, two separate verdicts: who holds the key to your data at rest, and where the data lives." }</p>
            <div class="kh-verdicts">
                <section class="kh-verdict" aria-labelledby="kh-v-key">
                    <h2 id="kh-v-key">{ "Key control" }</h2>
                    <p class="kh-verdict-figure">{ format!("{} of {}", k.customer_key, k.in_scope) }<span>{ " components under your key" }</span></p>
                    <ul class="kh-counts">
                        <li>{ format!("{} partly under your key", k.partial) }</li>
                        <li>{ format!("{} on a Microsoft-managed key", k.microsoft_key) }</li>
                        <li>{ format!("{} blocked", k.blocked) }</li>
                        <li>{ format!("{} to verify", k.verify) }</li>
                    </ul>
                </section>
                <section class="kh-verdict" aria-labelledby="kh-v-res">
                    <h2 id="kh-v-res">{ "Data residency" }</h2>
                    <p class="kh-verdict-figure">{ format!("{}", r.residency.gaps) }<span>{ " residency gaps" }</span></p>
                    <p>{ r.residency.headline.clone() }</p>
                </section>
            </div>

            if !r.blockers.is_empty() {
                <section aria-labelledby="kh-blockers">
                    <h2 id="kh-blockers">{ "What blocks your key" }</h2>
                    <ul class="kh-findings">
                        { for r.blockers.iter().map(|b| html! {
                            <li class="kh-finding"><strong>{ b.place.describe() }</strong>{ ": " }{ b.reason }{ sources(b.sources) }</li>
                        }) }
                    </ul>
                </section>
            }

            <section aria-labelledby="kh-matrix">
                <h2 id="kh-matrix">{ "Component by component" }</h2>
                <div class="kh-table-wrap">
                <table class="kh-table">
                    <thead><tr><th scope="col">{ "Component" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Why" }</th><th scope="col">{ "Sources" }</th></tr></thead>
                    <tbody>
                        { for r.components.iter().map(|c| {
                            let cites: Vec<Citation> = {
                                let mut seen: Vec<&str> = Vec::new();
                                c.findings.iter().flat_map(|f| f.sources.iter().copied()).filter(|s| {
                                    let new = !seen.contains(&s.id);
                                    seen.push(s.id);
                                    new
                                }).collect()
                            };
                            html! {
                                <tr>
                                    <th scope="row">{ c.name }<span class="kh-place">{ c.place.describe() }</span></th>
                                    <td><span class={status_class(c.status)}><span aria-hidden="true">{ c.status.symbol() }{ " " }</span>{ c.status.label() }</span></td>
                                    <td>{ for c.findings.iter().map(|f| html! { <p class="kh-why">{ f.reason }<span class="kh-evidence">{ format!(" [{}]", f.evidence) }</span></p> }) }</td>
                                    <td>{ sources(&cites) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </div>
            </section>

            if !r.risks.is_empty() {
                <section aria-labelledby="kh-risks">
                    <h2 id="kh-risks">{ "Risks" }</h2>
                    <ul class="kh-findings">
                        { for r.risks.iter().map(|k| html! {
                            <li class="kh-finding">
                                <strong class="kh-severity">{ format!("{} risk", crate::ui::capitalise(k.severity.as_str())) }</strong>
                                { format!(" — {}: ", k.finding.place.describe()) }{ k.finding.reason }{ sources(k.finding.sources) }
                            </li>
                        }) }
                    </ul>
                </section>
            }

            if !r.actions.is_empty() {
                <section aria-labelledby="kh-actions">
                    <h2 id="kh-actions">{ "What to do next" }</h2>
                    <ol class="kh-actions">
                        { for r.actions.iter().map(|a| html! {
                            <li class="kh-finding">
                                <strong>{ a.title }</strong>{ format!(" ({} priority)", a.priority) }
                                <p>{ a.detail }</p>
                                <p class="kh-place">{ format!("Where: {}", a.places.iter().map(|p| p.describe()).collect::<Vec<_>>().join(", ")) }</p>
                                if !a.brings_under_customer_key.is_empty() {
                                    <p>{ format!("Brings under your key: {}.", a.brings_under_customer_key.iter().map(|c| format!("{} in {}", c.component.label(), c.place.describe())).collect::<Vec<_>>().join("; ")) }</p>
                                }
                            </li>
                        }) }
                    </ol>
                </section>
            }

            <section aria-labelledby="kh-residency">
                <h2 id="kh-residency">{ "Where your data lives — and what CMK does not do" }</h2>
                <ul class="kh-findings">
                    { for r.residency.findings.iter().map(|f| html! {
                        <li class="kh-finding">
                            <strong>{ match f.level { keyholder_engine::model::ResidencyLevel::Gap => "Gap", keyholder_engine::model::ResidencyLevel::Verify => "To verify", keyholder_engine::model::ResidencyLevel::Note => "Note" } }</strong>
                            { format!(" — {}: ", f.finding.place.describe()) }{ f.finding.reason }{ sources(f.finding.sources) }
                        </li>
                    }) }
                </ul>
            </section>

            if !r.verify.is_empty() {
                <section aria-labelledby="kh-verify">
                    <h2 id="kh-verify">{ "To verify" }</h2>
                    <p>{ "You answered “I don't know” (or skipped) these. Here is where to look." }</p>
                    <ul class="kh-findings">
                        { for r.verify.iter().map(|v| html! {
                            <li class="kh-finding"><strong>{ v.question }</strong>{ format!(" ({})", v.place.describe()) }<p>{ v.how_to_find }</p></li>
                        }) }
                    </ul>
                </section>
            }

            <section aria-labelledby="kh-about" class="kh-about">
                <h2 id="kh-about">{ "About these facts" }</h2>
                <p>{ r.facts.note }</p>
                <p>{ format!("Rules version {}; facts compiled {}; the findings above rest on documents dated {} to {}.",
                    r.rules_version, r.facts.compiled,
                    r.facts.oldest_source.unwrap_or_else(|| "–".into()),
                    r.facts.newest_source.unwrap_or_else(|| "–".into())) }</p>
                <p><strong>{ "This is a self-assessment, not a guarantee." }</strong>{ " It reflects your answers and Microsoft's documentation as of those dates: check each finding against current documentation before relying on it." }</p>
            </section>
        </article>
    }
}
