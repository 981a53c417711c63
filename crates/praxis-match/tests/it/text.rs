//! Script detection, normalisation, transliteration and skeletons.

use praxis_match::normalise::normalise;
use praxis_match::script::{dominant_script, scripts, Script};
use praxis_match::translit::{arabic_skeleton, skeleton, skeleton_word, to_latin};

fn check_scripts(text: &str, expected: &[Script]) {
    assert_eq!(scripts(text), expected, "{text}");
}

fn check_normalise(text: &str, expected: &str) {
    assert_eq!(normalise(text), expected, "{text}");
}

/// The Latin form and the skeleton of a normalised text.
fn check_latin(text: &str, latin: &str, skel: &str) {
    let l = to_latin(&normalise(text));
    assert_eq!((l.as_str(), skeleton(&l).as_str()), (latin, skel), "{text}");
}

#[test]
fn scripts_are_detected_by_ranges() {
    check_scripts("Mohammad Ali", &[Script::Latin]);
    check_scripts("محمد علی", &[Script::Arabic]);
    check_scripts("پرویز ٹیپو ڈار", &[Script::Arabic]);
    check_scripts("মোহাম্মদ", &[Script::Bengali]);
    check_scripts("Мухаммад Қодиров", &[Script::Cyrillic]);
    check_scripts("Ali علی", &[Script::Latin, Script::Arabic]);
    check_scripts("राम", &[Script::Other]);
    check_scripts("123 - ٣٤ ৫", &[]);
    check_scripts("", &[]);
    assert_eq!(dominant_script("Dr محمد علی"), Some(Script::Arabic));
    assert_eq!(dominant_script("42"), None);
}

#[test]
fn normalisation_keeps_every_script_intact() {
    // Latin accents go, and only Latin ones.
    check_normalise("  José   MÜLLER  Øster ", "jose muller oster");
    check_normalise("Straße", "strasse");
    // Bengali vowel signs, hasanta and nukta survive (NFKD stripping would delete them).
    check_normalise("মোহাম্মদ আলী খান", "মোহাম্মদ আলী খান");
    check_normalise("আব্দুর রহমান", "আব্দুর রহমান");
    assert!(normalise("মোহাম্মদ").contains('\u{09CB}'), "the vowel sign ো is kept");
    // Decomposed ো (ে + া) composes under NFC.
    check_normalise("ম\u{09C7}\u{09BE}", "মো");
    // Arabic: harakat and tatweel removed; Persian and Urdu letters unified.
    check_normalise("مُحَمَّد", "محمد");
    check_normalise("محـــمد", "محمد");
    check_normalise("علی", "علي");
    check_normalise("على", "علي");
    check_normalise("کریم", "كريم");
    check_normalise("فاطمة", "فاطمه");
    check_normalise("أحمد إبراهيم آصف", "احمد ابراهيم اصف");
    check_normalise("ٹیپو ڈار بڑا خاں ے", "تيپو دار برا خان ي");
    // Cyrillic only changes case.
    check_normalise("Мухаммад ХАН", "мухаммад хан");
    // Digits of all scripts.
    check_normalise("٠٣٠٠ ۱۲۳ ০১২ 0٩", "0300 123 012 09");
    // Invisible joiners and direction marks go.
    check_normalise("محمد\u{200C}علی\u{200F}", "محمدعلي");
}

#[test]
fn transliteration_gives_one_skeleton_across_scripts() {
    check_latin("Mohammad Ali Khan", "mohammad ali khan", "mhmd al hn");
    check_latin("محمد علی خان", "mhmd 'li khan", "mhmd al hn");
    check_latin("Мухаммад Али Хан", "mukhammad ali khan", "mhmd al hn");
    check_latin("মোহাম্মদ আলী খান", "mohammad ali khan", "mhmd al hn");
    check_latin("Хусейн", "khuseyn", "hsn");
    check_latin("حسین", "hsin", "hsn");
    check_latin("Hossein", "hossein", "hsn");
    check_latin("Щукин Юсуф Жанна Цой", "shchukin yusuf zhanna tsoy", "xckn ysf jn s");
    check_latin("یوسف", "yusf", "ysf");
    check_latin("عمران", "'mran", "amrn");
    check_latin("Imran", "imran", "amrn");
    check_latin("فاطمه", "fatmh", "ftm");
    check_latin("Fatima", "fatima", "ftm");
    check_latin("بھٹی", "bhti", "bht");
    // Bengali: inherent vowel inside a word, none at its end; hasanta; ya-phala; ড়.
    check_latin("রহমান", "rahaman", "rhmn");
    check_latin("আব্দুর", "abdur", "abdr");
    check_latin("বিদ্যা", "bidya", "bd");
    check_latin("বড়ুয়া", "baruya", "br");
    check_latin("Қодиров", "qodirov", "kdr");
}

/// The skeleton of an Arabic-script word, letter by letter.
fn check_arabic_skeleton(word: &str, expected: &str) {
    assert_eq!(arabic_skeleton(&normalise(word)), expected, "{word}");
}

#[test]
fn arabic_script_skeletons_are_read_letter_by_letter() {
    // Joined Latin letters would give the digraphs dh, sh, zh: حماده is not "hmaz".
    check_arabic_skeleton("حماده", "hmd");
    check_arabic_skeleton("سهام", "shm");
    check_arabic_skeleton("زهره", "zhr");
    assert_eq!(skeleton_word("hamada"), "hmd");
    // Urdu's do-chashmi he after a consonant is the Latin digraph: کھ kh, تھ th, دھ dh, گھ gh.
    check_normalise("کھوکھر", "كھوكھر");
    check_arabic_skeleton("کھوکھر", skeleton_word("khokhar").as_str());
    check_arabic_skeleton("تھامس", skeleton_word("thomas").as_str());
    check_arabic_skeleton("دھیرج", skeleton_word("dhiraj").as_str());
    check_arabic_skeleton("گھوش", skeleton_word("ghosh").as_str());
    // As a plain he it stays h (Arabic text typed with ھ).
    check_arabic_skeleton("فھد", "fhd");
    // ن before ب is m.
    check_arabic_skeleton("عنبرین", skeleton_word("ambreen").as_str());
    // و and ي open a word as consonants, are vowels inside it.
    check_arabic_skeleton("وزير", "vzr");
    check_arabic_skeleton("يوسف", "ysf");
    // Latin th is one letter.
    assert_eq!(skeleton_word("fathima"), "ftm");
}

#[test]
fn bengali_b_phala_is_w() {
    check_latin("স্বাতী", "swati", "st");
    check_latin("বিশ্বাস", "bishwas", "bxs");
    // Not after ম: অম্বিকা is Ambika.
    check_latin("অম্বিকা", "ambika", "ambk");
}
