//! The iframe side of embedding: when the page is framed and a parent origin is configured, post
//! the content height to that origin on every size change (so the host script can size the
//! iframe) and answer its height requests. Messages from any other origin are ignored; nothing is
//! ever posted with a `*` target. The answers never leave: the only opt-in message carries the
//! headline verdict figures.
//!
//! Messages are plain objects tagged `keyholder: 1`:
//! - child → parent `{type: "height", height}` and, opted in, `{type: "verdicts", key_control: {customer_key, in_scope}, residency_gaps}`;
//! - parent → child `{type: "request-height"}`.

use gloo::events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Keeps the observer and the listener alive; dropping it stops both.
pub struct Frame {
    _observer: web_sys::ResizeObserver,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
    _on_message: EventListener,
}

fn message(kind: &str) -> js_sys::Object {
    let m = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&m, &"keyholder".into(), &1.into());
    let _ = js_sys::Reflect::set(&m, &"type".into(), &kind.into());
    m
}

fn parent() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let parent = w.parent().ok().flatten()?;
    // Not framed: `parent` is the window itself.
    (!js_sys::Object::is(&parent, &w)).then_some(parent)
}

fn post(m: &js_sys::Object, origin: &str) {
    if let Some(p) = parent() {
        let _ = p.post_message(m, origin);
    }
}

fn post_height(root: &web_sys::Element, origin: &str) {
    let m = message("height");
    let height = root.get_bounding_client_rect().height().ceil();
    let _ = js_sys::Reflect::set(&m, &"height".into(), &height.into());
    post(&m, origin);
}

/// Starts height reporting for `root` (the app's frame) if framed with a configured parent origin.
pub fn start(root: web_sys::Element, origin: Option<String>) -> Option<Frame> {
    let origin = origin?;
    parent()?;
    let on_resize = {
        let (root, origin) = (root.clone(), origin.clone());
        Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
            post_height(&root, &origin)
        })
    };
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    let window = web_sys::window()?;
    let on_message = EventListener::new(&window, "message", move |e| {
        let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        // Only the configured parent may ask; everyone else is ignored.
        if e.origin() != origin {
            return;
        }
        let data = e.data();
        let tagged = js_sys::Reflect::get(&data, &"keyholder".into())
            .ok()
            .and_then(|v| v.as_f64())
            == Some(1.0);
        let kind = js_sys::Reflect::get(&data, &"type".into())
            .ok()
            .and_then(|v| v.as_string());
        if tagged && kind.as_deref() == Some("request-height") {
            post_height(&root, &origin);
        }
    });
    Some(Frame {
        _observer: observer,
        _on_resize: on_resize,
        _on_message: on_message,
    })
}

/// Posts the headline verdicts (never the answers) to the configured parent.
pub fn post_verdicts(origin: &str, customer_key: usize, in_scope: usize, gaps: usize) {
    let m = message("verdicts");
    let key = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&key, &"customer_key".into(), &(customer_key as u32).into());
    let _ = js_sys::Reflect::set(&key, &"in_scope".into(), &(in_scope as u32).into());
    let _ = js_sys::Reflect::set(&m, &"key_control".into(), &key);
    let _ = js_sys::Reflect::set(&m, &"residency_gaps".into(), &(gaps as u32).into());
    post(&m, origin);
}
