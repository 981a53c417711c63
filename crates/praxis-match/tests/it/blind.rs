//! Blind indexes for hit/no-hit: the OPRF round trip, hits across countries' spellings,
//! unlinkability across keys and epochs, domain separation between kinds.

use praxis_match::blind::{
    blind, compare, finalize, generate_seed, IndexEntry, IndexValue, KeyHolder, Selector, SelectorKind,
};
use praxis_match::PersonName;
use rand::rngs::OsRng;

/// An organisation's whole client side: blind, have the key holder evaluate, finalise.
fn index_of(key: &KeyHolder, selectors: &[Selector]) -> Vec<(SelectorKind, IndexValue)> {
    selectors
        .iter()
        .map(|s| {
            let (state, blinded) = blind(s, &mut OsRng).unwrap();
            let evaluated = key.evaluate(&blinded).unwrap();
            (s.kind(), finalize(s, &state, &evaluated).unwrap())
        })
        .collect()
}

fn shared(org: &str, index: &[(SelectorKind, IndexValue)]) -> Vec<IndexEntry> {
    index.iter().map(|(k, v)| IndexEntry { organisation: org.to_owned(), kind: *k, value: *v }).collect()
}

#[test]
fn the_same_phone_written_differently_in_two_countries_is_a_hit() {
    let key = KeyHolder::new(&generate_seed(&mut OsRng), "2026-Q4").unwrap();
    // Pakistan writes it nationally, Iran with the international prefix and Persian digits.
    let pk = [
        Selector::phone("0300-1234567", "PK").unwrap(),
        Selector::phone("0321 7654321", "PK").unwrap(),
        Selector::passport("ab 123 4567", "pk").unwrap(),
    ];
    let ir = [
        Selector::phone("۰۰۹۲ ۳۰۰ ۱۲۳ ۴۵۶۷", "IR").unwrap(),
        Selector::phone("0912 345 6789", "IR").unwrap(),
        Selector::passport("AB1234567", "IR").unwrap(),
    ];
    let mine = index_of(&key, &pk);
    let hits = compare(
        &mine,
        &shared("FIA Pakistan", &[])
            .into_iter()
            .chain(shared("Police Iran", &index_of(&key, &ir)))
            .collect::<Vec<_>>(),
    );
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        (hits[0].mine, hits[0].kind, hits[0].held_by.as_str()),
        (0, SelectorKind::Phone, "Police Iran")
    );
    // The passport number is the same but issued by another country: not the same document.
}

#[test]
fn the_oprf_gives_the_key_holders_own_value_and_blinding_hides_the_input() {
    let key = KeyHolder::new(&generate_seed(&mut OsRng), "2026-Q4").unwrap();
    let s = Selector::phone("+923001234567", "PK").unwrap();
    let (s1, b1) = blind(&s, &mut OsRng).unwrap();
    let (s2, b2) = blind(&s, &mut OsRng).unwrap();
    assert_ne!(b1, b2, "two blindings of one selector look unrelated to the key holder");
    let v1 = finalize(&s, &s1, &key.evaluate(&b1).unwrap()).unwrap();
    let v2 = finalize(&s, &s2, &key.evaluate(&b2).unwrap()).unwrap();
    assert_eq!(v1, v2);
    assert_eq!(v1, key.direct(&s).unwrap());
    // The wrong state (another blinding) gives a wrong value, not the right one.
    assert_ne!(finalize(&s, &s2, &key.evaluate(&b1).unwrap()).unwrap(), v1);
}

#[test]
fn a_non_matching_selector_reveals_nothing_entries_look_uniformly_random() {
    let key = KeyHolder::new(&generate_seed(&mut OsRng), "2026-Q4").unwrap();
    // 400 consecutive phone numbers: the most structured input there is.
    let selectors: Vec<Selector> =
        (0..400).map(|i| Selector::phone(&format!("03001234{i:03}"), "PK").unwrap()).collect();
    let values: Vec<IndexValue> = selectors.iter().map(|s| key.direct(s).unwrap()).collect();
    let mut distinct = values.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), values.len());
    // Every bit position is set in about half the values (monobit, per position), and the
    // values of neighbouring numbers differ in about half their bits.
    let n = values.len() as f64;
    for bit in 0..256 {
        let ones = values.iter().filter(|v| v.0[bit / 8] >> (bit % 8) & 1 == 1).count() as f64;
        assert!((ones / n - 0.5).abs() < 0.12, "bit {bit}: {ones} of {n}");
    }
    let mean_distance = values
        .windows(2)
        .map(|w| w[0].0.iter().zip(&w[1].0).map(|(a, b)| (a ^ b).count_ones()).sum::<u32>() as f64)
        .sum::<f64>()
        / (n - 1.0);
    assert!((mean_distance - 128.0).abs() < 6.0, "mean Hamming distance {mean_distance}");
    // An index of other numbers yields no hit against them.
    let others: Vec<Selector> =
        (0..50).map(|i| Selector::phone(&format!("03219876{i:03}"), "PK").unwrap()).collect();
    let theirs: Vec<IndexEntry> = others
        .iter()
        .map(|s| IndexEntry { organisation: "X".into(), kind: s.kind(), value: key.direct(s).unwrap() })
        .collect();
    let mine: Vec<(SelectorKind, IndexValue)> =
        selectors.iter().zip(&values).map(|(s, v)| (s.kind(), *v)).collect();
    assert!(compare(&mine, &theirs).is_empty());
}

#[test]
fn different_keys_and_epochs_give_unlinkable_values() {
    let seed = generate_seed(&mut OsRng);
    let s = Selector::phone("0300-1234567", "PK").unwrap();
    let q4 = KeyHolder::new(&seed, "2026-Q4").unwrap().direct(&s).unwrap();
    let q4_again = KeyHolder::new(&seed, "2026-Q4").unwrap().direct(&s).unwrap();
    let q1 = KeyHolder::new(&seed, "2027-Q1").unwrap().direct(&s).unwrap();
    let other_key = KeyHolder::new(&generate_seed(&mut OsRng), "2026-Q4").unwrap().direct(&s).unwrap();
    assert_eq!(q4, q4_again);
    assert_ne!(q4, q1);
    assert_ne!(q4, other_key);
    let distance =
        |a: IndexValue, b: IndexValue| a.0.iter().zip(&b.0).map(|(x, y)| (x ^ y).count_ones()).sum::<u32>();
    assert!((80..=176).contains(&distance(q4, q1)), "{}", distance(q4, q1));
    assert!(KeyHolder::new(&seed, " ").is_err());
    assert!(KeyHolder::new(&seed[..16], "2026-Q4").is_err());
}

#[test]
fn wrong_kind_values_never_collide() {
    let key = KeyHolder::new(&generate_seed(&mut OsRng), "e").unwrap();
    // The same characters as an account number and as a passport number (issued in PK), and a
    // phone: every kind is its own domain.
    let account = Selector::account("923001234567").unwrap();
    let passport = Selector::passport("923001234567", "PK").unwrap();
    let phone = Selector::phone("+923001234567", "PK").unwrap();
    assert_eq!(account.value(), "923001234567");
    let a = key.direct(&account).unwrap();
    let p = key.direct(&passport).unwrap();
    let t = key.direct(&phone).unwrap();
    assert!(a != p && a != t && p != t);
    let forged = Selector::from_parts(SelectorKind::Account, phone.value()).unwrap();
    assert_ne!(key.direct(&forged).unwrap(), t);
    // Comparing requires the kind to agree too.
    let theirs = [IndexEntry { organisation: "X".into(), kind: SelectorKind::Passport, value: a }];
    assert!(compare(&[(SelectorKind::Account, a)], &theirs).is_empty());
    // The encoding is length-prefixed: no (kind, value) pair can imitate another's bytes.
    assert_ne!(account.oprf_input(), forged.oprf_input());
}

#[test]
fn name_and_birth_year_match_across_scripts() {
    let key = KeyHolder::new(&generate_seed(&mut OsRng), "e").unwrap();
    let latin = Selector::name_birth(&PersonName::full("Mohammad Ali Khan"), "14/03/1985").unwrap();
    let persian = Selector::name_birth(&PersonName::full("محمد علی خان"), "1985").unwrap();
    let cyrillic = Selector::name_birth(&PersonName::full("Хан Мухаммад Али"), "1985-03").unwrap();
    let other_year = Selector::name_birth(&PersonName::full("Mohammad Ali Khan"), "1986").unwrap();
    let v = key.direct(&latin).unwrap();
    assert_eq!(key.direct(&persian).unwrap(), v, "{} vs {}", latin.value(), persian.value());
    assert_eq!(key.direct(&cyrillic).unwrap(), v, "{} vs {}", latin.value(), cyrillic.value());
    assert_ne!(key.direct(&other_year).unwrap(), v);
    for bad in ["", "???", "Mr."] {
        assert!(Selector::name_birth(&PersonName::full(bad), "1985").is_err(), "{bad:?}");
    }
}

#[test]
fn selectors_are_checked() {
    assert!(Selector::phone("12", "PK").is_err());
    assert!(Selector::account("12-34").is_err());
    assert_eq!(
        Selector::account("PK36 SCBL 0000 0011 2345 6702").unwrap().value(),
        "PK36SCBL0000001123456702"
    );
    assert!(Selector::passport("AB1234567", "Pakistan").is_err());
    assert!(Selector::passport(" - ", "PK").is_err());
    assert_eq!("name_year".parse::<SelectorKind>().unwrap(), SelectorKind::NameYear);
    assert!("email".parse::<SelectorKind>().is_err());
}
