//! Unicode normalisation that does not damage a script.
//!
//! NFKD accent stripping, the usual recipe, deletes Bengali vowel signs and Arabic marks along
//! with Latin accents: "মোহাম্মদ" would lose its vowels. So [`normalise`] works letter by letter:
//!
//! - NFC first (unicode-normalization), so that composed and decomposed input compare equal;
//! - case folding (lower case; ß → ss);
//! - accents are stripped **only from Latin letters** (NFKD of that letter, combining marks dropped,
//!   plus a few letters NFKD does not decompose: ø ł đ ð þ æ œ ı);
//! - Arabic script: harakat (U+064B–U+0652) and tatweel are removed, nothing else; the superscript
//!   alef becomes ا; letters written differently in Arabic, Persian and Urdu are unified
//!   (ي ی ى ې ے ۓ ئ → ي; ك ک → ك; ة → ه; أ إ آ ٱ → ا; ۀ ہ ۂ ە → ه; ؤ → و; the Urdu retroflexes
//!   ٹ ڈ ڑ → ت د ر and ں → ن, since Persian and Arabic writers spell the same names with those).
//!   Urdu's do-chashmi he ھ is kept: after a consonant it marks aspiration (کھ kh, تھ th), which
//!   [`crate::translit::arabic_skeleton`] reads as the Latin digraph;
//! - Bengali and Cyrillic letters and marks are kept as they are (after NFC and lower case);
//! - digits of every script (Arabic-Indic, Persian, Bengali, Devanagari, full-width) → ASCII;
//! - zero-width joiners and direction marks are removed; runs of white space become one space.

use unicode_normalization::UnicodeNormalization;

use crate::script::{script_of, Script};

/// Normalise `s` for comparison; see the module documentation for exactly what changes.
pub fn normalise(s: &str) -> String {
    if s.is_ascii() {
        normalise_ascii(s)
    } else {
        normalise_any(s)
    }
}

fn normalise_any(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut pending_space = false;
    for c in nfc.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if let Some(d) = ascii_digit(c) {
            out.push(d);
            continue;
        }
        match script_of(c) {
            Some(Script::Latin) => push_latin(c, &mut out),
            Some(Script::Arabic) => {
                if let Some(u) = unify_arabic(c) {
                    out.push(u);
                }
            }
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The ASCII digit for a decimal digit of any script the engine knows.
/// [`normalise`] of an ASCII string (the same result, faster): NFC changes nothing, there are no
/// accents, marks or digits of other scripts; what remains is lower case and single spaces.
fn normalise_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

pub fn ascii_digit(c: char) -> Option<char> {
    let zero = match c as u32 {
        0x30..=0x39 => return Some(c),
        0x0660..=0x0669 => 0x0660,
        0x06F0..=0x06F9 => 0x06F0,
        0x09E6..=0x09EF => 0x09E6,
        0x0966..=0x096F => 0x0966,
        0xFF10..=0xFF19 => 0xFF10,
        _ => return None,
    };
    char::from_digit(c as u32 - zero, 10)
}

/// Replace every digit of any script in `s` by its ASCII digit, leaving the rest alone.
pub fn ascii_digits(s: &str) -> String {
    s.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect()
}

fn push_latin(c: char, out: &mut String) {
    for l in c.to_lowercase() {
        match l {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            _ => out.extend(std::iter::once(l).nfkd().filter(|d| !matches!(*d as u32, 0x0300..=0x036F))),
        }
    }
}

/// The unified form of one Arabic-script character, or `None` when it is removed.
fn unify_arabic(c: char) -> Option<char> {
    Some(match c {
        '\u{064B}'..='\u{0652}' | '\u{0640}' => return None, // harakat, tatweel
        '\u{0670}' => 'ا',                                   // superscript (dagger) alef
        'ی' | 'ى' | 'ې' | 'ے' | 'ۓ' | 'ئ' | 'ۍ' => 'ي',
        'ک' => 'ك',
        'ة' | 'ۀ' | 'ہ' | 'ۂ' | 'ە' => 'ه',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        'ٹ' => 'ت',
        'ڈ' => 'د',
        'ڑ' => 'ر',
        'ں' => 'ن',
        _ => c,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII fast path gives what the general path gives, for every ASCII character alone,
    /// between letters, and in runs of white space at either end.
    #[test]
    fn ascii_fast_path_is_the_general_path() {
        let mut inputs: Vec<String> = Vec::new();
        for b in 0u8..128 {
            let c = b as char;
            inputs.push(c.to_string());
            inputs.push(format!("Ab{c}Cd"));
            inputs.push(format!("{c} \t{c}X{c}\n y{c}{c}"));
        }
        inputs.push("  Mohammad   ALI-Khan  \r\n".to_owned());
        inputs.push(String::new());
        for s in &inputs {
            assert_eq!(normalise_ascii(s), normalise_any(s), "{s:?}");
        }
        // And a string the general path changes more than that goes there.
        assert_eq!(normalise("١٢  Ö"), "12 o");
    }
}
