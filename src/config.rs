//! Brand and theme for embedding: read from URL parameters (iframe) or `data-` attributes on the
//! host element (script embed), validated here so a host page can't inject markup, script,
//! arbitrary CSS or misleading text through them. Pure: parsing is tested natively; `apply` lives
//! in the app.
//!
//! Every value is optional; anything invalid is dropped (and listed in `ignored`, so a host
//! developer can see why in the console) and the default is used. Brand, logo, call to action,
//! classification and theme only apply in an embed: on Keyholder's own top-level page the URL can't
//! dress the genuine origin up as someone else ([`Config::from_query_in`]).

/// The theme custom properties a host may set, with the kind of value each accepts.
pub const THEME: [(&str, Kind); 8] = [
    ("accent", Kind::Colour),
    ("accent-contrast", Kind::Colour),
    ("text", Kind::Colour),
    ("muted", Kind::Colour),
    ("bg", Kind::Colour),
    ("surface", Kind::Colour),
    ("font", Kind::Font),
    ("radius", Kind::Length),
];

/// What a theme value may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `#rgb` or `#rrggbb`.
    Colour,
    /// A font-family list: letters, digits, spaces, commas, hyphens and quotes.
    Font,
    /// `0` to `99` with `px` or `rem` (decimals allowed).
    Length,
}

/// Where the answers are kept between visits (`storage=local|session|none`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Keep {
    /// `localStorage` (the default): kept until deleted.
    #[default]
    Local,
    /// `sessionStorage`: gone when the tab closes.
    Session,
    /// Memory only: gone when the page is left or reloaded.
    Memory,
}

/// Brand, theme and embedding settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Brand name shown in the header and on the brief's cover.
    pub brand: Option<String>,
    /// Logo: a same-origin path or a `data:image/…` URL.
    pub logo: Option<String>,
    /// Call-to-action text ("Talk to us about your keys").
    pub cta_text: Option<String>,
    /// Call-to-action link: `https:`, `mailto:` or a same-origin path.
    pub cta_href: Option<String>,
    /// Default classification label on the brief.
    pub classification: Option<String>,
    /// The level of the app's top heading (1–4), to fit the host page's outline.
    pub heading_level: u8,
    /// The parent page origin allowed to receive messages (iframe embed), normalised.
    pub parent_origin: Option<String>,
    /// Send the headline verdicts to the parent when the report is shown (opt-in).
    pub notify_verdicts: bool,
    /// Where the answers are kept.
    pub storage: Keep,
    /// The host page's origin when the app is a script embed on it (set by the app, not a setting).
    pub host: Option<String>,
    /// Theme custom properties (`--kh-<name>`, value), validated.
    pub theme: Vec<(String, String)>,
    /// Settings that were given but refused, with why.
    pub ignored: Vec<String>,
}

/// A character no setting may contain: a control or invisible format character (bidi controls,
/// zero-width characters, tags…), as the engine refuses them in every name — one table for both.
pub fn is_hidden(c: char) -> bool {
    keyholder_engine::text::is_forbidden(c)
}

fn text(value: &str, limit: usize) -> Result<String, &'static str> {
    let v = value.trim();
    if v.chars().any(is_hidden) {
        return Err("control or format characters");
    }
    if v.is_empty() || v.chars().count() > limit {
        return Err(if limit > 60 {
            "1 to 80 characters"
        } else {
            "1 to 60 characters"
        });
    }
    Ok(v.to_owned())
}

/// A URL-like value: nothing hidden and no whitespace (the URL parser strips tabs and newlines,
/// so `/\t/other.host` would become `//other.host`).
fn url_like(v: &str) -> bool {
    !v.is_empty() && !v.chars().any(|c| is_hidden(c) || c.is_whitespace())
}

fn same_origin_path(v: &str) -> bool {
    // Relative or root-relative, never another origin or a scheme (`javascript:`, `//host`, `/\host`).
    url_like(v) && !v.contains(':') && !v.starts_with("//") && !v.contains('\\')
}

fn is_colour(v: &str) -> bool {
    v.strip_prefix('#').is_some_and(|hex| {
        (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}

/// Whether `v` is a valid theme value of this kind.
pub fn valid(kind: Kind, v: &str) -> bool {
    match kind {
        Kind::Colour => is_colour(v),
        Kind::Font => {
            !v.is_empty()
                && v.len() <= 120
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | ',' | '-' | '"' | '\''))
        }
        Kind::Length => {
            let number = v.strip_suffix("px").or_else(|| v.strip_suffix("rem"));
            // Checked by hand: parsing a float would pull float parsing into the wasm.
            number.is_some_and(|n| {
                let (whole, fraction) = n.split_once('.').unwrap_or((n, "0"));
                (1..=2).contains(&whole.len())
                    && (1..=2).contains(&fraction.len())
                    && whole
                        .chars()
                        .chain(fraction.chars())
                        .all(|c| c.is_ascii_digit())
            })
        }
    }
}

/// `https://host[:port]` or `http://host[:port]` as a browser spells the origin (`MessageEvent.origin`,
/// what `postMessage` targets): scheme and host lower-cased, a trailing `/` and a default port
/// dropped. Anything after the host (a path, query or fragment) is refused.
pub fn origin(v: &str) -> Option<String> {
    let v = v.to_ascii_lowercase();
    let v = v.strip_suffix('/').unwrap_or(&v);
    // (The first `:` then `//`, not a search for "://": the same split for every scheme the
    // match below accepts, without the substring searcher's code in the first load.)
    let (scheme, rest) = v.split_once(':')?;
    let rest = rest.strip_prefix("//")?;
    let default = match scheme {
        "https" => ":443",
        "http" => ":80",
        _ => return None,
    };
    let rest = rest.strip_suffix(default).unwrap_or(rest);
    let (host, port) = rest.split_once(':').unwrap_or((rest, "0"));
    let ok = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && (1..=5).contains(&port.len())
        && port.chars().all(|c| c.is_ascii_digit());
    ok.then(|| [scheme, "://", rest].concat())
}

/// The warning when the top-level page's URL carries settings that only an embed may use.
pub const ONLY_EMBEDDED: &str =
    "brand, logo, cta, classification, theme, parent and notify=… (only in an embed)";

/// The most characters each text setting may hold (after trimming).
pub const TEXT_LIMITS: [(&str, usize); 3] = [("brand", 60), ("cta", 80), ("classification", 60)];

fn text_setting(name: &str, value: &str) -> Result<String, &'static str> {
    let limit = TEXT_LIMITS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(60, |(_, limit)| *limit);
    text(value, limit)
}

/// The setting `name` fills: both spellings of the call to action's link fill one.
pub fn slot(name: &str) -> &str {
    if name == "cta_href" {
        "cta-href"
    } else {
        name
    }
}

/// Whether a setting counts only in an embed (brand, call to action, theme, parent…): on
/// Keyholder's own top-level page the app drops it ([`Config::from_query_in`]).
pub fn embed_only(name: &str) -> bool {
    BRANDING.contains(&name) || THEME.iter().any(|(t, _)| *t == name)
}

/// Settings that dress the app up as someone else's, or talk to a parent: only in an embed.
const BRANDING: [&str; 8] = [
    "brand",
    "logo",
    "cta",
    "cta-href",
    "cta_href",
    "classification",
    "parent",
    "notify",
];

/// Every setting the app reads, by name. A URL parameter or `data-` attribute by any other name
/// is the host's own (a campaign's `utm_source`…) and changes nothing: `from_pairs` reads only
/// these, and `first-screens.js` (given the list by the page drawn at build time) shows the
/// drawn first screen under any other.
pub fn names() -> impl Iterator<Item = &'static str> {
    BRANDING
        .into_iter()
        .chain(["heading", "storage"])
        .chain(THEME.iter().map(|(name, _)| *name))
}

fn pairs_of(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn set(slot: &mut Option<String>, value: Result<String, &'static str>) -> Result<(), &'static str> {
    *slot = Some(value?);
    Ok(())
}

/// What a refused value looks like in a warning: hidden characters shown as the replacement character, cut short.
fn shown(value: &str) -> String {
    value
        .chars()
        .take(40)
        .map(|c| if is_hidden(c) { '\u{fffd}' } else { c })
        .collect()
}

impl Config {
    /// Reads settings from `(name, value)` pairs: URL parameters or `data-` attributes (without
    /// the `data-` prefix). Unknown names are ignored.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Config {
        let mut c = Config {
            heading_level: 1,
            ..Config::default()
        };
        for (name, value) in &pairs {
            let (name, value) = (name.as_str(), value.as_str());
            if !names().any(|n| n == name) {
                // Not ours (a host's own attribute or parameter): not an error.
                continue;
            }
            let v = value.trim();
            let result = match slot(name) {
                "brand" => set(&mut c.brand, text_setting(name, value)),
                "logo" => {
                    let ok = (v.starts_with("data:image/") && v.len() <= 100_000 && url_like(v))
                        || same_origin_path(v);
                    set(
                        &mut c.logo,
                        ok.then(|| v.to_owned())
                            .ok_or("a same-origin path or a data:image/ URL"),
                    )
                }
                "cta" => set(&mut c.cta_text, text_setting(name, value)),
                "cta-href" => {
                    let ok = (v.starts_with("https://") || v.starts_with("mailto:")) && url_like(v)
                        || same_origin_path(v);
                    set(
                        &mut c.cta_href,
                        ok.then(|| v.to_owned())
                            .ok_or("an https: or mailto: URL or a same-origin path"),
                    )
                }
                "classification" => set(&mut c.classification, text_setting(name, value)),
                "heading" => match v.parse::<u8>() {
                    Ok(n @ 1..=4) => {
                        c.heading_level = n;
                        Ok(())
                    }
                    _ => Err("1 to 4"),
                },
                "parent" => set(
                    &mut c.parent_origin,
                    origin(v).ok_or("an origin: https://host[:port], nothing after"),
                ),
                "notify" => {
                    c.notify_verdicts = v == "verdicts";
                    c.notify_verdicts.then_some(()).ok_or("verdicts")
                }
                "storage" => {
                    c.storage = match v {
                        "local" => Keep::Local,
                        "session" => Keep::Session,
                        "none" => Keep::Memory,
                        _ => Keep::default(),
                    };
                    ["local", "session", "none"]
                        .contains(&v)
                        .then_some(())
                        .ok_or("local, session or none")
                }
                _ => match THEME.iter().find(|(n, _)| *n == name) {
                    Some((n, kind)) if valid(*kind, v) => {
                        c.theme.push((format!("--kh-{n}"), v.to_owned()));
                        Ok(())
                    }
                    Some(_) => Err("not a valid value of its kind"),
                    None => Ok(()),
                },
            };
            if let Err(why) = result {
                c.ignored.push(format!("{name}={} ({why})", shown(value)));
            }
        }
        c
    }

    /// Reads a URL query string (`?brand=Contoso&accent=%23aa0000`).
    pub fn from_query(query: &str) -> Config {
        Config::from_pairs(pairs_of(query))
    }

    /// Reads the URL query of Keyholder's own page. Brand, logo, call to action, classification,
    /// theme and the parent settings count only when the page is `framed` and names its `parent`:
    /// on the top-level page anyone could send a link that shows the genuine origin under another
    /// name, with their link as its call to action.
    pub fn from_query_in(query: &str, framed: bool) -> Config {
        let mut pairs = pairs_of(query);
        let count = pairs.len();
        if !(framed
            && pairs
                .iter()
                .any(|(n, v)| n == "parent" && origin(v.trim()).is_some()))
        {
            pairs.retain(|(n, _)| !embed_only(n));
        }
        let dropped = pairs.len() < count;
        let mut c = Config::from_pairs(pairs);
        if dropped {
            c.ignored.push(ONLY_EMBEDDED.to_owned());
        }
        c
    }

    /// Drops a path logo that `same_origin` (the browser's URL parser, comparing origins) says
    /// resolves to another origin.
    pub fn check_logo(&mut self, same_origin: impl Fn(&str) -> bool) {
        if self
            .logo
            .take_if(|l| !l.starts_with("data:") && !same_origin(l))
            .is_some()
        {
            self.ignored
                .push("logo=… (resolves to another origin)".to_owned());
        }
    }

    /// What the user is told about where their answers are kept and what leaves the page, one
    /// sentence each.
    pub fn privacy(&self) -> Vec<String> {
        let mut notes = vec![match &self.host {
            Some(host) => [
                "Keyholder runs inside this page, so the site you are on (",
                host,
                ") can see what you enter here. Keyholder itself has no server.",
            ]
            .concat(),
            None if self.notify_verdicts => {
                "Keyholder has no server. Your answers are never sent anywhere.".to_owned()
            }
            None => "Keyholder has no server. Nothing you enter is sent anywhere.".to_owned(),
        }];
        notes.push(
            match self.storage {
                Keep::Local => "Your answers are kept only in this browser's storage so you can come back to them, and you decide what to export.",
                Keep::Session => "Your answers are kept in this browser tab's session storage: they are deleted when you close the tab.",
                Keep::Memory => "Your answers are kept in memory only, never stored: they are gone when you leave or reload the page.",
            }
            .to_owned(),
        );
        if let (true, Some(parent)) = (self.notify_verdicts, &self.parent_origin) {
            notes.push(
                [
                    "This page shares your two headline figures — not your answers — with ",
                    parent,
                    ".",
                ]
                .concat(),
            );
        }
        notes
    }
}

/// Percent-decoding for query values (`+` is a space); invalid escapes are kept as typed.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn reads_every_setting_it_names_and_nothing_else() {
        // Each named setting is read: a value it can't take is reported, not passed over.
        for name in names() {
            let c = Config::from_query(&format!("{name}=%01"));
            assert!(!c.ignored.is_empty(), "{name} is named but not read");
        }
        // Any other name is the host's: no setting, no warning.
        let c = Config::from_query("utm_source=newsletter&utm_medium=email&ref=%01&x");
        assert_eq!(c, Config::from_query(""));
    }

    #[test]
    fn reads_brand_and_theme_from_a_query() {
        let c = Config::from_query(
            "?brand=Contoso+Advisory&accent=%23aa0033&font=Georgia%2C+serif&radius=0px&cta=Talk+to+us&cta-href=https%3A%2F%2Fcontoso.example%2Fcontact&classification=Client+confidential&heading=2&parent=https%3A%2F%2Fcontoso.example&notify=verdicts",
        );
        assert_eq!(c.brand.as_deref(), Some("Contoso Advisory"));
        assert_eq!(
            c.cta_href.as_deref(),
            Some("https://contoso.example/contact")
        );
        assert_eq!(c.classification.as_deref(), Some("Client confidential"));
        assert_eq!(c.heading_level, 2);
        assert_eq!(c.parent_origin.as_deref(), Some("https://contoso.example"));
        assert!(c.notify_verdicts);
        assert_eq!(
            c.theme,
            vec![
                ("--kh-accent".to_owned(), "#aa0033".to_owned()),
                ("--kh-font".to_owned(), "Georgia, serif".to_owned()),
                ("--kh-radius".to_owned(), "0px".to_owned()),
            ]
        );
        assert!(c.ignored.is_empty(), "{:?}", c.ignored);
    }

    #[test]
    fn refuses_anything_that_could_inject() {
        let long = "x".repeat(61);
        let c = Config::from_pairs(pairs(&[
            ("accent", "red; background: url(https://evil.example)"),
            ("font", "x;}body{display:none"),
            ("logo", "javascript:alert(1)"),
            ("logo", "https://evil.example/logo.png"),
            ("cta-href", "javascript:alert(1)"),
            ("parent", "https://host.example/path"),
            ("parent", "*"),
            ("heading", "9"),
            ("brand", &long),
            ("radius", "1e9px"),
        ]));
        assert_eq!(
            c,
            Config {
                heading_level: 1,
                ignored: c.ignored.clone(),
                ..Config::default()
            }
        );
        assert_eq!(c.ignored.len(), 10);
    }

    #[test]
    fn accepts_data_and_same_origin_logos_and_ignores_foreign_names() {
        let c = Config::from_pairs(pairs(&[
            ("logo", "data:image/png;base64,iVBORw0KGgo="),
            ("keyholder", ""),
        ]));
        assert!(c.logo.is_some() && c.ignored.is_empty());
        let c = Config::from_pairs(pairs(&[("logo", "assets/logo.svg")]));
        assert_eq!(c.logo.as_deref(), Some("assets/logo.svg"));
    }

    #[test]
    fn refuses_control_and_format_characters_in_text() {
        for bad in [
            "\u{202e}Evil",
            "Con\u{200b}toso",
            "a\tb",
            "a\nb",
            "\u{ad}soft",
            "x\u{feff}",
            "\u{61c}x",
            "\u{2066}x\u{2069}",
            "tag\u{e0041}",
            "a\u{85}b",
        ] {
            for name in ["brand", "cta", "classification"] {
                let c = Config::from_pairs(pairs(&[(name, bad)]));
                assert!(
                    c.brand.is_none() && c.cta_text.is_none() && c.classification.is_none(),
                    "{name}={bad:?}"
                );
                assert_eq!(c.ignored.len(), 1, "{name}={bad:?}");
                assert!(c.ignored[0].contains('\u{fffd}'), "{:?}", c.ignored);
            }
        }
        let c = Config::from_pairs(pairs(&[("brand", "  Contoso — Advisory  ")]));
        assert_eq!(c.brand.as_deref(), Some("Contoso — Advisory"));
    }

    #[test]
    fn refuses_logos_and_links_that_whitespace_would_turn_into_another_origin() {
        for q in [
            "logo=/%09/other.host/x.png",
            "logo=/%0A/other.host/x.png",
            "logo=/%0D/other.host/x.png",
            "logo=%2F%2Fother.host%2Fx.png",
            "logo=/\\other.host/x.png",
            "logo=%E2%80%AE/x.png",
            "logo=data:image/png;%0Abase64,AA",
            "cta-href=/%09/other.host/",
            "cta-href=https://ok.example/%E2%80%8B",
        ] {
            let c = Config::from_query(q);
            assert!(c.logo.is_none() && c.cta_href.is_none(), "{q}");
            assert_eq!(c.ignored.len(), 1, "{q}");
        }
        // The browser's URL parser has the last word on a path logo.
        let mut c = Config::from_pairs(pairs(&[("logo", "assets/logo.svg")]));
        c.check_logo(|_| false);
        assert!(c.logo.is_none());
        assert!(c.ignored[0].contains("another origin"), "{:?}", c.ignored);
        let mut c = Config::from_pairs(pairs(&[("logo", "data:image/gif;base64,R0lGOD")]));
        c.check_logo(|_| false);
        assert!(c.logo.is_some(), "a data: URL has no origin to compare");
    }

    #[test]
    fn normalises_the_parent_origin_and_refuses_paths() {
        for (given, want) in [
            ("HTTPS://Contoso.Example/", "https://contoso.example"),
            ("https://contoso.example:443", "https://contoso.example"),
            ("http://localhost:8082/", "http://localhost:8082"),
            ("http://127.0.0.1:80", "http://127.0.0.1"),
            // A default port stripped once: what is left is another port, as given.
            ("https://h.example:443:443", "https://h.example:443"),
        ] {
            let c = Config::from_pairs(pairs(&[("parent", given)]));
            assert_eq!(c.parent_origin.as_deref(), Some(want), "{given}");
        }
        for bad in [
            "https://contoso.example/path",
            "https://contoso.example?x=1",
            "https://contoso.example#x",
            "https://user@contoso.example",
            "https://contoso.example:",
            "https://contoso.example:123456",
            "https://",
            "ftp://contoso.example",
            "https://contoso.example//",
            "https:contoso.example",
            "https:/contoso.example",
            "a:https://contoso.example",
            "https:x://contoso.example",
        ] {
            let c = Config::from_pairs(pairs(&[("parent", bad)]));
            assert!(c.parent_origin.is_none(), "{bad}");
            assert!(c.ignored[0].starts_with("parent="), "{:?}", c.ignored);
        }
    }

    #[test]
    fn the_top_level_page_takes_no_brand_from_its_url() {
        let q = "brand=Evil&logo=evil.png&cta=Click&cta-href=https%3A%2F%2Fevil.example&classification=Secret&accent=%23ff0000&parent=https%3A%2F%2Fhost.example&notify=verdicts&heading=2&storage=session";
        for c in [
            Config::from_query_in(&q.replace("parent=", "not-parent="), true),
            Config::from_query_in(q, false),
        ] {
            assert!(c.brand.is_none() && c.logo.is_none() && c.cta_text.is_none());
            assert!(c.cta_href.is_none() && c.classification.is_none());
            assert!(c.theme.is_empty() && c.parent_origin.is_none() && !c.notify_verdicts);
            assert_eq!(c.ignored, [ONLY_EMBEDDED]);
            // Structure and storage are not branding.
            assert_eq!((c.heading_level, c.storage), (2, Keep::Session));
        }
        let c = Config::from_query_in(q, true);
        assert_eq!(c.brand.as_deref(), Some("Evil"));
        assert_eq!(c.cta_href.as_deref(), Some("https://evil.example"));
        assert!(c.notify_verdicts && c.ignored.is_empty(), "{:?}", c.ignored);
    }

    #[test]
    fn storage_modes_and_what_the_user_is_told() {
        let keep = |v: &str| Config::from_pairs(pairs(&[("storage", v)]));
        assert_eq!(keep("none").storage, Keep::Memory);
        assert_eq!(keep("session").storage, Keep::Session);
        assert_eq!(keep("local").storage, Keep::Local);
        assert_eq!(keep("cloud").storage, Keep::Local);
        assert_eq!(keep("cloud").ignored.len(), 1);

        let plain = Config::default().privacy().join(" ");
        assert!(
            plain.contains("Nothing you enter is sent anywhere"),
            "{plain}"
        );

        let mut script = keep("none");
        script.host = Some("https://contoso.example".into());
        let notes = script.privacy().join(" ");
        assert!(
            notes.contains("(https://contoso.example) can see what you enter"),
            "{notes}"
        );
        assert!(notes.contains("memory only") && !notes.contains("Nothing you enter"));

        let framed = Config::from_query("parent=https://contoso.example&notify=verdicts");
        let notes = framed.privacy().join(" ");
        assert!(
            notes.contains("This page shares your two headline figures — not your answers — with https://contoso.example."),
            "{notes}"
        );
        assert!(!notes.contains("Nothing you enter"));
    }
}
