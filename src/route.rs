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
    },
    /// Check your answers.
    Check,
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
            "check" => Route::Check,
            "report" => Route::Report,
            "import" => Route::Import,
            _ if path.starts_with("share/") => Route::Share(path["share/".len()..].to_owned()),
            _ => match path.strip_prefix("q/") {
                Some(id)
                    if !id.is_empty()
                        && id.len() <= 64
                        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') =>
                {
                    Route::Step {
                        id: id.to_owned(),
                        from_check: query.split('&').any(|p| p == "from=check"),
                    }
                }
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
            Route::Step {
                id,
                from_check: false,
            } => format!("/q/{id}"),
            Route::Step {
                id,
                from_check: true,
            } => format!("/q/{id}?from=check"),
        }
    }
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
            },
            Route::Step {
                id: "cloud".into(),
                from_check: true,
            },
        ] {
            assert_eq!(Route::parse(&r.hash()), r);
        }
    }

    #[test]
    fn junk_is_the_landing_page() {
        for h in ["", "/", "/q/", "/q/<script>", "/nowhere", "%%%"] {
            assert_eq!(Route::parse(h), Route::Landing, "{h}");
        }
    }
}
