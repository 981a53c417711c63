//! Compact per-record features for the comparison hot path, built once per run.
//!
//! Comparing millions of candidate pairs spends its time less in arithmetic than in reaching the
//! values: a [`Record`] keeps its address words, id numbers and birth digits in separate heap
//! strings. A [`Features`] keeps what most comparisons need in one small row per record: the
//! address words as ids into one vocabulary (an equal id is an equal word, no text compared; each
//! word's letter mask stored once), the names as ids of their parses, the one id number and the birth
//! digits as short byte arrays, the short single values (city, postcode, region, country) as ids.
//! Anything that does not fit (several id numbers, a long or non-ASCII id, long birth digits) is
//! compared on the records, as before. The levels are those of [`crate::compare::Field::compare`]
//! (a property test compares them on generated records).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::ident::PartialDate;
use crate::record::{NameField, Record};
use crate::similarity::letter_mask;

/// No value in a slot of ids.
pub(crate) const NO_VALUE: u32 = u32::MAX;

/// The longest id number kept in a row.
const ID: usize = 12;
/// An id-number length meaning "compare on the record" (none, several, long or not ASCII).
pub(crate) const ID_ON_RECORD: u8 = u8::MAX;
/// An address-word count meaning "compare on the record" (too many words for a row).
pub(crate) const WORDS_ON_RECORD: u16 = u16::MAX;

/// One word of the vocabulary of addresses.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'a> {
    pub(crate) text: &'a str,
    /// [`crate::similarity::letter_mask`] of the word.
    pub(crate) mask: u128,
    pub(crate) ones: u32,
}

/// A record's compared values as numbers, in one cache line.
#[derive(Debug, Clone, Copy)]
#[repr(align(64))]
pub(crate) struct Row {
    /// Given (or whole) name, family name, organisation name: ids of the parses
    /// ([`Features::names`]), equal for the same parse.
    pub(crate) names: [u32; 3],
    /// City, postcode, region, country: ids shared by both sides of a link.
    pub(crate) values: [u32; 4],
    /// The address's words: `words[start..start + len]`.
    pub(crate) words_start: u32,
    /// [`WORDS_ON_RECORD`] when the address has too many words.
    pub(crate) words_len: u16,
    pub(crate) birth: Option<PartialDate>,
    /// The birth digits (`birth_len` of them); `birth_len` is [`ID_ON_RECORD`] when longer than 8.
    pub(crate) birth_digits: [u8; 8],
    pub(crate) birth_len: u8,
    /// The one id number (`id_len` bytes), 0 when none, [`ID_ON_RECORD`] when compared on the
    /// record.
    pub(crate) id: [u8; ID],
    pub(crate) id_len: u8,
}

/// The common numbering of [`Features::new`].
#[derive(Default)]
struct Tables<'a> {
    names: Vec<&'a NameField>,
    name_ids: FxHashMap<*const NameField, u32>,
    values: [Vec<Word<'a>>; 4],
    value_ids: [FxHashMap<&'a str, u32>; 4],
    vocab: Vec<Word<'a>>,
    vocab_ids: FxHashMap<&'a str, u32>,
}

/// A block's ids in the common numbering, by its own ids.
struct Remap {
    names: Vec<u32>,
    values: [Vec<u32>; 4],
    vocab: Vec<u32>,
}

impl<'a> Tables<'a> {
    fn remap(&mut self, block: &Features<'a>) -> Remap {
        let names = block
            .names
            .iter()
            .map(|n| {
                let next = self.names.len() as u32;
                *self.name_ids.entry(*n as *const NameField).or_insert_with(|| {
                    self.names.push(n);
                    next
                })
            })
            .collect();
        let mut values: [Vec<u32>; 4] = Default::default();
        for (k, out) in values.iter_mut().enumerate() {
            *out = block.values[k]
                .iter()
                .map(|w| {
                    let next = self.values[k].len() as u32;
                    *self.value_ids[k].entry(w.text).or_insert_with(|| {
                        self.values[k].push(*w);
                        next
                    })
                })
                .collect();
        }
        let vocab = block
            .vocab
            .iter()
            .map(|w| {
                let next = self.vocab.len() as u32;
                *self.vocab_ids.entry(w.text).or_insert_with(|| {
                    self.vocab.push(*w);
                    next
                })
            })
            .collect();
        Remap { names, values, vocab }
    }
}

/// The rows of the records of a run (for a link: the left records, then the right ones) and the
/// vocabulary of their address words.
pub(crate) struct Features<'a> {
    pub(crate) rows: Vec<Row>,
    pub(crate) words: Vec<u32>,
    pub(crate) vocab: Vec<Word<'a>>,
    /// The name parses by id.
    pub(crate) names: Vec<&'a NameField>,
    /// The short values by slot and id.
    pub(crate) values: [Vec<Word<'a>>; 4],
    /// Where the right records' rows start.
    pub(crate) right: usize,
}

impl<'a> Features<'a> {
    /// The features of `left` and, for a link, `right` (one numbering for both). `whole`: the
    /// whole name is compared (rather than given and family names apart).
    pub(crate) fn new(left: &'a [Record], right: Option<&'a [Record]>, whole: bool) -> Self {
        let all: Vec<&'a Record> = left.iter().chain(right.into_iter().flatten()).collect();
        // Blocks of records numbered apart in parallel, then their numberings made one: each
        // block's distinct values (few) are looked up in the common tables, in block order.
        let parts: Vec<Features<'a>> = all.par_chunks(65_536).map(|c| Self::block(c, whole)).collect();
        let mut one = Tables::default();
        let remaps: Vec<Remap> = parts.iter().map(|p| one.remap(p)).collect();
        let mut offsets = Vec::with_capacity(parts.len());
        let mut total = 0u32;
        for p in &parts {
            offsets.push(total);
            total += p.words.len() as u32;
        }
        let blocks: Vec<(Vec<Row>, Vec<u32>)> = parts
            .into_par_iter()
            .zip(remaps)
            .zip(offsets)
            .map(|((p, m), offset)| {
                let rows = p
                    .rows
                    .into_iter()
                    .map(|mut row| {
                        for n in row.names.iter_mut().filter(|n| **n != NO_VALUE) {
                            *n = m.names[*n as usize];
                        }
                        for (k, v) in row.values.iter_mut().enumerate() {
                            if *v != NO_VALUE {
                                *v = m.values[k][*v as usize];
                            }
                        }
                        row.words_start += offset;
                        row
                    })
                    .collect();
                (rows, p.words.iter().map(|w| m.vocab[*w as usize]).collect())
            })
            .collect();
        let mut rows = Vec::with_capacity(all.len());
        let mut words = Vec::with_capacity(total as usize);
        for (r, w) in blocks {
            rows.extend(r);
            words.extend(w);
        }
        Self {
            rows,
            words,
            vocab: one.vocab,
            names: one.names,
            values: one.values,
            right: if right.is_some() { left.len() } else { 0 },
        }
    }

    /// The features of a block of records, numbered on their own.
    fn block(records: &[&'a Record], whole: bool) -> Self {
        let mut rows: Vec<Row> = records
            .iter()
            .map(|r| {
                let (birth_digits, birth_len) = match &r.birth_digits {
                    None => ([0; 8], 0),
                    Some(d) if d.len() <= 8 => {
                        let mut b = [0; 8];
                        b[..d.len()].copy_from_slice(d.as_bytes());
                        (b, d.len() as u8)
                    }
                    Some(_) => ([0; 8], ID_ON_RECORD),
                };
                let (id, id_len) = match r.id_numbers.as_slice() {
                    [] => ([0; ID], 0),
                    [x] if x.len() <= ID && x.is_ascii() => {
                        let mut b = [0; ID];
                        b[..x.len()].copy_from_slice(x.as_bytes());
                        (b, x.len() as u8)
                    }
                    _ => ([0; ID], ID_ON_RECORD),
                };
                Row {
                    names: [NO_VALUE; 3],
                    values: [NO_VALUE; 4],
                    words_start: 0,
                    words_len: u16::try_from(r.address.len()).unwrap_or(WORDS_ON_RECORD),
                    birth: r.birth,
                    birth_digits,
                    birth_len,
                    id,
                    id_len,
                }
            })
            .collect();
        // The ids: in record order, over small maps.
        let mut maps: [FxHashMap<&'a str, u32>; 4] = Default::default();
        let mut tables: [Vec<Word<'a>>; 4] = Default::default();
        let mut vocab_ids: FxHashMap<&'a str, u32> = FxHashMap::default();
        let mut vocab: Vec<Word<'a>> = Vec::new();
        let mut name_ids: FxHashMap<*const NameField, u32> = FxHashMap::default();
        let mut names: Vec<&'a NameField> = Vec::new();
        let mut words: Vec<u32> = Vec::with_capacity(rows.iter().map(|r| usize::from(r.words_len)).sum());
        for (row, &r) in rows.iter_mut().zip(records) {
            let first = if whole { &r.name } else { &r.given };
            for (k, n) in [first, &r.family, &r.org].into_iter().enumerate() {
                if let Some(n) = n.as_deref() {
                    let next = names.len() as u32;
                    row.names[k] = *name_ids.entry(n as *const NameField).or_insert_with(|| {
                        names.push(n);
                        next
                    });
                }
            }
            let values = [&r.city, &r.postcode, &r.region, &r.country];
            for (k, v) in values.into_iter().enumerate() {
                if let Some(v) = v {
                    let next = tables[k].len() as u32;
                    row.values[k] = *maps[k].entry(v.as_str()).or_insert_with(|| {
                        let mask = letter_mask(v);
                        tables[k].push(Word { text: v, mask, ones: mask.count_ones() });
                        next
                    });
                }
            }
            row.words_start = words.len() as u32;
            if row.words_len == WORDS_ON_RECORD {
                continue;
            }
            for (w, mask) in &r.address {
                let next = vocab.len() as u32;
                let id = *vocab_ids.entry(w.as_str()).or_insert_with(|| {
                    vocab.push(Word { text: w, mask: *mask, ones: mask.count_ones() });
                    next
                });
                words.push(id);
            }
        }
        Self { rows, words, vocab, names, values: tables, right: 0 }
    }

    /// The row of the left record `i`.
    pub(crate) fn left(&self, i: usize) -> &Row {
        &self.rows[i]
    }

    /// The row of the right record `j` (for a dedupe, the same as [`Features::left`]).
    pub(crate) fn right(&self, j: usize) -> &Row {
        &self.rows[self.right + j]
    }

    /// The address word ids of a row.
    pub(crate) fn address(&self, row: &Row) -> &[u32] {
        &self.words[row.words_start as usize..row.words_start as usize + usize::from(row.words_len)]
    }
}

// One row, one cache line.
const _: () = assert!(std::mem::size_of::<Row>() == 64);

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Features;
    use crate::compare::{Field, NameMemo};
    use crate::record::{NameCache, Record, RecordOptions, Role};

    /// A value from a few near ones (so that pairs meet at every level), or nothing.
    fn pick(options: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
        prop::sample::select(options)
    }

    fn record() -> impl Strategy<Value = Vec<(Role, &'static str)>> {
        (
            pick(&["anna", "ana", "hanna", "", "mohammed", "muhammad", "аня"]),
            pick(&["smith", "smyth", "schmidt", "", "khan", "хан"]),
            pick(&["19800512", "19801205", "19800513", "19810512", "1980", "", "19802205", "198005123"]),
            pick(&["1234567", "1234576", "1243567", "", "12345678901234567", "AB12", "x"]),
            pick(&[
                "12 bean crescent",
                "12 bean cres",
                "21 bean crescent",
                "",
                "12",
                "flat 3 12 bean crescent lahore",
            ]),
            pick(&["", "weemilah", "bean", "doubtful ck", "лахор"]),
            pick(&["blackall", "blackal", "noble park", "", "lahore"]),
            pick(&["3146", "3164", "3147", "", "2287"]),
            pick(&["act", "nsw", ""]),
        )
            .prop_map(|(g, f, d, id, a1, a2, c, p, s)| {
                vec![
                    (Role::GivenName, g),
                    (Role::FamilyName, f),
                    (Role::BirthDate, d),
                    (Role::IdNumber, id),
                    (Role::Address, a1),
                    (Role::Address, a2),
                    (Role::City, c),
                    (Role::Postcode, p),
                    (Role::Region, s),
                ]
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn rows_give_the_levels_of_the_records(values in prop::collection::vec(record(), 2..12)) {
            let cache = NameCache::default();
            let records: Vec<Record> = values
                .iter()
                .enumerate()
                .map(|(i, v)| Record::build_cached(&i.to_string(), v, &RecordOptions::default(), &cache).0)
                .collect();
            let roles: Vec<Role> = values[0].iter().map(|(r, _)| *r).collect();
            let fields = Field::for_roles(&roles);
            // A dedupe and a link (the same records on both sides) share one path each.
            let features = [Features::new(&records, None, false), Features::new(&records, Some(&records), false)];
            let mut memo = NameMemo::default();
            for f in &features {
                for (i, a) in records.iter().enumerate() {
                    for (j, b) in records.iter().enumerate() {
                        for field in &fields {
                            let fast = field.level_fast((a, b), (f.left(i), f.right(j)), f, &mut memo);
                            prop_assert_eq!(fast, field.compare(a, b).0, "{} of {:?} and {:?}", field, values[i], values[j]);
                        }
                    }
                }
            }
        }
    }
}
