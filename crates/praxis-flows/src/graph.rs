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

#[derive(Debug, Clone, Default)]
pub struct TxGraph {
    account_ids: Vec<String>,
    /// (hash, index into `account_ids`): each id is stored once, and a probe compares the stored
    /// hash before it reads the id (which is elsewhere in memory).
    account_index: hashbrown::HashTable<(u64, AccountIx)>,
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

fn hash_id(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
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
        // rarely grows (growing rehashes every account seen so far).
        b.g.account_index.reserve(transactions / 5, |&(h, _)| h);
        b.g.account_ids.reserve(transactions / 5);
        b.g.holders.reserve(transactions / 5);
        b.g.channel.reserve(transactions);
        b
    }

    pub fn account(&mut self, id: &str) -> AccountIx {
        let h = hash_id(id);
        let g = &mut self.g;
        let ids = &g.account_ids;
        if let Some(&(_, ix)) = g.account_index.find(h, |&(eh, ix)| eh == h && ids[ix as usize] == id) {
            return ix;
        }
        let ix = g.account_ids.len() as AccountIx;
        g.account_ids.push(id.to_owned());
        g.holders.push(String::new());
        g.account_index.insert_unique(h, (h, ix), |&(eh, _)| eh);
        ix
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
        if !t.orig_holder.is_empty() {
            let ix = self.account(&t.orig);
            self.g.holders[ix as usize] = t.orig_holder.clone();
        }
        if !t.bene_holder.is_empty() {
            let ix = self.account(&t.bene);
            self.g.holders[ix as usize] = t.bene_holder.clone();
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
        let accounts = g.account_ids.len();
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
        self.account_ids.len()
    }

    pub fn account_id(&self, a: AccountIx) -> &str {
        &self.account_ids[a as usize]
    }

    pub fn holder(&self, a: AccountIx) -> &str {
        &self.holders[a as usize]
    }

    pub fn account(&self, id: &str) -> Option<AccountIx> {
        let id = id.trim();
        let h = hash_id(id);
        self.account_index
            .find(h, |&(eh, ix)| eh == h && self.account_ids[ix as usize] == id)
            .map(|&(_, ix)| ix)
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
