//! Reading a ticket's QR code with the device's camera, in the browser: the
//! BarcodeDetector API where the browser has it (Chrome, Edge, Safari on iOS 17+,
//! Android). Elsewhere the partner types the token.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

fn property(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Whether this browser can read QR codes itself.
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| property(&w, "BarcodeDetector").is_some())
}

fn new_detector() -> Option<JsValue> {
    let window = web_sys::window()?;
    let class: js_sys::Function = property(&window, "BarcodeDetector")?.dyn_into().ok()?;
    let formats = js_sys::Array::of1(&JsValue::from_str("qr_code"));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &JsValue::from_str("formats"), &formats).ok()?;
    js_sys::Reflect::construct(&class, &js_sys::Array::of1(&options)).ok()
}

/// Stops the camera.
pub fn stop(video: &web_sys::HtmlVideoElement) {
    if let Some(stream) = video.src_object() {
        let tracks = stream.get_tracks();
        for track in tracks.iter() {
            if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                track.stop();
            }
        }
    }
    video.set_src_object(None);
}

/// Opens the back camera in `video` and reports the first QR code read to `found`;
/// failures (no camera, permission refused) go to `failed`.
pub fn start(video: web_sys::HtmlVideoElement, found: Callback<String>, failed: Callback<String>) {
    let Some(detector) = new_detector() else {
        failed.run("Ce navigateur ne lit pas les QR codes : saisissez la contremarque.".into());
        return;
    };
    let Some(devices) = web_sys::window().and_then(|w| w.navigator().media_devices().ok()) else {
        failed.run("Aucune caméra n'est disponible : saisissez la contremarque.".into());
        return;
    };
    let constraints = web_sys::MediaStreamConstraints::new();
    let facing = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&facing, &"facingMode".into(), &"environment".into());
    constraints.set_video(&facing);
    let Ok(asked) = devices.get_user_media_with_constraints(&constraints) else {
        failed.run("La caméra n'a pas pu être ouverte.".into());
        return;
    };
    leptos::task::spawn_local(async move {
        let stream = match wasm_bindgen_futures::JsFuture::from(asked).await {
            Ok(stream) => stream,
            Err(_) => {
                failed.run("Accès à la caméra refusé : saisissez la contremarque.".into());
                return;
            }
        };
        let Ok(stream) = stream.dyn_into::<web_sys::MediaStream>() else {
            return;
        };
        video.set_src_object(Some(&stream));
        let _ = video.play();
        let detect: Option<js_sys::Function> =
            property(&detector, "detect").and_then(|f| f.dyn_into().ok());
        let Some(detect) = detect else {
            return;
        };
        // Up to two minutes of attempts, five a second.
        for _ in 0..600 {
            sleep(200).await;
            if video.src_object().is_none() {
                return;
            }
            let Ok(promise) = detect.call1(&detector, &video) else {
                continue;
            };
            let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
                continue;
            };
            if let Ok(codes) = wasm_bindgen_futures::JsFuture::from(promise).await {
                let first = js_sys::Array::from(&codes).get(0);
                if let Some(text) = property(&first, "rawValue").and_then(|v| v.as_string()) {
                    stop(&video);
                    found.run(text);
                    return;
                }
            }
        }
        stop(&video);
    });
}

/// Waits `ms` milliseconds in the browser.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
