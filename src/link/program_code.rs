//! A program's text as a link's value: raw deflate (`miniz_oxide`) then base64url without
//! padding, so that it needs no percent-escape. A program of up to [`MAX_PROGRAM_BYTES`] is
//! carried exactly; a longer one is refused when the link is made, and a value that inflates past
//! it is refused when the link is opened: never cut short.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// The longest program a link carries, in bytes of UTF-8.
pub const MAX_PROGRAM_BYTES: usize = 8 * 1024;

/// Deflate's best compression: links are made rarely and the program is short.
const COMPRESSION_LEVEL: u8 = 9;

/// Why a program cannot go in a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramTooLong {
    /// Its length in bytes.
    pub bytes: usize,
}

impl std::fmt::Display for ProgramTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "The program is {} bytes long: a link carries programs of up to {MAX_PROGRAM_BYTES} bytes (8 KB). Shorten it to share it.",
            self.bytes
        )
    }
}

/// `source` as a link's value.
///
/// # Errors
/// [`ProgramTooLong`] when it is longer than [`MAX_PROGRAM_BYTES`].
pub fn encode_program(source: &str) -> Result<String, ProgramTooLong> {
    if source.len() > MAX_PROGRAM_BYTES {
        return Err(ProgramTooLong { bytes: source.len() });
    }
    Ok(URL_SAFE_NO_PAD.encode(compress_to_vec(source.as_bytes(), COMPRESSION_LEVEL)))
}

/// The program a link's value carries; `None` if it is not base64url of deflated UTF-8 text of
/// at most [`MAX_PROGRAM_BYTES`].
pub fn decode_program(value: &str) -> Option<String> {
    let deflated = URL_SAFE_NO_PAD.decode(value).ok()?;
    let bytes = decompress_to_vec_with_limit(&deflated, MAX_PROGRAM_BYTES).ok()?;
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Printable text that deflate cannot shrink much, from a seeded generator.
    fn noisy_program(bytes: usize, seed: u64) -> String {
        let mut state = seed;
        (0..bytes)
            .map(|_| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                char::from(b' ' + ((state >> 33) % 95) as u8)
            })
            .collect()
    }

    #[test]
    fn a_program_of_8_kb_round_trips_exactly() {
        for seed in 0..8 {
            let source = noisy_program(MAX_PROGRAM_BYTES, seed);
            assert_eq!(decode_program(&encode_program(&source).unwrap()).as_deref(), Some(source.as_str()));
        }
    }

    #[test]
    fn text_beyond_ascii_and_line_ends_round_trip() {
        let source = "print('héllo, 世界 🐍')\r\n\tx = 1\n\n";
        assert_eq!(decode_program(&encode_program(source).unwrap()).as_deref(), Some(source));
    }

    #[test]
    fn a_longer_program_is_refused_not_cut() {
        let source = noisy_program(MAX_PROGRAM_BYTES + 1, 1);
        let refusal = encode_program(&source).unwrap_err();
        assert_eq!(refusal.bytes, MAX_PROGRAM_BYTES + 1);
        assert!(refusal.to_string().contains("8192 bytes"), "{refusal}");
    }

    #[test]
    fn a_value_that_inflates_past_the_limit_or_is_not_deflate_is_not_read() {
        let too_long = URL_SAFE_NO_PAD.encode(compress_to_vec(&[b'x'; MAX_PROGRAM_BYTES + 1], 9));
        assert_eq!(decode_program(&too_long), None);
        assert_eq!(decode_program("not base64!"), None);
        assert_eq!(decode_program(&URL_SAFE_NO_PAD.encode(b"plain, not deflated")), None);
    }

    #[test]
    fn the_value_needs_no_percent_escape() {
        let value = encode_program(&noisy_program(2000, 3)).unwrap();
        assert!(value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "{value}");
    }
}
