//! Readers: each takes any `Read` (plain or gzip, detected by its magic bytes) and returns an
//! [`ImportBatch`](crate::ImportBatch): what it could read, and a diagnostic naming file, line and
//! field for every row it could not.
//!
//! Formats: AMLSim output ([`amlsim`]), generic CSV through a declarative column profile
//! ([`profile`], [`csv_profile`]), goAML report XML ([`goaml`]) and FollowTheMoney entities as
//! JSON lines ([`ftm`]). Sources whose times carry no offset are read in a [`Zone`].

pub mod amlsim;
pub mod csv_profile;
pub mod ftm;
pub mod goaml;
pub mod profile;
pub mod zone;

pub use profile::{Profile, ProfileError};
pub use zone::Zone;

use std::io::{BufRead, BufReader, Read};

/// Wraps a reader, decompressing gzip transparently.
pub fn maybe_gzip<'a, R: Read + 'a>(reader: R) -> std::io::Result<Box<dyn Read + 'a>> {
    let mut buf = BufReader::with_capacity(1 << 16, reader);
    let magic = buf.fill_buf()?;
    if magic.len() >= 2 && magic[0] == 0x1f && magic[1] == 0x8b {
        Ok(Box::new(BufReader::with_capacity(1 << 16, flate2::read::MultiGzDecoder::new(buf))))
    } else {
        Ok(Box::new(buf))
    }
}

/// The named columns' positions in a CSV header, or the first missing one.
pub(crate) fn columns<const N: usize>(
    headers: &csv::StringRecord,
    names: [&str; N],
) -> Result<[usize; N], String> {
    let mut out = [0usize; N];
    for (i, name) in names.iter().enumerate() {
        out[i] = headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
            .ok_or_else(|| format!("the header has no `{name}` column"))?;
    }
    Ok(out)
}

/// Byte offsets of the line breaks of an input held in memory, to turn byte positions into line
/// numbers (1-based).
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(crate) fn new(bytes: &[u8]) -> LineIndex {
        LineIndex(bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i).collect())
    }

    /// The line holding byte `pos`.
    pub(crate) fn line(&self, pos: u64) -> u64 {
        self.0.partition_point(|&nl| (nl as u64) < pos) as u64 + 1
    }
}
