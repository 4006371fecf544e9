//! Component tests through Yew SSR: each screen rendered natively from answers, checked for what a
//! user (and a screen reader) must get. Browser behaviour is covered in tests/e2e.
#![cfg(not(target_arch = "wasm32"))]

use keyholder_app::config::Config;
use keyholder_app::ui::check_answers::check_answers;
use keyholder_app::ui::import_page::{ImportPage, ImportProps};
use keyholder_app::ui::list_page::{ListPage, ListPageProps};
use keyholder_app::ui::question_page::{QuestionPage, QuestionPageProps};
use keyholder_app::ui::report_view::{ReportPage, ReportProps};
use keyholder_app::ui::task_list::task_list;
use keyholder_app::wizard::pages::{page, ItemList, PageDef};
use keyholder_app::wizard::store::{apply, Msg};
use keyholder_engine::{parse_answers, Answers};
use yew::prelude::*;
use yew::LocalServerRenderer;

#[derive(Properties, PartialEq)]
struct WrapProps {
    html: Html,
}

#[function_component(Wrap)]
fn wrap(props: &WrapProps) -> Html {
    props.html.clone()
}

async fn render_html(html: Html) -> String {
    LocalServerRenderer::<Wrap>::with_props(WrapProps { html })
        .hydratable(false)
        .render()
        .await
}

async fn render_report(answers: Answers, config: Config) -> String {
    render_report_as(answers, config, false).await
}

async fn render_report_as(answers: Answers, config: Config, view_only: bool) -> String {
    let props = ReportProps {
        answers,
        dispatch: Callback::noop(),
        config: std::rc::Rc::new(config),
        today: "2026-11-23".into(),
        on_shown: Callback::noop(),
        on_delete: Callback::noop(),
        view_only,
    };
    LocalServerRenderer::<ReportPage>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

fn estate() -> Answers {
    let text = include_str!("../examples/mixed-estate.json");
    parse_answers(text).expect("example parses").into_inner()
}

#[tokio::test]
async fn single_question_page_uses_the_legend_as_its_heading_and_offers_dont_know() {
    let props = QuestionPageProps {
        page: page(None, "bc-exports").unwrap(),
        item: None,
        answers: apply(
            &Answers::default(),
            Msg::Answer {
                question: &keyholder_engine::questions::BC_USED,
                item: 0,
                value: Some("yes".into()),
            },
        )
        .unwrap(),
        dispatch: Callback::noop(),
        position: (1, 3),
        overall: (1, 10),
        on_continue: Callback::noop(),
        back: "/".into(),
    };
    let html = LocalServerRenderer::<QuestionPage>::with_props(props)
        .hydratable(false)
        .render()
        .await;
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(
        html.contains("<legend class=\"kh-legend kh-legend-page\"><h1"),
        "{html}"
    );
    // The whole assessment, and every section one link away, from the first question.
    assert!(html.contains("About 1 of 10 pages in all."), "{html}");
    assert!(html.contains("href=\"#/tasks\""), "{html}");
    assert!(html.contains("I don&#x27;t know") || html.contains("I don't know"));
    assert!(html.contains("How to find out"));
    assert!(html.contains("page 1 of 3"));
    assert!(html.contains("novalidate"));
    assert!(
        !html.contains("kh-error-summary"),
        "no errors before Continue"
    );
}

#[tokio::test]
async fn a_select_all_that_apply_page_has_boxes_none_of_these_and_not_sure() {
    let props = |p: &'static PageDef, answers: Answers| QuestionPageProps {
        page: p,
        item: None,
        answers,
        dispatch: Callback::noop(),
        position: (1, 1),
        overall: (0, 0),
        on_continue: Callback::noop(),
        back: "/".into(),
    };
    let render = |p| async move {
        LocalServerRenderer::<QuestionPage>::with_props(p)
            .hydratable(false)
            .render()
            .await
    };
    // A page that is all group: its legend is the page's only heading.
    let copies = render(props(page(None, "copies").unwrap(), Answers::default())).await;
    assert_eq!(copies.matches("<h1").count(), 1);
    assert!(
        copies.contains("<legend class=\"kh-legend kh-legend-page\"><h1"),
        "{copies}"
    );
    assert!(copies.contains("Select all that apply."));
    assert_eq!(
        copies.matches("type=\"checkbox\"").count(),
        2 + 2,
        "{copies}"
    );
    assert!(copies.contains("None of these"));
    assert!(
        copies.contains("I&#x27;m not sure which — tell me how to check")
            || copies.contains("I'm not sure which — tell me how to check")
    );
    // A page with more than the group: the page title is the heading, the group has a legend.
    let tenant = render(props(page(None, "tenant").unwrap(), Answers::default())).await;
    assert!(tenant.contains("<h1"), "{tenant}");
    assert!(
        tenant.contains("<legend class=\"kh-legend\">Which of these do you use besides Power Platform environments?</legend>"),
        "{tenant}"
    );
    // A ticked box reveals its own follow-ups beneath it; "I'm not sure which" shows where to look.
    let mut a = Answers::default();
    a.copies.fabric_link = None;
    let a = apply(
        &a,
        Msg::Answers(vec![
            (
                &keyholder_engine::questions::COPIES_FABRIC_LINK,
                0,
                Some("yes"),
            ),
            (
                &keyholder_engine::questions::COPIES_POWER_BI,
                0,
                Some("unknown"),
            ),
        ]),
    )
    .unwrap();
    let html = render(props(page(None, "copies").unwrap(), a)).await;
    assert!(html.contains("Where to look"), "{html}");
    assert!(
        html.contains("Power BI service &gt; the workspace")
            || html.contains("Power BI service > the workspace"),
        "{html}"
    );
}

#[tokio::test]
async fn follow_up_question_renders_only_after_its_parent_answer() {
    let p = page(None, "tenant").unwrap();
    let mk = |answers: Answers| QuestionPageProps {
        page: p,
        item: None,
        answers,
        dispatch: Callback::noop(),
        position: (3, 3),
        overall: (0, 0),
        on_continue: Callback::noop(),
        back: "/q/home-geo".into(),
    };
    let before = LocalServerRenderer::<QuestionPage>::with_props(mk(Answers::default()))
        .hydratable(false)
        .render()
        .await;
    assert!(!before.contains("Which geography?"));
    let answered = apply(
        &Answers::default(),
        Msg::Answer {
            question: &keyholder_engine::questions::TENANT_RESIDENCY,
            item: 0,
            value: Some("specific_geo".into()),
        },
    )
    .unwrap();
    let after = LocalServerRenderer::<QuestionPage>::with_props(mk(answered))
        .hydratable(false)
        .render()
        .await;
    assert!(after.contains("Which geography?"));
    assert!(after.contains("selected"), "the chosen answer is shown");
}

#[tokio::test]
async fn list_page_shows_items_with_named_actions() {
    let answers = estate();
    let props = ListPageProps {
        list: ItemList::ScaleUnits,
        answers,
        dispatch: Callback::noop(),
        position: (1, 4),
        overall: (0, 0),
        on_continue: Callback::noop(),
        back: "/".into(),
    };
    let html = LocalServerRenderer::<ListPage>::with_props(props)
        .hydratable(false)
        .render()
        .await;
    assert!(html.contains("CSU West Europe") && html.contains("CSU East US"));
    assert!(
        html.contains("Remove<span class=\"kh-visually-hidden\"> CSU East US</span>"),
        "{html}"
    );
    assert!(html.contains("for=\"kh-add-csu\""), "{html}");
    // A scale unit's own questions are asked beside it, on the list page: one fieldset each.
    for anchor in ["csu1.csu.geo", "csu2.csu.geo", "csu1.csu.self_hosted"] {
        assert!(
            html.contains(&format!("id=\"kh-question-{anchor}\"")),
            "{anchor}: {html}"
        );
    }
}

#[tokio::test]
async fn check_answers_lists_every_answer_with_a_change_link() {
    let html = render_html(check_answers(&estate())).await;
    assert!(html.contains("Check your answers"));
    // A "Select all that apply" group is one row, naming what was ticked.
    let apps = html
        .split("kh-summary-row")
        .find(|r| r.contains("Fabrikam CRM: What runs in it?"))
        .expect("the apps row");
    assert!(apps.contains("Dynamics 365 Sales"), "{apps}");
    // Each Change link names its question (it takes the focus there); each step's first row
    // carries the id Continue comes back to.
    assert!(
        html.contains("href=\"#/q/env-1-setup?from=check&amp;question=env.sales\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"#/q/tenant?from=check&amp;question=tenant.cloud\""),
        "{html}"
    );
    assert!(html.contains("id=\"kh-change-env-1-setup\""));
    assert_eq!(html.matches("id=\"kh-change-env-1-setup\"").count(), 1);
    assert!(html.contains("See your report"));
}

#[tokio::test]
async fn task_list_shows_each_section_status() {
    let html = render_html(task_list(&Answers::default())).await;
    assert!(html.contains("Not started"));
    assert!(
        html.contains("Cannot start yet"),
        "add-ins wait on the F&O answer"
    );
    assert!(
        html.contains("You have completed 0 of 9 sections."),
        "{html}"
    );
    let no_fo = apply(
        &Answers::default(),
        Msg::Answer {
            question: &keyholder_engine::questions::FNO_USED,
            item: 0,
            value: Some("no".into()),
        },
    )
    .unwrap();
    let html = render_html(task_list(&no_fo)).await;
    assert!(
        html.contains("Not needed"),
        "no add-ins or Commerce without F&O"
    );
    assert!(
        html.contains("of 7 sections"),
        "not-needed sections don't count"
    );
    let html = render_html(task_list(&estate())).await;
    assert!(html.contains("Completed"));
}

#[tokio::test]
async fn report_shows_two_verdicts_statuses_as_text_and_sources() {
    let html = render_report(estate(), Config::default()).await;
    assert!(html.contains("Key control") && html.contains("Data residency"));
    assert!(
        html.contains("Microsoft key") && html.contains("Customer key"),
        "status as text"
    );
    assert!(
        html.contains(r#"FO-CMK<span class="kh-src-date"> (2026-03-13)</span>"#),
        "sources with their dates (on screen; the printed brief gives them once, in its list)"
    );
    assert!(html.contains("https://learn.microsoft.com/dynamics365/fin-ops-core/dev-itpro/sysadmin/customer-managed-keys"));
    assert!(html.contains("not a guarantee"));
    assert!(html.contains("CSU East US"));
}

#[tokio::test]
async fn report_has_the_brief_cover_limits_sources_exports_and_what_if() {
    let mut answers = estate();
    answers.brief.organisation = Some("Fabrikam <Holdings>".into());
    answers.brief.prepared_by = Some("A. Consultant".into());
    answers.brief.classification = Some("Confidential".into());
    let html = render_report(answers, Config::default()).await;
    // Cover (print-only block): typed details escaped, date and rules version present.
    assert!(
        html.contains("Fabrikam &lt;Holdings&gt;"),
        "escaped organisation"
    );
    assert!(html.contains("A. Consultant") && html.contains("2026-11-23"));
    assert!(html.contains("Rules version"));
    // Sections in the order the brief needs.
    let order = [
        ">Executive summary<",
        "id=\"kh-matrix\"",
        "id=\"kh-risks\"",
        "id=\"kh-actions\"",
        "id=\"kh-residency\"",
        "id=\"kh-limits\"",
        "id=\"kh-verify\"",
        "id=\"kh-sources\"",
        "id=\"kh-about\"",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|h| html.find(h).unwrap_or_else(|| panic!("missing {h}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(
        html.contains("data at rest"),
        "what CMK does not do says why"
    );
    for control in [
        "Print / Save as PDF",
        "(JSON)",
        "(CSV)",
        "(Markdown)",
        "Copy share link",
        "Include in the what-if",
    ] {
        assert!(html.contains(control), "{control}");
    }
    assert!(html.contains("No action chosen"));
}

#[tokio::test]
async fn brand_default_classification_and_name_reach_the_cover() {
    let config = Config::from_query("brand=Contoso+Advisory&classification=Client+confidential");
    let html = render_report(estate(), config).await;
    assert!(html.contains("Contoso Advisory"));
    assert!(
        html.contains("<p class=\"kh-classification\">Client confidential</p>"),
        "{html}"
    );
}

#[tokio::test]
async fn import_page_offers_a_file_and_a_link_field_with_hints() {
    let props = ImportProps {
        link: None,
        in_progress: true,
        on_accept: Callback::noop(),
        config: Default::default(),
        today: "2026-11-23".into(),
    };
    let html = LocalServerRenderer::<ImportPage>::with_props(props)
        .hydratable(false)
        .render()
        .await;
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(html.contains("type=\"file\"") && html.contains("accept=\".json,application/json\""));
    assert!(html.contains("for=\"kh-import-link\"") && html.contains("Open link"));
}

#[tokio::test]
async fn report_says_where_answers_are_what_is_shared_and_offers_to_delete_them() {
    let html = render_report(estate(), Config::default()).await;
    assert!(html.contains("Nothing you enter is sent anywhere"));
    assert!(html.contains("Delete my answers from this browser"));
    assert!(
        !html.contains("Yes, delete my answers"),
        "asks before deleting"
    );
    // notify=verdicts in an iframe: the user is told what goes to whom.
    let framed =
        Config::from_query_in("parent=https%3A%2F%2Fcontoso.example&notify=verdicts", true);
    let html = render_report(estate(), framed).await;
    assert!(
        html.contains("This page shares your two headline figures — not your answers — with https://contoso.example."),
        "{html}"
    );
    assert!(!html.contains("Nothing you enter is sent anywhere"));
    // A script embed keeping answers in memory: the host page can see them; nothing is stored.
    let mut script = Config::from_pairs(vec![("storage".into(), "none".into())]);
    script.host = Some("https://contoso.example".into());
    let html = render_report(estate(), script).await;
    assert!(html.contains("the site you are on (https://contoso.example) can see what you enter"));
    assert!(html.contains("kept in memory only"));
}

#[tokio::test]
async fn a_shared_assessment_viewed_without_saving_has_no_cover_details_to_edit_and_nothing_to_delete(
) {
    let own = render_report_as(estate(), Config::default(), false).await;
    let theirs = render_report_as(estate(), Config::default(), true).await;
    for (html, editable) in [(&own, true), (&theirs, false)] {
        assert_eq!(html.contains("Organisation (optional)"), editable);
        assert_eq!(
            html.contains("Delete my answers from this browser"),
            editable
        );
        // The findings and the ways to print and save are the same.
        assert!(
            html.contains("Download brief (Markdown)") && html.contains("Component by component")
        );
    }
}
