//! The landing page: what Keyholder answers, the privacy promise, what to have to hand, and Start.

use yew::prelude::*;

/// Properties of [`Landing`].
#[derive(Properties, PartialEq)]
pub struct LandingProps {
    /// Called when the user chooses to start the assessment.
    pub on_start: Callback<()>,
}

/// The first page a visitor sees.
#[function_component(Landing)]
pub fn landing(props: &LandingProps) -> Html {
    let on_start = {
        let cb = props.on_start.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <article class="kh-landing">
            <h1 class="kh-title">{ "Who holds the keys to your Dynamics 365 data — and where does it live?" }</h1>
            <p class="kh-lead">
                { "Keyholder checks your Dynamics 365 and Power Platform estate against Microsoft's \
                   customer-managed key (CMK) documentation and gives you a sovereignty report you can \
                   hand to your CISO." }
            </p>
            <section aria-labelledby="kh-two-questions" class="kh-section">
                <h2 id="kh-two-questions">{ "Two different questions" }</h2>
                <dl class="kh-two">
                    <div>
                        <dt>{ "Key control" }</dt>
                        <dd>{ "Which parts of your estate are encrypted at rest under a key you hold in your own \
                               Azure Key Vault, which stay on a Microsoft-managed key, and what stops the rest." }</dd>
                    </div>
                    <div>
                        <dt>{ "Data residency" }</dt>
                        <dd>{ "Where your data is stored and processed. A customer-managed key decides who can \
                               decrypt data at rest — it does not move data, and it does not cover data in use." }</dd>
                    </div>
                </dl>
                <p>{ "The report gives each its own verdict, because a good answer to one says nothing about the other." }</p>
            </section>
            <section aria-labelledby="kh-privacy" class="kh-section kh-privacy">
                <h2 id="kh-privacy">{ "Your answers stay in your browser" }</h2>
                <p>{ "Keyholder has no server. Nothing you enter is sent anywhere: answers are kept only in this \
                       browser's storage so you can come back to them, and you decide what to export." }</p>
            </section>
            <section aria-labelledby="kh-need" class="kh-section">
                <h2 id="kh-need">{ "What you will need" }</h2>
                <ul>
                    <li>{ "Your list of Power Platform and Dynamics 365 environments, with their type and region \
                           (Power Platform admin center > Manage > Environments)." }</li>
                    <li>{ "Which Dynamics 365 apps, add-ins and Power Platform services you use." }</li>
                    <li>{ "Your key vault settings: soft delete, purge protection, key type and size, expiry, \
                           network access and who administers it." }</li>
                </ul>
                <p>{ "It takes 10 to 15 minutes. Every question has an “I don't know” answer: the report then \
                       tells you where to look." }</p>
            </section>
            <button type="button" class="kh-button kh-start" onclick={on_start}>{ "Start now" }</button>
        </article>
    }
}
