//! The report module's root component: the report page (`report_view`) with its callbacks turned
//! into `bridge::Event`s for the app, which owns the answers, the route and the storage. It also
//! keeps a script embed's `#/…` links in the app's in-memory router, as the page frame does for
//! the rest of the app (the frame's own listener never sees clicks inside another module's app).

use std::rc::Rc;

use keyholder_engine::Answers;
use yew::prelude::*;

use crate::bridge::{Event, View};
use crate::config::Config;
use crate::ui::frame::follow_in_app;
use crate::ui::import_page::ImportPage;
use crate::ui::report_view::ReportPage;
use crate::wizard::store::Msg;

/// Properties of [`ReportRoot`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReportRootProps {
    /// The answers, as the app sent them; `None` if they couldn't be read.
    pub answers: Option<Answers>,
    /// Brand and theme.
    pub config: Rc<Config>,
    /// Today's date (ISO).
    pub today: AttrValue,
    /// Sends an event to the app.
    pub send: Callback<Event>,
    /// What to show: the report, or the import page.
    pub view: View,
}

/// The report, as the report module shows it.
#[function_component(ReportRoot)]
pub fn report_root(props: &ReportRootProps) -> Html {
    if let View::Import { link, in_progress } = &props.view {
        let send = props.send.clone();
        let on_accept = Callback::from(move |a: Answers| {
            send.emit(Event::Replace(crate::wizard::store::saved_text(&a)));
        });
        return html! {
            <div onclick={follow_in_app()}>
                <ImportPage link={link.clone().map(AttrValue::from)} in_progress={*in_progress} {on_accept}
                    config={props.config.clone()} today={props.today.clone()} />
            </div>
        };
    }
    let Some(answers) = props.answers.clone() else {
        return crate::ui::report_view::cannot_build();
    };
    let send = props.send.clone();
    let dispatch = Callback::from(move |m: Msg| {
        if let Msg::Cover(detail, value) = m {
            send.emit(Event::Cover(detail, value));
        }
    });
    let on_shown = props
        .send
        .reform(|(k, s, g): (usize, usize, usize)| Event::Shown(k, s, g));
    let on_delete = props.send.reform(|()| Event::Delete);
    html! {
        <div onclick={follow_in_app()}>
            <ReportPage {answers} {dispatch} config={props.config.clone()} today={props.today.clone()} {on_shown} {on_delete} />
        </div>
    }
}
