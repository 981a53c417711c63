//! Deduplication and linkage of whole records: known duplicates across scripts, order
//! independence, explanations, bad values.

use praxis_match::cluster::components;
use praxis_match::explain::explain;
use praxis_match::record::FieldProblem;
use praxis_match::similarity::{jaro_winkler, jaro_winkler_above, osa_at_most, osa_distance};
use praxis_match::{dedupe, link, Dataset, LinkOptions, Linkage, Record, RecordOptions, Role};
use proptest::prelude::*;

const ROLES: [Role; 5] = [Role::GivenName, Role::FamilyName, Role::BirthDate, Role::Phone, Role::City];

fn record(id: &str, given: &str, family: &str, birth: &str, phone: &str, city: &str) -> Record {
    let values = [
        (Role::GivenName, given),
        (Role::FamilyName, family),
        (Role::BirthDate, birth),
        (Role::Phone, phone),
        (Role::City, city),
    ];
    let (r, problems) = Record::build(id, &values, &RecordOptions::default());
    assert!(problems.is_empty(), "{id}: {problems:?}");
    r
}

const GIVEN: &[&str] = &[
    "Imran", "Bilal", "Ayesha", "Zainab", "Omar", "Hamza", "Sana", "Nadia", "Tariq", "Kamran", "Farah",
    "Usman",
];
const FAMILY: &[&str] = &["Qureshi", "Siddiqui", "Malik", "Chaudhry", "Butt", "Shah", "Mirza", "Awan"];
const CITIES: &[&str] = &["Lahore", "Karachi", "Quetta", "Peshawar", "Multan"];

/// 96 different people, none of them a duplicate of another or of the known duplicates.
fn background() -> Vec<Record> {
    let mut out = Vec::new();
    for (i, g) in GIVEN.iter().enumerate() {
        for (j, f) in FAMILY.iter().enumerate() {
            let k = i * FAMILY.len() + j;
            let birth = format!("{}-{:02}-{:02}", 1950 + k % 45, 1 + k % 12, 1 + (k * 7) % 28);
            let phone = format!("0333-{:07}", 1_000_000 + k * 7919);
            out.push(record(&format!("bg{k:03}"), g, f, &birth, &phone, CITIES[k % CITIES.len()]));
        }
    }
    out
}

/// The same man in Latin, Arabic and Cyrillic script, his phone written three ways; the same
/// woman in Latin and Bengali script, her phone in Bengali digits.
fn known_duplicates() -> Vec<Record> {
    vec![
        record("p1", "Mohammad Ali", "Khan", "1985-03-14", "0300-1234567", "Lahore"),
        record("p1-ar", "محمد علی", "خان", "14/03/1985", "+92 300 1234567", "لاهور"),
        record("p1-ru", "Мухаммад Али", "Хан", "1985", "00923001234567", "Лахор"),
        record("p2", "Fatima", "Rahman", "1990-07-01", "0321-7654321", "Karachi"),
        record("p2-bn", "ফাতিমা", "রহমান", "01.07.1990", "০৩২১-৭৬৫৪৩২১", "করাচি"),
    ]
}

fn dataset(records: Vec<Record>) -> Dataset {
    Dataset::new(records, &ROLES).unwrap()
}

/// The clusters of more than one record, as sorted lists of ids.
fn clusters(data: &Dataset, l: &Linkage) -> Vec<Vec<String>> {
    let mut by: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    for (i, c) in l.clusters.iter().enumerate() {
        by.entry(*c).or_default().push(data.records()[i].id().to_owned());
    }
    let mut out: Vec<Vec<String>> = by.into_values().filter(|v| v.len() > 1).collect();
    for v in &mut out {
        v.sort();
    }
    out.sort();
    out
}

#[test]
fn one_person_across_scripts_is_one_cluster() {
    let mut records = background();
    records.extend(known_duplicates());
    let data = dataset(records);
    let l = dedupe(&data, &LinkOptions::default());
    assert_eq!(clusters(&data, &l), [vec!["p1", "p1-ar", "p1-ru"], vec!["p2", "p2-bn"]]);
    // Every true pair was proposed by blocking.
    let pos = |id: &str| data.position(id).unwrap();
    let truth: Vec<(u32, u32)> = [("p1", "p1-ar"), ("p1", "p1-ru"), ("p1-ar", "p1-ru"), ("p2", "p2-bn")]
        .iter()
        .map(|(a, b)| (pos(a).min(pos(b)), pos(a).max(pos(b))))
        .collect();
    assert_eq!(l.blocking_recall(&truth), 1.0);
    assert!(l.candidates.pairs.len() < 200, "{} candidate pairs", l.candidates.pairs.len());
}

#[test]
fn linking_two_sets_pairs_each_person_once() {
    let dups = known_duplicates();
    let left = dataset(background().into_iter().take(60).chain([dups[0].clone(), dups[3].clone()]).collect());
    let right =
        dataset(background().into_iter().skip(40).chain([dups[1].clone(), dups[4].clone()]).collect());
    let l = link(&left, &right, &LinkOptions::default());
    let mut matched: Vec<(String, String)> = l
        .pairs
        .iter()
        .filter(|p| p.is_match)
        .map(|p| {
            (left.records()[p.a as usize].id().to_owned(), right.records()[p.b as usize].id().to_owned())
        })
        .collect();
    matched.sort();
    // The 20 background people on both sides are the same records (ids bg040–bg059), and the two
    // people across scripts.
    let mut expected: Vec<(String, String)> =
        (40..60).map(|k| (format!("bg{k:03}"), format!("bg{k:03}"))).collect();
    expected.extend([("p1".to_owned(), "p1-ar".to_owned()), ("p2".to_owned(), "p2-bn".to_owned())]);
    expected.sort();
    assert_eq!(matched, expected);
}

#[test]
fn the_explanation_names_every_field_and_adds_up() {
    let mut records = background();
    records.extend(known_duplicates());
    let data = dataset(records);
    let l = dedupe(&data, &LinkOptions::default());
    let (a, b) = (data.position("p1").unwrap(), data.position("p1-ar").unwrap());
    let pair = l.pairs.iter().find(|p| (p.a, p.b) == (a.min(b), a.max(b))).unwrap();
    let e = explain(&l.model, &data.records()[pair.a as usize], &data.records()[pair.b as usize]);
    assert!((e.weight() - pair.weight).abs() < 1e-9, "{e}");
    let text = e.to_string();
    for field in ["prior", "given_name", "family_name", "birth_date", "phone", "city"] {
        assert!(text.contains(field), "{field} missing from {text}");
    }
    let phone = e.fields.iter().find(|f| f.field.name() == "phone").unwrap();
    assert_eq!(phone.level, "exact");
    assert!(phone.weight > 5.0, "{text}");
    let family = e.fields.iter().find(|f| f.field.name() == "family_name").unwrap();
    assert_eq!(family.level, "exact", "{text}");
    assert!(e.prior_weight < 0.0);
}

#[test]
fn a_record_always_matches_its_copy() {
    let mut records = background();
    // bg005 is Imran Shah, born 1955-06-08, 0333-1039595, Lahore.
    records.push(record("copy", "Imran", "Shah", "1955-06-08", "0333-1039595", "Lahore"));
    let data = dataset(records);
    let l = dedupe(&data, &LinkOptions::default());
    assert_eq!(clusters(&data, &l), [vec!["bg005", "copy"]]);
}

/// Everything that should not depend on the order of the input, by id.
type Outcome = (Vec<(String, String, u64, bool)>, Vec<Vec<String>>);

fn outcome(data: &Dataset, l: &Linkage) -> Outcome {
    let mut pairs: Vec<(String, String, u64, bool)> = l
        .pairs
        .iter()
        .map(|p| {
            let (a, b) = (data.records()[p.a as usize].id(), data.records()[p.b as usize].id());
            (a.min(b).to_owned(), a.max(b).to_owned(), p.weight.to_bits(), p.is_match)
        })
        .collect();
    pairs.sort();
    (pairs, clusters(data, l))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn the_result_does_not_depend_on_the_input_order(seed in any::<u64>()) {
        let mut records = background();
        records.extend(known_duplicates());
        let reference = {
            let data = dataset(records.clone());
            outcome(&data, &dedupe(&data, &LinkOptions::default()))
        };
        // A Fisher–Yates shuffle driven by the seed.
        let mut state = seed;
        for i in (1..records.len()).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            records.swap(i, (state >> 33) as usize % (i + 1));
        }
        let data = dataset(records);
        prop_assert_eq!(outcome(&data, &dedupe(&data, &LinkOptions::default())), reference);
    }

    #[test]
    fn bounded_edit_distance_equals_strsim(a in "[0-2]{3,9}", b in "[0-2]{3,9}|[0-2б]{3,6}") {
        // A small alphabet, so that many pairs are within a few edits of each other.
        let d = strsim::osa_distance(&a, &b);
        for k in 0..4 {
            prop_assert_eq!(osa_at_most(&a, &b, k), (d <= k).then_some(d), "k = {}", k);
        }
    }

    #[test]
    fn fast_similarities_equal_strsim(a in "[a-e]{0,9}|[абв]{0,5}", b in "[a-e]{0,9}|[абв]{0,5}") {
        prop_assert!((jaro_winkler(&a, &b) - strsim::jaro_winkler(&a, &b)).abs() < 1e-12);
        prop_assert_eq!(osa_distance(&a, &b), strsim::osa_distance(&a, &b));
        for k in 0..4 {
            let d = strsim::osa_distance(&a, &b);
            prop_assert_eq!(osa_at_most(&a, &b, k), (d <= k).then_some(d));
        }
        let mask = praxis_match::similarity::letter_mask;
        let above = jaro_winkler_above(&a, mask(&a), &b, mask(&b), 0.88);
        let exact = jaro_winkler(&a, &b);
        prop_assert!(above == 0.0 || above == exact);
        if exact >= 0.88 {
            prop_assert_eq!(above, exact);
        }
    }
}

#[test]
fn unusable_values_are_reported_never_matched() {
    let values = [
        (Role::GivenName, ""),
        (Role::FamilyName, "1234"),
        (Role::FullName, "Mr. Dr."),
        (Role::Phone, "not a phone"),
        (Role::BirthDate, "31/02/1990"),
        (Role::Email, "nobody"),
    ];
    let (_, problems) = Record::build("x", &values, &RecordOptions::default());
    let seen: Vec<(usize, Role)> = problems.iter().map(|p: &FieldProblem| (p.index, p.role)).collect();
    assert_eq!(
        seen,
        [
            (0, Role::GivenName),
            (1, Role::FamilyName),
            (2, Role::FullName),
            (3, Role::Phone),
            (4, Role::BirthDate),
            (5, Role::Email)
        ]
    );
    assert!(problems[0].message.contains("empty name"), "{problems:?}");
    assert!(problems[1].message.contains("no letters"), "{problems:?}");
    assert!(problems[2].message.contains("only honorifics"), "{problems:?}");

    // Two records whose only names are unusable do not match on them.
    let blank = |id: &str| Record::build(id, &[(Role::FullName, "---")], &RecordOptions::default()).0;
    let data = Dataset::new(vec![blank("a"), blank("b")], &[Role::FullName]).unwrap();
    let l = dedupe(&data, &LinkOptions::default());
    assert_eq!(l.matches, 0);
    assert!(l.candidates.pairs.is_empty());
}

#[test]
fn ids_must_be_unique() {
    let r = record("same", "Imran", "Malik", "1980", "", "Lahore");
    let err = Dataset::new(vec![r.clone(), r], &ROLES).unwrap_err();
    assert_eq!(err.to_string(), "the record id \"same\" is used more than once");
}

#[test]
fn clusters_are_named_by_their_smallest_member() {
    assert_eq!(components(6, [(3, 4), (1, 3), (5, 2)]), [0, 1, 2, 1, 1, 2]);
    assert_eq!(components(6, [(5, 2), (1, 3), (4, 3)]), [0, 1, 2, 1, 1, 2]);
}

/// Records built with one [`NameCache`] (each name parsed once, shared) give exactly what
/// records built one by one give: the same candidates, weights, matches and clusters; and every
/// pair's weight, computed on the fast path (names and short values compared once per distinct
/// pair), is the sum its explanation (the plain comparison) gives.
#[test]
fn shared_names_and_the_fast_path_change_nothing() {
    let rows: Vec<(String, [String; 5])> = {
        let mut rows = Vec::new();
        for (k, g) in GIVEN.iter().chain(["Imran", "Imraan", "Bilal"].iter()).enumerate() {
            for (j, f) in FAMILY.iter().enumerate().take(5) {
                let city = ["Lahore", "Lahor", "لاهور", "Karachi", "Karachii"][(k + j) % 5];
                let birth = format!("{}-{:02}-{:02}", 1970 + (k + j) % 3, 1 + j % 12, 1 + k % 28);
                let phone = format!("0333-{:07}", 1_000_000 + (k % 4) * 7919 + j);
                rows.push((
                    format!("r{k:02}-{j}"),
                    [g.to_string(), f.to_string(), birth, phone, city.to_owned()],
                ));
            }
        }
        rows
    };
    let options = RecordOptions::default();
    let build = |cache: Option<&praxis_match::NameCache>| {
        let records: Vec<Record> = rows
            .iter()
            .map(|(id, v)| {
                let values: Vec<(Role, &str)> =
                    ROLES.iter().copied().zip(v.iter().map(String::as_str)).collect();
                match cache {
                    Some(c) => Record::build_cached(id, &values, &options, c).0,
                    None => Record::build(id, &values, &options).0,
                }
            })
            .collect();
        dataset(records)
    };
    let cache = praxis_match::NameCache::default();
    let (plain, cached) = (build(None), build(Some(&cache)));
    let (lp, lc) = (dedupe(&plain, &LinkOptions::default()), dedupe(&cached, &LinkOptions::default()));
    assert!(lc.candidates.pairs.len() > 100, "{} candidates", lc.candidates.pairs.len());
    assert_eq!(lp.candidates.pairs, lc.candidates.pairs);
    assert_eq!(outcome(&plain, &lp), outcome(&cached, &lc));
    assert!(lc.matches > 0);
    for p in &lc.pairs {
        let e = explain(&lc.model, &cached.records()[p.a as usize], &cached.records()[p.b as usize]);
        assert!((e.weight() - p.weight).abs() < 1e-9, "{} vs {}: {e}", p.weight, e.weight());
    }
}
