//! Thins a series to the pixel columns it is drawn on, keeping each column's lowest and highest
//! value so that a one-bucket spike still shows.
//!
//! A chart 600 pixels wide gains nothing from 2,000 points but drawing time; averaging would
//! hide exactly the spikes a learner looks for (a burst, a crash). Per column we keep the minimum
//! and the maximum, in time order, so the line still runs through both. O(n) in the points.

/// The points of one unbroken stretch of line.
pub type Segment = Vec<(f64, f64)>;

/// `(xs[i], ys[i])` thinned to at most two points (the column's lowest and highest, in time
/// order) per each of `columns` equal columns over `x_min..x_max`, split into segments where a
/// value is not finite (no value: a gap in the line). A series with at most `columns` points is
/// only split, not thinned. `xs` must be increasing; extra entries of the longer slice are ignored.
pub fn min_max_per_column(xs: &[f64], ys: &[f64], x_min: f64, x_max: f64, columns: usize) -> Vec<Segment> {
    let n = xs.len().min(ys.len());
    let mut segments: Vec<Segment> = Vec::new();
    let mut segment: Segment = Vec::new();
    if n <= columns.max(1) || x_max <= x_min {
        for i in 0..n {
            if ys[i].is_finite() {
                segment.push((xs[i], ys[i]));
            } else if !segment.is_empty() {
                segments.push(std::mem::take(&mut segment));
            }
        }
        if !segment.is_empty() {
            segments.push(segment);
        }
        return segments;
    }

    let scale = columns as f64 / (x_max - x_min);
    let column_of = |x: f64| ((x - x_min) * scale).floor().clamp(-1.0, columns as f64) as i64;
    // The current column and the indices of its lowest and highest point.
    let mut current: Option<(i64, usize, usize)> = None;
    let flush = |current: &mut Option<(i64, usize, usize)>, segment: &mut Segment| {
        if let Some((_, lo, hi)) = current.take() {
            let (first, second) = if lo <= hi { (lo, hi) } else { (hi, lo) };
            segment.push((xs[first], ys[first]));
            if second != first {
                segment.push((xs[second], ys[second]));
            }
        }
    };
    for i in 0..n {
        let y = ys[i];
        if !y.is_finite() {
            flush(&mut current, &mut segment);
            if !segment.is_empty() {
                segments.push(std::mem::take(&mut segment));
            }
            continue;
        }
        let column = column_of(xs[i]);
        match &mut current {
            Some((c, lo, hi)) if *c == column => {
                if y < ys[*lo] {
                    *lo = i;
                }
                if y > ys[*hi] {
                    *hi = i;
                }
            }
            _ => {
                flush(&mut current, &mut segment);
                current = Some((column, i, i));
            }
        }
    }
    flush(&mut current, &mut segment);
    if !segment.is_empty() {
        segments.push(segment);
    }
    segments
}
