//! Characters a name may not hold, and the one place that knows them.
//!
//! Names and brief details end up in the report, the CSV, the Markdown brief and other people's
//! screens. Control characters split lines and rows; invisible format characters (Unicode general
//! category Cf) can reorder what a reader sees (U+202E RIGHT-TO-LEFT OVERRIDE) or hide text from
//! them (zero-width spaces, tag characters). Validation refuses both; the exports also defuse them
//! in case text reaches them some other way.
//!
//! The Cf table is written out rather than taken from a `unicode-*` crate: the engine is compiled
//! to wasm, and a few ranges cost far less than a property table.

/// Unicode format characters (general category Cf, Unicode 16), plus the line and paragraph
/// separators U+2028 and U+2029, which some renderers treat as line breaks. Inclusive ranges,
/// sorted.
const HIDDEN: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),   // soft hyphen
    ('\u{0600}', '\u{0605}'),   // Arabic number signs
    ('\u{061C}', '\u{061C}'),   // Arabic letter mark
    ('\u{06DD}', '\u{06DD}'),   // Arabic end of ayah
    ('\u{070F}', '\u{070F}'),   // Syriac abbreviation mark
    ('\u{0890}', '\u{0891}'),   // Arabic pound and piastre marks above
    ('\u{08E2}', '\u{08E2}'),   // Arabic disputed end of ayah
    ('\u{180E}', '\u{180E}'),   // Mongolian vowel separator
    ('\u{200B}', '\u{200F}'),   // zero-width space, joiners, LRM, RLM
    ('\u{2028}', '\u{2029}'),   // line and paragraph separators (Zl, Zp)
    ('\u{202A}', '\u{202E}'),   // bidirectional embeddings and overrides
    ('\u{2060}', '\u{2064}'),   // word joiner, invisible operators
    ('\u{2066}', '\u{206F}'),   // bidirectional isolates, deprecated format characters
    ('\u{FEFF}', '\u{FEFF}'),   // zero-width no-break space (byte-order mark)
    ('\u{FFF9}', '\u{FFFB}'),   // interlinear annotation
    ('\u{110BD}', '\u{110BD}'), // Kaithi number sign
    ('\u{110CD}', '\u{110CD}'), // Kaithi number sign above
    ('\u{13430}', '\u{1343F}'), // Egyptian hieroglyph format controls
    ('\u{1BCA0}', '\u{1BCA3}'), // shorthand format controls
    ('\u{1D173}', '\u{1D17A}'), // musical symbol format controls
    ('\u{E0001}', '\u{E0001}'), // language tag
    ('\u{E0020}', '\u{E007F}'), // tag characters ("ASCII smuggling")
];

/// Whether `c` is a control character (C0, DEL, C1) or an invisible format character.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || HIDDEN.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c))
}

/// Whether `text` holds any character [`is_forbidden`] refuses.
pub fn has_forbidden(text: &str) -> bool {
    text.chars().any(is_forbidden)
}

/// `text` on one line: every run of forbidden characters becomes one space, and the result is cut
/// to `limit` characters. For echoing outside text (a bad id, a parser's message) in an error.
pub fn one_line(text: &str, limit: usize) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars().take(limit) {
        if is_forbidden(c) {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_format_characters_are_forbidden() {
        for c in [
            '\0',
            '\t',
            '\n',
            '\r',
            '\u{7F}',
            '\u{85}',
            '\u{9F}',
            '\u{AD}',
            '\u{200B}',
            '\u{200E}',
            '\u{2028}',
            '\u{202E}',
            '\u{2066}',
            '\u{FEFF}',
            '\u{E0041}',
        ] {
            assert!(is_forbidden(c), "{:?}", c);
        }
        for c in ['a', ' ', 'é', 'ß', '–', '€', '中', '\u{FE0F}', '😀'] {
            assert!(!is_forbidden(c), "{:?}", c);
        }
    }

    #[test]
    fn the_table_is_sorted_and_well_formed() {
        // Why: a range written backwards would silently match nothing.
        for pair in HIDDEN.windows(2) {
            assert!(pair[0].1 < pair[1].0, "{pair:?}");
        }
        assert!(HIDDEN.iter().all(|(lo, hi)| lo <= hi));
    }

    #[test]
    fn one_line_collapses_runs_and_cuts() {
        assert_eq!(one_line("a\r\n\u{202E}b\tc", 100), "a b c");
        assert_eq!(one_line("abcdef", 3), "abc");
        assert_eq!(one_line("\nabc\n", 100), "abc");
    }
}
