//! Which run: A, or B of compare mode; the one place a run becomes an array index.

/// Run A, or run B of compare mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunId {
    A,
    B,
}

impl RunId {
    pub const ALL: [RunId; 2] = [RunId::A, RunId::B];

    /// The letter the page shows.
    pub fn label(self) -> &'static str {
        match self {
            RunId::A => "A",
            RunId::B => "B",
        }
    }

    /// Where the run sits in anything kept per run (`[T; 2]`): A at 0, B at 1.
    pub fn index(self) -> usize {
        match self {
            RunId::A => 0,
            RunId::B => 1,
        }
    }
}
