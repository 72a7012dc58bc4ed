//! Share links: a scenario packed into a URL fragment (`#v1.<crc32 hex>.<base64url of deflated
//! compact JSON>`) and unpacked again, refusing anything truncated, tampered or oversized.
//!
//! The checksum is CRC-32 of the compact JSON, so a change anywhere (in the payload or in the
//! checksum itself) is caught after inflation. Inflation is capped at
//! [`SCENARIO_BYTES_MAX`](crate::limits::SCENARIO_BYTES_MAX), so a zip bomb costs at most that
//! much memory. No input makes [`decode`] panic.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::inflate::TINFLStatus;

use crate::error::Errors;
use crate::json::{parse, to_json_compact};
use crate::limits::{LINK_CHARS_MAX, SCENARIO_BYTES_MAX};
use crate::schema::Scenario;

/// The link format this crate writes and reads.
pub const LINK_VERSION: &str = "v1";
/// Deflate level: links are made rarely and read often, so pack them as tightly as we can.
const DEFLATE_LEVEL: u8 = 10;
/// Hex digits of the CRC-32 checksum.
const CHECKSUM_HEX_DIGITS: usize = 8;

/// Why a link could not be turned back into a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Nothing after the `#`.
    Empty,
    /// Not of the form `#v1.<checksum>.<data>`.
    NotALink,
    /// A link from another version of MQ Lab.
    UnknownVersion(String),
    /// Longer than [`LINK_CHARS_MAX`].
    TooLong { chars: usize },
    /// Cut short: a part is missing, or the data ends early.
    Truncated,
    /// A character that base64url does not use, at this position of the data.
    NotBase64 { position: usize },
    /// The data is not a deflate stream.
    DoesNotInflate,
    /// The data unpacks to more than [`SCENARIO_BYTES_MAX`] bytes.
    TooLarge,
    /// The checksum does not match the content.
    Tampered,
    /// The link is intact but the scenario in it is not valid.
    Scenario(Errors),
    /// A compare link's scenario B (after [`COMPARE_SEPARATOR`]) has this problem.
    InScenarioB(Box<LinkError>),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => f.write_str("the link has no scenario in it: nothing follows the #"),
            LinkError::NotALink => {
                f.write_str("this is not an MQ Lab scenario link: its part after # should start with \"v1.\"")
            }
            LinkError::UnknownVersion(version) => write!(
                f,
                "this link is in format {version}, made by a different version of MQ Lab; this lab \
                 reads {LINK_VERSION} links"
            ),
            LinkError::TooLong { chars } => write!(
                f,
                "the link is {chars} characters long; the limit is {LINK_CHARS_MAX}, so it was \
                 refused to keep the page responsive"
            ),
            LinkError::Truncated => f.write_str(
                "the link is cut short: part of it is missing. Copy the whole link again; chat \
                 tools and e-mail sometimes cut long links",
            ),
            LinkError::NotBase64 { position } => write!(
                f,
                "the link contains a character that does not belong in it (at position {position} \
                 of its data): it was changed after it was made"
            ),
            LinkError::DoesNotInflate => {
                f.write_str("the link's data is damaged and cannot be unpacked: it was changed after it was made")
            }
            LinkError::TooLarge => write!(
                f,
                "the link unpacks to more than {SCENARIO_BYTES_MAX} bytes (1 MiB), more than any \
                 scenario needs, so it was refused"
            ),
            LinkError::Tampered => f.write_str(
                "the link's checksum does not match its content: it was changed or damaged after it \
                 was made",
            ),
            LinkError::Scenario(errors) => {
                write!(f, "the link holds a scenario this lab cannot use:\n{errors}")
            }
            LinkError::InScenarioB(error) => {
                write!(f, "in the compared scenario B (after the '~'): {error}")
            }
        }
    }
}

impl std::error::Error for LinkError {}

/// The scenario as a URL fragment, starting with `#`.
pub fn encode(scenario: &Scenario) -> String {
    let json = to_json_compact(scenario);
    let checksum = crc32(json.as_bytes());
    let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), DEFLATE_LEVEL);
    format!("#{LINK_VERSION}.{checksum:08x}.{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// Between scenario A and scenario B in a compare link: `#v1.<A>~v1.<B>`. Not a character of
/// base64url or of the `v1.<checksum>.` prefix, so it cannot occur inside either part.
pub const COMPARE_SEPARATOR: char = '~';

/// Compare mode as a URL fragment: scenario A's link, then B's after [`COMPARE_SEPARATOR`].
pub fn encode_compare(a: &Scenario, b: &Scenario) -> String {
    let b = encode(b);
    format!("{}{COMPARE_SEPARATOR}{}", encode(a), b.trim_start_matches('#'))
}

/// Scenario A of a link, and scenario B if it is a compare link. The limits apply to the whole
/// link; an error in B says so ([`LinkError::InScenarioB`]).
pub fn decode_compare(fragment_or_url: &str) -> Result<(Scenario, Option<Scenario>), LinkError> {
    let fragment = fragment_of(fragment_or_url);
    let chars = fragment.chars().count();
    if chars > LINK_CHARS_MAX {
        return Err(LinkError::TooLong { chars });
    }
    match fragment.split_once(COMPARE_SEPARATOR) {
        None => Ok((decode_one(fragment)?, None)),
        Some((a, b)) => {
            let a = decode_one(a)?;
            let b = decode_one(b).map_err(|error| LinkError::InScenarioB(Box::new(error)))?;
            Ok((a, Some(b)))
        }
    }
}

/// What follows the `#` of a URL, or the whole text if it has none; without surrounding spaces.
fn fragment_of(fragment_or_url: &str) -> &str {
    let text = fragment_or_url.trim();
    match text.find('#') {
        Some(hash) => &text[hash + 1..],
        None => text,
    }
}

/// The scenario in a link: a whole URL (what follows its `#`), or a bare fragment with or
/// without its `#`. Surrounding whitespace is ignored. Of a compare link, scenario A.
pub fn decode(fragment_or_url: &str) -> Result<Scenario, LinkError> {
    let fragment = fragment_of(fragment_or_url);
    let chars = fragment.chars().count();
    if chars > LINK_CHARS_MAX {
        return Err(LinkError::TooLong { chars });
    }
    let a = fragment.split(COMPARE_SEPARATOR).next().unwrap_or_default();
    decode_one(a)
}

/// One scenario's part of a link, `v1.<checksum>.<data>`.
fn decode_one(fragment: &str) -> Result<Scenario, LinkError> {
    if fragment.is_empty() {
        return Err(LinkError::Empty);
    }

    let mut parts = fragment.splitn(3, '.');
    let version = parts.next().unwrap_or_default();
    if version != LINK_VERSION {
        return Err(version_error(version));
    }
    let (Some(checksum_hex), Some(payload)) = (parts.next(), parts.next()) else {
        return Err(LinkError::Truncated);
    };
    let checksum = parse_checksum(checksum_hex)?;
    if payload.is_empty() {
        return Err(LinkError::Truncated);
    }

    let deflated = URL_SAFE_NO_PAD.decode(payload).map_err(|error| base64_error(&error, payload))?;
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, SCENARIO_BYTES_MAX).map_err(
            |error| match error.status {
                TINFLStatus::HasMoreOutput => LinkError::TooLarge,
                // The stream ended before its last block: the link lost its tail.
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => LinkError::Truncated,
                _ => LinkError::DoesNotInflate,
            },
        )?;
    if crc32(&json) != checksum {
        return Err(LinkError::Tampered);
    }
    // The checksum matched, so these bytes are what the link's maker wrote.
    let json = std::str::from_utf8(&json)
        .map_err(|_| LinkError::Scenario(Errors::one("", "the link's content is not UTF-8 text")))?;
    parse(json).map_err(LinkError::Scenario)
}

/// `v2`, `v10`: a version this lab does not read; anything else is not a link at all.
fn version_error(version: &str) -> LinkError {
    let is_version = version.len() > 1
        && version.len() <= 8
        && version.starts_with('v')
        && version[1..].chars().all(|c| c.is_ascii_digit());
    if is_version {
        LinkError::UnknownVersion(version.to_string())
    } else if LINK_VERSION.starts_with(version) {
        // `#v` or `#` cut just after the start.
        LinkError::Truncated
    } else {
        LinkError::NotALink
    }
}

fn parse_checksum(hex: &str) -> Result<u32, LinkError> {
    if hex.len() < CHECKSUM_HEX_DIGITS && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(LinkError::Truncated);
    }
    if hex.len() != CHECKSUM_HEX_DIGITS {
        return Err(LinkError::Tampered);
    }
    u32::from_str_radix(hex, 16).map_err(|_| LinkError::Tampered)
}

fn base64_error(error: &base64::DecodeError, payload: &str) -> LinkError {
    match *error {
        // base64 reports where its decoder noticed; the learner wants the first stray character.
        base64::DecodeError::InvalidByte(offset, _) => LinkError::NotBase64 {
            position: payload.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(offset),
        },
        // A length no encoder makes, or stray bits at the end: the data lost its last characters.
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(_, _) => LinkError::Truncated,
        base64::DecodeError::InvalidPadding => LinkError::NotBase64 { position: payload.len() },
    }
}

/// CRC-32 (IEEE 802.3, as zlib and `crc32fast` compute it) of `bytes`.
///
/// One byte at a time from a 1 KiB table built at compile time: links are a few KiB, so speed
/// does not matter here, while `crc32fast`'s 16 KiB slice-by-16 table, which barely
/// compresses, cost the page about 17 KB of its gzipped wasm.
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut n = 0;
        while n < 256 {
            let mut c = n as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[n] = c;
            n += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |crc, &byte| TABLE[((crc ^ u32::from(byte)) & 0xFF) as usize] ^ (crc >> 8))
}
