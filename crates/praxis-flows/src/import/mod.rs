//! Readers: each takes any `Read` (plain or gzip, detected by its magic bytes) and returns an
//! [`ImportBatch`](crate::ImportBatch): what it could read, and a diagnostic naming file, line and
//! field for every row it could not.

pub mod amlsim;

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
