//! A panic hook that replaces a blank page with a readable error panel.
//!
//! In the release build `panic = "abort"`, so after a panic the app is gone: the hook is the last
//! code that runs. It logs the message to the console and writes a panel straight into the DOM
//! (not through Yew, which may be the thing that panicked), with a way back: reloading the page.

use std::panic::PanicHookInfo;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Installs the hook, through Yew: a hook set with `std::panic::set_hook` would be replaced by
/// Yew's own (console only) when the app is rendered. Call it before rendering.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(on_panic));
}

fn on_panic(info: &PanicHookInfo<'_>) {
    let message = info.to_string();
    web_sys::console::error_1(&format!("MQ Lab panicked: {message}").into());
    // If even the DOM cannot be reached, the console line above is all that can be done.
    let _ = show_panel(&message);
}

fn show_panel(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let body = document.body()?;

    // One panel, however many panics: replace an earlier one rather than stacking them.
    if let Some(old) = document.get_element_by_id("mqlab-panic") {
        old.remove();
    }

    let panel = document.create_element("div").ok()?;
    panel.set_id("mqlab-panic");
    panel.set_class_name("panic-panel");
    panel.set_attribute("role", "alert").ok()?;
    panel.set_attribute("data-testid", "error").ok()?;

    let title = document.create_element("h2").ok()?;
    title.set_text_content(Some("MQ Lab stopped because of a bug"));
    let explain = document.create_element("p").ok()?;
    explain.set_text_content(Some(
        "The page hit an internal error and cannot go on. Your saved work is untouched. \
         Reloading starts the lab again; if it happens again, please report the message below.",
    ));
    let details = document.create_element("pre").ok()?;
    details.set_text_content(Some(message));
    let reload = document.create_element("button").ok()?;
    reload.set_attribute("type", "button").ok()?;
    reload.set_attribute("data-testid", "reload").ok()?;
    reload.set_text_content(Some("Reload the lab"));
    // `location.reload()` keeps the URL, fragment included, so a shared scenario survives it.
    let on_click = Closure::once_into_js(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    reload.add_event_listener_with_callback("click", on_click.unchecked_ref()).ok()?;

    for child in [&title, &explain, &details, &reload] {
        panel.append_child(child).ok()?;
    }
    body.prepend_with_node_1(&panel).ok()?;
    // Dim the dead app under the panel, so nobody keeps clicking it.
    body.class_list().add_1("panicked").ok()?;
    Some(())
}
