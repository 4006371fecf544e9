//! Taking over the first screens drawn into `index.html` at build time (`crates/first-screen`).
//! When the app has drawn its own first screen, the drawn ones go — in the same task, before the
//! browser paints again, so nothing jumps — and what the visitor did meanwhile comes along: the
//! focus, the answers chosen, and a button pressed (which `boot.js` marked `data-kh-pressed`).
//! The app's screen is the drawn one's twin (same components, same settings, no answers), so an
//! element's counterpart is the element at the same place in the tree.

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// Replaces the drawn first screens with the app, whose root element is `app`.
pub fn take_over(app: &Element) {
    let Some(document) = app.owner_document() else {
        return;
    };
    let drawn = all(&document, "[data-kh-first], .kh-first-wait");
    if drawn.is_empty() {
        return;
    }
    let root = document.document_element();
    let waiting = root
        .as_ref()
        .is_some_and(|r| r.has_attribute("data-kh-wait"));
    // The screen the visitor was looking at (the stylesheet hides the other), unless the app was
    // known to draw something else ("Loading Keyholder…" was showing).
    let shown = drawn
        .iter()
        .filter(|_| !waiting)
        .find(|e| {
            e.has_attribute("data-kh-first")
                && e.dyn_ref::<HtmlElement>()
                    .is_some_and(|h| h.offset_height() > 0)
        })
        .cloned();
    let mut carried = Vec::new();
    let mut focus = None;
    if let Some(shown) = &shown {
        for field in all(shown, "input, select, textarea") {
            if let Some(twin) = counterpart(&field, shown, app) {
                carried.push(Carry::Field(field, twin));
            }
        }
        if let Some(pressed) = shown.query_selector("[data-kh-pressed]").ok().flatten() {
            if let Some(twin) = counterpart(&pressed, shown, app) {
                carried.push(Carry::Press(twin));
            }
        }
        focus = document
            .active_element()
            .filter(|e| shown.contains(Some(e)))
            .and_then(|e| counterpart(&e, shown, app));
    }
    for element in drawn {
        element.remove();
    }
    if let Some(root) = root {
        let _ = root.remove_attribute("data-kh-wait");
    }
    if let Some(twin) = focus.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = twin.focus();
    }
    carry(carried);
}

/// What the visitor did on a drawn screen, to do again on the app's.
enum Carry {
    /// A field of the drawn screen and its twin.
    Field(Element, Element),
    /// The twin of the button pressed.
    Press(Element),
}

/// Does each in turn, one task apart: each answer reaches the app's store (and its page is drawn
/// again) before the next, and the button is pressed last, on the page with those answers.
fn carry(mut todo: Vec<Carry>) {
    if todo.is_empty() {
        return;
    }
    let next = todo.remove(0);
    match next {
        Carry::Field(field, twin) => copy(&field, &twin),
        Carry::Press(twin) => {
            if let Some(button) = twin.dyn_ref::<HtmlElement>() {
                button.click();
            }
        }
    }
    Timeout::new(0, move || carry(todo)).forget();
}

/// Gives `twin` the state `field` has (a tick, a choice, a text), through the events a person's
/// input would fire, so the app hears of it.
fn copy(field: &Element, twin: &Element) {
    if let (Some(a), Some(b)) = (
        field.dyn_ref::<HtmlInputElement>(),
        twin.dyn_ref::<HtmlInputElement>(),
    ) {
        if matches!(a.type_().as_str(), "radio" | "checkbox") {
            if a.checked() != b.checked() {
                b.click();
            }
        } else if a.value() != b.value() {
            b.set_value(&a.value());
            fire(twin, "input");
        }
    } else if let (Some(a), Some(b)) = (
        field.dyn_ref::<HtmlSelectElement>(),
        twin.dyn_ref::<HtmlSelectElement>(),
    ) {
        if a.value() != b.value() {
            b.set_value(&a.value());
            fire(twin, "change");
        }
    } else if let (Some(a), Some(b)) = (
        field.dyn_ref::<HtmlTextAreaElement>(),
        twin.dyn_ref::<HtmlTextAreaElement>(),
    ) {
        if a.value() != b.value() {
            b.set_value(&a.value());
            fire(twin, "input");
        }
    }
}

fn fire(target: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// The elements under `root` matching `selectors`.
fn all(root: &impl AsRef<web_sys::Node>, selectors: &str) -> Vec<Element> {
    let list = if let Some(d) = root.as_ref().dyn_ref::<web_sys::Document>() {
        d.query_selector_all(selectors)
    } else if let Some(e) = root.as_ref().dyn_ref::<Element>() {
        e.query_selector_all(selectors)
    } else {
        return Vec::new();
    };
    let Ok(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// The element at `element`'s place under `from`, found at the same place under `to` (`None`
/// when the trees differ there).
fn counterpart(element: &Element, from: &Element, to: &Element) -> Option<Element> {
    // The element's place: its index among its siblings, at each level up to `from`.
    let mut path = Vec::new();
    let mut at = element.clone();
    while &at != from {
        let mut index = 0;
        let mut sibling = at.previous_element_sibling();
        while let Some(s) = sibling {
            index += 1;
            sibling = s.previous_element_sibling();
        }
        path.push(index);
        at = at.parent_element()?;
    }
    let mut there = to.clone();
    for index in path.into_iter().rev() {
        there = there.first_element_child()?;
        for _ in 0..index {
            there = there.next_element_sibling()?;
        }
    }
    (there.tag_name() == element.tag_name()).then_some(there)
}
