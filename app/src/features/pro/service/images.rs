//! Offer images: an upload is checked (`domain::pro::image`), decoded with the `image`
//! crate under memory limits, resized to a large version and a thumbnail (JPEG), off
//! the async runtime, then stored; both versions are served from the database.

use super::access::member;
use crate::error::AppError;
use crate::ssr::{AppContext, session};
use domain::pro::image::{LARGE_SIDE, MAX_PIXELS, THUMBNAIL_SIDE, check_dimensions, check_file};
use http::{Response, StatusCode, header};
use image::imageops::FilterType;
use std::io::Cursor;
use store::{NewOfferImage, Owned};

fn encode_jpeg(image: &image::DynamicImage) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82);
    image.to_rgb8().write_with_encoder(encoder).map_err(|e| {
        tracing::error!(error = %e, "encoding a JPEG");
        AppError::Internal
    })?;
    Ok(out)
}

fn unreadable() -> AppError {
    AppError::invalid("image", "Cette image est illisible ou abîmée")
}

/// A reader of the file's own format, with a memory limit on decoding.
fn reader(bytes: &[u8]) -> Result<image::ImageReader<Cursor<&[u8]>>, AppError> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| unreadable())?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    Ok(reader)
}

/// Decodes, checks and resizes an uploaded file (CPU work: call off the runtime).
pub fn process(bytes: &[u8]) -> Result<NewOfferImage, AppError> {
    check_file(bytes)?;
    // The declared size is checked before any pixel is decoded.
    let (width, height) = reader(bytes)?.into_dimensions().map_err(|_| unreadable())?;
    check_dimensions(width, height)?;
    let decoded = reader(bytes)?.decode().map_err(|_| unreadable())?;
    let large = if width > LARGE_SIDE || height > LARGE_SIDE {
        decoded.resize(LARGE_SIDE, LARGE_SIDE, FilterType::Lanczos3)
    } else {
        decoded.clone()
    };
    let thumbnail = decoded.resize_to_fill(THUMBNAIL_SIDE, THUMBNAIL_SIDE, FilterType::Triangle);
    Ok(NewOfferImage {
        large: encode_jpeg(&large)?,
        thumbnail: encode_jpeg(&thumbnail)?,
        width: i64::from(large.width()),
        height: i64::from(large.height()),
    })
}

async fn store(
    ctx: &AppContext,
    headers: &http::HeaderMap,
    offer_id: i64,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    let user = session::user_of_headers(ctx, headers)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    member(ctx, user, Owned::Offer(offer_id)).await?;
    let image = tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|_| AppError::Internal)??;
    ctx.repo
        .set_offer_image(offer_id, &image, ctx.now())
        .await?;
    Ok(())
}

/// `POST /pro/offres/:id/image` (multipart, field `image`): back to the offer's page,
/// with the outcome in the address so the page says it where the form is.
pub async fn upload(
    ctx: AppContext,
    headers: http::HeaderMap,
    offer_id: i64,
    bytes: Result<Vec<u8>, AppError>,
) -> Response<String> {
    let outcome = match bytes {
        Ok(bytes) => store(&ctx, &headers, offer_id, bytes).await,
        Err(error) => Err(error),
    };
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
            let mut response = Response::new(error.to_string());
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

/// Whoever may see the offer may see its image: everyone once it is shown to the young,
/// only its partners before.
async fn may_see(
    ctx: &AppContext,
    headers: &http::HeaderMap,
    offer_id: i64,
) -> Result<bool, AppError> {
    let visible = ctx
        .repo
        .offer(offer_id)
        .await?
        .is_some_and(|offer| offer.is_visible(ctx.now()));
    if visible {
        return Ok(true);
    }
    Ok(match session::user_of_headers(ctx, headers).await? {
        Some(user) => member(ctx, user, Owned::Offer(offer_id)).await.is_ok(),
        None => false,
    })
}

/// `GET /images/offres/:id/grande.jpg` and `vignette.jpg`.
pub async fn serve(
    ctx: AppContext,
    headers: http::HeaderMap,
    offer_id: i64,
    large: bool,
) -> Response<Vec<u8>> {
    let found = match may_see(&ctx, &headers, offer_id).await {
        Ok(true) => ctx
            .repo
            .offer_image(offer_id, large)
            .await
            .map_err(AppError::from),
        Ok(false) => Ok(None),
        Err(error) => Err(error),
    };
    let mut response = Response::new(Vec::new());
    match found {
        Ok(Some(bytes)) => {
            *response.body_mut() = bytes;
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                http::HeaderValue::from_static("image/jpeg"),
            );
            headers.insert(
                header::CACHE_CONTROL,
                http::HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
        }
        Ok(None) => *response.status_mut() = StatusCode::NOT_FOUND,
        Err(error) => *response.status_mut() = error.status_code(),
    }
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
        let stored = process(&png(1600, 900)).expect("processed");
        assert_eq!((stored.width, stored.height), (1200, 675));
        let thumbnail = image::load_from_memory(&stored.thumbnail).expect("jpeg");
        assert_eq!((thumbnail.width(), thumbnail.height()), (400, 400));
        assert_eq!(
            domain::pro::image::sniff(&stored.large),
            Some(domain::pro::image::ImageKind::Jpeg)
        );
    }

    #[test]
    fn small_foreign_and_broken_files_are_refused_on_the_image_field() {
        let message = |bytes: &[u8]| match process(bytes) {
            Err(AppError::Invalid { field, message }) if field == "image" => message,
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert!(message(&png(300, 500)).contains("400 × 400"));
        assert!(message(b"GIF89a....").contains("PNG, JPEG ou WebP"));
        let mut broken = png(500, 500);
        broken.truncate(100);
        assert!(message(&broken).contains("illisible"));
    }
}
