//! Transliteration to a comparable Latin form, and the consonant skeleton compared across scripts.
//!
//! The tables are written by hand (ICU4X's transliterators are not packaged as a stable crate
//! this workspace can use, and their Arabic rules spell out short vowels that the writing does
//! not contain). They aim at *comparability*, not at a romanisation standard:
//!
//! - **Cyrillic** follows BGN/PCGN-like values (х → kh, ж → zh, ш → sh, щ → shch, ц → ts,
//!   ч → ch, ю → yu, я → ya, й → y, ы → y, ь ъ dropped), with the Kazakh, Uzbek and Tajik letters
//!   (қ → q, ғ → gh, ҳ → h, ҷ → j, ӣ → i, ӯ → u, ә → a, ө → o, ү ұ → u, ң → ng).
//! - **Arabic script** (Arabic, Persian, Urdu, after [`crate::normalise`]) gives a consonant
//!   skeleton with the long vowels: ا → a; و → w at the start of a word and u elsewhere; ي → y at
//!   the start and i elsewhere; ع and ء → `'`. Short vowels are not written, so none are invented.
//! - **Bengali**: consonants, independent vowels and vowel signs; the hasanta (virama) suppresses
//!   the inherent vowel, which is written `a` inside a word and dropped at its end; য after a
//!   hasanta (ya-phala) → y; ড় ঢ় য় (precomposed or with nukta) → r rh y; ং → ng; ঁ and ঃ dropped.
//!
//! Because Arabic-script names carry no short vowels, [`skeleton`] reduces *every* Latin form to
//! the same kind of key: digraphs folded (kh → h, gh → g, sh → x, zh dj dzh → j, ch → c, ph → f,
//! ts → s, dh → z, q c ck → k), a vowel (or `'`) opening a word kept as one `a`, y at the start of
//! a word kept, every other vowel and y, w, v dropped, doubled letters collapsed, and a final h
//! dropped. "Mohammad", "محمد", "Мухаммад" and "মোহাম্মদ" all have the skeleton `mhmd`.

use crate::script::{script_of, Script};

/// The Latin form of a normalised string (see [`crate::normalise::normalise`]). Latin letters and
/// non-letters pass through; letters of scripts without a table pass through unchanged.
pub fn to_latin(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match script_of(c) {
            Some(Script::Arabic) => {
                let initial = i == 0 || script_of(chars[i - 1]) != Some(Script::Arabic);
                out.push_str(arabic(c, initial));
                i += 1;
            }
            Some(Script::Cyrillic) => {
                out.push_str(cyrillic(c));
                i += 1;
            }
            Some(Script::Bengali) => i = bengali(&chars, i, &mut out),
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The consonant skeleton of a whole string: [`skeleton_word`] of each word, joined by spaces.
pub fn skeleton(latin: &str) -> String {
    latin
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(skeleton_word)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The consonant skeleton of one word in Latin form (see the module documentation).
pub fn skeleton_word(word: &str) -> String {
    reduce(&fold_latin(word, false), false)
}

/// The skeleton of a Latin word reading sh, zh, kh, th, dh, gh and ts as two letters: a Latin sh
/// is ش, or س then ه (Ishaq, اسحاق); zh is ژ, or ز ظ then ه (Mazhar, مظهر); ts is ث, or ت then س
/// (Watson, واتسون).
pub fn skeleton_two_letters(word: &str) -> String {
    reduce(&fold_latin(word, true), false)
}

/// The skeleton of a Latin word with v read as f and a c before e, i or y as s: the Arabic script
/// writes a foreign v with ف (Nevin, نيفين), and French spellings write س with a soft c
/// (Belgacem, بلقاسم; Hocine, حسين).
pub fn skeleton_soft_c_and_v(word: &str) -> String {
    let w: Vec<char> = word.chars().collect();
    let mut read = String::with_capacity(word.len());
    for (k, &c) in w.iter().enumerate() {
        match c {
            'v' => read.push('f'),
            'c' if matches!(w.get(k + 1), Some('e' | 'i' | 'y'))
                && w.get(k.wrapping_sub(1)) != Some(&'s') =>
            {
                read.push('s')
            }
            _ => read.push(c),
        }
    }
    reduce(&fold_latin(&read, false), false)
}

/// The skeleton of a Latin word keeping v (and w), for scripts that write their vowels, where v
/// is a consonant of its own (Ivan, Ivanov); [`skeleton_word`] drops it because the Arabic و is
/// read both w and u.
pub fn skeleton_keeping_v(word: &str) -> String {
    reduce(&fold_latin(word, false), true)
}

/// The consonant skeleton of one normalised Arabic-script word, letter by letter.
///
/// Not [`skeleton_word`] of its Latin form: joined Latin letters would make digraphs the writing
/// does not have (حماده "hmadh" is not "hamaz", سهام "sham" is not "xam"), so each letter gives its
/// class directly: ش → x, خ → h, غ → g, ث ص س → s, ذ ز ض ظ → z, ژ → j, چ → c, ق ك → k; ا, ع, ء and
/// و ي inside a word are vowels (dropped after the first letter); و and ي opening a word are v and y.
pub fn arabic_skeleton(word: &str) -> String {
    let letters: Vec<char> = word.chars().filter(|c| script_of(*c) == Some(Script::Arabic)).collect();
    let mut classes: Vec<char> = Vec::with_capacity(letters.len());
    for (k, &c) in letters.iter().enumerate() {
        let class = match c {
            // Urdu's do-chashmi he after a consonant marks aspiration, written h in Latin: کھ kh,
            // گھ gh, تھ ٹھ th, دھ ڈھ dh, پھ ph, بھ bh; folded as the Latin digraphs are.
            'ھ' if k > 0 && !matches!(classes.last(), Some('a' | 'u' | 'i')) => {
                match classes.last().copied() {
                    Some('k') => {
                        classes.pop();
                        'h'
                    }
                    Some('g' | 't') => continue,
                    Some('d') => {
                        classes.pop();
                        'z'
                    }
                    Some('p') => {
                        classes.pop();
                        'f'
                    }
                    _ => 'h',
                }
            }
            'ھ' => 'h',
            // ن before ب is said m (Ambreen عنبرین, Sumbul سنبل).
            'ن' if letters.get(k + 1) == Some(&'ب') => 'm',
            'ا' | 'ع' | 'ء' => 'a',
            'ب' => 'b',
            'پ' => 'p',
            'ت' | 'ط' => 't',
            'ث' | 'س' | 'ص' => 's',
            'ج' => 'j',
            'چ' => 'c',
            'ح' | 'ه' | 'خ' => 'h',
            'د' => 'd',
            'ذ' | 'ز' | 'ض' | 'ظ' => 'z',
            'ر' | 'ڕ' => 'r',
            'ژ' => 'j',
            'ش' => 'x',
            'غ' | 'گ' => 'g',
            'ف' => 'f',
            'ق' | 'ك' => 'k',
            'ل' | 'ڵ' => 'l',
            'م' => 'm',
            'ن' => 'n',
            'و' | 'ۇ' if k == 0 => 'v',
            'و' | 'ۇ' | 'ۆ' => 'u',
            'ي' if k == 0 => 'y',
            'ي' | 'ێ' => 'i',
            'ڤ' => 'v',
            'ڭ' | 'ݣ' => {
                classes.push('n');
                'g'
            }
            _ => continue,
        };
        classes.push(class);
    }
    reduce(&classes, false)
}

/// Fold digraphs and look-alike Latin letters into one class letter each.
fn fold_latin(word: &str, split_h: bool) -> Vec<char> {
    let w: Vec<char> = word.chars().filter(|c| c.is_alphanumeric() || *c == '\'').collect();
    let mut folded: Vec<char> = Vec::with_capacity(w.len());
    let mut i = 0;
    while i < w.len() {
        let next = w.get(i + 1).copied();
        let next2 = w.get(i + 2).copied();
        let (class, used) = match (w[i], next, next2) {
            ('s' | 'z' | 'k' | 't' | 'd' | 'g', Some('h'), _) | ('t', Some('s'), _) if split_h => (w[i], 1),
            ('d', Some('z'), Some('h')) => ('j', 3),
            ('s', Some('h'), _) => ('x', 2),
            ('k', Some('h'), _) => ('h', 2),
            ('g', Some('h'), _) => ('g', 2),
            ('z', Some('h'), _) | ('d', Some('j'), _) => ('j', 2),
            ('c', Some('h'), _) => ('c', 2),
            ('p', Some('h'), _) => ('f', 2),
            // th: ث or ت ه in Arabic names (Othman, Haitham, Fathima), থ ঠ in Bengali ones.
            ('t', Some('h'), _) => ('t', 2),
            ('t', Some('s'), _) => ('s', 2),
            ('d', Some('h'), _) => ('z', 2),
            ('c', Some('k'), _) => ('k', 2),
            ('q' | 'c', _, _) => ('k', 1),
            ('x', _, _) => {
                folded.push('k');
                ('s', 1)
            }
            ('w', _, _) => ('v', 1),
            (c, _, _) => (c, 1),
        };
        folded.push(class);
        i += used;
    }
    folded
}

/// Keep consonants; a word-opening vowel becomes `a`, a word-opening y stays; doubled letters
/// collapse and a final h goes.
fn reduce(folded: &[char], keep_v: bool) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut last: Option<char> = None;
    for (k, &c) in folded.iter().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | '\'');
        let kept = if k == 0 {
            if vowel {
                Some('a')
            } else {
                Some(c)
            }
        } else if vowel || c == 'y' || (c == 'v' && !keep_v) {
            None
        } else {
            Some(c)
        };
        if let Some(c) = kept {
            if last != Some(c) {
                out.push(c);
            }
            last = Some(c);
        }
    }
    if out.len() > 1 && out.ends_with('h') {
        out.pop();
    }
    out
}

fn arabic(c: char, initial: bool) -> &'static str {
    match c {
        'ا' => "a",
        'ب' => "b",
        'پ' => "p",
        'ت' | 'ط' => "t",
        'ث' | 'س' | 'ص' => "s",
        'ج' => "j",
        'چ' => "ch",
        'ح' | 'ه' | 'ھ' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' | 'ز' | 'ض' | 'ظ' => "z",
        'ر' => "r",
        'ژ' => "zh",
        'ش' => "sh",
        'ع' | 'ء' => "'",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' => "k",
        'گ' => "g",
        'ل' | 'ڵ' => "l",
        'م' => "m",
        'ن' => "n",
        'و' | 'ۇ' => {
            if initial {
                "w"
            } else {
                "u"
            }
        }
        'ي' => {
            if initial {
                "y"
            } else {
                "i"
            }
        }
        'ۆ' => "o",
        'ێ' => "e",
        'ڤ' => "v",
        'ڭ' | 'ݣ' => "ng",
        'ڕ' => "r",
        _ => "",
    }
}

fn cyrillic(c: char) -> &'static str {
    match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'ғ' => "gh",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ӣ' => "i",
        'ї' => "yi",
        'й' | 'ы' => "y",
        'к' => "k",
        'қ' => "q",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'ң' => "ng",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ӯ' | 'ү' | 'ұ' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ҳ' | 'һ' => "h",
        'ц' => "ts",
        'ч' => "ch",
        'ҷ' | 'җ' => "j",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        _ => "",
    }
}

const HASANTA: char = '\u{09CD}';
const NUKTA: char = '\u{09BC}';

fn bengali_consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'ক' => "k",
        'খ' => "kh",
        'গ' => "g",
        'ঘ' => "gh",
        'ঙ' => "ng",
        'চ' => "ch",
        'ছ' => "chh",
        'জ' => "j",
        'ঝ' => "jh",
        'ঞ' => "n",
        'ট' | 'ত' => "t",
        'ঠ' | 'থ' => "th",
        'ড' | 'দ' => "d",
        'ঢ' | 'ধ' => "dh",
        'ণ' | 'ন' => "n",
        'প' => "p",
        'ফ' => "f",
        'ব' => "b",
        'ভ' => "bh",
        'ম' => "m",
        'য' => "j",
        'র' | '\u{09DC}' => "r",
        '\u{09DD}' => "rh",
        '\u{09DF}' => "y",
        'ল' => "l",
        'শ' | 'ষ' => "sh",
        'স' => "s",
        'হ' => "h",
        _ => return None,
    })
}

fn bengali_vowel_sign(c: char) -> Option<&'static str> {
    Some(match c {
        'া' => "a",
        'ি' | 'ী' => "i",
        'ু' | 'ূ' => "u",
        'ৃ' => "ri",
        'ে' => "e",
        'ৈ' => "oi",
        'ো' => "o",
        'ৌ' => "ou",
        _ => return None,
    })
}

fn bengali_other(c: char) -> &'static str {
    match c {
        'অ' | 'আ' => "a",
        'ই' | 'ঈ' => "i",
        'উ' | 'ঊ' => "u",
        'ঋ' => "ri",
        'এ' => "e",
        'ঐ' => "oi",
        'ও' => "o",
        'ঔ' => "ou",
        'ৎ' => "t",
        'ং' => "ng",
        _ => "", // ঁ ঃ and anything unknown
    }
}

/// Transliterate the Bengali letter at `chars[i]` (with its signs) into `out`; the next index.
fn bengali(chars: &[char], i: usize, out: &mut String) -> usize {
    let c = chars[i];
    let Some(mut latin) = bengali_consonant(c) else {
        out.push_str(bengali_other(c));
        return i + 1;
    };
    let after_hasanta = i > 0 && chars[i - 1] == HASANTA;
    let mut j = i + 1;
    if chars.get(j) == Some(&NUKTA) {
        latin = match c {
            'ড' => "r",
            'ঢ' => "rh",
            'য' => "y",
            _ => latin,
        };
        j += 1;
    }
    if c == 'য' && after_hasanta {
        latin = "y";
    }
    // ব after a hasanta (b-phala) is written w or v: স্বাতী Swati, বিশ্বাস Biswas; not after ম
    // (অম্বিকা Ambika).
    if c == 'ব' && after_hasanta && (i < 2 || chars[i - 2] != 'ম') {
        latin = "w";
    }
    out.push_str(latin);
    match chars.get(j) {
        Some(&HASANTA) => j + 1,
        Some(&v) if bengali_vowel_sign(v).is_some() => {
            out.push_str(bengali_vowel_sign(v).unwrap_or_default());
            j + 1
        }
        // The inherent vowel: written inside a word, dropped at its end.
        Some(&n) if bengali_consonant(n).is_some() || n == 'ৎ' => {
            out.push('a');
            j
        }
        _ => j,
    }
}
