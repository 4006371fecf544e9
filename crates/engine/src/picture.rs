//! The estate at a glance: an inline SVG drawn from the report, one block per kind of place
//! (the tenant, the Power Platform environments, the finance and operations environments, the
//! scale units, the Business Central environments), a column per place and a row per component,
//! each cell its status in colour *and* shape, so it reads in greyscale and on paper.
//!
//! The engine lays the picture out as a list of shapes ([`Drawing`]); the app turns each into an
//! SVG element (never markup through `innerHTML`, which a strict CSP with Trusted Types refuses),
//! so a name is always text. No `style` attribute: colours come from the stylesheet's `kh-pic-*`
//! classes, so a brand's theme and the print rules apply.

use crate::model::{Scope, Status};
use crate::report::{Place, Report};

const LABEL_W: usize = 310;
const COL_W: usize = 118;
const ROW_H: usize = 26;
const HEAD_H: usize = 40;
const GAP: usize = 14;
const CELL: usize = 18;
/// The longest place name a column shows before it is cut (its tooltip has the whole name).
const NAME_CHARS: usize = 14;
/// The longest component label a row shows before it is cut (each cell's tooltip has it whole).
const LABEL_CHARS: usize = 42;

/// The statuses in the legend, in the order a reader meets them (best first).
const LEGEND: [Status; 6] = [
    Status::CustomerKey,
    Status::Partial,
    Status::Verify,
    Status::MicrosoftKey,
    Status::Blocked,
    Status::NotApplicable,
];

/// One block of the picture: the places of one kind and their components.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The kind of place.
    pub scope: Scope,
    /// The places, in the report's order.
    pub places: Vec<Place>,
    /// Each component's label and its status at each place (`None`: not assessed there).
    pub rows: Vec<(&'static str, Vec<Option<Status>>)>,
}

/// The picture's blocks, from the report's component findings.
pub fn blocks(report: &Report) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for c in &report.components {
        let i = match out.iter().position(|b| b.scope == c.place.scope) {
            Some(i) => i,
            None => {
                out.push(Block {
                    scope: c.place.scope,
                    places: Vec::new(),
                    rows: Vec::new(),
                });
                out.len() - 1
            }
        };
        let block = &mut out[i];
        let col = match block.places.iter().position(|p| *p == c.place) {
            Some(col) => col,
            None => {
                block.places.push(c.place.clone());
                for (_, cells) in &mut block.rows {
                    cells.push(None);
                }
                block.places.len() - 1
            }
        };
        let row = match block.rows.iter().position(|(name, _)| *name == c.name) {
            Some(row) => row,
            None => {
                block.rows.push((c.name, vec![None; block.places.len()]));
                block.rows.len() - 1
            }
        };
        block.rows[row].1[col] = Some(c.status);
    }
    out.sort_by_key(|b| b.scope.position());
    out
}

/// One SVG element of the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// `<text>`, with a tooltip (`<title>`) when cut short.
    Text {
        /// Position of the baseline's start (or middle, when `middle`).
        x: usize,
        /// Baseline.
        y: usize,
        /// CSS class.
        class: &'static str,
        /// Centred on `x`.
        middle: bool,
        /// The text.
        text: String,
        /// The whole text, when `text` is cut.
        title: Option<String>,
    },
    /// `<rect>`.
    Rect {
        /// Left.
        x: usize,
        /// Top.
        y: usize,
        /// Width.
        width: usize,
        /// Height.
        height: usize,
        /// CSS class.
        class: String,
    },
    /// `<path>`.
    Path {
        /// CSS class.
        class: String,
        /// Path data.
        d: String,
    },
    /// `<g>` with a tooltip: one cell, its mark and what it means.
    Group {
        /// The tooltip.
        title: String,
        /// The cell's shapes.
        shapes: Vec<Shape>,
    },
}

/// The picture: its size, a one-sentence summary for screen readers, and its shapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawing {
    /// Width in CSS pixels.
    pub width: usize,
    /// Height in CSS pixels.
    pub height: usize,
    /// What the picture says, in one sentence.
    pub summary: String,
    /// The shapes, in drawing order.
    pub shapes: Vec<Shape>,
}

fn block_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Tenant => "Tenant-wide",
        Scope::Environment => "Power Platform environments",
        Scope::FoEnvironment => "Finance and operations environments",
        Scope::ScaleUnit => "Commerce Scale Units",
        Scope::BcEnvironment => "Business Central environments",
    }
}

fn cut(name: &str, limit: usize) -> String {
    if name.chars().count() <= limit {
        name.to_owned()
    } else {
        let kept: String = name.chars().take(limit - 1).collect();
        format!("{}…", kept.trim_end())
    }
}

fn class(s: Status) -> &'static str {
    match s {
        Status::CustomerKey => "kh-pic-ok",
        Status::Partial | Status::Verify => "kh-pic-warn",
        Status::MicrosoftKey => "kh-pic-bad",
        Status::Blocked => "kh-pic-block",
        Status::NotApplicable => "kh-pic-na",
    }
}

/// One status mark, its top-left corner at (x, y): a square in the status's colour and a shape
/// that tells the status without it.
fn mark(x: usize, y: usize, s: Status) -> Vec<Shape> {
    let c = class(s);
    let mut out = vec![Shape::Rect {
        x,
        y,
        width: CELL,
        height: CELL,
        class: format!("kh-pic-cell {c}"),
    }];
    // Whole pixels only: formatting floats would bring kilobytes of code into the wasm.
    let d = match s {
        // A tick.
        Status::CustomerKey => format!("M{} {}l4 4 7-8", x + 4, y + 10),
        // Half filled: the left half solid.
        Status::Partial => format!("M{} {}v12", x + 9, y + 3),
        // A question mark's hook and dot.
        Status::Verify => format!(
            "M{} {}a3 3 0 1 1 4 3v2M{} {}v1",
            x + 6,
            y + 6,
            x + 10,
            y + 14
        ),
        // A cross.
        Status::MicrosoftKey => format!("M{} {}l8 8M{} {}l-8 8", x + 5, y + 5, x + 13, y + 5),
        // A no-entry bar.
        Status::Blocked => format!("M{} {}h10", x + 4, y + 9),
        // A dash.
        Status::NotApplicable => format!("M{} {}h6", x + 6, y + 9),
    };
    if s == Status::Partial {
        out.push(Shape::Rect {
            x: x + 2,
            y: y + 2,
            width: CELL / 2 - 2,
            height: CELL - 4,
            class: "kh-pic-half".to_owned(),
        });
    }
    out.push(Shape::Path {
        class: format!("kh-pic-sign {c}-sign"),
        d,
    });
    out
}

/// The picture of the report's components (`None` when there is no component to show).
pub fn draw(report: &Report) -> Option<Drawing> {
    let blocks = blocks(report);
    if blocks.is_empty() {
        return None;
    }
    let cols = blocks.iter().map(|b| b.places.len()).max().unwrap_or(1);
    let width = LABEL_W + cols * COL_W;
    let mut shapes = Vec::new();
    let text = |x, y, class, text: &str| Shape::Text {
        x,
        y,
        class,
        middle: false,
        text: text.to_owned(),
        title: None,
    };
    let mut y = 0;
    for b in &blocks {
        shapes.push(text(0, y + 16, "kh-pic-block-title", block_title(b.scope)));
        for (i, p) in b.places.iter().enumerate() {
            let name = if p.name.is_empty() { "Tenant" } else { &p.name };
            shapes.push(Shape::Text {
                x: LABEL_W + i * COL_W + COL_W / 2,
                y: y + 34,
                class: "kh-pic-place",
                middle: true,
                text: cut(name, NAME_CHARS),
                title: Some(p.describe()),
            });
        }
        y += HEAD_H;
        for (r, (label, cells)) in b.rows.iter().enumerate() {
            if r % 2 == 0 {
                shapes.push(Shape::Rect {
                    x: 0,
                    y,
                    width,
                    height: ROW_H,
                    class: "kh-pic-stripe".to_owned(),
                });
            }
            shapes.push(Shape::Text {
                x: 6,
                y: y + 17,
                class: "kh-pic-label",
                middle: false,
                text: cut(label, LABEL_CHARS),
                title: (label.chars().count() > LABEL_CHARS).then(|| label.to_string()),
            });
            for (i, cell) in cells.iter().enumerate() {
                let Some(s) = cell else { continue };
                let x = LABEL_W + i * COL_W + (COL_W - CELL) / 2;
                shapes.push(Shape::Group {
                    title: format!("{label} — {}: {}", b.places[i].describe(), s.label()),
                    shapes: mark(x, y + (ROW_H - CELL) / 2, *s),
                });
            }
            y += ROW_H;
        }
        y += GAP;
    }
    // The legend: each mark with its label, in one row (two on a narrow picture).
    let per_row = if width >= 6 * 150 { 6 } else { 3 };
    for (i, s) in LEGEND.iter().enumerate() {
        let (x, ly) = ((i % per_row) * 150, y + (i / per_row) * ROW_H);
        shapes.extend(mark(x, ly, *s));
        shapes.push(text(x + CELL + 6, ly + 14, "kh-pic-legend", s.label()));
    }
    let k = &report.key_control;
    Some(Drawing {
        width,
        height: y + LEGEND.len().div_ceil(per_row) * ROW_H,
        summary: format!(
            "{} of {} components you can put under your key are there; {} on a Microsoft-managed key, {} blocked, {} to verify.",
            k.customer_key,
            k.in_scope - k.never,
            k.microsoft_key,
            k.blocked,
            k.verify
        ),
        shapes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, parse_answers, ValidAnswers};

    fn mixed() -> Report {
        evaluate(&parse_answers(include_str!("../../../examples/mixed-estate.json")).unwrap())
    }

    #[test]
    fn every_component_finding_is_one_cell_in_its_places_block() {
        let report = mixed();
        let blocks = blocks(&report);
        let cells: usize = blocks
            .iter()
            .flat_map(|b| b.rows.iter())
            .map(|(_, cells)| cells.iter().flatten().count())
            .sum();
        assert_eq!(cells, report.components.len());
        for c in &report.components {
            let b = blocks.iter().find(|b| b.scope == c.place.scope).unwrap();
            let col = b.places.iter().position(|p| *p == c.place).unwrap();
            let (_, row) = b.rows.iter().find(|(n, _)| *n == c.name).unwrap();
            assert_eq!(
                row[col],
                Some(c.status),
                "{} at {}",
                c.name,
                c.place.describe()
            );
        }
        // The tenant first, then the kinds of place in their usual order.
        let scopes: Vec<Scope> = blocks.iter().map(|b| b.scope).collect();
        let mut sorted = scopes.clone();
        sorted.sort_by_key(|s| s.position());
        assert_eq!(scopes, sorted);
        assert!(
            blocks.iter().any(|b| b.places.len() > 1),
            "the mixed estate has several environments"
        );
    }

    /// Every text of a drawing, tooltips included.
    fn texts(shapes: &[Shape]) -> Vec<String> {
        shapes
            .iter()
            .flat_map(|s| match s {
                Shape::Text { text, title, .. } => {
                    std::iter::once(text.clone()).chain(title.clone()).collect()
                }
                Shape::Group { title, shapes } => std::iter::once(title.clone())
                    .chain(texts(shapes))
                    .collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    #[test]
    fn the_picture_names_every_place_and_has_a_legend_of_every_status() {
        let report = mixed();
        let d = draw(&report).unwrap();
        let all = texts(&d.shapes);
        for c in &report.components {
            assert!(all.contains(&c.place.describe()), "{}", c.place.describe());
            assert!(all.iter().any(|t| t == c.name), "{}", c.name);
            assert!(c.name.chars().count() <= LABEL_CHARS || all.iter().any(|t| t.ends_with('…')));
            let cell = format!("{} — {}: {}", c.name, c.place.describe(), c.status.label());
            assert!(all.contains(&cell), "{cell}");
        }
        for s in LEGEND {
            assert!(all.iter().any(|t| t == s.label()), "{s:?}");
        }
        // Everything inside the picture's box.
        let inside = |x: usize, y: usize| x <= d.width && y <= d.height;
        for s in &d.shapes {
            if let Shape::Rect {
                x,
                y,
                width,
                height,
                ..
            } = s
            {
                assert!(inside(x + width, y + height), "{s:?}");
            }
        }
        assert!(d
            .summary
            .starts_with(&format!("{} of ", report.key_control.customer_key)));
    }

    #[test]
    fn names_are_cut_in_the_column_and_whole_in_the_tooltip() {
        let mut a = parse_answers(include_str!("../../../examples/mixed-estate.json"))
            .unwrap()
            .into_inner();
        a.environments[0].name = "Production Europe West".into();
        let d = draw(&evaluate(&ValidAnswers(a))).unwrap();
        let place = d.shapes.iter().find_map(|s| match s {
            Shape::Text {
                text,
                title: Some(t),
                ..
            } if t.starts_with("Production Europe West") => Some(text.clone()),
            _ => None,
        });
        assert_eq!(place.as_deref(), Some("Production Eu…"));
    }

    #[test]
    fn an_empty_estate_has_no_picture() {
        let report = evaluate(&parse_answers("{\"schema_version\":3}").unwrap());
        assert_eq!(draw(&report).is_none(), report.components.is_empty());
    }
}
