//! Mentor photos: only JPEG, PNG and WebP, at most 2 MB, recognised by their bytes (not
//! by what the upload claims), and stripped of metadata. Phones write where a photo was
//! taken into it; on a young mentor's photo that could say where they live.

use axum::http::StatusCode;
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult};

pub const MAX_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl Photo {
    /// Names this photo in its URL, so a new photo is never hidden by a cached old one.
    pub fn version(&self) -> String {
        Sha256::digest(&self.bytes)[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Checks an upload and returns it without metadata.
pub fn check(declared_type: Option<&str>, bytes: &[u8]) -> AppResult<Photo> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    let unsupported = || {
        AppError::client(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_photo",
            "Please upload a JPEG, PNG or WebP photo.",
        )
    };
    let declared = declared_type
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase());
    let (content_type, stripped) = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("image/jpeg", strip_jpeg(bytes))
    } else if bytes.starts_with(PNG_SIGNATURE) {
        ("image/png", strip_png(bytes))
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        ("image/webp", strip_webp(bytes))
    } else {
        return Err(unsupported());
    };
    if declared.is_some_and(|d| d != content_type) {
        return Err(unsupported());
    }
    let bytes = stripped.ok_or_else(|| {
        AppError::client(
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged_photo",
            "That photo file looks damaged. Please try another.",
        )
    })?;
    Ok(Photo {
        content_type,
        bytes,
    })
}

pub fn too_large() -> AppError {
    AppError::client(
        StatusCode::PAYLOAD_TOO_LARGE,
        "photo_too_large",
        "Please use a photo of at most 2 MB.",
    )
}

const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Drops the APP1..APP15 segments (Exif, XMP, maker notes...) and comments; keeps APP0
/// (JFIF) and everything that draws the picture. `None` if the segments don't add up.
fn strip_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    loop {
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        // Start of scan: the compressed picture follows to the end.
        if marker == 0xDA {
            out.extend_from_slice(&bytes[at..]);
            return Some(out);
        }
        if marker == 0xD9 {
            out.extend_from_slice(&bytes[at..at + 2]);
            return Some(out);
        }
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2)?,
            *bytes.get(at + 3)?,
        ]));
        let end = at + 2 + length;
        if length < 2 || end > bytes.len() {
            return None;
        }
        let metadata = (0xE1..=0xEF).contains(&marker) || marker == 0xFE;
        if !metadata {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
}

/// Keeps only the chunks that draw the picture (critical chunks, plus transparency,
/// gamma and colour chunks); drops text, `eXIf` and time chunks.
fn strip_png(bytes: &[u8]) -> Option<Vec<u8>> {
    const KEEP: [&[u8; 4]; 9] = [
        b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
    ];
    let mut out = PNG_SIGNATURE.to_vec();
    let mut at = PNG_SIGNATURE.len();
    while at < bytes.len() {
        let length = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind = bytes.get(at + 4..at + 8)?;
        let end = at.checked_add(12)?.checked_add(length)?;
        if end > bytes.len() {
            return None;
        }
        if KEEP.iter().any(|k| k.as_slice() == kind) {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

/// Drops the `EXIF` and `XMP ` chunks of a WebP file and clears their flags in `VP8X`.
fn strip_webp(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut chunks = Vec::with_capacity(bytes.len());
    let mut at = 12;
    while at < bytes.len() {
        let kind = bytes.get(at..at + 4)?;
        let length = u32::from_le_bytes(bytes.get(at + 4..at + 8)?.try_into().ok()?) as usize;
        // Chunks are padded to an even length.
        let end = at.checked_add(8)?.checked_add(length + (length & 1))?;
        if end > bytes.len() {
            return None;
        }
        if kind != b"EXIF" && kind != b"XMP " {
            let start = chunks.len();
            chunks.extend_from_slice(&bytes[at..end]);
            if kind == b"VP8X" && length >= 1 {
                // Bit 3: EXIF present, bit 2: XMP present.
                chunks[start + 8] &= !0b0000_1100;
            }
        }
        at = end;
    }
    let size = u32::try_from(chunks.len() + 4).ok()?;
    let mut out = Vec::with_capacity(chunks.len() + 12);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&chunks);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_with_exif() -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8];
        // APP0 JFIF
        bytes.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0]);
        // APP1 Exif with a "GPS" payload
        bytes.extend_from_slice(&[0xFF, 0xE1, 0x00, 0x08, b'E', b'x', b'i', b'f', b'G', b'P']);
        // Start of scan and data, then end of image
        bytes.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 1, 2, 3, 0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn jpeg_loses_its_exif_and_keeps_the_picture() {
        let photo = check(Some("image/jpeg"), &jpeg_with_exif()).unwrap();
        assert_eq!(photo.content_type, "image/jpeg");
        assert!(!photo.bytes.windows(4).any(|w| w == b"Exif"));
        assert!(photo.bytes.windows(4).any(|w| w == b"JFIF"));
        assert!(photo.bytes.ends_with(&[1, 2, 3, 0xFF, 0xD9]));
    }

    #[test]
    fn png_loses_text_and_exif_chunks() {
        let chunk = |kind: &[u8; 4], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut bytes = PNG_SIGNATURE.to_vec();
        bytes.extend(chunk(b"IHDR", &[0; 13]));
        bytes.extend(chunk(b"eXIf", b"GPS here"));
        bytes.extend(chunk(b"tEXt", b"Author\0Sam Smith"));
        bytes.extend(chunk(b"IDAT", &[9; 4]));
        bytes.extend(chunk(b"IEND", &[]));
        let photo = check(None, &bytes).unwrap();
        assert_eq!(photo.content_type, "image/png");
        assert!(!photo.bytes.windows(3).any(|w| w == b"GPS"));
        assert!(!photo.bytes.windows(5).any(|w| w == b"Smith"));
        assert!(photo.bytes.windows(4).any(|w| w == b"IDAT"));
    }

    #[test]
    fn webp_loses_exif_and_its_flag() {
        let mut chunks = Vec::new();
        chunks.extend_from_slice(b"VP8X");
        chunks.extend_from_slice(&10u32.to_le_bytes());
        chunks.extend_from_slice(&[0b0000_1000, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        chunks.extend_from_slice(b"EXIF");
        chunks.extend_from_slice(&3u32.to_le_bytes());
        chunks.extend_from_slice(b"GPS\0");
        chunks.extend_from_slice(b"VP8L");
        chunks.extend_from_slice(&2u32.to_le_bytes());
        chunks.extend_from_slice(&[7, 7]);
        let mut bytes = b"RIFF".to_vec();
        bytes.extend_from_slice(&(chunks.len() as u32 + 4).to_le_bytes());
        bytes.extend_from_slice(b"WEBP");
        bytes.extend_from_slice(&chunks);
        let photo = check(Some("image/webp"), &bytes).unwrap();
        assert!(!photo.bytes.windows(3).any(|w| w == b"GPS"));
        assert_eq!(photo.bytes[20] & 0b1000, 0, "EXIF flag cleared");
        let size = u32::from_le_bytes(photo.bytes[4..8].try_into().unwrap()) as usize;
        assert_eq!(size + 8, photo.bytes.len());
    }

    #[test]
    fn other_files_and_mismatched_types_are_refused() {
        let gif = b"GIF89a....";
        assert_eq!(
            check(Some("image/gif"), gif).unwrap_err().status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(
            check(Some("image/png"), &jpeg_with_exif())
                .unwrap_err()
                .status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        let huge = vec![0xFF; MAX_BYTES + 1];
        assert_eq!(
            check(Some("image/jpeg"), &huge).unwrap_err().status(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
    }
}
