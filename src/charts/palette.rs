//! The charts' colours: Okabe and Ito's colour-blind-safe palette, in the order a chart's series
//! take them, and the [`Rgb`] the canvas and the page's legend share.

/// A colour, as the canvas and the page's legend use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for CSS.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The colour mixed with white: `amount` 0 keeps it, 1 gives white.
    pub fn lighten(self, amount: f64) -> Rgb {
        let amount = amount.clamp(0.0, 1.0);
        let mix = |c: u8| (c as f64 + (255.0 - c as f64) * amount).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// Okabe and Ito's colour-blind-safe palette (blue, vermillion, bluish green, orange, reddish
/// purple, sky blue, black, yellow) and a grey: told apart under the common colour-vision
/// deficiencies. The first series of a chart gets the first colour; beyond nine it repeats.
pub const PALETTE: [Rgb; 9] = [
    Rgb(0x00, 0x72, 0xb2),
    Rgb(0xd5, 0x5e, 0x00),
    Rgb(0x00, 0x9e, 0x73),
    Rgb(0xe6, 0x9f, 0x00),
    Rgb(0xcc, 0x79, 0xa7),
    Rgb(0x56, 0xb4, 0xe9),
    Rgb(0x00, 0x00, 0x00),
    Rgb(0xf0, 0xe4, 0x42),
    Rgb(0x99, 0x99, 0x99),
];
