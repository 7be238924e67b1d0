//! Reading a ticket's QR code with the device's camera, in the browser: the
//! BarcodeDetector API where the browser has it (Chrome, Edge, Safari on iOS 17+,
//! Android), otherwise frames drawn on a canvas and decoded in WASM by `quircs`. Without
//! a camera the partner types the token.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

fn property(target: &JsValue, key: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Whether this device has a camera API (QR codes are then read one way or the other).
pub fn supported() -> bool {
    web_sys::window().is_some_and(|w| property(&w.navigator(), "mediaDevices").is_some())
}

/// Decodes the first QR code of an RGBA frame (the WASM fallback).
pub fn decode_rgba(width: usize, height: usize, rgba: &[u8]) -> Option<String> {
    if rgba.len() < width * height * 4 {
        return None;
    }
    // Luma from RGB (integer BT.601 weights).
    let grey: Vec<u8> = rgba
        .chunks_exact(4)
        .take(width * height)
        .map(|px| {
            ((u32::from(px[0]) * 299 + u32::from(px[1]) * 587 + u32::from(px[2]) * 114) / 1000)
                as u8
        })
        .collect();
    quircs::Quirc::default()
        .identify(width, height, &grey)
        .filter_map(Result::ok)
        .filter_map(|code| code.decode().ok())
        .find_map(|data| String::from_utf8(data.payload).ok())
}

/// Reads one frame of the video: by the browser's detector when there is one, else on
/// a canvas with [`decode_rgba`].
async fn read_frame(
    video: &web_sys::HtmlVideoElement,
    detector: Option<&(JsValue, js_sys::Function)>,
    canvas: &web_sys::HtmlCanvasElement,
) -> Option<String> {
    if let Some((detector, detect)) = detector {
        let promise: js_sys::Promise = detect.call1(detector, video).ok()?.dyn_into().ok()?;
        let codes = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
        let first = js_sys::Array::from(&codes).get(0);
        return property(&first, "rawValue").and_then(|v| v.as_string());
    }
    let (width, height) = (video.video_width(), video.video_height());
    if width == 0 || height == 0 {
        return None;
    }
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_html_video_element(video, 0.0, 0.0)
        .ok()?;
    let frame = context
        .get_image_data(0.0, 0.0, f64::from(width), f64::from(height))
        .ok()?;
    decode_rgba(width as usize, height as usize, &frame.data())
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
/// failures (no camera, permission refused) go to `failed`, worded in `locale`.
pub fn start(
    locale: crate::lang::Locale,
    video: web_sys::HtmlVideoElement,
    found: Callback<String>,
    failed: Callback<String>,
) {
    use crate::i18n::td_string;
    let detector = new_detector().and_then(|detector| {
        let detect: js_sys::Function = property(&detector, "detect")?.dyn_into().ok()?;
        Some((detector, detect))
    });
    let canvas = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok());
    let Some(canvas) = canvas else {
        return;
    };
    let Some(devices) = web_sys::window().and_then(|w| w.navigator().media_devices().ok()) else {
        failed.run(td_string!(locale, counter.no_camera).into());
        return;
    };
    let constraints = web_sys::MediaStreamConstraints::new();
    let facing = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&facing, &"facingMode".into(), &"environment".into());
    constraints.set_video(&facing);
    let Ok(asked) = devices.get_user_media_with_constraints(&constraints) else {
        failed.run(td_string!(locale, counter.camera_failed).into());
        return;
    };
    leptos::task::spawn_local(async move {
        let stream = match wasm_bindgen_futures::JsFuture::from(asked).await {
            Ok(stream) => stream,
            Err(_) => {
                failed.run(td_string!(locale, counter.camera_refused).into());
                return;
            }
        };
        let Ok(stream) = stream.dyn_into::<web_sys::MediaStream>() else {
            return;
        };
        video.set_src_object(Some(&stream));
        let _ = video.play();
        // Up to two minutes of attempts, five a second.
        for _ in 0..600 {
            sleep(200).await;
            if video.src_object().is_none() {
                return;
            }
            if let Some(text) = read_frame(&video, detector.as_ref(), &canvas).await {
                stop(&video);
                found.run(text);
                return;
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

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::decode_rgba;
    use domain::token::Token;

    /// A ticket's QR code (as the ticket draws it) as a camera frame: 6 pixels a
    /// module, a white margin.
    fn frame(text: &str) -> (usize, Vec<u8>) {
        let code = fast_qr::QRBuilder::new(text)
            .ecl(fast_qr::ECL::M)
            .build()
            .expect("qr");
        let modules = code.size;
        let (scale, margin) = (6, 4);
        let side = (modules + 2 * margin) * scale;
        let mut rgba = vec![255u8; side * side * 4];
        for (i, module) in code.data[..modules * modules].iter().enumerate() {
            if module.value() {
                let (mx, my) = (i % modules + margin, i / modules + margin);
                for y in my * scale..(my + 1) * scale {
                    for x in mx * scale..(mx + 1) * scale {
                        let p = (y * side + x) * 4;
                        rgba[p..p + 3].copy_from_slice(&[0, 0, 0]);
                    }
                }
            }
        }
        (side, rgba)
    }

    #[test]
    fn the_wasm_decoder_reads_a_ticket_qr_code() {
        let token = Token::parse("ABC234").expect("token");
        let (side, rgba) = frame(&token.qr_payload());
        let text = decode_rgba(side, side, &rgba).expect("decoded");
        assert_eq!(Token::from_scan(&text), Ok(token));
    }

    #[test]
    fn a_frame_without_a_code_or_too_short_reads_nothing() {
        assert_eq!(decode_rgba(64, 64, &vec![255; 64 * 64 * 4]), None);
        assert_eq!(decode_rgba(64, 64, &[0; 10]), None);
    }
}
