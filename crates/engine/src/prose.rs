//! The report's prose: every rule's reason, every action's title and detail, every source's title,
//! the note on how current the facts are, and the assessor's checklist items the tool doesn't ask.
//!
//! Why it is apart: it is most of the catalogue's text, and the questionnaire never shows it. The
//! browser build leaves it out of the wasm (`build.rs` writes each text as `prose!(index, "…")`,
//! the index in the wasm, the text natively) and fetches `report-prose.txt` from its own release
//! folder the first time a report is needed: a smaller first load, the same report. Native builds
//! (tests, the CLI) carry the text as before and are always ready.
//!
//! The file carries the digest of the build that wrote it and its count of texts; [`install`]
//! refuses a file of any other build (a stale cache, a mixed deploy) and a truncated one, so those
//! show as an error, never as wrong sentences under the right rules. It doesn't re-hash the texts:
//! the file comes from the same immutable release folder as the wasm, so it is no less trusted.

use thiserror::Error;

/// The file's name in the release folder (next to the wasm).
pub const FILE: &str = "report-prose.txt";

/// A text as the generated catalogue refers to it: the text natively, its index in the browser.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type ProseRef = &'static str;
/// A text as the generated catalogue refers to it: the text natively, its index in the browser.
#[cfg(target_arch = "wasm32")]
pub(crate) type ProseRef = u16;

#[cfg(target_arch = "wasm32")]
static TEXT: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// Why a prose file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProseError {
    /// Not a Keyholder prose file at all.
    #[error("the report's text file can't be read")]
    Malformed,
    /// A prose file of another build (a stale cache or a mixed deploy).
    #[error("the report's text file belongs to another release of Keyholder")]
    OtherRelease,
}

/// The file's first line: `keyholder-prose 1 <digest> <count>`; then one text per line.
fn parse(file: &str) -> Result<(&str, Vec<&str>), ProseError> {
    let (head, body) = file.split_once('\n').ok_or(ProseError::Malformed)?;
    let mut words = head.trim_end_matches('\r').split(' ');
    let (Some("keyholder-prose"), Some("1"), Some(digest), Some(count), None) = (
        words.next(),
        words.next(),
        words.next(),
        words.next(),
        words.next(),
    ) else {
        return Err(ProseError::Malformed);
    };
    // `lines`: a host or a Git checkout that turned the line ends into CRLF changes nothing.
    let text: Vec<&str> = body.lines().collect();
    if count.parse::<usize>().ok() != Some(text.len()) {
        return Err(ProseError::Malformed);
    }
    Ok((digest, text))
}

/// Whether the prose is there: always natively; in the browser once [`install`] has run.
pub fn ready() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        TEXT.get().is_some()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        true
    }
}

/// Checks a fetched `report-prose.txt` against this build and, in the browser, keeps it for the
/// life of the page (the catalogue borrows its texts for `'static`, like the rest of its data).
pub fn install(file: &str) -> Result<(), ProseError> {
    let (digest, text) = parse(file)?;
    // `black_box`: the digest stays in the wasm as text (not folded into integer compares), so the
    // release layout step can tell which prose file belongs to this wasm.
    let expected = std::hint::black_box(crate::catalogue::PROSE_DIGEST);
    if digest != expected || text.len() != crate::catalogue::PROSE_COUNT {
        return Err(ProseError::OtherRelease);
    }
    #[cfg(target_arch = "wasm32")]
    {
        if TEXT.get().is_none() {
            // One allocation for the whole file, borrowed by every text for the page's life.
            let kept: &'static str = Box::leak(file.to_owned().into_boxed_str());
            if let Ok((_, text)) = parse(kept) {
                let _ = TEXT.set(text);
            }
        }
    }
    Ok(())
}

/// The text a generated entry refers to; `None` in the browser before [`install`].
pub(crate) fn resolve(p: ProseRef) -> Option<&'static str> {
    #[cfg(target_arch = "wasm32")]
    {
        TEXT.get()?.get(usize::from(p)).copied()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = include_str!(concat!(env!("OUT_DIR"), "/report-prose.txt"));

    #[test]
    fn the_built_file_installs_and_others_are_refused() {
        assert_eq!(install(BUILT), Ok(()));
        let other = BUILT.replacen(crate::catalogue::PROSE_DIGEST, "0000000000000000", 1);
        assert_eq!(install(&other), Err(ProseError::OtherRelease));
        assert_eq!(install("<html>404</html>"), Err(ProseError::Malformed));
        assert_eq!(
            install(&BUILT.replacen("keyholder-prose 1 ", "keyholder-prose 2 ", 1)),
            Err(ProseError::Malformed)
        );
        // A text lost in transit (a truncated file) is caught by the count.
        let cut = BUILT.trim_end().rsplit_once('\n').unwrap().0;
        assert_eq!(install(cut), Err(ProseError::Malformed));
        // Line ends turned into CRLF on the way (a Windows checkout of a deployed folder).
        assert_eq!(install(&BUILT.replace('\n', "\r\n")), Ok(()));
    }

    #[test]
    fn the_file_holds_the_catalogue_texts_in_order() {
        // The file is what the browser shows: every rule's reason and action's words, in the
        // order the generated code indexes them.
        let (_, text) = parse(BUILT).unwrap();
        let cat = crate::catalogue::load().unwrap();
        for rule in &cat.rules {
            assert!(text.contains(&rule.reason), "{}", rule.id);
        }
        for action in &cat.actions {
            assert!(text.contains(&action.title) && text.contains(&action.detail));
        }
        for source in &cat.sources {
            assert!(text.contains(&source.title), "{}", source.id);
        }
        // The components' names, in `ComponentId::ALL` order (the browser looks them up by index).
        for (c, p) in crate::model::ComponentId::ALL
            .iter()
            .zip(crate::catalogue::COMPONENT_LABELS)
        {
            assert_eq!(crate::prose::resolve(p), Some(c.label()));
            assert!(text.contains(&c.label()));
        }
        assert_eq!(
            crate::catalogue::COMPONENT_LABELS.len(),
            crate::model::ComponentId::ALL.len()
        );
        for s in crate::assessor::not_assessed() {
            assert!(text.contains(&s), "{s}");
        }
        let expected = 2
            + crate::model::ComponentId::ALL.len()
            + cat.rules.len()
            + 2 * cat.actions.len()
            + cat.sources.len()
            + crate::assessor::not_assessed().count();
        assert_eq!(text.len(), expected);
    }
}
