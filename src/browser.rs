//! The few browser side effects the app needs, in one place: the URL hash, the page title, focus,
//! the answers' storage (local, session or none) and file downloads. Everything here fails
//! quietly (storage full, private mode): the app keeps working in memory and nothing the user
//! typed is lost from the screen.

use wasm_bindgen::{JsCast, JsValue};

use crate::config::Keep;

/// Where autosaved answers live.
pub const STORAGE_KEY: &str = "keyholder.answers";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// A script embed: the app lives in a shadow root on someone else's page, so it keeps its route
/// in memory (the host's address and title are the host's) and finds its elements in the shadow
/// root rather than the document.
struct Embed {
    root: web_sys::ShadowRoot,
    route: String,
}

thread_local! {
    static EMBED: std::cell::RefCell<Option<Embed>> = const { std::cell::RefCell::new(None) };
}

/// The event a script embed's in-memory router fires on `window` (instead of `hashchange`).
pub const ROUTE_EVENT: &str = "keyholder-route";

/// Switches to script-embed mode inside `root`, starting at `route` (a hash without `#`).
pub fn embed_in(root: web_sys::ShadowRoot, route: String) {
    EMBED.with(|e| *e.borrow_mut() = Some(Embed { root, route }));
}

/// Whether the app is a script embed on a host page.
pub fn embedded() -> bool {
    EMBED.with(|e| e.borrow().is_some())
}

/// The current route: the hash without the leading `#` (or the in-memory route when embedded).
pub fn hash() -> String {
    if let Some(route) = EMBED.with(|e| e.borrow().as_ref().map(|e| e.route.clone())) {
        return route;
    }
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Sets an embedded app's route and tells the app; `false` when not embedded.
fn go_embedded(route: &str) -> bool {
    let done = EMBED.with(|e| {
        e.borrow_mut()
            .as_mut()
            .map(|e| e.route = route.trim_start_matches('#').to_owned())
            .is_some()
    });
    if done {
        if let (Some(w), Ok(event)) = (window(), web_sys::Event::new(ROUTE_EVENT)) {
            let _ = w.dispatch_event(&event);
        }
    }
    done
}

/// Who navigates instead of this module (see [`navigate_with`]): called with the route and
/// whether it replaces the current history entry.
type Navigator = Box<dyn Fn(&str, bool)>;

thread_local! {
    static NAVIGATOR: std::cell::RefCell<Option<Navigator>> = const { std::cell::RefCell::new(None) };
}

/// Hands navigation to someone else: the report module, whose script embed's router is the app's.
pub fn navigate_with(go: Navigator) {
    NAVIGATOR.with(|n| *n.borrow_mut() = Some(go));
}

fn navigated_elsewhere(route: &str, replace: bool) -> bool {
    NAVIGATOR.with(|n| n.borrow().as_ref().map(|go| go(route, replace)).is_some())
}

/// Hands the first screens drawn into the page at build time over to the app, whose root element
/// is `app`: first-screens.js's `__keyholderTakeOver`, defined only on a page that has them,
/// removes them and carries the visitor's focus, choices and a pressed button over to the app's
/// twins.
pub fn take_over(app: &web_sys::Element) {
    // The app shows from now on (main.rs drew it hidden beside the drawn screens: Yew may let
    // the browser paint between its first render and this call). In the same task as the drawn
    // screens go, so no frame shows both; and before the focus moves to it.
    // (In a script embed, once its stylesheet is in as well: main.css shows a mount marked
    // shown, so the app never flashes unstyled when the wasm beats the stylesheet.)
    if let Some(mount) = app.parent_element() {
        let _ = if embedded() {
            mount.set_attribute("data-kh-shown", "")
        } else {
            mount.remove_attribute("hidden")
        };
    }
    let take = js_sys::Reflect::get(&js_sys::global(), &"__keyholderTakeOver".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(take) = take {
        let _ = take.call1(&JsValue::NULL, app);
    }
}

/// Navigates to a hash route (adds a history entry, so Back and Forward work).
pub fn go(route: &str) {
    if navigated_elsewhere(route, false) || go_embedded(route) {
        return;
    }
    if let Some(w) = window() {
        let _ = w.location().set_hash(route);
    }
}

/// Sets `document.title` (not when embedded: the title is the host page's).
pub fn set_title(title: &str) {
    if embedded() {
        return;
    }
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// Moves focus to the element with this id (headings carry `tabindex="-1"`); `false` when there
/// is no such element.
pub fn focus(id: &str) -> bool {
    let found = EMBED.with(|e| e.borrow().as_ref().map(|e| e.root.get_element_by_id(id)));
    let element = match found {
        Some(in_shadow) => in_shadow,
        None => window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id)),
    };
    match element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(el) => el.focus().is_ok(),
        None => false,
    }
}

/// Focuses element `id` when nothing has the focus (it is on the page body, or on nothing inside
/// the script embed's shadow root): after content that arrives late, never taking focus away
/// from where the user put it.
pub fn focus_if_lost(id: &str) {
    // Not while the user is elsewhere: another window or tab, or (framed) the host page.
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    if !document.has_focus().unwrap_or(false) {
        return;
    }
    // The focused element of the whole page is the body (or nothing) only when focus was lost —
    // in a script embed too: focus inside the widget shows as its host element, and focus on the
    // host page's own controls as those.
    let on_body = match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active.is_same_node(Some(body.unchecked_ref())),
        (Some(_), None) => false,
    };
    let in_widget_lost = EMBED.with(|e| {
        e.borrow()
            .as_ref()
            .is_none_or(|e| e.root.active_element().is_none())
    });
    if on_body && in_widget_lost {
        focus(id);
    }
}

thread_local! {
    static KEEP: std::cell::Cell<Keep> = const { std::cell::Cell::new(Keep::Local) };
}

/// Chooses where answers are kept (before the first `load`).
pub fn keep(mode: Keep) {
    KEEP.with(|k| k.set(mode));
}

fn storage_of(mode: Keep) -> Option<web_sys::Storage> {
    let w = window()?;
    match mode {
        Keep::Local => w.local_storage().ok().flatten(),
        Keep::Session => w.session_storage().ok().flatten(),
        // Memory only: the answers live in the app's store and nowhere else.
        Keep::Memory => None,
    }
}

fn storage() -> Option<web_sys::Storage> {
    storage_of(KEEP.with(std::cell::Cell::get))
}

/// The saved answers text, if any.
pub fn load() -> Option<String> {
    storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
}

/// Saves the answers text.
pub fn save(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, text);
    }
}

/// Forgets the saved answers.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

/// Deletes saved answers from every storage the app may have used (the user asked to).
pub fn forget() {
    for s in [Keep::Local, Keep::Session]
        .into_iter()
        .filter_map(storage_of)
    {
        let _ = s.remove_item(STORAGE_KEY);
    }
}

/// Offers `text` as a file download (a Blob URL: nothing leaves the browser).
pub fn download(file_name: &str, mime: &str, text: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document
        .create_element("a")
        .map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        a.set_href(&url);
        a.set_download(file_name);
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Today's local date as `yyyy-mm-dd` (the cover and download names).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// Opens the browser's print dialog (Save as PDF lives there).
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// Replaces the current hash route without a new history entry (used after opening a share
/// link, so Back doesn't offer to open it again).
pub fn replace(route: &str) {
    if navigated_elsewhere(route, true) || go_embedded(route) {
        return;
    }
    if let Some(w) = window() {
        let _ = w.location().replace(&format!("#{route}"));
    }
}

/// The page's origin (`https://host[:port]`).
pub fn origin() -> Option<String> {
    window().and_then(|w| w.location().origin().ok())
}

/// Whether `url`, resolved against this page's address by the browser's URL parser, has this
/// page's origin.
pub fn same_origin(url: &str) -> bool {
    let base = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(url, &base).is_ok_and(|u| Some(u.origin()) == origin())
}

/// Whether this page is in a frame (`window.top` is not the window itself).
pub fn framed() -> bool {
    window().is_some_and(|w| {
        w.top()
            .ok()
            .flatten()
            .is_some_and(|top| !js_sys::Object::is(&top, &w))
    })
}

/// The page's address without its hash: the base of a share link.
pub fn page_url() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

/// Copies text to the clipboard; `false` when the browser refuses (no permission, insecure page).
pub async fn copy(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let promise = w.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Reads a chosen file as text, refusing anything larger than `limit` bytes without reading it.
pub async fn read_file(file: web_sys::File, limit: usize) -> Result<String, String> {
    // Whole kilobytes: formatting a float would pull float printing into the wasm.
    let kb = (file.size() / 1024.0).ceil() as u64;
    if kb > (limit / 1024) as u64 {
        return Err(format!("the file is {kb} KB; the limit is 1 MB"));
    }
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| "the file could not be read as text".to_owned())
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/deflate.js")]
extern "C" {
    #[wasm_bindgen::prelude::wasm_bindgen(js_name = deflateRaw)]
    fn deflate_raw(text: &str) -> js_sys::Promise;
}

/// Raw DEFLATE of `text` by the browser (`CompressionStream`); `None` if the browser lacks it.
pub async fn deflate(text: &str) -> Option<Vec<u8>> {
    let bytes = wasm_bindgen_futures::JsFuture::from(deflate_raw(text))
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// The line printed at the top of every page of the brief (classification, draft), through a CSS
/// custom property the stylesheet's `@page` margin box shows: set through the CSSOM, which a strict
/// `style-src 'self'` allows. Not in a script embed, whose root element is the host's.
pub fn set_print_header(text: Option<&str>) {
    if embedded() {
        return;
    }
    let Some(style) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|e| e.style())
    else {
        return;
    };
    let _ = match text {
        Some(t) => style.set_property("--kh-running", &css_string(t)),
        None => style.remove_property("--kh-running").map(|_| ()),
    };
}

/// `text` as a CSS string: quoted, with quotes, backslashes and line breaks escaped (the
/// classification is the user's text).
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

thread_local! {
    static FILES: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Records the release folder the app's files come from (`data-keyholder-base`, set by boot.js).
pub fn set_files_base(base: String) {
    FILES.with(|f| *f.borrow_mut() = base);
}

/// Fetches the report's prose from the app's own release folder and installs it (once; later calls
/// return at once). The only fetch the app makes, and of its own static file: nothing leaves.
pub async fn load_prose() -> Result<(), ProseProblem> {
    use keyholder_engine::prose;
    if prose::ready() {
        return Ok(());
    }
    let failed = || ProseProblem::Network;
    let url = FILES.with(|f| format!("{}{}", f.borrow(), prose::FILE));
    let w = window().ok_or_else(failed)?;
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(w.fetch_with_str(&url))
        .await
        .map_err(|_| failed())?
        .dyn_into()
        .map_err(|_| failed())?;
    if !response.ok() {
        return Err(ProseProblem::Release);
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(|_| failed())?)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(failed)?;
    prose::install(&text).map_err(|_| ProseProblem::Release)
}

/// Why the report's text didn't arrive: the network (trying again may help), or the file itself
/// (missing or of another release: only reloading the page fetches matching files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseProblem {
    /// The request failed.
    Network,
    /// The file is missing, unreadable or belongs to another release.
    Release,
}

/// A console warning for the embedding developer (never a user-facing message).
pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/report.js")]
extern "C" {
    #[wasm_bindgen::prelude::wasm_bindgen(js_name = loadReport)]
    fn load_report_module(base: &str) -> js_sys::Promise;
}

/// Fetches and starts the report module from the app's own release folder (once; later calls
/// resolve at once): the module object, whose `mount` shows a report. `Err` when it couldn't be
/// fetched or started.
pub async fn load_report() -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    let base = FILES.with(|f| f.borrow().clone());
    wasm_bindgen_futures::JsFuture::from(load_report_module(&base)).await
}
