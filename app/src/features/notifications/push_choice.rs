//! "Notifications sur cet appareil": the centre's notifications pushed to this phone or
//! computer (Web Push), turned on and off here. The browser asks its permission, makes a
//! subscription for the server's key and the server keeps it (`api::subscribe_push`);
//! turning off removes both. Shown to young people once the page is interactive and the
//! browser can receive pushes.

use crate::components::browser_api::{call_with, property};
use crate::features::notifications::api::{push_key, subscribe_push, unsubscribe_push};
use crate::i18n::td_string;
use crate::lang::{Locale, use_locale};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Where this device stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Device {
    /// Not known yet (on the server, before the page is interactive).
    Unknown,
    /// The browser cannot receive pushes (or is not an installed app on iOS).
    Unsupported,
    /// The person blocked notifications for the site in the browser's settings.
    Blocked,
    Off,
    On,
}

fn window_value() -> Option<JsValue> {
    web_sys::window().map(JsValue::from)
}

/// The browser's permission for notifications: "granted", "denied" or "default".
fn permission() -> Option<String> {
    let notification = property(&window_value()?, "Notification")?;
    property(&notification, "permission")?.as_string()
}

/// The push manager of the app's service worker, once it is ready.
async fn push_manager() -> Option<JsValue> {
    let window = window_value()?;
    property(&window, "PushManager")?;
    let navigator = property(&window, "navigator")?;
    let container = property(&navigator, "serviceWorker")?;
    let ready = property(&container, "ready")?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let registration = wasm_bindgen_futures::JsFuture::from(ready).await.ok()?;
    property(&registration, "pushManager")
}

async fn subscription(manager: &JsValue) -> Option<JsValue> {
    call_with(manager, "getSubscription", &[])
        .await
        .ok()
        .filter(|s| !s.is_null() && !s.is_undefined())
}

/// Where the device stands; a subscription the browser still has is sent again (the
/// server forgets a device when its session ends), or dropped if it was made for
/// another key of the server.
async fn read_device(key: &str) -> Device {
    let Some(manager) = push_manager().await else {
        return Device::Unsupported;
    };
    if permission().as_deref() == Some("denied") {
        return Device::Blocked;
    }
    let Some(current) = subscription(&manager).await else {
        return Device::Off;
    };
    let made_for = property(&current, "options")
        .and_then(|options| property(&options, "applicationServerKey"))
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec());
    let server = key_bytes(key).map(|bytes| bytes.to_vec());
    if made_for.is_none() || made_for != server {
        let _ = call_with(&current, "unsubscribe", &[]).await;
        return Device::Off;
    }
    match send(&current).await {
        Ok(()) => Device::On,
        Err(_) => Device::Off,
    }
}

/// Sends the browser's subscription to the server.
async fn send(current: &JsValue) -> Result<(), Failure> {
    let json = call_with(current, "toJSON", &[])
        .await
        .map_err(|_| Failure::Failed)?;
    let field = |path: &[&str]| text(&json, path).ok_or(Failure::Failed);
    subscribe_push(
        field(&["endpoint"])?,
        field(&["keys", "p256dh"])?,
        field(&["keys", "auth"])?,
    )
    .await
    .map_err(|_| Failure::Failed)
}

/// The server's key as the bytes `subscribe` takes (base64url, decoded by the browser).
fn key_bytes(key: &str) -> Option<js_sys::Uint8Array> {
    let mut base64 = key.replace('-', "+").replace('_', "/");
    while !base64.len().is_multiple_of(4) {
        base64.push('=');
    }
    let binary = web_sys::window()?.atob(&base64).ok()?;
    let bytes: Vec<u8> = binary.chars().map(|c| c as u8).collect();
    Some(js_sys::Uint8Array::from(bytes.as_slice()))
}

fn text(value: &JsValue, path: &[&str]) -> Option<String> {
    let mut value = value.clone();
    for key in path {
        value = property(&value, key)?;
    }
    value.as_string()
}

/// Why the device could not be turned on or off.
#[derive(Clone, Copy)]
enum Failure {
    Refused,
    Failed,
}

impl Failure {
    fn message(self, locale: Locale) -> &'static str {
        match self {
            Failure::Refused => td_string!(locale, push.refused),
            Failure::Failed => td_string!(locale, push.failed),
        }
    }
}

async fn turn_on(key: String) -> Result<Device, Failure> {
    let notification =
        property(&window_value().ok_or(Failure::Failed)?, "Notification").ok_or(Failure::Failed)?;
    let answer = call_with(&notification, "requestPermission", &[])
        .await
        .map_err(|_| Failure::Failed)?;
    if answer.as_string().as_deref() != Some("granted") {
        return Err(Failure::Refused);
    }
    let manager = push_manager().await.ok_or(Failure::Failed)?;
    let options = js_sys::Object::new();
    let set = |name: &str, value: &JsValue| js_sys::Reflect::set(&options, &name.into(), value);
    set("userVisibleOnly", &JsValue::TRUE).map_err(|_| Failure::Failed)?;
    set(
        "applicationServerKey",
        &key_bytes(&key).ok_or(Failure::Failed)?.into(),
    )
    .map_err(|_| Failure::Failed)?;
    let made = call_with(&manager, "subscribe", &[options.into()])
        .await
        .map_err(|_| Failure::Failed)?;
    send(&made).await?;
    Ok(Device::On)
}

async fn turn_off() -> Result<Device, Failure> {
    let manager = push_manager().await.ok_or(Failure::Failed)?;
    if let Some(current) = subscription(&manager).await {
        let endpoint = text(&current, &["endpoint"]).unwrap_or_default();
        let _ = call_with(&current, "unsubscribe", &[]).await;
        unsubscribe_push(endpoint)
            .await
            .map_err(|_| Failure::Failed)?;
    }
    Ok(Device::Off)
}

#[component]
pub fn PushChoice() -> impl IntoView {
    let locale = use_locale();
    let key = Resource::new(|| (), |_| push_key());
    let device = RwSignal::new(Device::Unknown);
    let message = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    Effect::new(move || {
        if let Some(Ok(Some(key))) = key.get() {
            leptos::task::spawn_local(async move { device.set(read_device(&key).await) });
        }
    });
    let state = move || match device.get() {
        Device::Unknown => "",
        Device::Unsupported => td_string!(locale, push.unsupported),
        Device::Blocked => Failure::Refused.message(locale),
        Device::Off => td_string!(locale, push.off),
        Device::On => td_string!(locale, push.on),
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                key.await.ok().flatten().map(|key| {
                    // One button, whose words follow the state: focus stays on it.
                    let toggle = move |_| {
                        let (on, key) = (device.get_untracked() == Device::Off, key.clone());
                        busy.set(true);
                        message.set(None);
                        leptos::task::spawn_local(async move {
                            let outcome = if on { turn_on(key).await } else { turn_off().await };
                            match outcome {
                                Ok(now) => device.set(now),
                                Err(why) => message.set(Some(why.message(locale))),
                            }
                            busy.set(false);
                        });
                    };
                    view! {
                        <section aria-labelledby="push-title" data-testid="push-choice">
                            <h2 id="push-title" class="mt-8 text-lg font-semibold">{td_string!(locale, push.heading)}</h2>
                            <p class="mt-1 text-sm text-gray-600">{td_string!(locale, push.intro)}</p>
                            <p class="mt-2 text-sm text-gray-700" aria-live="polite" data-testid="push-state">{state}</p>
                            <button type="button" data-testid="push-toggle" on:click=toggle
                                hidden=move || !matches!(device.get(), Device::Off | Device::On)
                                disabled=move || busy.get()
                                class="mt-2 min-h-11 w-full rounded-lg bg-white px-4 py-2 font-semibold text-violet-800 ring-1 ring-violet-300 disabled:opacity-50">
                                {move || if device.get() == Device::On { td_string!(locale, push.turn_off) } else { td_string!(locale, push.turn_on) }}
                            </button>
                            <p class="mt-1 text-sm text-red-700" role="alert" data-testid="push-message">{move || message.get()}</p>
                        </section>
                    }
                })
            })}
        </Transition>
    }
}
