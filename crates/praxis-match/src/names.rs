//! Names: tokens, honorifics and particles, spelling-variant classes, and their comparison.
//!
//! A name is normalised ([`crate::normalise`]), cut into parts at spaces and punctuation, and each
//! part is transliterated ([`crate::translit`]). Honorifics (Mr, Dr, Haji, Sheikh, Syed, Mst.,
//! Begum …) and particles (bin, ibn, bint, al-, el-, abu …) are removed from the comparison and
//! reported. "Abd al-Rahman", "Abdul Rahman" and "Abdur Rahman" are joined into one part. With the
//! name dictionary on (the default), frequent spelling variants map to one canonical part
//! (Mohd, Md, Mohammed, Мухаммад → muhammad).
//!
//! Two names are compared by the best one-to-one assignment of their parts (so the order of the
//! parts does not matter), each pair scored by [`part_similarity`], the total divided as in the
//! Dice coefficient: `score = 2 · Σ agreement / (parts on the left + parts on the right)`; a part
//! without a partner counts 0. When the caller says which part is the given name and which the
//! family name ([`PersonName`]), a best assignment that pairs a given name with a family name is
//! reported as `swapped` and the score multiplied by [`SWAP_PENALTY`]: "Ali Hassan" and "Hassan
//! Ali" may be one person written in two orders, or two people.

use std::fmt;

use crate::similarity::{jaro_winkler, osa_distance};

use crate::normalise::normalise;
use crate::script::{dominant_script, script_of, Script};
use crate::translit::{
    arabic_skeleton, skeleton_keeping_v, skeleton_soft_c_and_v, skeleton_two_letters, skeleton_word, to_latin,
};

/// The score at or above which two names are called a match; fixed in advance (not fitted on
/// labels). Two three-part names whose parts all agree score 1.0; one part missing out of three
/// gives 0.8 (a candidate, not a match); one part disagreeing out of three gives about 0.67.
pub const DEFAULT_THRESHOLD: f64 = 0.85;

/// The factor applied to the score when given and family names are swapped.
pub const SWAP_PENALTY: f64 = 0.8;

/// Options for a comparison.
#[derive(Debug, Clone, Copy)]
pub struct CompareOptions {
    /// Map frequent spelling variants to one canonical part (on by default). Off, names are
    /// compared only by how they are written and pronounced.
    pub name_dictionary: bool,
}

impl Default for CompareOptions {
    fn default() -> Self {
        Self { name_dictionary: true }
    }
}

/// Which side of a comparison a problem is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Left => "left",
            Side::Right => "right",
        })
    }
}

/// A name that cannot be compared. Such names are never matched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the {0} name is empty: there is nothing to match")]
    Empty(Side),
    #[error("the {side} name {text:?} contains no letters of any script: it cannot be matched")]
    NoLetters { side: Side, text: String },
    #[error("the {side} name {text:?} contains only honorifics and particles: it cannot be matched")]
    OnlyTitles { side: Side, text: String },
}

impl NameError {
    /// The side the unusable name is on.
    pub fn side(&self) -> Side {
        match self {
            NameError::Empty(side)
            | NameError::NoLetters { side, .. }
            | NameError::OnlyTitles { side, .. } => *side,
        }
    }
}

/// A person's name, with the given and family names when the source keeps them apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonName {
    pub given: Option<String>,
    pub family: Option<String>,
    /// The whole name as written; used when neither `given` nor `family` is known.
    pub full: Option<String>,
}

impl PersonName {
    /// A name known only as a whole.
    pub fn full(name: &str) -> Self {
        Self { full: Some(name.to_owned()), ..Self::default() }
    }

    /// A name with its given and family parts.
    pub fn parts(given: &str, family: &str) -> Self {
        Self { given: Some(given.to_owned()), family: Some(family.to_owned()), full: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Given,
    Family,
    Unknown,
}

/// Why a part was left out of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    /// A title or honorific (Mr, Dr, Haji, Sheikh, Syed, Mst., Begum …).
    Honorific,
    /// A particle (bin, ibn, bint, al, el, abu …).
    Particle,
}

/// One part of a name, as written and as compared.
#[derive(Debug, Clone)]
struct Part {
    written: String,
    latin: String,
    skeleton: String,
    /// Other readings of the skeleton, compared with Arabic-script names as alternatives: without
    /// the Arabic article written onto the name (Aljafari, Eddine, الجعفري) or onto the name
    /// before it (Ashraful Islam, Ziaur Rahman); a Latin sh, zh, kh, th, dh or gh read as two
    /// letters (Ishaq, اسحاق; Mazhar, مظهر).
    alternatives: Vec<String>,
    /// The Latin spelling with frequent variant spellings unified ([`spelling_key`]), compared
    /// when both scripts write their vowels.
    spelling: String,
    /// The skeleton keeping v (written in the scripts that write their vowels, where it is a
    /// consonant: Ivan and Ivanov differ by it).
    v_skeleton: String,
    /// Long vowels: in the Arabic script, the vowel letters inside the word (ا و ي ع); in a
    /// script that writes every vowel, the long-vowel digraphs after the first letter
    /// ([`long_vowel_digraphs`]).
    long_vowels: u8,
    /// The script writes its vowels (everything but the Arabic script).
    vowelled: bool,
    canonical: Option<&'static str>,
    role: Role,
}

/// How a pair of parts was found to agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The same Latin form.
    Same,
    /// Two spellings of one name in the name dictionary.
    Variant(&'static str),
    /// Similar Latin forms (Jaro–Winkler), both scripts writing their vowels.
    Spelling,
    /// Similar consonant skeletons (normalised optimal-string-alignment distance), across scripts.
    Skeleton,
    /// An initial and a name beginning with it.
    Initial,
    /// Two different names in the name dictionary.
    DifferentNames,
}

/// A pair of parts in the best assignment.
#[derive(Debug, Clone)]
pub struct TokenMatch {
    pub left: String,
    pub right: String,
    /// The compared forms (Latin form, or consonant skeleton for [`Basis::Skeleton`]).
    pub left_key: String,
    pub right_key: String,
    /// The raw similarity in 0..=1.
    pub similarity: f64,
    /// The agreement counted in the score (0 below the floor, see [`agreement`]).
    pub agreement: f64,
    pub basis: Basis,
    /// A given name paired with a family name.
    pub crosses_roles: bool,
}

/// The result of comparing two names, with everything needed to explain it.
#[derive(Debug, Clone)]
pub struct NameComparison {
    pub score: f64,
    pub pairs: Vec<TokenMatch>,
    pub unmatched_left: Vec<String>,
    pub unmatched_right: Vec<String>,
    pub removed_left: Vec<(String, Removed)>,
    pub removed_right: Vec<(String, Removed)>,
    /// Given and family names are swapped (only known when the caller gave both).
    pub swapped: bool,
}

impl NameComparison {
    /// Whether the score reaches `threshold`.
    pub fn is_match(&self, threshold: f64) -> bool {
        self.score >= threshold
    }

    /// One line per fact: each pair with its similarity and basis, parts without a partner,
    /// removed honorifics and particles, a swap.
    pub fn explanation(&self) -> Vec<String> {
        let mut out = Vec::new();
        for p in &self.pairs {
            let how = match p.basis {
                Basis::Same => "same".to_owned(),
                Basis::Variant(c) => format!("variants of {c}"),
                Basis::Spelling => format!("spelling {} ~ {}", p.left_key, p.right_key),
                Basis::Skeleton => format!("skeleton {} ~ {}", p.left_key, p.right_key),
                Basis::Initial => "initial".to_owned(),
                Basis::DifferentNames => "different names".to_owned(),
            };
            let cross = if p.crosses_roles { ", given↔family" } else { "" };
            out.push(format!("{} = {}: {:.2} ({how}{cross})", p.left, p.right, p.similarity));
        }
        for u in &self.unmatched_left {
            out.push(format!("{u}: only on the left"));
        }
        for u in &self.unmatched_right {
            out.push(format!("{u}: only on the right"));
        }
        for (side, removed) in [("left", &self.removed_left), ("right", &self.removed_right)] {
            for (w, why) in removed {
                let why = match why {
                    Removed::Honorific => "honorific",
                    Removed::Particle => "particle",
                };
                out.push(format!("{w}: {why} ignored ({side})"));
            }
        }
        if self.swapped {
            out.push(format!("given and family names swapped: score × {SWAP_PENALTY}"));
        }
        out
    }
}

impl fmt::Display for NameComparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.3}: {}", self.score, self.explanation().join("; "))
    }
}

/// Compare two names written as wholes, with the default options.
pub fn compare_names(a: &str, b: &str) -> Result<NameComparison, NameError> {
    compare_names_with(a, b, CompareOptions::default())
}

/// Compare two names written as wholes.
pub fn compare_names_with(a: &str, b: &str, options: CompareOptions) -> Result<NameComparison, NameError> {
    compare_person_names(&PersonName::full(a), &PersonName::full(b), options)
}

/// Compare two person names; given and family names are used when both are known.
pub fn compare_person_names(
    a: &PersonName,
    b: &PersonName,
    options: CompareOptions,
) -> Result<NameComparison, NameError> {
    let left = ParsedName::parse(a, Side::Left, options)?;
    let right = ParsedName::parse(b, Side::Right, options)?;
    Ok(compare_parsed(&left, &right))
}

/// A name parsed once (normalised, cut into parts, transliterated), to be compared many times:
/// entity resolution compares each record's name with many others.
#[derive(Debug, Clone)]
pub struct ParsedName {
    parts: Vec<Part>,
    removed: Vec<(String, Removed)>,
    /// `joined[k]`: parts k and k + 1 written as one word (Mohammad Reza, محمدرضا), when both
    /// have the same role and are in the same script; made the first time it is needed.
    joined: std::sync::OnceLock<Vec<Option<Part>>>,
    options: CompareOptions,
}

/// Names with more parts than this are not tried with two parts joined.
const MAX_PARTS_JOINED: usize = 6;

impl ParsedName {
    /// Parse `name`; `side` only says which side an error is reported on.
    pub fn parse(name: &PersonName, side: Side, options: CompareOptions) -> Result<Self, NameError> {
        let (parts, removed) = parse(name, side, options)?;
        Ok(Self { parts, removed, joined: std::sync::OnceLock::new(), options })
    }

    fn joined(&self) -> &[Option<Part>] {
        self.joined.get_or_init(|| {
            if self.parts.len() > MAX_PARTS_JOINED {
                Vec::new()
            } else {
                self.parts.windows(2).map(|w| join_parts(&w[0], &w[1], self.options)).collect()
            }
        })
    }

    /// The parts, then each way of reading two neighbouring parts as one word.
    fn readings(&self) -> impl Iterator<Item = Vec<&Part>> {
        let plain = self.parts.iter().collect::<Vec<_>>();
        let joined = self.joined().iter().enumerate().filter_map(move |(k, j)| {
            j.as_ref().map(|j| {
                let mut v: Vec<&Part> = self.parts[..k].iter().collect();
                v.push(j);
                v.extend(self.parts[k + 2..].iter());
                v
            })
        });
        std::iter::once(plain).chain(joined)
    }

    /// The compared (Latin, canonical) forms of the parts, in order.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|p| p.latin.as_str())
    }

    /// The consonant skeletons of the parts, in order (one key for every script).
    pub fn skeletons(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|p| p.skeleton.as_str())
    }

    /// The parts as written (normalised), in order.
    pub fn written(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|p| p.written.as_str())
    }
}

/// The score of two parsed names (the same as [`compare_parsed`]'s), without building the
/// explanation: the fast path for comparing many pairs.
///
/// When the parts do not all agree and one name has more parts than the other, its neighbouring
/// parts are also tried as one word (Mohammad Reza Karimi, محمدرضا کریمی), and the best score
/// counts.
pub fn parsed_similarity(a: &ParsedName, b: &ParsedName) -> f64 {
    if let ([x], [y]) = (a.parts.as_slice(), b.parts.as_slice()) {
        // One part each (most given and family names): what the general path gives, without
        // building its lists.
        return agreement(part_similarity(x, y).0);
    }
    let plain = parts_similarity(&a.parts.iter().collect::<Vec<_>>(), &b.parts.iter().collect::<Vec<_>>());
    if plain >= 1.0 || a.parts.len() == b.parts.len() {
        return plain;
    }
    let mut best = plain;
    if a.parts.len() > b.parts.len() {
        let right: Vec<&Part> = b.parts.iter().collect();
        for left in a.readings().skip(1) {
            best = best.max(parts_similarity(&left, &right));
        }
    } else {
        let left: Vec<&Part> = a.parts.iter().collect();
        for right in b.readings().skip(1) {
            best = best.max(parts_similarity(&left, &right));
        }
    }
    best
}

fn parts_similarity(left: &[&Part], right: &[&Part]) -> f64 {
    if left.len() == 1 && right.len() == 1 {
        let (s, _) = part_similarity(left[0], right[0]);
        return agreement(s);
    }
    let sims: Vec<Vec<(f64, f64, Basis)>> = left
        .iter()
        .map(|l| {
            right
                .iter()
                .map(|r| {
                    let (s, basis) = part_similarity(l, r);
                    (s, agreement(s), basis)
                })
                .collect()
        })
        .collect();
    let assignment = best_assignment(&sims);
    let mut total = 0.0;
    let mut crosses = false;
    for (i, j) in assignment {
        let agreement = sims[i][j].1;
        if agreement <= 0.0 {
            continue;
        }
        total += agreement;
        crosses |= matches!(
            (left[i].role, right[j].role),
            (Role::Given, Role::Family) | (Role::Family, Role::Given)
        );
    }
    let mut score = 2.0 * total / (left.len() + right.len()) as f64;
    if crosses {
        score *= SWAP_PENALTY;
    }
    score.clamp(0.0, 1.0)
}

/// Compare two parsed names, with the explanation (two parts read as one word are shown as one
/// pair: "mohammad reza = محمدرضا").
pub fn compare_parsed(a: &ParsedName, b: &ParsedName) -> NameComparison {
    let mut left: Vec<&Part> = a.parts.iter().collect();
    let mut right: Vec<&Part> = b.parts.iter().collect();
    let mut best = parts_similarity(&left, &right);
    if best < 1.0 && a.parts.len() != b.parts.len() {
        if a.parts.len() > b.parts.len() {
            for l in a.readings().skip(1) {
                let s = parts_similarity(&l, &right);
                if s > best {
                    (best, left) = (s, l);
                }
            }
        } else {
            for r in b.readings().skip(1) {
                let s = parts_similarity(&left, &r);
                if s > best {
                    (best, right) = (s, r);
                }
            }
        }
    }
    compare_parts(&left, &right, a.removed.clone(), b.removed.clone())
}

fn compare_parts(
    left: &[&Part],
    right: &[&Part],
    removed_left: Vec<(String, Removed)>,
    removed_right: Vec<(String, Removed)>,
) -> NameComparison {
    let n = left.len();
    let m = right.len();
    let mut sims = vec![vec![(0.0, 0.0, Basis::Same); m]; n];
    for (i, l) in left.iter().enumerate() {
        for (j, r) in right.iter().enumerate() {
            let (s, basis) = part_similarity(l, r);
            sims[i][j] = (s, agreement(s), basis);
        }
    }
    let assignment = best_assignment(&sims);
    let mut pairs = Vec::new();
    let mut used_right = vec![false; m];
    let mut used_left = vec![false; n];
    let mut total = 0.0;
    for (i, j) in assignment {
        let (similarity, agreement, basis) = sims[i][j];
        if agreement <= 0.0 {
            continue;
        }
        used_left[i] = true;
        used_right[j] = true;
        total += agreement;
        let (l, r) = (&left[i], &right[j]);
        let (left_key, right_key) = match basis {
            Basis::Skeleton => (l.skeleton.clone(), r.skeleton.clone()),
            _ => (l.latin.clone(), r.latin.clone()),
        };
        let crosses_roles =
            matches!((l.role, r.role), (Role::Given, Role::Family) | (Role::Family, Role::Given));
        pairs.push(TokenMatch {
            left: l.written.clone(),
            right: r.written.clone(),
            left_key,
            right_key,
            similarity,
            agreement,
            basis,
            crosses_roles,
        });
    }
    let mut score = 2.0 * total / (n + m) as f64;
    let swapped = pairs.iter().any(|p| p.crosses_roles);
    if swapped {
        score *= SWAP_PENALTY;
    }
    let unmatched = |parts: &[&Part], used: &[bool]| {
        parts.iter().zip(used).filter(|(_, u)| !**u).map(|(p, _)| p.written.clone()).collect()
    };
    NameComparison {
        score: score.clamp(0.0, 1.0),
        unmatched_left: unmatched(left, &used_left),
        unmatched_right: unmatched(right, &used_right),
        pairs,
        removed_left,
        removed_right,
        swapped,
    }
}

/// The agreement a similarity contributes: 0 below 0.7 (Jaro–Winkler gives unrelated names
/// 0.5–0.7), rising steeply to the similarity itself at 0.85 and above.
pub fn agreement(similarity: f64) -> f64 {
    const FLOOR: f64 = 0.7;
    const FULL: f64 = 0.85;
    if similarity >= FULL {
        similarity
    } else if similarity <= FLOOR {
        0.0
    } else {
        similarity * (similarity - FLOOR) / (FULL - FLOOR)
    }
}

/// How similar two name parts are, and on what basis.
fn part_similarity(a: &Part, b: &Part) -> (f64, Basis) {
    if let (Some(x), Some(y)) = (a.canonical, b.canonical) {
        // Two names the dictionary knows to be different (Hasan, Husain) are different, however
        // alike their skeletons.
        return if x == y { (1.0, Basis::Variant(x)) } else { (0.0, Basis::DifferentNames) };
    }
    if a.latin == b.latin {
        return (1.0, Basis::Same);
    }
    let one_letter = |p: &Part| p.latin.len() <= 4 && p.latin.chars().count() == 1;
    let initial = |x: &Part, y: &Part| x.vowelled && one_letter(x) && !one_letter(y);
    if initial(a, b) || initial(b, a) {
        let same = a.latin.chars().next() == b.latin.chars().next();
        return (if same { 0.85 } else { 0.0 }, Basis::Initial);
    }
    if a.vowelled && b.vowelled {
        // Both spellings show their vowels: the spelling (variant spellings unified) and the
        // skeleton (v kept) weigh the same. The skeleton alone would call Hasan and Husain the
        // same, the spelling alone Makarov and Zakharov.
        if a.spelling == b.spelling {
            return (1.0, Basis::Spelling);
        }
        let spelling = jaro_winkler(&a.spelling, &b.spelling);
        let skeleton = skeleton_similarity(&a.v_skeleton, &b.v_skeleton, &VOWELLED_NEAR, (false, false));
        let mut s = (spelling + skeleton) / 2.0;
        if derived(&a.v_skeleton, &b.v_skeleton) {
            s = s.min(DERIVED_NAME);
        }
        return (s, if spelling >= skeleton { Basis::Spelling } else { Basis::Skeleton });
    }
    // An Arabic-script name carries no short vowels: compare skeletons, counting the letters the
    // scripts and their romanisations confuse as near, with and without the article.
    // A name said with a vowel is written with an opening alif or ع in the Arabic script, which a
    // Latin spelling may leave out (Driss, ادریس); the reverse is another name (Ahmad, حامد).
    let opening = (!a.vowelled, !b.vowelled);
    let mut best = 0.0f64;
    for x in std::iter::once(&a.skeleton).chain(&a.alternatives) {
        for y in std::iter::once(&b.skeleton).chain(&b.alternatives) {
            best = best.max(skeleton_similarity(x, y, &ARABIC_SCRIPT_NEAR, opening));
        }
    }
    // A long vowel spelled out (Mehmood, Hussain) needs a vowel letter on the Arabic side: محمد
    // is not Mehmood, حسن is not Hussain.
    let (arabic, other) = if a.vowelled { (b, a) } else { (a, b) };
    if other.vowelled && other.long_vowels > arabic.long_vowels {
        best *= LONG_VOWEL_MISSING;
    }
    (best, Basis::Skeleton)
}

/// The factor applied when a spelling shows more long vowels than the Arabic-script name writes.
const LONG_VOWEL_MISSING: f64 = 0.8;

/// The similarity given to a name and the same name with a Slavic surname suffix (Ivan and
/// Ivanov, Pavel and Pavlov, Nikolai and Nikolaev): two different names, a partial agreement.
const DERIVED_NAME: f64 = 0.75;

/// One skeleton (v kept) is the other followed by v or n: the -ov, -ev, -in (-off, -ow) that
/// Slavic surnames add to a given name.
fn derived(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 2
        && long.len() == short.len() + 1
        && long.starts_with(short)
        && (long.ends_with('v') || long.ends_with('n'))
}

/// Pairs of skeleton letters that one sound gives in two spellings, counted as near; and whether
/// a word-opening vowel may stand against v or y.
struct Near {
    pairs: &'static [(char, char)],
    opening_vowel: bool,
}

/// Written in the Arabic script and romanised: ض ذ ظ as d or z; ق as k or g (Maghreb, Gulf); ج as
/// j or g (Egypt, and a Latin "ge"); ش as a French ch; ث as s or th; a Latin p as ب (Arabic has no
/// p).
/// An opening و or ي is written with a vowel (Ouezdou, وزدو).
const ARABIC_SCRIPT_NEAR: Near = Near {
    pairs: &[('d', 'z'), ('k', 'g'), ('j', 'g'), ('c', 'x'), ('s', 't'), ('b', 'p')],
    opening_vowel: true,
};

/// Between scripts that write their vowels: Cyrillic х as a German or Czech ch (Michail,
/// Tichonov) or as k (Chekov); г as h (Ukrainian: Olha, Hrushevsky); в as f at the end of a
/// word (Lebedef, Sokolof); Bengali ব and ভ as b or v (Arnab, Arnav; Sourabh, Sourav); স শ ষ as s
/// or sh (Mousumi, Moushumi).
const VOWELLED_NEAR: Near = Near {
    pairs: &[('c', 'h'), ('k', 'h'), ('g', 'h'), ('f', 'v'), ('b', 'v'), ('s', 'x')],
    opening_vowel: false,
};

/// The similarity of two consonant skeletons: an optimal-string-alignment distance where the
/// letter pairs in `near` cost a quarter, and so (when `near` says so) do a word-opening vowel
/// against v or y, and a word-opening vowel of `a` or `b` (as `opening` says) written on that side
/// only; divided by the longer length.
fn skeleton_similarity(a: &str, b: &str, near: &Near, opening: (bool, bool)) -> f64 {
    const NEAR: f64 = 0.25;
    const MAX: usize = 48;
    let mut abuf = ['\0'; MAX];
    let mut bbuf = ['\0'; MAX];
    let (mut n, mut m) = (0, 0);
    for c in a.chars() {
        if n == MAX {
            return 1.0 - osa_distance(a, b) as f64 / a.chars().count().max(b.chars().count()) as f64;
        }
        abuf[n] = c;
        n += 1;
    }
    for c in b.chars() {
        if m == MAX {
            return 1.0 - osa_distance(a, b) as f64 / a.chars().count().max(b.chars().count()) as f64;
        }
        bbuf[m] = c;
        m += 1;
    }
    if n == 0 || m == 0 {
        return 0.0;
    }
    let (a, b) = (&abuf[..n], &bbuf[..m]);
    let indel = |c: char, pos: usize, cheap: bool| if cheap && pos == 0 && c == 'a' { NEAR } else { 1.0 };
    let sub = |x: char, y: char, first: bool| {
        if x == y {
            0.0
        } else if near.pairs.iter().any(|&(p, q)| (x == p && y == q) || (x == q && y == p))
            || (near.opening_vowel
                && first
                && ((x == 'a' && matches!(y, 'v' | 'y')) || (y == 'a' && matches!(x, 'v' | 'y'))))
        {
            NEAR
        } else {
            1.0
        }
    };
    // Three rolling rows of the distance table: i − 2, i − 1 and i.
    let mut rows = [[0.0f64; MAX + 1]; 3];
    for j in 1..=m {
        rows[0][j] = rows[0][j - 1] + indel(b[j - 1], j - 1, opening.1);
    }
    for i in 1..=n {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = rows[prev][0] + indel(a[i - 1], i - 1, opening.0);
        for j in 1..=m {
            let mut v = (rows[prev][j] + indel(a[i - 1], i - 1, opening.0))
                .min(rows[cur][j - 1] + indel(b[j - 1], j - 1, opening.1))
                .min(rows[prev][j - 1] + sub(a[i - 1], b[j - 1], i == 1 && j == 1));
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2][j - 2] + 1.0);
            }
            rows[cur][j] = v;
        }
    }
    (1.0 - rows[n % 3][m] / n.max(m) as f64).max(0.0)
}

/// A Latin name written onto the Arabic article: al- or el- (Aljafari, Elkhoury), or the article
/// assimilated to a sun letter (Eddine, Essalam, Azzahra, Uddin); the name without it.
fn without_article(latin: &str) -> Option<&str> {
    let b = latin.as_bytes();
    if !latin.is_ascii() || b.len() < 5 {
        return None;
    }
    if (latin.starts_with("al") || latin.starts_with("el")) && b.len() >= 6 {
        return Some(&latin[2..]);
    }
    let sun = matches!(b[1], b't' | b'd' | b'r' | b'z' | b's' | b'n' | b'l');
    if matches!(b[0], b'a' | b'e' | b'u') && sun && b[1] == b[2] {
        return Some(&latin[2..]);
    }
    None
}

/// A Latin name carrying the article of the name after it (Ashraf-ul Islam, Zia-ur Rahman,
/// Sana-ul Haq): -ul, or -u and the sun letter the next name begins with; the name without it.
fn without_trailing_article<'a>(latin: &'a str, next: Option<&str>) -> Option<&'a str> {
    let next = next?;
    if !latin.is_ascii() || latin.len() < 5 {
        return None;
    }
    if let Some(bare) = latin.strip_suffix("ul") {
        return Some(bare);
    }
    for sun in ["sh", "r", "s", "d", "n", "z", "t"] {
        if latin.strip_suffix(sun).is_some_and(|l| l.ends_with('u')) && next.starts_with(sun) {
            return Some(&latin[..latin.len() - sun.len() - 1]);
        }
    }
    None
}

/// A Latin spelling with the variant spellings of one sound unified, for names compared between
/// scripts that write their vowels: tsch → ch and sch → sh (German), tz → ts, ph → f, ck → k,
/// q → k, x → ks, w → v (but u after a vowel and before a consonant: Chowdhury, চৌধুরী
/// Choudhuri), dzh and dj → j, ee → i, oo → u, ou → u, a word-final ff → v (Ivanoff),
/// a word-opening ye → e (Yeltsin, Ельцин) and yo after a consonant → e (Fyodor, Фёдор), y → i
/// after the first letter; then doubled letters collapse.
pub(crate) fn spelling_key(latin: &str) -> String {
    let mut s = latin.replace('\'', "");
    if !s.is_ascii() {
        return s;
    }
    if s.ends_with("ff") {
        s.truncate(s.len() - 2);
        s.push('v');
    }
    if let Some(rest) = s.strip_prefix("ye") {
        s = format!("e{rest}");
    }
    if s.contains('w') {
        let vowel = |c: Option<&u8>| matches!(c, Some(b'a' | b'e' | b'i' | b'o' | b'u'));
        let b = s.as_bytes();
        s = (0..b.len())
            .map(|k| {
                let diphthong = b[k] == b'w'
                    && k > 0
                    && vowel(b.get(k - 1))
                    && b.get(k + 1).is_some_and(|c| c.is_ascii_alphabetic())
                    && !vowel(b.get(k + 1));
                if diphthong {
                    'u'
                } else {
                    b[k] as char
                }
            })
            .collect();
    }
    for (from, to) in [
        ("tsch", "ch"),
        ("sch", "sh"),
        ("dzh", "j"),
        ("dj", "j"),
        ("tz", "ts"),
        ("ph", "f"),
        ("ck", "k"),
        ("q", "k"),
        ("x", "ks"),
        ("w", "v"),
        ("ee", "i"),
        ("oo", "u"),
        ("ou", "u"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let after_consonant = k > 0 && !matches!(chars[k - 1], 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if c == 'y' && chars.get(k + 1) == Some(&'o') && after_consonant {
            out.push('e');
            k += 2;
            continue;
        }
        let c = if c == 'y' && k > 0 { 'i' } else { c };
        if !out.ends_with(c) {
            out.push(c);
        }
        k += 1;
    }
    out
}

/// The long-vowel digraphs of a Latin spelling after its first letter (oo, ee, aa, ai, ay, ei,
/// ey), counted without overlap; not ou, which French spellings write for a short u too (Boutros,
/// بطرس).
fn long_vowel_digraphs(latin: &str) -> usize {
    let b = latin.as_bytes();
    let mut k = 1;
    let mut n = 0;
    while k + 1 < b.len() {
        if matches!(&b[k..k + 2], b"oo" | b"ee" | b"aa" | b"ai" | b"ay" | b"ei" | b"ey") {
            n += 1;
            k += 2;
        } else {
            k += 1;
        }
    }
    n
}

/// The skeleton of a spelling key, keeping v.
fn v_skeleton(spelling: &str) -> String {
    skeleton_keeping_v(spelling)
}

/// The one-to-one assignment of left to right parts with the largest total agreement (ties
/// broken by raw similarity), by dynamic programming over subsets of the right parts; names
/// longer than 12 parts fall back to a greedy assignment.
fn best_assignment(sims: &[Vec<(f64, f64, Basis)>]) -> Vec<(usize, usize)> {
    let n = sims.len();
    let m = sims.first().map_or(0, Vec::len);
    let value = |i: usize, j: usize| sims[i][j].1 + 1e-3 * sims[i][j].0;
    if m > 12 || n > 12 {
        let mut cells: Vec<(usize, usize)> = (0..n).flat_map(|i| (0..m).map(move |j| (i, j))).collect();
        cells.sort_by(|x, y| value(y.0, y.1).total_cmp(&value(x.0, x.1)).then(x.cmp(y)));
        let (mut ui, mut uj) = (vec![false; n], vec![false; m]);
        let mut out = Vec::new();
        for (i, j) in cells {
            if !ui[i] && !uj[j] {
                ui[i] = true;
                uj[j] = true;
                out.push((i, j));
            }
        }
        return out;
    }
    // best[i][mask]: the best total for left parts i.. with the right parts in `mask` taken.
    let full = 1usize << m;
    let mut best = vec![vec![0.0f64; full]; n + 1];
    for i in (0..n).rev() {
        for mask in 0..full {
            let mut v = best[i + 1][mask]; // left part i unpaired
            for j in 0..m {
                if mask & (1 << j) == 0 {
                    v = v.max(value(i, j) + best[i + 1][mask | (1 << j)]);
                }
            }
            best[i][mask] = v;
        }
    }
    let mut out = Vec::new();
    let mut mask = 0;
    for i in 0..n {
        if best[i][mask] == best[i + 1][mask] {
            continue;
        }
        for j in 0..m {
            if mask & (1 << j) == 0 && best[i][mask] == value(i, j) + best[i + 1][mask | (1 << j)] {
                out.push((i, j));
                mask |= 1 << j;
                break;
            }
        }
    }
    out
}

type Parsed = (Vec<Part>, Vec<(String, Removed)>);

fn parse(name: &PersonName, side: Side, options: CompareOptions) -> Result<Parsed, NameError> {
    let mut fields: Vec<(&str, Role)> = Vec::new();
    let has = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    if has(&name.given) || has(&name.family) {
        for (s, role) in [(&name.given, Role::Given), (&name.family, Role::Family)] {
            if let Some(s) = s {
                fields.push((s, role));
            }
        }
    } else if let Some(full) = &name.full {
        fields.push((full, Role::Unknown));
    }
    let text: String = fields.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(" ");
    if text.trim().is_empty() {
        return Err(NameError::Empty(side));
    }
    if !text.chars().any(|c| script_of(c).is_some()) {
        return Err(NameError::NoLetters { side, text });
    }
    let mut parts = Vec::new();
    let mut removed = Vec::new();
    for (s, role) in fields {
        let (p, r) = parse_field(s, role, options);
        parts.extend(p);
        removed.extend(r);
    }
    if parts.is_empty() {
        return Err(NameError::OnlyTitles { side, text });
    }
    Ok((parts, removed))
}

/// Two neighbouring parts written as one word, when they have the same role and script and the
/// joined word is read as one part (not an honorific, not split again).
fn join_parts(a: &Part, b: &Part, options: CompareOptions) -> Option<Part> {
    if a.role != b.role || dominant_script(&a.written) != dominant_script(&b.written) {
        return None;
    }
    let word: String = a.written.chars().chain(b.written.chars()).filter(|c| !c.is_whitespace()).collect();
    let (mut parts, _) = parse_field(&word, a.role, options);
    if parts.len() != 1 {
        return None;
    }
    let mut part = parts.pop()?;
    part.written = format!("{} {}", a.written, b.written);
    Some(part)
}

fn parse_field(s: &str, role: Role, options: CompareOptions) -> Parsed {
    let normalised = normalise(s);
    let words: Vec<&str> = normalised
        .split(|c: char| !(script_of(c).is_some() || c.is_ascii_digit() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let mut parts: Vec<Part> = Vec::new();
    let mut removed = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let script = dominant_script(word);
        let arabic = script == Some(Script::Arabic);
        let mut written = word.to_owned();
        // The Arabic-script letters the skeleton is made of (the article and compounds adjusted).
        let mut arabic_letters = word.to_owned();
        let mut latin = to_latin(word).replace('\'', if arabic { "'" } else { "" });
        let key = latin.replace('\'', "");
        // Abd al-Rahman, Abdul Rahman, Abdur Rahman, عبد الرحمن: one part.
        if (ABD.contains(&key.as_str()) || (arabic && latin == "'bd")) && i + 1 < words.len() {
            let mut k = i + 1;
            let next_latin = |k: usize| to_latin(words[k]).replace('\'', "");
            if ARTICLES.contains(&next_latin(k).as_str()) && k + 1 < words.len() {
                k += 1;
            }
            let rest = next_latin(k);
            let rest = rest.strip_prefix("al").filter(|r| r.len() >= 3 && arabic).unwrap_or(&rest);
            written = words[i..=k].join(" ");
            latin = if arabic { format!("'bdal{rest}") } else { format!("abdul{rest}") };
            if arabic {
                arabic_letters = format!("{word}ال{}", words[k].strip_prefix("ال").unwrap_or(words[k]));
            }
            i = k;
        } else {
            // Arabic-script words are looked up with their ع and ء: عمر is not "Mr", سعيد not سید.
            let (honorific, particle) = if arabic {
                (ARABIC_HONORIFICS.contains(&latin.as_str()), PARTICLES.contains(&latin.as_str()))
            } else {
                (HONORIFICS.contains(&key.as_str()), PARTICLES.contains(&key.as_str()))
            };
            let why = if honorific {
                Some(Removed::Honorific)
            } else if particle {
                Some(Removed::Particle)
            } else {
                None
            };
            if let Some(why) = why {
                removed.push((word.to_owned(), why));
                i += 1;
                continue;
            }
        }
        // The article written onto an Arabic-script name: الرشيد → رشيد.
        if arabic && latin.starts_with("al") && latin.chars().count() >= 6 {
            latin = latin["al".len()..].to_owned();
            arabic_letters = arabic_letters.strip_prefix("ال").unwrap_or(&arabic_letters).to_owned();
        }
        let lookup = latin.replace('\'', "");
        let canonical = if options.name_dictionary { variant_class(&lookup, arabic) } else { None };
        if let Some(c) = canonical {
            latin = c.to_owned();
        }
        let vowelled = !arabic || canonical.is_some();
        let skeleton = if arabic && canonical.is_none() {
            arabic_skeleton(&arabic_letters)
        } else {
            skeleton_word(&latin)
        };
        let mut alternatives = Vec::new();
        if canonical.is_none() {
            if arabic {
                alternatives.extend(
                    arabic_letters.strip_prefix("ال").filter(|r| r.chars().count() >= 2).map(arabic_skeleton),
                );
                // The article elided before a vowel, as in the Maghreb: العتيري Latiri, الازهر Lazhar.
                if written == word {
                    let rest = word.strip_prefix("ال").filter(|r| r.chars().count() >= 2);
                    if let Some(rest) = rest.filter(|r| r.starts_with(['ا', 'ع', 'و', 'ي'])) {
                        alternatives.push(arabic_skeleton(&format!("ل{rest}")));
                    }
                }
                // A final ه written for ة, said t in Persian, Urdu and Turkish spellings and before
                // another name (حياة Hayat, نصرة Nusrat).
                if let Some(stem) = arabic_letters.strip_suffix('ه').filter(|s| s.chars().count() >= 2) {
                    alternatives.push(arabic_skeleton(&format!("{stem}ت")));
                }
            } else {
                let next = words.get(i + 1).map(|w| to_latin(w));
                let bare =
                    without_article(&latin).or_else(|| without_trailing_article(&latin, next.as_deref()));
                alternatives.extend(bare.map(skeleton_word));
                for other in [skeleton_two_letters(&latin), skeleton_soft_c_and_v(&latin)] {
                    if other != skeleton && !alternatives.contains(&other) {
                        alternatives.push(other);
                    }
                }
            }
        }
        let spelling = spelling_key(&latin);
        let v_skeleton = v_skeleton(&spelling);
        let long_vowels = if arabic && canonical.is_none() {
            arabic_letters.chars().skip(1).filter(|c| matches!(c, 'ا' | 'و' | 'ي' | 'ع' | 'ء')).count()
        } else {
            long_vowel_digraphs(&latin)
        };
        let long_vowels = u8::try_from(long_vowels).unwrap_or(u8::MAX);
        parts.push(Part {
            written,
            latin,
            skeleton,
            alternatives,
            spelling,
            v_skeleton,
            long_vowels,
            vowelled,
            canonical,
            role,
        });
        i += 1;
    }
    (parts, removed)
}

const ABD: &[&str] = &[
    "abd", "abdul", "abdel", "abdal", "abdol", "abdur", "abdu", "abdus", "abdush", "abduz", "abdun", "abdut",
    "abdud", "abdes", "abder", "abded",
];

const ARTICLES: &[&str] = &["al", "el", "ul", "ur", "ar", "as", "ad", "an", "ash", "at", "az", "ud", "ol"];

/// Titles and honorifics, in their Latin forms (also as Bengali and Cyrillic spellings
/// transliterate).
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mister",
    "dr",
    "prof",
    "engr",
    "haji",
    "hajji",
    "hadji",
    "haj",
    "hajj",
    "alhaj",
    "alhajj",
    "alhaji",
    "hajee",
    "khadzhi",
    "sheikh",
    "shaikh",
    "shaykh",
    "sheik",
    "shekh",
    "sheykh",
    "syed",
    "sayed",
    "sayyid",
    "sayyed",
    "seyed",
    "seyyed",
    "soiyad",
    "mst",
    "most",
    "mosammat",
    "mosammot",
    "mossammat",
    "mosamat",
    "musammat",
    "mochha",
    "begum",
    "begam",
    "begom",
    "mohtarma",
    "janab",
    "sahib",
    "sahab",
    "maulana",
    "mawlana",
    "mulla",
    "mullah",
    "molla",
    "hafiz",
    "hafez",
    "agha",
    "aqa",
    "aga",
    "sri",
    "shri",
    "smt",
    "gospodin",
];

/// Titles as the Arabic script transliterates without short vowels: سید, شیخ, حاجی, حاج, بیگم,
/// آقای, جناب, دکتر, مهندس, مولانا, ملا, حافظ, خانم, مسٹر.
const ARABIC_HONORIFICS: &[&str] = &[
    "sid", "shikh", "haji", "haj", "bigm", "aqai", "aqa", "jnab", "dktr", "mhnds", "mulana", "mla", "hafz",
    "khanm", "mstr",
];

/// Particles, in their Latin forms and as the Arabic script transliterates them (بن ابن بنت ابو,
/// and the Mauritanian ولد and منت: son and daughter of).
const PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "binti", "binte", "ben", "al", "el", "ul", "ur", "ud", "abu", "abou", "umm",
    "ould", "bn", "abn", "bnt", "ebn", "wld", "mint", "mnt", "abul", "aboul",
];

/// Frequent spelling variants: canonical part and its spellings, Latin and as Bengali and
/// Cyrillic transliterate (with "mo" for the Bengali abbreviation মোঃ).
const VARIANTS: &[(&str, &[&str])] = &[
    (
        "muhammad",
        &[
            "muhammad",
            "mohammad",
            "mohammed",
            "muhammed",
            "mohamed",
            "mohamad",
            "muhamad",
            "muhamed",
            "mohamud",
            "mohd",
            "md",
            "mhd",
            "mohammod",
            "mohammud",
            "muhammod",
            "mohmmad",
            "mohmad",
            "mukhammad",
            "mukhammed",
            "magomed",
            "mahomed",
            "mehmet",
            "mehmed",
            "mo",
            "mohamod",
            "muhamod",
            "muhammadu",
        ],
    ),
    (
        "husain",
        &[
            "husain", "hussain", "hussein", "husein", "hossein", "hosein", "husayn", "hussayn", "hosain",
            "hossain", "khusein", "khuseyn", "gusein", "guseyn", "husen", "hosen", "hussen",
        ],
    ),
    ("hasan", &["hasan", "hassan", "hasen", "hassen", "khasan", "gasan", "hason"]),
    ("ahmad", &["ahmad", "ahmed", "ahmet", "akhmad", "akhmed", "ahamed", "ahmod", "ahammad", "ahamad"]),
    ("ali", &["ali", "aly", "alee", "aliy"]),
    (
        "abdulrahman",
        &[
            "abdulrahman",
            "abdurrahman",
            "abdurahman",
            "abdelrahman",
            "abdalrahman",
            "abdarrahman",
            "abdorrahman",
            "abdolrahman",
            "abdulrehman",
            "abdurakhman",
            "abdrakhman",
            "abdulrakhman",
            "abdurrohman",
            "abdurrahaman",
            "abdulrahaman",
        ],
    ),
    ("abdullah", &["abdullah", "abdulla", "abdallah", "abdalla", "abdollah", "abdulloh"]),
    ("usman", &["usman", "uthman", "osman", "othman", "usmon", "osmon"]),
    ("yusuf", &["yusuf", "yousuf", "yousef", "yusef", "youssef", "yussuf", "jusuf", "yusup"]),
    ("ibrahim", &["ibrahim", "ebrahim", "ibragim", "ibraheem", "ebrahem", "ibrohim"]),
    ("fatima", &["fatima", "fatimah", "fatema", "fatma", "fotima", "fatime"]),
    ("mustafa", &["mustafa", "mostafa", "mustapha", "moustafa", "mostofa"]),
    ("mahmud", &["mahmud", "mahmood", "mahmoud", "makhmud", "mahmut"]),
    ("rahman", &["rahman", "rehman", "rakhman", "rahaman", "rohman"]),
    ("khan", &["khan", "khaan"]),
];

/// Arabic-script spellings (as transliterated without short vowels) of the same classes.
const ARABIC_VARIANTS: &[(&str, &[&str])] = &[
    ("muhammad", &["mhmd"]),
    ("husain", &["hsin"]),
    ("hasan", &["hsn"]),
    ("ahmad", &["ahmd"]),
    ("ali", &["li"]),
    ("abdulrahman", &["bdalrhmn"]),
    ("abdullah", &["bdallh"]),
    ("usman", &["sman"]),
    ("yusuf", &["yusf"]),
    ("ibrahim", &["abrahim"]),
    ("fatima", &["fatmh"]),
    ("mustafa", &["mstfi", "mstfa"]),
    ("mahmud", &["mhmud"]),
    ("rahman", &["rhman"]),
    ("khan", &["khan"]),
];

fn variant_class(latin: &str, arabic: bool) -> Option<&'static str> {
    let table = if arabic { ARABIC_VARIANTS } else { VARIANTS };
    table.iter().find(|(_, forms)| forms.contains(&latin)).map(|(c, _)| *c)
}
