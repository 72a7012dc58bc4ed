//! The scenario's own limits, beside the engine's `config::limits`: sizes of text and lists that
//! keep parsing, validation and a browser tab cheap whatever the input.

/// A scenario's JSON text, and a share link's inflated content.
pub const SCENARIO_BYTES_MAX: usize = 1 << 20;
/// A share link's fragment, in characters (a deflated 1 MiB scenario fits easily).
pub const LINK_CHARS_MAX: usize = 256 * 1024;
/// Characters in a component id.
pub const ID_CHARS_MAX: usize = 64;
pub const NAME_CHARS_MAX: usize = 200;
pub const DESCRIPTION_CHARS_MAX: usize = 20_000;
/// Bytes in a routing key, binding key, header name or value (AMQP short strings).
pub const KEY_BYTES_MAX: usize = 255;
/// Headers on one producer or one binding.
pub const HEADERS_MAX: usize = 32;
/// Steps in one producer's rate schedule.
pub const RATE_STEPS_MAX: usize = 1_000;
/// Entries in the canvas layout.
pub const LAYOUT_ENTRIES_MAX: usize = 2_000;
/// Canvas coordinates stay within ±this.
pub const LAYOUT_COORDINATE_MAX: f64 = 1e6;
/// Broker node capacity, operations per second.
pub const CAPACITY_PER_S_MAX: f64 = 10_000_000.0;
/// Link latency and jitter, and the inter-node latency.
pub const LATENCY_MS_MAX: f64 = 60_000.0;
/// Any other time or duration (TTL, service time, timeouts, fault times): the engine's horizon.
pub const DURATION_S_MAX: f64 = 24.0 * 3_600.0;
/// The factor by which a slow disk slows fsyncs.
pub const SLOW_DISK_FACTOR_MAX: f64 = 1_000.0;
/// σ of a log-normal service time.
pub const LOGNORMAL_SIGMA_MAX: f64 = 5.0;
/// A random fault strikes at most about this many times in a run (horizon / mtbf).
pub const RANDOM_FAULT_STRIKES_MAX: f64 = 10_000.0;
/// Errors reported at most; the rest are counted in a last line.
pub const ERRORS_MAX: usize = 100;
