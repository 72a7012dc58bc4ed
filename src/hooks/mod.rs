//! The page's side effects, kept out of the components: local storage, the URL fragment, the
//! clipboard, file import and export, the browser's language, and keyboard shortcuts.
//!
//! The few browser calls go through a small inline JavaScript module rather than more `web-sys`
//! features: each is one line, and none of them can fail in a way the page must handle beyond
//! "it did not work" (private mode without storage, a clipboard the browser refuses).

use mqlab_scenario::Scenario;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::Lang;

/// Where the autosaved scenario lives in local storage (its JSON, as `mqlab_scenario::to_json`).
pub const AUTOSAVE_KEY: &str = "mqlab.autosave";
/// The learner's language choice (`"zh"` or `"en"`).
pub const LANG_KEY: &str = "mqlab.lang";

#[wasm_bindgen(inline_js = r#"
export function storage_get(key) {
  try { return window.localStorage.getItem(key); } catch (e) { return null; }
}
export function storage_set(key, value) {
  try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
}
export function fragment() { return window.location.hash || ''; }
export function page_url() { return window.location.href; }
export function replace_fragment(fragment) {
  try { history.replaceState(null, '', fragment); } catch (e) {}
  return window.location.href;
}
export function browser_lang() { return (navigator.language || ''); }
export function set_html_lang(tag) { document.documentElement.lang = tag; }
export function copy_text(text) {
  try { if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {}); } catch (e) {}
}
export function download(name, mime, text) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
export function download_url(name, url) {
  const a = document.createElement('a');
  a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
}
export function read_file(input, done) {
  const file = input.files && input.files[0];
  if (!file) return;
  file.text().then((text) => done(text, file.name), (e) => done(null, file.name));
  input.value = '';
}
"#)]
extern "C" {
    fn storage_get(key: &str) -> Option<String>;
    fn storage_set(key: &str, value: &str) -> bool;
    fn fragment() -> String;
    fn page_url() -> String;
    fn replace_fragment(fragment: &str) -> String;
    fn browser_lang() -> String;
    fn set_html_lang(tag: &str);
    fn copy_text(text: &str);
    #[wasm_bindgen(js_name = download)]
    fn download_js(name: &str, mime: &str, text: &str);
    #[wasm_bindgen(js_name = download_url)]
    fn download_url_js(name: &str, url: &str);
    #[wasm_bindgen(js_name = read_file)]
    fn read_file_js(input: &web_sys::HtmlInputElement, done: &JsValue);
}

/// The URL's fragment, with its `#`, or `""`.
pub fn url_fragment() -> String {
    fragment()
}

/// The page's URL as it is now (with the scenario's fragment).
pub fn current_url() -> String {
    page_url()
}

/// Writes the scenario (and in compare mode scenario B) into the URL without a new history
/// entry; returns the new URL.
pub fn write_link(scenario: &Scenario, compared: Option<&Scenario>) -> String {
    replace_fragment(&match compared {
        Some(b) => mqlab_scenario::encode_compare(scenario, b),
        None => mqlab_scenario::encode(scenario),
    })
}

/// The autosaved scenario, if one is stored and still parses.
pub fn load_autosave() -> Option<Scenario> {
    storage_get(AUTOSAVE_KEY).and_then(|json| mqlab_scenario::parse(&json).ok())
}

pub fn autosave(scenario: &Scenario) {
    storage_set(AUTOSAVE_KEY, &mqlab_scenario::to_json(scenario));
}

/// The remembered language, else the browser's.
pub fn initial_lang() -> Lang {
    storage_get(LANG_KEY)
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_else(|| Lang::from_browser_tag(&browser_lang()))
}

pub fn remember_lang(lang: Lang) {
    storage_set(LANG_KEY, lang.code());
    set_html_lang(lang.html_tag());
}

pub fn copy_to_clipboard(text: &str) {
    copy_text(text);
}

/// Offers `text` as a file download.
pub fn download(name: &str, mime: &str, text: &str) {
    download_js(name, mime, text);
}

/// Offers what a `data:` URL holds (such as a chart's PNG) as a file download.
pub fn download_url(name: &str, url: &str) {
    download_url_js(name, url);
}

/// Reads the file chosen in `input` and hands its text (or `None` if it could not be read) and
/// name to `done`.
pub fn read_file(input: &web_sys::HtmlInputElement, done: impl FnOnce(Option<String>, String) + 'static) {
    let closure = Closure::once_into_js(move |text: Option<String>, name: String| done(text, name));
    read_file_js(input, &closure);
}

/// Keyboard shortcuts, one for the whole page. Keys typed into a field are the field's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Undo,
    Redo,
    Delete,
    Escape,
    ZoomIn,
    ZoomOut,
    /// Space: run, or pause a running run.
    PlayPause,
    /// Period: one chart bucket further.
    Step,
}

fn shortcut(event: &web_sys::KeyboardEvent) -> Option<Shortcut> {
    let in_field = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if in_field {
        return None;
    }
    let command = event.ctrl_key() || event.meta_key();
    let key = event.key();
    match key.as_str() {
        "z" | "Z" if command && event.shift_key() => Some(Shortcut::Redo),
        "z" | "Z" if command => Some(Shortcut::Undo),
        "y" | "Y" if command => Some(Shortcut::Redo),
        "Delete" | "Backspace" => Some(Shortcut::Delete),
        "Escape" => Some(Shortcut::Escape),
        "+" | "=" if !command => Some(Shortcut::ZoomIn),
        "-" if !command => Some(Shortcut::ZoomOut),
        // A focused button takes Space itself (it clicks it).
        " " if !command && !on_button(event) => Some(Shortcut::PlayPause),
        "." if !command => Some(Shortcut::Step),
        _ => None,
    }
}

fn on_button(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| element.closest("button, [role=slider]").ok().flatten().is_some())
}

/// Calls `on` for each shortcut pressed anywhere on the page, for as long as the component lives.
#[hook]
pub fn use_shortcuts(on: Callback<Shortcut>) {
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
            if let Some(found) = shortcut(&event) {
                event.prevent_default();
                on.emit(found);
            }
        });
        let document = web_sys::window().and_then(|window| window.document());
        if let Some(document) = &document {
            let _ = document.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(document) = &document {
                let _ = document.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            drop(listener);
        }
    });
}
