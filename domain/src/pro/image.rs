//! What an offer's image must be before the server decodes it: PNG, JPEG or WebP (read
//! from the file's first bytes, not its name), at most 10 MB, at least 400 × 400 pixels.

use super::{FieldError, FieldRefusal, refuse};

pub const MAX_BYTES: usize = 10 * 1024 * 1024;
pub const MIN_SIDE: u32 = 400;
/// Side of the largest stored version (the offer page); thumbnails are 400 px wide.
pub const LARGE_SIDE: u32 = 1200;
pub const THUMBNAIL_SIDE: u32 = 400;
/// The file names of the two stored versions, under `/images/offres/<id>/`.
pub const LARGE_FILE: &str = "grande.jpg";
pub const THUMBNAIL_FILE: &str = "vignette.jpg";
/// Above this many pixels a file is refused before decoding: a PNG of 200 KB can declare
/// 49 megapixels (a "decompression bomb") and cost minutes of CPU and 200 MB to decode.
/// 24 megapixels is a full-size photo of a good camera (6 000 × 4 000).
pub const MAX_PIXELS: u64 = 24_000_000;
/// The longest side accepted, for the same reason (a 1 × 24 000 000 strip).
pub const MAX_SIDE: u32 = 10_000;

/// The address of a stored version of an offer's image; `version` (the time it was
/// uploaded) changes the address at each upload, so that browsers keep each for good.
pub fn address(offer_id: i64, file: &str, version: i64) -> String {
    format!("/images/offres/{offer_id}/{file}?v={version}")
}

/// The `srcset` of an uploaded image from the address of either of its versions: the
/// thumbnail and the large one with their widths, so that a browser downloads what its
/// screen needs (the thumbnail on a small card, the large one on a sharp phone screen).
/// `None` for another address (a category's poster).
pub fn srcset(url: &str) -> Option<String> {
    let (folder, file) = url.rsplit_once('/')?;
    let (name, query) = file.split_once('?').unwrap_or((file, ""));
    if name != LARGE_FILE && name != THUMBNAIL_FILE {
        return None;
    }
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    Some(format!(
        "{folder}/{THUMBNAIL_FILE}{query} {THUMBNAIL_SIDE}w, {folder}/{LARGE_FILE}{query} {LARGE_SIDE}w"
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
}

/// The kind of image the bytes start like, if it is one we take.
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::Webp)
    } else {
        None
    }
}

/// Checks the file before decoding it.
pub fn check_file(bytes: &[u8]) -> Result<ImageKind, FieldError> {
    if bytes.is_empty() {
        return Err(refuse("image", FieldRefusal::NoImage));
    }
    if bytes.len() > MAX_BYTES {
        return Err(refuse("image", FieldRefusal::ImageTooHeavy));
    }
    sniff(bytes).ok_or_else(|| refuse("image", FieldRefusal::ImageFormat))
}

/// Checks the size the file declares, before decoding its pixels.
pub fn check_dimensions(width: u32, height: u32) -> Result<(), FieldError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width.max(height) > MAX_SIDE {
        return Err(refuse(
            "image",
            FieldRefusal::ImageTooLarge { width, height },
        ));
    }
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(refuse(
            "image",
            FieldRefusal::ImageTooSmall { width, height },
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uploaded_image_offers_both_its_versions_and_a_poster_none() {
        let thumbnail = address(7, THUMBNAIL_FILE, 1_700_000_000);
        assert_eq!(thumbnail, "/images/offres/7/vignette.jpg?v=1700000000");
        let expected = "/images/offres/7/vignette.jpg?v=1700000000 400w, /images/offres/7/grande.jpg?v=1700000000 1200w";
        assert_eq!(srcset(&thumbnail).as_deref(), Some(expected));
        assert_eq!(
            srcset(&address(7, LARGE_FILE, 1_700_000_000)).as_deref(),
            Some(expected)
        );
        assert_eq!(srcset("/images/categories/cinema.svg"), None);
        assert_eq!(srcset("grande.jpg"), None);
    }

    #[test]
    fn images_are_recognised_by_their_first_bytes() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(ImageKind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageKind::Jpeg));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(ImageKind::Webp));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"<svg xmlns="), None);
    }

    #[test]
    fn empty_oversized_and_foreign_files_are_refused() {
        assert!(check_file(b"").is_err());
        assert!(check_file(b"%PDF-1.7").is_err());
        let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
        big.resize(MAX_BYTES + 1, 0);
        assert_eq!(
            check_file(&big).expect_err("big").reason,
            FieldRefusal::ImageTooHeavy
        );
    }

    #[test]
    fn an_image_needs_400_pixels_on_each_side_and_not_too_many_pixels() {
        assert!(check_dimensions(400, 400).is_ok());
        assert_eq!(
            check_dimensions(399, 1000).expect_err("narrow").reason,
            FieldRefusal::ImageTooSmall {
                width: 399,
                height: 1000
            }
        );
        assert!(check_dimensions(100_000, 100_000).is_err());
    }

    #[test]
    fn a_declared_size_beyond_24_megapixels_or_10_000_pixels_of_side_is_refused() {
        assert!(check_dimensions(6000, 4000).is_ok());
        assert!(check_dimensions(7000, 7000).is_err(), "49 megapixels");
        assert!(check_dimensions(12_000, 400).is_err(), "a strip");
        assert!(check_dimensions(u32::MAX, u32::MAX).is_err(), "no overflow");
    }
}
