//! Brand and theme for embedding: read from URL parameters (iframe) or `data-` attributes on the
//! host element (script embed), validated here so a host page can't inject markup, script or
//! arbitrary CSS through them. Pure: parsing is tested natively; `apply` lives in the app.
//!
//! Every value is optional; anything invalid is dropped (and listed in `ignored`, so a host
//! developer can see why in the console) and the default is used.

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
    /// The parent page origin allowed to receive messages (iframe embed).
    pub parent_origin: Option<String>,
    /// Send the headline verdicts to the parent when the report is shown (opt-in).
    pub notify_verdicts: bool,
    /// Theme custom properties (`--kh-<name>`, value), validated.
    pub theme: Vec<(String, String)>,
    /// Settings that were given but refused, with why.
    pub ignored: Vec<String>,
}

fn text(value: &str, limit: usize) -> Option<String> {
    let v: String = value.trim().chars().filter(|c| !c.is_control()).collect();
    (!v.is_empty() && v.chars().count() <= limit).then_some(v)
}

fn same_origin_path(v: &str) -> bool {
    // Relative or root-relative, never another origin or a scheme (`javascript:`, `//host`).
    !v.contains(':') && !v.starts_with("//") && !v.contains('\\') && !v.is_empty()
}

fn is_colour(v: &str) -> bool {
    v.strip_prefix('#').is_some_and(|hex| {
        (hex.len() == 3 || hex.len() == 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}

fn valid(kind: Kind, v: &str) -> bool {
    match kind {
        Kind::Colour => is_colour(v),
        Kind::Font => {
            !v.is_empty()
                && v.len() <= 120
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || " ,-\"'".contains(c))
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

/// `https://host[:port]` or `http://host[:port]`, nothing after: what `postMessage` targets.
fn origin(v: &str) -> Option<String> {
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))?;
    let ok = !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == ':');
    ok.then(|| v.to_owned())
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
            let ok = match name {
                "brand" => set(&mut c.brand, text(value, 60)),
                "logo" => {
                    let v = value.trim();
                    let ok =
                        (v.starts_with("data:image/") && v.len() <= 100_000) || same_origin_path(v);
                    set(&mut c.logo, ok.then(|| v.to_owned()))
                }
                "cta" => set(&mut c.cta_text, text(value, 80)),
                "cta-href" | "cta_href" => {
                    let v = value.trim();
                    let ok = v.starts_with("https://")
                        || v.starts_with("mailto:")
                        || same_origin_path(v);
                    set(
                        &mut c.cta_href,
                        (ok && !v.contains(char::is_whitespace)).then(|| v.to_owned()),
                    )
                }
                "classification" => set(&mut c.classification, text(value, 60)),
                "heading" => match value.trim().parse::<u8>() {
                    Ok(n @ 1..=4) => {
                        c.heading_level = n;
                        true
                    }
                    _ => false,
                },
                "parent" => set(&mut c.parent_origin, origin(value.trim())),
                "notify" => {
                    c.notify_verdicts = value.trim() == "verdicts";
                    c.notify_verdicts
                }
                _ => match THEME.iter().find(|(n, _)| *n == name) {
                    Some((n, kind)) if valid(*kind, value.trim()) => {
                        c.theme.push((format!("--kh-{n}"), value.trim().to_owned()));
                        true
                    }
                    Some(_) => false,
                    // Not ours (a host's own attribute or parameter): not an error.
                    None => true,
                },
            };
            if !ok {
                c.ignored.push(format!(
                    "{name}={}",
                    value.chars().take(40).collect::<String>()
                ));
            }
        }
        c
    }

    /// Reads a URL query string (`?brand=Contoso&accent=%23aa0000`).
    pub fn from_query(query: &str) -> Config {
        let pairs = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        Config::from_pairs(pairs)
    }
}

fn set(slot: &mut Option<String>, value: Option<String>) -> bool {
    let ok = value.is_some();
    if ok {
        *slot = value;
    }
    ok
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
}
