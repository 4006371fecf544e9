//! Where the questionnaire goes: which step a route shows, "question n of m" within its section,
//! where Back and Continue lead, where Start goes, and every page's title. Pure and tested
//! natively: the app shell only follows what these say.

use keyholder_engine::Answers;

use super::steps::{find, first_incomplete, steps, Step};
use crate::route::Route;

/// A step the questionnaire can show, with where it stands and where Back goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The step.
    pub step: Step,
    /// Its place within its section: (n, m) for "question n of m".
    pub position: (usize, usize),
    /// Its place in the whole assessment as the answers stand: (k, total) pages. Adding an item
    /// adds its pages, so the line says "about".
    pub overall: (usize, usize),
    /// Where Back goes.
    pub back: Route,
}

fn step_route(s: &Step) -> Route {
    Route::Step {
        id: s.id(),
        from_check: false,
        question: None,
    }
}

/// The step with URL segment `id` for these answers, or `None` when it no longer applies.
pub fn locate(a: &Answers, id: &str, from_check: bool) -> Option<Located> {
    let all = steps(a);
    let index = all.iter().position(|s| s.id() == id)?;
    let step = all.get(index)?.clone();
    let section: Vec<&Step> = all
        .iter()
        .filter(|s| s.section() == step.section())
        .collect();
    let n = section.iter().position(|s| s.id() == id).unwrap_or(0) + 1;
    let back = if from_check {
        Route::CheckAt(id.to_owned())
    } else {
        index
            .checked_sub(1)
            .and_then(|i| all.get(i))
            .map_or(Route::Landing, step_route)
    };
    Some(Located {
        step,
        position: (n, section.len()),
        overall: (index + 1, all.len()),
        back,
    })
}

/// Where Continue goes from step `id`, given the answers just saved (which may have added or
/// removed later steps): back to Check your answers when reached from there, else the next
/// step, else Check your answers.
pub fn next(a: &Answers, id: &str, from_check: bool) -> Route {
    if from_check {
        return Route::CheckAt(id.to_owned());
    }
    let all = steps(a);
    all.iter()
        .position(|s| s.id() == id)
        .and_then(|i| all.get(i + 1))
        .map_or(Route::Check, step_route)
}

/// Where "Start now" or "Continue where you left off" goes: the first step still needing answers.
pub fn start(a: &Answers) -> Route {
    first_incomplete(a).map_or(Route::Check, |s| step_route(&s))
}

/// The document title for a route.
pub fn title(route: &Route, a: &Answers) -> String {
    let page = match route {
        Route::Landing => {
            return "Keyholder — who holds the keys to your Dynamics 365 data?".to_owned()
        }
        Route::Tasks => "Your assessment".to_owned(),
        Route::Check | Route::CheckAt(_) => "Check your answers".to_owned(),
        Route::Report => "Your sovereignty report".to_owned(),
        Route::Import => "Import answers".to_owned(),
        Route::Share(_) => "Open a shared assessment".to_owned(),
        Route::Step { id, .. } => match find(a, id) {
            Some(Step::Page(p, _)) => format!("{} – {}", p.title, p.section.title()),
            Some(s @ Step::List(list)) => format!("{} – {}", list.title(), s.section().title()),
            None => "Page not found".to_owned(),
        },
    };
    format!("{page} – Keyholder")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::pages::ItemList;
    use crate::wizard::store::{apply, Msg};
    use keyholder_engine::questions as q;

    fn answer(a: &Answers, question: &'static q::Question, item: usize, v: &str) -> Answers {
        apply(
            a,
            Msg::Answer {
                question,
                item,
                value: Some(v.into()),
            },
        )
        .unwrap()
    }

    fn step(id: &str) -> Route {
        Route::Step {
            id: id.into(),
            from_check: false,
            question: None,
        }
    }

    #[test]
    fn back_and_continue_walk_the_steps_and_n_of_m_counts_the_section() {
        let a = Answers::default();
        assert_eq!(start(&a), step("tenant"));
        let first = locate(&a, "tenant", false).unwrap();
        assert_eq!(
            first.back,
            Route::Landing,
            "Back from the first question is the landing page"
        );
        assert_eq!(first.position, (1, 1), "the tenant section is one page");
        // The whole assessment counts from the first page, over every page the answers ask.
        assert_eq!(first.overall, (1, steps(&a).len()));
        assert_eq!(locate(&a, "list-env", false).unwrap().overall.0, 2);
        assert_eq!(next(&a, "tenant", false), step("list-env"));
        assert_eq!(locate(&a, "list-env", false).unwrap().back, step("tenant"));
        // From Check your answers, Back and Continue both return there, to the step's place.
        let there = Route::CheckAt("tenant".into());
        assert_eq!(locate(&a, "tenant", true).unwrap().back, there);
        assert_eq!(next(&a, "tenant", true), there);
        // The last step continues to Check your answers.
        assert_eq!(next(&a, "lockbox", false), Route::Check);
    }

    #[test]
    fn continue_follows_steps_the_page_just_added() {
        let a = apply(
            &Answers::default(),
            Msg::Add(ItemList::Environments, "Prod".into()),
        )
        .unwrap();
        assert_eq!(next(&a, "env-1-setup", false), step("copies"));
        let a = answer(&a, &q::ENV_POWER_AUTOMATE, 0, "yes");
        assert_eq!(next(&a, "env-1-setup", false), step("flows"));
        let flows = locate(&a, "flows", false).unwrap();
        assert_eq!(flows.back, step("env-1-setup"));
        let apps = locate(&a, "env-1-setup", false).unwrap();
        assert_eq!(apps.position, (2, 2), "the list and the environment page");
    }

    #[test]
    fn a_step_that_no_longer_applies_is_not_found_and_has_no_title() {
        let a = Answers::default();
        assert_eq!(locate(&a, "flows", false), None);
        assert_eq!(title(&step("flows"), &a), "Page not found – Keyholder");
        assert_eq!(
            title(&step("tenant"), &a),
            "About your tenant – Your tenant and residency needs – Keyholder"
        );
        let done = [
            (&q::TENANT_CLOUD, "commercial"),
            (&q::TENANT_HOME_GEO, "europe"),
            (&q::TENANT_RESIDENCY, "none"),
            (&q::FNO_USED, "no"),
            (&q::FNO_HR_STANDALONE, "no"),
            (&q::BC_USED, "no"),
        ]
        .into_iter()
        .fold(a, |acc, (question, v)| answer(&acc, question, 0, v));
        assert_eq!(
            start(&done),
            step("list-env"),
            "Start skips what is answered"
        );
    }
}
