//! Plain value checks (numbers, probabilities, counts, text lengths), each reporting its own
//! problem and returning `None` when the value is refused, and numbers written as a learner
//! would write them.

use super::path::FieldPath;
use super::Validator;
use crate::error::Problem;
use crate::limits::KEY_BYTES_MAX;
use mqlab_engine::config::limits;

impl Validator {
    /// A finite number, not negative: the common ground of every measured quantity.
    pub(super) fn non_negative(&mut self, path: &FieldPath, value: f64) -> Option<f64> {
        if value.is_nan() {
            self.problem(path, Problem::NotANumber);
            None
        } else if value.is_infinite() {
            self.problem(path, Problem::NotFinite { value: num(value) });
            None
        } else if value < 0.0 {
            self.problem(path, Problem::Negative { value: num(value) });
            None
        } else {
            Some(value)
        }
    }

    /// A number from 0 to `max`.
    pub(super) fn number_in(&mut self, path: &FieldPath, value: f64, max: f64) -> Option<f64> {
        let value = self.non_negative(path, value)?;
        if value > max {
            let (value, limit) = (num(value), num(max));
            self.problem(path, Problem::AboveLimit { value, limit });
            return None;
        }
        Some(value)
    }

    /// A number above 0, up to `max`.
    pub(super) fn positive_number(&mut self, path: &FieldPath, value: f64, max: f64) -> Option<f64> {
        let value = self.number_in(path, value, max)?;
        if value == 0.0 {
            self.problem(path, Problem::MustBeAboveZero);
            return None;
        }
        Some(value)
    }

    /// Messages per second, up to the engine's limit.
    pub(super) fn rate_per_s(&mut self, path: &FieldPath, value: f64) -> Option<f64> {
        self.number_in(path, value, limits::RATE_PER_S_MAX)
    }

    pub(super) fn probability(&mut self, path: &FieldPath, value: f64) -> Option<f64> {
        if value.is_nan() {
            self.problem(path, Problem::NotANumber);
            return None;
        }
        if !(0.0..=1.0).contains(&value) {
            self.problem(path, Problem::NotAProbability { value: num(value) });
            return None;
        }
        Some(value)
    }

    /// A whole number from `min` to `max`.
    pub(super) fn count(&mut self, path: &FieldPath, value: u32, min: u32, max: u32) -> Option<u32> {
        if value < min {
            let (value, minimum) = (value.to_string(), min.to_string());
            self.problem(path, Problem::BelowMinimum { value, minimum });
            None
        } else if value > max {
            let (value, limit) = (value.to_string(), max.to_string());
            self.problem(path, Problem::AboveLimit { value, limit });
            None
        } else {
            Some(value)
        }
    }

    /// A routing key, header name or header value: AMQP's short strings.
    pub(super) fn key_length(&mut self, path: &FieldPath, key: &str) {
        if key.len() > KEY_BYTES_MAX {
            self.problem(path, Problem::TooManyBytes { bytes: key.len(), limit: KEY_BYTES_MAX });
        }
    }

    pub(super) fn text_length(&mut self, path: &FieldPath, text: &str, max: usize) {
        let chars = text.chars().count();
        if chars > max {
            self.problem(path, Problem::TooManyChars { chars, limit: max });
        }
    }
}

/// A number as a learner would write it: `5`, `0.25`, `86400`, `1e12`, `1.5e6` (the exponent
/// form for large whole numbers, when it is the shorter one).
pub(super) fn num(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let plain = format!("{value}");
    if value.abs() >= 1e6 && value == value.trunc() {
        let exponent = format!("{value:e}");
        if exponent.len() < plain.len() {
            return exponent;
        }
    }
    plain
}

/// `value` rounded to `digits` significant digits, for estimates.
pub(super) fn round_significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(digits - 1 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(num(1e12), "1e12");
        assert_eq!(num(1e6), "1e6");
        assert_eq!(num(1.5e6), "1.5e6");
        assert_eq!(num(5.0), "5");
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(-3.0), "-3");
        assert_eq!(num(86_400.0), "86400");
        assert_eq!(num(100_000.0), "100000");
        assert_eq!(num(31_536_000.0), "31536000");
        assert_eq!(num(86_400_000.0), "8.64e7");
        assert_eq!(num(f64::NAN), "NaN");
        assert_eq!(num(f64::NEG_INFINITY), "-inf");
        assert_eq!(round_significant(123_456_789.0, 3), 123_000_000.0);
    }
}
