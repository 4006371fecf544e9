//! Hash routes, so every step has its own URL on any static host: Back, Forward and reload land on
//! the same page. `#/q/env-1-apps?from=check` is a question reached from "Check your answers".

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The landing page.
    Landing,
    /// The section task list.
    Tasks,
    /// One question step, by step id; `from_check` returns to Check your answers on Continue.
    Step {
        /// Step id.
        id: String,
        /// Reached through a Change link.
        from_check: bool,
        /// The question whose Change link was followed: it takes the focus.
        question: Option<String>,
    },
    /// Check your answers.
    Check,
    /// Check your answers, back from a Change link: the step's rows take the focus (and come
    /// into view), not the top of the page.
    CheckAt(String),
    /// The report.
    Report,
    /// Import answers from a file or a pasted share link.
    Import,
    /// A followed share link, with its payload.
    Share(String),
}

impl Route {
    /// Parses a hash (without `#`). Anything unrecognised is the landing page.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('/');
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        match path {
            "tasks" => Route::Tasks,
            "check" => match param(query, "at").filter(|id| is_id(id)) {
                Some(id) => Route::CheckAt(id.to_owned()),
                None => Route::Check,
            },
            "report" => Route::Report,
            "import" => Route::Import,
            _ if path.starts_with("share/") => Route::Share(path["share/".len()..].to_owned()),
            _ => match path.strip_prefix("q/") {
                Some(id) if is_id(id) => Route::Step {
                    id: id.to_owned(),
                    from_check: query.split('&').any(|p| p == "from=check"),
                    question: param(query, "question")
                        .filter(|q| is_id(q))
                        .map(str::to_owned),
                },
                _ => Route::Landing,
            },
        }
    }

    /// The hash for this route (without `#`).
    pub fn hash(&self) -> String {
        match self {
            Route::Landing => "/".to_owned(),
            Route::Tasks => "/tasks".to_owned(),
            Route::Check => "/check".to_owned(),
            Route::Report => "/report".to_owned(),
            Route::Import => "/import".to_owned(),
            Route::Share(payload) => format!("/share/{payload}"),
            Route::CheckAt(id) => format!("/check?at={id}"),
            Route::Step {
                id,
                from_check,
                question,
            } => {
                let mut query = Vec::new();
                if *from_check {
                    query.push("from=check".to_owned());
                }
                if let Some(q) = question {
                    query.push(format!("question={q}"));
                }
                match query.is_empty() {
                    true => format!("/q/{id}"),
                    false => format!("/q/{id}?{}", query.join("&")),
                }
            }
        }
    }

    /// The elements a change to this route gives the focus to, the first that is on the page:
    /// the page's heading, or, back and forth from Check your answers, the question changed and
    /// then its row. Back on Check your answers, `at` is `step.question` (the row changed) or
    /// `step` (its first row); the step's first row stands in for a row without an id of its own.
    pub fn focus_targets(&self) -> Vec<String> {
        match self {
            Route::Step {
                question: Some(q), ..
            } => vec![format!("kh-question-{q}")],
            Route::CheckAt(at) => {
                let step = at.split('.').next().unwrap_or(at);
                vec![format!("kh-change-{at}"), format!("kh-change-{step}")]
            }
            _ => vec!["kh-heading".to_owned()],
        }
    }
}

/// A step id or question id: letters, digits, `-`, `_` and `.`, at most 64 characters (anything
/// else in an address is ignored).
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The value of `name=value` in a query.
fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        for r in [
            Route::Landing,
            Route::Tasks,
            Route::Check,
            Route::Report,
            Route::Import,
            Route::Share("1abc-_".into()),
            Route::Step {
                id: "env-2-apps".into(),
                from_check: false,
                question: None,
            },
            Route::Step {
                id: "cloud".into(),
                from_check: true,
                question: None,
            },
            Route::Step {
                id: "env-1-apps".into(),
                from_check: true,
                question: Some("env.sales_forecasting".into()),
            },
            Route::CheckAt("env-1-apps".into()),
            Route::CheckAt("env-1-setup.env.sales".into()),
        ] {
            assert_eq!(Route::parse(&r.hash()), r);
        }
    }

    #[test]
    fn back_on_check_your_answers_the_row_changed_then_its_steps_first_row() {
        assert_eq!(
            Route::CheckAt("env-1-setup.env.sales".into()).focus_targets(),
            ["kh-change-env-1-setup.env.sales", "kh-change-env-1-setup"]
        );
        assert_eq!(
            Route::CheckAt("tenant".into()).focus_targets(),
            ["kh-change-tenant", "kh-change-tenant"]
        );
    }

    #[test]
    fn junk_is_the_landing_page() {
        for h in ["", "/", "/q/", "/q/<script>", "/nowhere", "%%%"] {
            assert_eq!(Route::parse(h), Route::Landing, "{h}");
        }
        // A bad focus hint is dropped, never used as an element id.
        assert_eq!(Route::parse("/check?at=<b>"), Route::Check);
        assert_eq!(
            Route::parse("/q/cloud?from=check&question=x\"y"),
            Route::Step {
                id: "cloud".into(),
                from_check: true,
                question: None
            }
        );
    }
}
