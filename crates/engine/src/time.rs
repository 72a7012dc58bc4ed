//! Virtual time: integer microseconds since the start of a run.

/// A point in, or a span of, virtual time in microseconds.
pub type TimeUs = u64;

pub const US_PER_MS: u64 = 1_000;
pub const US_PER_S: u64 = 1_000_000;

/// Microseconds between events at `rate_per_s`, rounded to the nearest and at least 1.
pub fn interval_us(rate_per_s: f64) -> TimeUs {
    round_us(US_PER_S as f64 / rate_per_s).max(1)
}

/// A non-negative duration in microseconds, rounded half up; negative or NaN gives 0, and values
/// beyond `u64` saturate. A plain add-and-truncate: exact everywhere, and no libm call on the
/// hot path.
#[inline]
pub fn round_us(us: f64) -> TimeUs {
    (us + 0.5) as TimeUs
}
