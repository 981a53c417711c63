//! Name comparison across scripts, with its hard negatives.

use praxis_match::names::{Basis, NameError, Side};
use praxis_match::{
    compare_names, compare_names_with, compare_person_names, CompareOptions, PersonName, DEFAULT_THRESHOLD,
};

/// The score of `a` against `b` lies in `range`; also checks symmetry.
fn check(a: &str, b: &str, range: std::ops::RangeInclusive<f64>) {
    let c = compare_names(a, b).unwrap();
    let back = compare_names(b, a).unwrap();
    assert!(range.contains(&c.score), "{a} / {b}: {c}");
    assert!((c.score - back.score).abs() < 1e-9, "{a} / {b} not symmetric: {c} vs {back}");
}

/// The same, with the name dictionary switched off.
fn check_no_dictionary(a: &str, b: &str, range: std::ops::RangeInclusive<f64>) {
    let c = compare_names_with(a, b, CompareOptions { name_dictionary: false }).unwrap();
    assert!(range.contains(&c.score), "{a} / {b} (no dictionary): {c}");
}

const HIGH: std::ops::RangeInclusive<f64> = 0.95..=1.0;

#[test]
fn one_person_across_scripts() {
    check("Mohammad Ali Khan", "محمد علی خان", HIGH);
    check("Mohammad Ali Khan", "Мухаммад Али Хан", HIGH);
    check("Mohammad Ali Khan", "Mohd. Ali Khan", HIGH);
    check("Mohammad Ali Khan", "মোহাম্মদ আলী খান", HIGH);
    check("محمد علی خان", "Мухаммад Али Хан", HIGH);
    check("মোহাম্মদ আলী খান", "Md. Ali Khan", HIGH);
    check("مُحَمَّد عَلِيّ خان", "MOHAMMED ALY KHAN", HIGH);
    check("Hussain Ahmed", "حسین احمد", HIGH);
    // মোঃ is the Bengali abbreviation of Mohammad, like Md.
    check("মোঃ আলী খান", "Mohammad Ali Khan", HIGH);
    check("Hossein Ahmadi", "Husayn Ahmadi", HIGH);
}

#[test]
fn one_person_without_the_dictionary() {
    // From how the scripts are written and pronounced alone.
    check_no_dictionary("Mohammad Ali Khan", "محمد علی خان", HIGH);
    check_no_dictionary("Mohammad Ali Khan", "Мухаммад Али Хан", HIGH);
    check_no_dictionary("Mohammad Ali Khan", "মোহাম্মদ আলী খান", HIGH);
    check_no_dictionary("Imran Qureshi", "عمران قریشی", HIGH);
    check_no_dictionary("Farhad Rezaei", "فرهاد رضایی", 0.9..=1.0);
    check_no_dictionary("Gulnara Karimova", "Гульнара Каримова", 0.9..=1.0);
    // Today's weakness: without the dictionary, names that differ only in a short vowel have one
    // skeleton, and Hasan ~ Husain passes the threshold (with it, they are different names).
    check_no_dictionary("Hasan Raza", "Husain Raza", 0.85..=0.95);
    // An abbreviation needs the dictionary: Mohd is not how Muhammad is pronounced.
    check_no_dictionary("Mohammad Ali Khan", "Mohd. Ali Khan", 0.6..=0.95);
}

#[test]
fn order_honorifics_particles_and_compounds() {
    check("Khan Mohammad Ali", "Mohammad Ali Khan", HIGH);
    check("Haji Syed Mohammad Ali Khan", "Mohammad Ali Khan", HIGH);
    check("Dr. Ahmad bin Yusuf", "احمد بن یوسف", HIGH);
    check("Mst. Fatema Begum", "Fatima", HIGH);
    check("Abdul Rahman Al-Rashid", "Abdulrahman Rashid", HIGH);
    check("Abd al-Rahman", "عبدالرحمن", HIGH);
    check("Abdur Rahman", "عبد الرحمن", HIGH);
    check("Абдурахман", "Abdul Rahman", HIGH);
}

#[test]
fn hard_negatives_score_clearly_lower() {
    // Same family name, different given name.
    check("Mohammad Ali Khan", "Imran Ali Khan", 0.0..=0.7);
    check("محمد علی خان", "Imran Ali Khan", 0.0..=0.7);
    check("Hamid Khan", "Ahmad Khan", 0.0..=0.75);
    // Same given name, different family name.
    check("Mohammad Ali Khan", "Mohammad Ali Qureshi", 0.0..=0.7);
    check("Fatima Begum Rahman", "Fatima Begum Chowdhury", 0.0..=0.6);
    // Hasan and Husain are different names.
    check("Hasan Raza", "Husain Raza", 0.0..=0.8);
    // A missing part is a candidate, not a match.
    check("Mohd. Ali", "Mohammad Ali Khan", 0.75..=0.84);
    check("Ali Khan", "Imran Ali Khan", 0.75..=0.84);
}

#[test]
fn swapped_given_and_family_names_are_noticed() {
    let opts = CompareOptions::default();
    let same =
        compare_person_names(&PersonName::parts("Ali", "Hassan"), &PersonName::parts("علی", "حسن"), opts)
            .unwrap();
    assert!(!same.swapped && same.score >= 0.95, "{same}");
    let swapped =
        compare_person_names(&PersonName::parts("Ali", "Hassan"), &PersonName::parts("Hassan", "Ali"), opts)
            .unwrap();
    assert!(swapped.swapped, "{swapped}");
    assert!(swapped.score < DEFAULT_THRESHOLD, "{swapped}");
    assert!(swapped.explanation().iter().any(|l| l.contains("swapped")), "{swapped}");
    // Without roles, the order does not matter.
    let full = compare_names("Ali Hassan", "Hassan Ali").unwrap();
    assert!(!full.swapped && full.score >= 0.95, "{full}");
}

#[test]
fn explanation_says_why() {
    let c = compare_names("Mohd. Ali Khan", "محمد علی خان").unwrap();
    let lines = c.explanation();
    assert!(lines[0].starts_with("mohd = محمد: 1.00 (variants of muhammad)"), "{lines:?}");
    assert!(c.pairs.iter().any(|p| p.basis == Basis::Skeleton
        || p.basis == Basis::Same
        || matches!(p.basis, Basis::Variant(_))));
    let c = compare_names("Haji Imran", "Imran Khan").unwrap();
    let text = c.to_string();
    assert!(
        text.contains("haji: honorific ignored (left)") && text.contains("khan: only on the right"),
        "{text}"
    );
}

#[test]
fn empty_and_scriptless_names_are_errors() {
    assert_eq!(compare_names("", "Mohammad Ali").unwrap_err(), NameError::Empty(Side::Left));
    assert_eq!(compare_names("Mohammad Ali", "   ").unwrap_err(), NameError::Empty(Side::Right));
    assert!(matches!(
        compare_names("12345", "Ali").unwrap_err(),
        NameError::NoLetters { side: Side::Left, .. }
    ));
    assert!(matches!(
        compare_names("Ali", "-- / ..").unwrap_err(),
        NameError::NoLetters { side: Side::Right, .. }
    ));
    assert!(matches!(
        compare_names("Mr. Dr.", "Ali").unwrap_err(),
        NameError::OnlyTitles { side: Side::Left, .. }
    ));
    let err = compare_names("", "x").unwrap_err().to_string();
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn a_name_matches_itself() {
    for n in [
        "Mohammad Ali Khan",
        "محمد علی خان",
        "Мухаммад Али Хан",
        "মোহাম্মদ আলী খান",
        "राम",
        "Li",
        "Abd al-Rahman ibn Awf",
    ] {
        let c = compare_names(n, n).unwrap();
        assert!((c.score - 1.0).abs() < 1e-9, "{n}: {c}");
    }
}

/// Parts in several scripts from which random names are drawn.
const PARTS: &[&str] = &[
    "Mohammad",
    "محمد",
    "Мухаммад",
    "মোহাম্মদ",
    "Ali",
    "علی",
    "Khan",
    "خان",
    "Imran",
    "Fatima",
    "Begum",
    "Hossein",
    "Rahimov",
    "Qureshi",
    "al-Rashid",
    "bin",
    "Syed",
    "Nasrin",
    "Abdul",
    "Karim",
];

proptest::proptest! {
    /// A name always matches itself and any reordering of its parts; the score is symmetric.
    #[test]
    fn a_name_matches_itself_in_any_order(idx in proptest::collection::vec(0..PARTS.len(), 1..6), rot in 0usize..6) {
        let parts: Vec<&str> = idx.iter().map(|&i| PARTS[i]).collect();
        let name = parts.join(" ");
        let mut shuffled = parts.clone();
        let len = shuffled.len();
        shuffled.rotate_left(rot % len);
        let shuffled = shuffled.join(" ");
        match compare_names(&name, &shuffled) {
            Ok(c) => {
                let back = compare_names(&shuffled, &name).unwrap();
                proptest::prop_assert!((c.score - back.score).abs() < 1e-9, "{} / {}", c, back);
                // Rotating an Abd- compound apart can change the parts, so only whole names
                // without one must score 1.
                if !name.contains("Abdul") {
                    proptest::prop_assert!((c.score - 1.0).abs() < 1e-9, "{name} / {shuffled}: {c}");
                }
            }
            Err(e) => proptest::prop_assert!(matches!(e, NameError::OnlyTitles { .. }), "{name}: {e}"),
        }
    }
}

/// Each rule of how the scripts are written and pronounced, with the dictionary off: the engine
/// must match names no dictionary knows.
#[test]
fn arabic_script_letters_are_read_one_by_one() {
    // د ه, س ه, ز ه are two letters, not the digraphs dh, sh, zh.
    check_no_dictionary("Rami Hamada", "رامي حماده", HIGH);
    check_no_dictionary("Sihem Badi", "سهام بادي", HIGH);
    check_no_dictionary("Zahra Jelassi", "زهره الجلاصي", HIGH);
    // عمر is not "Mr", سعيد is not سید: the Arabic words keep their ع.
    check_no_dictionary("Omar Ezzat", "عمر عزت", HIGH);
    check_no_dictionary("Hussain Said", "حسين سعيد", HIGH);
    // But مسٹر is Mr.
    check_no_dictionary("Shahbaz Butt", "مسٹر شہباز بٹ", HIGH);
}

#[test]
fn letters_the_romanisations_of_arabic_confuse_are_near() {
    // ض as d, ق as g, ج as g, ش as a French ch.
    check_no_dictionary("Kamel Ramdani", "كامل رمضاني", 0.9..=1.0);
    check_no_dictionary("Salah Garmadi", "صالح قرمادي", 0.9..=1.0);
    check_no_dictionary("Gamal Chaker", "جمال شاكر", 0.9..=1.0);
    // A Latin v is ف, a soft c is س, a Latin sh may be س then ه, zh ز then ه.
    check_no_dictionary("Nevin Moussa", "نيفين موسى", 0.9..=1.0);
    check_no_dictionary("Hocine Belgacem", "حسين بلقاسم", 0.9..=1.0);
    check_no_dictionary("Mazhar Ishaq", "مظهر اسحاق", 0.9..=1.0);
    // An opening alif or ع left out, an opening و written ou.
    check_no_dictionary("Driss Ouezzani", "ادريس وزاني", 0.9..=1.0);
    // ن before ب is said m.
    check_no_dictionary("Ambreen Arshad", "عنبرين ارشد", 0.9..=1.0);
    // ة said t.
    check_no_dictionary("Hayat Sabry", "حياة صبري", HIGH);
}

#[test]
fn the_article_wherever_the_latin_writes_it() {
    check_no_dictionary("Kamal Aljafari", "كمال الجعفري", HIGH);
    check_no_dictionary("Salah Eddine Dahmoune", "صلاح الدين دحمون", HIGH);
    // Onto the name before it.
    check_no_dictionary("Ashraful Islam", "اشرف الاسلام", HIGH);
    check_no_dictionary("Aftab Uddin", "آفتاب الدین", HIGH);
    check_no_dictionary("Ziaur Rahman", "ضياء الرحمن", 0.9..=1.0);
    // Elided before a vowel (the Maghreb).
    check_no_dictionary("Chiraz Latiri", "شيراز العتيري", 0.9..=1.0);
    // Mauritanian ould (ولد), son of.
    check_no_dictionary("Hamdi Ould Rachid", "حمدي ولد رشيد", 0.9..=1.0);
}

#[test]
fn urdu_aspirates_are_the_latin_digraphs() {
    check_no_dictionary("Riaz Khokhar", "ریاض کھوکھر", HIGH);
    check_no_dictionary("Iqbal Theba", "اقبال تھیبا", HIGH);
    check_no_dictionary("Chaudhry Bilal", "چودھری بلال", HIGH);
    check_no_dictionary("Shefali Ghosh", "شیفالی گھوش", HIGH);
    check_no_dictionary("Dhiraj Kumar", "دھیرج کمار", HIGH);
}

#[test]
fn cyrillic_names_and_their_latin_spellings() {
    // х as a German ch, в as f at the end, ё, an opening е as ye, ц as tz.
    check_no_dictionary("Michail Suchanov", "Михаил Суханов", 0.9..=1.0);
    check_no_dictionary("Ivan Petroff", "Иван Петров", 0.9..=1.0);
    check_no_dictionary("Fyodor Semyonov", "Фёдор Семёнов", 0.9..=1.0);
    check_no_dictionary("Yelena Yermakova", "Елена Ермакова", HIGH);
    check_no_dictionary("Kuznetzov", "Кузнецов", 0.9..=1.0);
    // Ukrainian г as h.
    check_no_dictionary("Hanna Hnatiuk", "Ганна Гнатюк", 0.85..=1.0);
    // A surname made from a given name is another name.
    check_no_dictionary("Ivan", "Иванов", 0.0..=0.5);
    check_no_dictionary("Pavel Smirnov", "Павлов Смирнов", 0.0..=0.7);
    check_no_dictionary("Nikolai Orlov", "Николаев Орлов", 0.0..=0.7);
}

#[test]
fn bengali_names_and_their_latin_spellings() {
    // ব after a hasanta is w; ব and ভ as v; স as sh.
    check_no_dictionary("Swati Biswas", "স্বাতী বিশ্বাস", 0.9..=1.0);
    check_no_dictionary("Sourav Ghosh", "সৌরভ ঘোষ", 0.9..=1.0);
    check_no_dictionary("Arnav Sen", "অর্ণব সেন", 0.9..=1.0);
    check_no_dictionary("Moushumi Chowdhury", "মৌসুমী চৌধুরী", 0.85..=1.0);
}

#[test]
fn hard_negatives_stay_apart_without_the_dictionary() {
    // Same given name, another family name; same family name, another given name.
    check_no_dictionary("Karim Khader", "كريم شاكر", 0.0..=0.7);
    check_no_dictionary("Kamal Aljafari", "جمال الجعفري", 0.0..=0.8);
    check_no_dictionary("Riaz Khokhar", "امتیاز کھوکھر", 0.0..=0.7);
    check_no_dictionary("Sergei Makarov", "Сергей Захаров", 0.0..=0.8);
    check_no_dictionary("Swati Biswas", "স্বাতী বসু", 0.0..=0.7);
    check_no_dictionary("Hamid Khan", "Ahmad Khan", 0.0..=0.75);
    // A name said with an opening vowel has an opening alif in the Arabic script: حامد is Hamid.
    check_no_dictionary("Ahmad Karimi", "حامد کریمی", 0.0..=0.8);
    check_no_dictionary("Anwar Shahzad", "نور شهزاد", 0.0..=0.8);
    check_no_dictionary("Driss Ouezzani", "ادريس وزاني", 0.9..=1.0);
    // A long vowel spelled out needs its letter: حسن is not Hussain, محمد is not Mehmood.
    check_no_dictionary("Hussain Raza", "حسن رضا", 0.0..=0.8);
    check_no_dictionary("Hussain Raza", "حسین رضا", HIGH);
    check_no_dictionary("Mehmood Khan", "محمد خان", 0.0..=0.8);
    check_no_dictionary("Mehmood Khan", "محمود خان", HIGH);
}

#[test]
fn two_parts_written_as_one_word() {
    check_no_dictionary("Mohammad Reza Karimi", "محمدرضا کریمی", HIGH);
    check_no_dictionary("Mohammadreza Karimi", "محمد رضا کریمی", HIGH);
    check_no_dictionary("Ali Akbar Hashemi", "Aliakbar Hashemi", HIGH);
    // The explanation shows the two parts read as one.
    let c = compare_names_with(
        "Mohammad Reza Karimi",
        "محمدرضا کریمی",
        CompareOptions { name_dictionary: false },
    )
    .unwrap();
    assert!(c.to_string().contains("mohammad reza = محمدرضا"), "{c}");
    // Only on the side with more parts, and not when the joined word is another name.
    check_no_dictionary("Mohammad Reza Karimi", "محمدحسن کریمی", 0.0..=0.7);
}
