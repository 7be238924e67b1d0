//! Offer images: an upload is checked (`domain::pro::image`), decoded with the `image`
//! crate under memory limits, resized to a large version and a thumbnail (JPEG), off
//! the async runtime, then stored where `IMAGE_STORE` says (`crate::ssr::image_store`);
//! both versions are served with an `ETag` naming their version.

use crate::error::AppError;
use crate::i18n::td_string;
use crate::lang::Locale;
use crate::ssr::access::member;
use crate::ssr::image_store::ImageStoreError;
use crate::ssr::{AppContext, session};
use domain::pro::image::{LARGE_SIDE, MAX_PIXELS, THUMBNAIL_SIDE, check_dimensions, check_file};
use http::{Response, StatusCode, header};
use image::imageops::FilterType;
use std::io::Cursor;
use store::{ImageHome, NewOfferImage, Owned, StoredImage};

fn encode_jpeg(image: &image::DynamicImage) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82);
    image.to_rgb8().write_with_encoder(encoder).map_err(|e| {
        tracing::error!(error = %e, "encoding a JPEG");
        AppError::Internal
    })?;
    Ok(out)
}

fn unreadable(locale: Locale) -> AppError {
    AppError::invalid("image", td_string!(locale, editor.image_unreadable))
}

/// A refusal of the domain's checks, in the partner's language.
fn refused(locale: Locale, error: domain::pro::FieldError) -> AppError {
    AppError::invalid(
        &error.field,
        crate::lang::fields::field(locale, &error.reason),
    )
}

/// A reader of the file's own format, with a memory limit on decoding.
fn reader(locale: Locale, bytes: &[u8]) -> Result<image::ImageReader<Cursor<&[u8]>>, AppError> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| unreadable(locale))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    Ok(reader)
}

/// Decodes, checks and resizes an uploaded file (CPU work: call off the runtime); a
/// refusal is worded in `locale`.
pub fn process(locale: Locale, bytes: &[u8]) -> Result<NewOfferImage, AppError> {
    check_file(bytes).map_err(|e| refused(locale, e))?;
    // The declared size is checked before any pixel is decoded.
    let (width, height) = reader(locale, bytes)?
        .into_dimensions()
        .map_err(|_| unreadable(locale))?;
    check_dimensions(width, height).map_err(|e| refused(locale, e))?;
    versions(upright(locale, bytes)?)
}

/// The picture as it was seen when taken: a phone stores its photos as the sensor read
/// them and says in their EXIF how to turn them, which is applied here once (the stored
/// versions carry no EXIF).
fn upright(locale: Locale, bytes: &[u8]) -> Result<image::DynamicImage, AppError> {
    use image::ImageDecoder;
    let mut decoder = reader(locale, bytes)?
        .into_decoder()
        .map_err(|_| unreadable(locale))?;
    // A photo whose EXIF cannot be read is kept as stored rather than refused.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut decoded = image::DynamicImage::from_decoder(decoder).map_err(|_| unreadable(locale))?;
    decoded.apply_orientation(orientation);
    Ok(decoded)
}

/// The two stored versions of a picture: the large one (at most [`LARGE_SIDE`] a side)
/// and the square thumbnail. The demo's posters are made here too.
pub fn versions(decoded: image::DynamicImage) -> Result<NewOfferImage, AppError> {
    let (width, height) = (decoded.width(), decoded.height());
    // A large photo is first shrunk by fast sampling to twice the stored size, so the
    // careful filter runs on a few megapixels instead of tens (minutes of CPU before).
    let decoded = if width > 2 * LARGE_SIDE || height > 2 * LARGE_SIDE {
        decoded.thumbnail(2 * LARGE_SIDE, 2 * LARGE_SIDE)
    } else {
        decoded
    };
    let large = if decoded.width() > LARGE_SIDE || decoded.height() > LARGE_SIDE {
        decoded.resize(LARGE_SIDE, LARGE_SIDE, FilterType::Lanczos3)
    } else {
        decoded
    };
    let thumbnail = large.resize_to_fill(THUMBNAIL_SIDE, THUMBNAIL_SIDE, FilterType::Triangle);
    Ok(NewOfferImage {
        large: encode_jpeg(&large)?,
        thumbnail: encode_jpeg(&thumbnail)?,
        width: i64::from(large.width()),
        height: i64::from(large.height()),
    })
}

/// Checks who uploads before the file is read (a stranger's 10 MB are never taken in),
/// then reads, decodes and stores it (a refusal in the request's language).
async fn store(
    ctx: &AppContext,
    headers: &http::HeaderMap,
    offer_id: i64,
    file: impl Future<Output = Result<Vec<u8>, AppError>>,
) -> Result<(), AppError> {
    let user = session::user_of_headers(ctx, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    member(ctx, user, Owned::Offer(offer_id)).await?;
    let bytes = file.await?;
    let locale = crate::lang::of_headers(headers);
    let image = crate::ssr::cpu::run(crate::ssr::cpu::Work::Images, move || {
        process(locale, &bytes)
    })
    .await??;
    let now = ctx.now();
    let home = ctx.images.home();
    // The objects first: the row never points at a version that is not there.
    ctx.images
        .put(offer_id, now.timestamp(), &image)
        .await
        .map_err(internal)?;
    let replaced = ctx
        .repo
        .set_offer_image(offer_id, &image, home, now)
        .await?;
    if let Some(old) = replaced.filter(|old| old.home == ImageHome::Objects)
        && let Err(error) = ctx.images.delete(&old).await
    {
        tracing::warn!(%error, "an image's replaced version was left in the store");
    }
    Ok(())
}

fn internal(error: ImageStoreError) -> AppError {
    tracing::error!(%error, "offer image");
    AppError::Internal
}

/// Whether the request is a browser's form submission (it navigates, and reads HTML)
/// rather than a program's call.
fn from_a_form(headers: &http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// `POST /pro/offres/:id/image` (multipart, field `image`; `file` reads it). A browser's
/// form goes back to the offer's page, with the outcome in the address so the page says
/// it where the form is; a program gets `204`, or the error's 4xx with the typed error as
/// JSON.
pub async fn upload(
    ctx: AppContext,
    headers: http::HeaderMap,
    offer_id: i64,
    file: impl Future<Output = Result<Vec<u8>, AppError>>,
) -> Response<String> {
    let outcome = store(&ctx, &headers, offer_id, file).await;
    if !from_a_form(&headers) {
        let mut response = match &outcome {
            Ok(()) => Response::new(String::new()),
            Err(error) => Response::new(serde_json::to_string(error).unwrap_or_default()),
        };
        *response.status_mut() = match &outcome {
            Ok(()) => StatusCode::NO_CONTENT,
            Err(error) => error.status_code(),
        };
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        return response;
    }
    let (status, location) = match &outcome {
        Ok(()) => (
            StatusCode::SEE_OTHER,
            format!("/pro/offres/{offer_id}?image=ok"),
        ),
        Err(AppError::Invalid { message, .. }) => (
            StatusCode::SEE_OTHER,
            format!(
                "/pro/offres/{offer_id}?image_erreur={}",
                domain::search::encode_component(message)
            ),
        ),
        Err(error) => {
            let mut response = Response::new(error.message(crate::lang::of_headers(&headers)));
            *response.status_mut() = error.status_code();
            return response;
        }
    };
    let mut response = Response::new(String::new());
    *response.status_mut() = status;
    if let Ok(value) = http::HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Who may see an offer's image.
enum Audience {
    /// Everyone: the offer is shown to the young.
    Public,
    /// The signed-in partner of the offer, before it is shown.
    Partner,
    Nobody,
}

/// Whoever may see the offer may see its image: everyone once it is shown to the young,
/// only its partners before.
async fn audience(
    ctx: &AppContext,
    headers: &http::HeaderMap,
    offer_id: i64,
) -> Result<Audience, AppError> {
    let visible = ctx
        .repo
        .offer(offer_id)
        .await?
        .is_some_and(|offer| offer.is_visible(ctx.now()));
    if visible {
        return Ok(Audience::Public);
    }
    let partner = match session::user_of_headers(ctx, headers).await? {
        Some(user) => member(ctx, user, Owned::Offer(offer_id)).await.is_ok(),
        None => false,
    };
    Ok(if partner {
        Audience::Partner
    } else {
        Audience::Nobody
    })
}

/// The bytes of one size of a stored image, wherever its row says they are.
async fn bytes_of(
    ctx: &AppContext,
    stored: StoredImage,
    large: bool,
) -> Result<Option<Vec<u8>>, AppError> {
    let StoredImage { version, bytes } = stored;
    match (version.home, ctx.images.home()) {
        (ImageHome::Database, _) => Ok(Some(bytes)),
        (ImageHome::Objects, ImageHome::Database) => {
            tracing::error!(
                offer_id = version.offer_id,
                "an image is in an object store, and IMAGE_STORE names none: set it as on the \
                 instance that stored it"
            );
            Err(AppError::Internal)
        }
        (ImageHome::Objects, ImageHome::Objects) => {
            let found = ctx.images.get(&version, large).await.map_err(internal)?;
            if found.is_none() {
                tracing::error!(
                    offer_id = version.offer_id,
                    store = ?ctx.images,
                    "an image's objects are missing from the store"
                );
            }
            Ok(found)
        }
    }
}

/// The validator of a stored size: its offer, its version (the upload's second) and its
/// size, known from the row without reading the bytes (which may be in a bucket).
fn etag_of(stored: &StoredImage, large: bool) -> String {
    let size = if large { "l" } else { "t" };
    let version = &stored.version;
    format!("\"{}-{}-{size}\"", version.offer_id, version.version)
}

/// Whether `If-None-Match` names `etag` (weakly: a proxy may have weakened it), or is `*`.
fn kept(headers: &http::HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|tags| tags.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .map(|tag| tag.trim())
                .any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
        })
}

/// `GET /images/offres/:id/grande.jpg` and `vignette.jpg`: with an `ETag`, and `304` to a
/// request that names it in `If-None-Match`.
pub async fn serve(
    ctx: AppContext,
    headers: http::HeaderMap,
    offer_id: i64,
    large: bool,
) -> Response<Vec<u8>> {
    match image_response(&ctx, &headers, offer_id, large).await {
        Ok(Some(response)) => response,
        Ok(None) => with_status(StatusCode::NOT_FOUND),
        Err(error) => with_status(error.status_code()),
    }
}

/// The answer with the image, or `None` when there is none this person may see.
async fn image_response(
    ctx: &AppContext,
    headers: &http::HeaderMap,
    offer_id: i64,
    large: bool,
) -> Result<Option<Response<Vec<u8>>>, AppError> {
    let public = match audience(ctx, headers, offer_id).await? {
        Audience::Public => true,
        Audience::Partner => false,
        Audience::Nobody => return Ok(None),
    };
    let Some(stored) = ctx.repo.offer_image(offer_id, large).await? else {
        return Ok(None);
    };
    let etag = etag_of(&stored, large);
    let mut response = Response::new(Vec::new());
    // A browser or proxy that kept this version asks with its tag: nothing to read or
    // send again.
    if kept(headers, &etag) {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
    } else {
        let Some(bytes) = bytes_of(ctx, stored, large).await? else {
            return Ok(None);
        };
        *response.body_mut() = bytes;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            http::HeaderValue::from_static("image/jpeg"),
        );
    }
    let headers = response.headers_mut();
    if let Ok(etag) = http::HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, etag);
    }
    // An image not yet shown to the young is its partners' business: no shared cache may
    // keep it.
    headers.insert(
        header::CACHE_CONTROL,
        http::HeaderValue::from_static(if public {
            "public, max-age=31536000, immutable"
        } else {
            "private, no-cache"
        }),
    );
    Ok(Some(response))
}

fn with_status(status: StatusCode) -> Response<Vec<u8>> {
    let mut response = Response::new(Vec::new());
    *response.status_mut() = status;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
        });
        let mut out = Cursor::new(Vec::new());
        image
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("png");
        out.into_inner()
    }

    #[test]
    fn an_upload_is_resized_to_a_large_version_and_a_square_thumbnail() {
        let stored = process(Locale::fr, &png(1600, 900)).expect("processed");
        assert_eq!((stored.width, stored.height), (1200, 675));
        let thumbnail = image::load_from_memory(&stored.thumbnail).expect("jpeg");
        assert_eq!((thumbnail.width(), thumbnail.height()), (400, 400));
        assert_eq!(
            domain::pro::image::sniff(&stored.large),
            Some(domain::pro::image::ImageKind::Jpeg)
        );
    }

    /// A 900 × 600 JPEG, red on its left half, whose EXIF says "turn me 90° clockwise"
    /// (orientation 6: a phone held upright).
    fn sideways_photo() -> Vec<u8> {
        use image::ImageEncoder;
        let image = image::RgbImage::from_fn(900, 600, |x, _| {
            if x < 450 {
                image::Rgb([250, 0, 0])
            } else {
                image::Rgb([0, 0, 250])
            }
        });
        // A big-endian TIFF header and one IFD entry: tag 0x0112 (orientation), SHORT, 6.
        let exif = [
            b'M', b'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0,
            0,
        ];
        let mut out = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
        encoder.set_exif_metadata(exif.to_vec()).expect("exif");
        encoder
            .write_image(&image, 900, 600, image::ExtendedColorType::Rgb8)
            .expect("jpeg");
        out
    }

    #[test]
    fn a_phone_photo_is_stored_the_way_up_its_exif_says() {
        let stored = process(Locale::fr, &sideways_photo()).expect("processed");
        assert_eq!((stored.width, stored.height), (600, 900), "turned upright");
        let large = image::load_from_memory(&stored.large)
            .expect("jpeg")
            .to_rgb8();
        // Turned clockwise, the left half (red) is now the top half.
        let top = large.get_pixel(300, 100);
        let bottom = large.get_pixel(300, 800);
        assert!(top[0] > 200 && top[2] < 60, "{top:?}");
        assert!(bottom[2] > 200 && bottom[0] < 60, "{bottom:?}");
    }

    #[test]
    fn small_foreign_and_broken_files_are_refused_on_the_image_field() {
        let message = |locale, bytes: &[u8]| match process(locale, bytes) {
            Err(AppError::Invalid { field, message }) if field == "image" => message,
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert!(message(Locale::fr, &png(300, 500)).contains("400 × 400"));
        assert!(message(Locale::fr, b"GIF89a....").contains("PNG, JPEG ou WebP"));
        let mut broken = png(500, 500);
        broken.truncate(100);
        assert!(message(Locale::fr, &broken).contains("illisible"));
        assert_eq!(
            message(Locale::en, &png(300, 500)),
            "The image must be at least 400 × 400 pixels (it is 300 × 500)"
        );
        assert!(message(Locale::en, &broken).contains("cannot be read"));
    }
}
