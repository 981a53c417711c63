//! The temporal transaction graph: columnar, compact, ordered by (timestamp, input order), with
//! adjacency both ways. Accounts are interned to dense indices.
//!
//! Invariant: transaction index order is the time order (ties by input order), and every
//! adjacency list is in that order too, so a scan of one list is a scan in time.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::batch::Transaction;
use crate::money::Currency;

pub type AccountIx = u32;
pub type TxIx = u32;

/// Ids this long or shorter are held in the slot itself (as two words): a probe compares them
/// without reading the id elsewhere in memory, and without a byte-by-byte comparison.
const INLINE: usize = 16;

/// The words of an id: for up to 16 bytes, two little-endian words read from its start and its
/// end (overlapping when shorter), which with the length determine the id; for longer ids, the
/// same words of its first and last 8 bytes, which only screen candidates.
fn words(id: &[u8]) -> (u64, u64) {
    let n = id.len();
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let half = |b: &[u8]| u32::from_le_bytes(b.try_into().expect("4 bytes")) as u64;
    if n >= 8 {
        (word(&id[..8]), word(&id[n - 8..]))
    } else if n >= 4 {
        (half(&id[..4]), half(&id[n - 4..]))
    } else {
        let mut lo = 0u64;
        for (i, &b) in id.iter().enumerate() {
            lo |= (b as u64) << (8 * i);
        }
        (lo, 0)
    }
}

/// A well-mixed hash of a short id's words and length (a folded multiply), or of a long id's bytes.
fn hash_key(id: &[u8], lo: u64, hi: u64) -> u64 {
    if id.len() > INLINE {
        return FxBuildHasher.hash_one(id);
    }
    let x = (lo ^ 0x243f_6a88_85a3_08d3) as u128 * (hi ^ (id.len() as u64) ^ 0x1319_8a2e_0370_7344) as u128;
    (x as u64) ^ ((x >> 64) as u64)
}

/// One slot of the account table (32 bytes): the id's hash, its two words, and its index plus
/// one (0 when the slot is empty) with its length in the high half. A plain array, so that a new
/// table is zeroed memory straight from the allocator.
type Slot = [u64; 4];

fn slot_ix(s: &Slot) -> Option<AccountIx> {
    (s[3] as u32).checked_sub(1)
}

/// Account ids interned to dense indices in order of first appearance: an open-addressing table
/// (linear probing, at most half full) over an arena of the ids.
#[derive(Debug, Clone, Default)]
struct Accounts {
    slots: Vec<Slot>,
    /// The ids, end to end; `ends[a]` is where account `a`'s id ends.
    bytes: String,
    ends: Vec<u32>,
}

impl Accounts {
    fn with_capacity(accounts: usize) -> Accounts {
        let mut a = Accounts::default();
        a.grow_to((2 * accounts).next_power_of_two().max(16));
        a.ends.reserve(accounts);
        a.bytes.reserve(accounts * 8);
        a
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn id(&self, a: AccountIx) -> &str {
        let a = a as usize;
        let start = if a == 0 { 0 } else { self.ends[a - 1] as usize };
        &self.bytes[start..self.ends[a] as usize]
    }

    fn grow_to(&mut self, capacity: usize) {
        let old = std::mem::replace(&mut self.slots, vec![[0u64; 4]; capacity]);
        let mask = capacity - 1;
        for slot in old.into_iter().filter(|s| slot_ix(s).is_some()) {
            let mut i = slot[0] as usize & mask;
            while slot_ix(&self.slots[i]).is_some() {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    /// The slot holding `id`, or the empty slot where it would go; and the id's slot, without its
    /// index.
    fn probe(&self, id: &str) -> (usize, Slot) {
        let bytes = id.as_bytes();
        let (lo, hi) = words(bytes);
        let h = hash_key(bytes, lo, hi);
        let len = (id.len() as u64) << 32;
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let s = &self.slots[i];
            let Some(ix) = slot_ix(s) else {
                return (i, [h, lo, hi, len]);
            };
            if s[1] == lo
                && s[2] == hi
                && s[3] >> 32 == len >> 32
                && (id.len() <= INLINE || self.id(ix) == id)
            {
                return (i, [h, lo, hi, len]);
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, id: &str) -> Option<AccountIx> {
        if self.slots.is_empty() {
            return None;
        }
        slot_ix(&self.slots[self.probe(id).0])
    }

    /// The account's index, and whether it is new.
    fn intern(&mut self, id: &str) -> (AccountIx, bool) {
        if 2 * (self.len() + 1) > self.slots.len() {
            self.grow_to((2 * self.slots.len()).max(16));
        }
        let (i, mut key) = self.probe(id);
        if let Some(ix) = slot_ix(&self.slots[i]) {
            return (ix, false);
        }
        let ix = self.len() as AccountIx;
        self.bytes.push_str(id);
        self.ends.push(self.bytes.len() as u32);
        key[3] |= ix as u64 + 1;
        self.slots[i] = key;
        (ix, true)
    }
}

#[derive(Debug, Clone, Default)]
pub struct TxGraph {
    accounts: Accounts,
    /// Holder names by account, as far as the last account that has one.
    holders: Vec<String>,
    /// Columns, one entry per transaction, in time order.
    pub ts: Vec<i64>,
    pub src: Vec<AccountIx>,
    pub dst: Vec<AccountIx>,
    pub amount: Vec<i64>,
    pub currency: Vec<Currency>,
    /// Position in the input (the tie-break for equal timestamps).
    pub input_pos: Vec<u32>,
    tx_id_bytes: String,
    tx_id_ends: Vec<u32>,
    channel: Vec<u16>,
    channels: Vec<String>,
    out_offsets: Vec<u32>,
    out_tx: Vec<TxIx>,
    in_offsets: Vec<u32>,
    in_tx: Vec<TxIx>,
}

/// Collects transactions, then sorts and indexes them.
#[derive(Default)]
pub struct GraphBuilder {
    g: TxGraph,
    channel_index: FxHashMap<String, u16>,
    /// Rows of one source usually share a channel: the last one saves a lookup.
    last_channel: Option<u16>,
}

impl GraphBuilder {
    pub fn with_capacity(transactions: usize) -> GraphBuilder {
        let mut b = GraphBuilder::default();
        b.g.ts.reserve(transactions);
        b.g.src.reserve(transactions);
        b.g.dst.reserve(transactions);
        b.g.amount.reserve(transactions);
        b.g.currency.reserve(transactions);
        b.g.tx_id_ends.reserve(transactions);
        b.g.tx_id_bytes.reserve(transactions * 8);
        // Accounts are usually far fewer than transactions; a table sized for a fifth of them
        // rarely grows (growing moves every slot, but reads no id).
        b.g.accounts = Accounts::with_capacity(transactions / 5);
        b.g.channel.reserve(transactions);
        b
    }

    pub fn account(&mut self, id: &str) -> AccountIx {
        self.g.accounts.intern(id).0
    }

    /// Adds one transaction (in input order).
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        id: &str,
        orig: &str,
        bene: &str,
        amount: i64,
        currency: Currency,
        ts: i64,
        channel: &str,
    ) {
        let s = self.account(orig);
        let d = self.account(bene);
        self.push_ix(id, s, d, amount, currency, ts, channel);
    }

    #[allow(clippy::too_many_arguments)]
    pub fn push_ix(
        &mut self,
        id: &str,
        s: AccountIx,
        d: AccountIx,
        amount: i64,
        currency: Currency,
        ts: i64,
        channel: &str,
    ) {
        let g = &mut self.g;
        g.ts.push(ts);
        g.src.push(s);
        g.dst.push(d);
        g.amount.push(amount);
        g.currency.push(currency);
        g.tx_id_bytes.push_str(id);
        g.tx_id_ends.push(g.tx_id_bytes.len() as u32);
        let ch = match self.last_channel.filter(|&c| g.channels[c as usize] == channel) {
            Some(c) => c,
            None => match self.channel_index.get(channel) {
                Some(&c) => c,
                None => {
                    let c = g.channels.len() as u16;
                    g.channels.push(channel.to_owned());
                    self.channel_index.insert(channel.to_owned(), c);
                    c
                }
            },
        };
        self.last_channel = Some(ch);
        g.channel.push(ch);
    }

    pub fn push_transaction(&mut self, t: &Transaction) {
        self.push(&t.id, &t.orig, &t.bene, t.amount, t.currency, t.timestamp, &t.channel);
        for (id, holder) in [(&t.orig, &t.orig_holder), (&t.bene, &t.bene_holder)] {
            if !holder.is_empty() {
                let ix = self.account(id) as usize;
                let holders = &mut self.g.holders;
                if holders.len() <= ix {
                    holders.resize(ix + 1, String::new());
                }
                holders[ix] = holder.clone();
            }
        }
    }

    /// Sorts by (timestamp, input order) and builds both adjacency lists.
    pub fn build(self) -> TxGraph {
        let mut g = self.g;
        let n = g.ts.len();
        g.input_pos = (0..n as u32).collect();
        let sorted = g.ts.windows(2).all(|w| w[0] <= w[1]);
        if !sorted {
            let mut order: Vec<u32> = (0..n as u32).collect();
            // Stable: equal timestamps keep input order.
            order.sort_by_key(|&i| g.ts[i as usize]);
            let perm = |v: &Vec<i64>| order.iter().map(|&i| v[i as usize]).collect::<Vec<_>>();
            g.ts = perm(&g.ts);
            g.amount = perm(&g.amount);
            g.src = order.iter().map(|&i| g.src[i as usize]).collect();
            g.dst = order.iter().map(|&i| g.dst[i as usize]).collect();
            g.currency = order.iter().map(|&i| g.currency[i as usize]).collect();
            g.channel = order.iter().map(|&i| g.channel[i as usize]).collect();
            let mut bytes = String::with_capacity(g.tx_id_bytes.len());
            let mut ends = Vec::with_capacity(n);
            for &i in &order {
                let i = i as usize;
                let start = if i == 0 { 0 } else { g.tx_id_ends[i - 1] as usize };
                bytes.push_str(&g.tx_id_bytes[start..g.tx_id_ends[i] as usize]);
                ends.push(bytes.len() as u32);
            }
            g.tx_id_bytes = bytes;
            g.tx_id_ends = ends;
            g.input_pos = order;
        }
        let accounts = g.accounts.len();
        (g.out_offsets, g.out_tx) = csr(accounts, &g.src);
        (g.in_offsets, g.in_tx) = csr(accounts, &g.dst);
        g
    }
}

/// Compressed adjacency: for each account, its transactions in index (time) order.
fn csr(accounts: usize, ends: &[AccountIx]) -> (Vec<u32>, Vec<TxIx>) {
    let mut offsets = vec![0u32; accounts + 1];
    for &a in ends {
        offsets[a as usize + 1] += 1;
    }
    for i in 0..accounts {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut list = vec![0 as TxIx; ends.len()];
    for (t, &a) in ends.iter().enumerate() {
        let slot = &mut fill[a as usize];
        list[*slot as usize] = t as TxIx;
        *slot += 1;
    }
    (offsets, list)
}

impl TxGraph {
    pub fn from_transactions(transactions: &[Transaction]) -> TxGraph {
        let mut b = GraphBuilder::with_capacity(transactions.len());
        for t in transactions {
            b.push_transaction(t);
        }
        b.build()
    }

    pub fn tx_count(&self) -> usize {
        self.ts.len()
    }

    pub fn account_count(&self) -> usize {
        self.accounts.len()
    }

    pub fn account_id(&self, a: AccountIx) -> &str {
        self.accounts.id(a)
    }

    pub fn holder(&self, a: AccountIx) -> &str {
        self.holders.get(a as usize).map_or("", String::as_str)
    }

    pub fn account(&self, id: &str) -> Option<AccountIx> {
        self.accounts.get(id.trim())
    }

    pub fn tx_id(&self, t: TxIx) -> &str {
        let t = t as usize;
        let start = if t == 0 { 0 } else { self.tx_id_ends[t - 1] as usize };
        &self.tx_id_bytes[start..self.tx_id_ends[t] as usize]
    }

    /// The transaction with this source id (a linear scan: for seeds, not for loops).
    pub fn find_tx(&self, id: &str) -> Option<TxIx> {
        (0..self.tx_count() as TxIx).find(|&t| self.tx_id(t) == id.trim())
    }

    pub fn channel(&self, t: TxIx) -> &str {
        &self.channels[self.channel[t as usize] as usize]
    }

    /// Outgoing transactions of `a`, in time order.
    pub fn outgoing(&self, a: AccountIx) -> &[TxIx] {
        &self.out_tx[self.out_offsets[a as usize] as usize..self.out_offsets[a as usize + 1] as usize]
    }

    /// Incoming transactions of `a`, in time order.
    pub fn incoming(&self, a: AccountIx) -> &[TxIx] {
        &self.in_tx[self.in_offsets[a as usize] as usize..self.in_offsets[a as usize + 1] as usize]
    }

    /// The index range of transactions with `start <= ts < end`.
    pub fn tx_range(&self, window: crate::Window) -> std::ops::Range<usize> {
        let lo = window.start.map_or(0, |s| self.ts.partition_point(|&t| t < s));
        let hi = window.end.map_or(self.ts.len(), |e| self.ts.partition_point(|&t| t < e));
        lo..hi.max(lo)
    }

    /// The currencies present.
    pub fn currencies(&self) -> Vec<Currency> {
        let mut v: Vec<Currency> = self.currency.clone();
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_are_interned_in_order_of_first_appearance_whatever_their_length() {
        // Ids of every length around the word sizes and the inline limit, sharing prefixes and
        // suffixes, and enough of them to grow the table several times from a default builder.
        let ids: Vec<String> = (0..5_000)
            .map(|i| match i % 9 {
                0 => format!("{i}"),
                1 => format!("{:0>7}", i),
                2 => format!("{:0>8}", i),
                3 => format!("{:0>16}", i),
                4 => format!("{:0>17}", i),
                5 => format!("{:0>20}", i),
                6 => format!("PK36HABB00123456789012{i}"),
                7 => format!("{i}-{}", "x".repeat(i % 30)),
                _ => format!("compte-é-{i}"),
            })
            .collect();
        let usd = Currency::parse("USD").unwrap();
        let mut b = GraphBuilder::default();
        for (i, w) in ids.windows(2).enumerate() {
            b.push(&i.to_string(), &w[0], &w[1], 100, usd, i as i64, "TRANSFER");
        }
        let g = b.build();
        assert_eq!(g.account_count(), ids.len());
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(g.account(id), Some(i as AccountIx), "{id}");
            assert_eq!(g.account_id(i as AccountIx), id);
        }
        assert_eq!(g.account("nobody"), None);
        assert_eq!(g.account(&format!("{:0>8}", 1)), None, "the same digits at another length");
        assert_eq!(g.account(&format!("{:0>17}", 3)), None);
        assert_eq!(g.account(" 0 "), Some(0), "looked up trimmed");
        assert_eq!(TxGraph::default().account("0"), None);
    }
}
