//! What the report module tells the app. The report is a second wasm module with its own memory
//! (`bin/keyholder-report.rs`), so it can't call the app's callbacks or touch its answers store:
//! it sends these events through one JavaScript function the app hands it, as two strings, and
//! the app acts on them. The answers go the other way as the saved JSON (`saved_text`).

use crate::wizard::store::CoverDetail;

/// One event from the report to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A cover detail of the brief was typed or chosen (`None`: cleared).
    Cover(CoverDetail, Option<String>),
    /// The report is shown with these headline figures: customer key, in scope, residency gaps.
    Shown(usize, usize, usize),
    /// The user confirmed deleting their answers from this browser.
    Delete,
    /// Go to this route (a hash without `#`): a script embed's in-memory router is the app's.
    Go(String),
    /// The same without a history entry (leaving a share link's address, so Back doesn't open it
    /// again).
    Redirect(String),
    /// The user chose these answers (an import, or a shared assessment made theirs): the saved
    /// JSON, which the app takes over whatever was there.
    Replace(String),
}

/// What the report module shows: the report, or the import page (a followed share link opens
/// there too). Import and share links are read by the report module, which holds the link
/// decoder and the import's checks, so the first load carries neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The report of the app's answers.
    Report,
    /// The import page; `in_progress`: the app holds answers (replacing them needs a yes).
    Import {
        /// A followed share link's payload.
        link: Option<String>,
        /// Whether answers are in progress.
        in_progress: bool,
    },
}

impl View {
    /// The view as one string for the crossing.
    pub fn encode(&self) -> String {
        match self {
            View::Report => "report".to_owned(),
            View::Import { link, in_progress } => format!(
                "import {} {}",
                if *in_progress { "busy" } else { "new" },
                link.as_deref().unwrap_or("")
            ),
        }
    }

    /// Reads a view written by [`View::encode`] (anything else is the report).
    pub fn decode(text: &str) -> View {
        let mut parts = text.splitn(3, ' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("import"), Some(state), link) => View::Import {
                link: link.filter(|l| !l.is_empty()).map(str::to_owned),
                in_progress: state == "busy",
            },
            _ => View::Report,
        }
    }
}

fn detail_name(d: CoverDetail) -> &'static str {
    match d {
        CoverDetail::Organisation => "organisation",
        CoverDetail::PreparedBy => "prepared-by",
        CoverDetail::Classification => "classification",
    }
}

impl Event {
    /// The event as `(kind, value)`.
    pub fn encode(&self) -> (String, String) {
        match self {
            Event::Cover(d, v) => (
                format!("cover {}", detail_name(*d)),
                v.clone().unwrap_or_default(),
            ),
            Event::Shown(k, s, g) => ("shown".to_owned(), format!("{k} {s} {g}")),
            Event::Delete => ("delete".to_owned(), String::new()),
            Event::Go(route) => ("go".to_owned(), route.clone()),
            Event::Redirect(route) => ("redirect".to_owned(), route.clone()),
            Event::Replace(answers) => ("replace".to_owned(), answers.clone()),
        }
    }

    /// Reads an event written by [`Event::encode`]; `None` for anything else.
    pub fn decode(kind: &str, value: &str) -> Option<Event> {
        if let Some(name) = kind.strip_prefix("cover ") {
            let detail = [
                CoverDetail::Organisation,
                CoverDetail::PreparedBy,
                CoverDetail::Classification,
            ]
            .into_iter()
            .find(|d| detail_name(*d) == name)?;
            let value = (!value.is_empty()).then(|| value.to_owned());
            return Some(Event::Cover(detail, value));
        }
        match kind {
            "shown" => {
                let mut n = value.split(' ').map(|p| p.parse::<usize>().ok());
                match (n.next()??, n.next()??, n.next()??, n.next()) {
                    (k, s, g, None) => Some(Event::Shown(k, s, g)),
                    _ => None,
                }
            }
            "delete" => Some(Event::Delete),
            "go" => Some(Event::Go(value.to_owned())),
            "redirect" => Some(Event::Redirect(value.to_owned())),
            "replace" => Some(Event::Replace(value.to_owned())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_survives_the_crossing() {
        for e in [
            Event::Cover(CoverDetail::Organisation, Some("Contoso Ltd".into())),
            Event::Cover(CoverDetail::PreparedBy, None),
            Event::Cover(CoverDetail::Classification, Some("Internal".into())),
            Event::Shown(9, 12, 2),
            Event::Delete,
            Event::Go("/check".into()),
            Event::Redirect("/import".into()),
            Event::Replace("{\"schema_version\":3}".into()),
        ] {
            let (kind, value) = e.encode();
            assert_eq!(Event::decode(&kind, &value), Some(e));
        }
    }

    #[test]
    fn every_view_survives_the_crossing() {
        for v in [
            View::Report,
            View::Import {
                link: None,
                in_progress: false,
            },
            View::Import {
                link: Some("1abc-_".into()),
                in_progress: true,
            },
        ] {
            assert_eq!(View::decode(&v.encode()), v);
        }
        assert_eq!(View::decode("anything"), View::Report);
    }

    #[test]
    fn anything_else_is_refused() {
        for (k, v) in [
            ("cover nickname", "x"),
            ("shown", "1 2"),
            ("shown", "1 2 3 4"),
            ("shown", "a b c"),
            ("launch", ""),
        ] {
            assert_eq!(Event::decode(k, v), None, "{k} {v}");
        }
    }
}
