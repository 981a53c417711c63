//! Which script a string is written in, by Unicode ranges.

/// The scripts the engine knows how to transliterate, and the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Latin letters, with or without diacritics.
    Latin,
    /// The Arabic script, including the letters Persian and Urdu add (پ چ ژ گ ٹ ڈ ڑ ں ے …).
    Arabic,
    /// Bengali–Assamese.
    Bengali,
    /// Cyrillic, including the letters of Central Asian alphabets (қ ғ ҳ ҷ ӣ ӯ …).
    Cyrillic,
    /// A letter of any other script (Devanagari, Han, Greek …): kept as written, not transliterated.
    Other,
}

/// The script of one character, or `None` when it is not a letter (digits, punctuation, spaces).
///
/// Combining marks that belong to a script (Bengali vowel signs, Arabic harakat) count as that
/// script; the generic Latin combining diacritics (U+0300–U+036F) count as Latin.
pub fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    let script = match u {
        0x0041..=0x005A | 0x0061..=0x007A => Script::Latin,
        0x00C0..=0x024F if u != 0x00D7 && u != 0x00F7 => Script::Latin,
        0x0250..=0x02AF | 0x1E00..=0x1EFF | 0x0300..=0x036F | 0xFB00..=0xFB06 => Script::Latin,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0980..=0x09FF => Script::Bengali,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        _ if c.is_alphabetic() => Script::Other,
        _ => return None,
    };
    // Digits and punctuation inside script blocks (Arabic-Indic digits, Arabic comma, Bengali
    // digits, danda) are not letters.
    if c.is_alphabetic() || is_mark(c) {
        Some(script)
    } else {
        None
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0981..=0x0983 | 0x09BC | 0x09BE..=0x09CD | 0x09D7)
}

/// The distinct scripts of the letters in `s`, in order of first appearance. Empty when `s` has
/// no letter at all (a "script-less" string such as `"123"` or `"--"`).
pub fn scripts(s: &str) -> Vec<Script> {
    let mut out = Vec::new();
    for sc in s.chars().filter_map(script_of) {
        if !out.contains(&sc) {
            out.push(sc);
        }
    }
    out
}

/// The script most letters of `s` are written in, or `None` when it has no letter.
pub fn dominant_script(s: &str) -> Option<Script> {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for sc in s.chars().filter_map(script_of) {
        match counts.iter_mut().find(|(k, _)| *k == sc) {
            Some((_, n)) => *n += 1,
            None => counts.push((sc, 1)),
        }
    }
    // The first script wins ties, so the answer does not depend on hashing.
    let mut best: Option<(Script, usize)> = None;
    for (sc, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((sc, n));
        }
    }
    best.map(|(sc, _)| sc)
}
