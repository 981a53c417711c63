//! Fast graph primitives that typologies and benchmarks build on: rolling counts per receiver and
//! bounded simple-cycle counting. Single passes over compact arrays; no hashing in inner loops.

use crate::graph::{AccountIx, TxGraph};
use crate::window::Window;

/// For each transaction (indexed in the graph's time order; map back with `g.tx_id` or
/// `g.input_pos`), the number of transactions into the same receiver with a timestamp in
/// `[ts - window_ms, ts]`, itself included.
///
/// Both bounds are inclusive, and every transaction at the same timestamp counts, later ones in
/// input order too: exactly SQL's `COUNT(*) OVER (PARTITION BY receiver ORDER BY ts RANGE BETWEEN
/// window PRECEDING AND CURRENT ROW)`, where the current row's peers belong to the frame. A
/// negative `window_ms` counts as 0 (peers only).
pub fn rolling_count_in(g: &TxGraph, window_ms: i64) -> Vec<u32> {
    let window_ms = window_ms.max(0);
    let mut out = vec![0u32; g.tx_count()];
    // The receiver's timestamps, gathered once so the two pointers walk contiguous memory.
    let mut ts: Vec<i64> = Vec::new();
    for a in 0..g.account_count() as AccountIx {
        let list = g.incoming(a);
        if list.is_empty() {
            continue;
        }
        ts.clear();
        ts.extend(list.iter().map(|&t| g.ts[t as usize]));
        let mut lo = 0;
        let mut i = 0;
        while i < list.len() {
            let now = ts[i];
            let mut j = i + 1;
            while j < ts.len() && ts[j] == now {
                j += 1;
            }
            let from = now.saturating_sub(window_ms);
            while ts[lo] < from {
                lo += 1;
            }
            let count = (j - lo) as u32;
            for &t in &list[i..j] {
                out[t as usize] = count;
            }
            i = j;
        }
    }
    out
}

/// The number of simple directed cycles with `min_len..=max_len` edges in the window's subgraph,
/// with parallel transactions merged into one edge and self-payments left out (cycles of length
/// 1 never count). Each cycle counts once, whatever vertex it is read from.
///
/// Method: the deduplicated window subgraph as a compact CSR; only edges inside one strongly
/// connected component can lie on a cycle, so the rest is dropped; vertices are renumbered by
/// decreasing degree; then, from each start vertex `s`, a depth-first search over vertices
/// numbered above `s` (so each cycle is found only from its smallest vertex), pruned by the
/// distance back to `s` (a breadth-first search over reversed edges), so that no path is extended
/// that cannot close within the length bound.
pub fn simple_cycle_count(g: &TxGraph, window: Window, min_len: usize, max_len: usize) -> u64 {
    let min_len = min_len.max(2);
    let range = g.tx_range(window);
    if range.is_empty() || max_len < min_len {
        return 0;
    }

    // Compact vertex ids for the accounts in the window (a dense map: one memset of 4 bytes per
    // account is cheaper than sorting and searching, even for a small window of a large graph);
    // deduplicated edges without self-loops.
    let mut local = vec![u32::MAX; g.account_count()];
    let mut n: u32 = 0;
    let mut edges: Vec<u64> = Vec::with_capacity(range.len());
    for t in range {
        let (s, d) = (g.src[t], g.dst[t]);
        if s == d {
            continue;
        }
        let ls = intern(&mut local, &mut n, s);
        let ld = intern(&mut local, &mut n, d);
        edges.push((ls as u64) << 32 | ld as u64);
    }
    drop(local);
    edges.sort_unstable();
    edges.dedup();
    let graph = Csr::from_sorted_pairs(n as usize, &edges);

    // Only edges within a strongly connected component can be on a cycle.
    let comp = strongly_connected_components(&graph);
    let mut degree = vec![0u32; n as usize];
    edges.retain(|&e| {
        let (u, v) = ((e >> 32) as usize, (e & 0xffff_ffff) as usize);
        let keep = comp[u] == comp[v];
        if keep {
            degree[u] += 1;
            degree[v] += 1;
        }
        keep
    });
    if edges.is_empty() {
        return 0;
    }

    // Renumber the remaining vertices by decreasing degree: a hub is a start vertex early and is
    // then out of every later search.
    let mut order: Vec<u32> = (0..n).filter(|&v| degree[v as usize] > 0).collect();
    order.sort_unstable_by_key(|&v| (std::cmp::Reverse(degree[v as usize]), v));
    let m = order.len();
    let mut rank = vec![u32::MAX; n as usize];
    for (i, &v) in order.iter().enumerate() {
        rank[v as usize] = i as u32;
    }
    let mut fwd: Vec<u64> = edges
        .iter()
        .map(|&e| (rank[(e >> 32) as usize] as u64) << 32 | rank[(e & 0xffff_ffff) as usize] as u64)
        .collect();
    fwd.sort_unstable();
    let out = Csr::from_sorted_pairs(m, &fwd);
    let mut rev: Vec<u64> = fwd.iter().map(|&e| e.rotate_left(32)).collect();
    rev.sort_unstable();
    let inc = Csr::from_sorted_pairs(m, &rev);
    drop((fwd, rev, edges));

    let max_len = max_len.min(m);
    if max_len < min_len {
        return 0;
    }
    let mut search = CycleSearch {
        out: &out,
        dist: vec![u32::MAX; m],
        on_path: vec![false; m],
        queue: Vec::new(),
        stack: Vec::with_capacity(max_len + 1),
        min_len,
        max_len,
    };
    let mut count = 0u64;
    for s in 0..m as u32 {
        // Neighbour lists are sorted: a cycle through `s` above `s` needs a last element above it.
        let (o, i) = (out.neighbours(s), inc.neighbours(s));
        if o.last().is_none_or(|&v| v < s) || i.last().is_none_or(|&v| v < s) {
            continue;
        }
        search.distances_to(s, &inc);
        count += search.cycles_from(s);
        search.clear();
    }
    count
}

fn intern(local: &mut [u32], n: &mut u32, a: AccountIx) -> u32 {
    let slot = &mut local[a as usize];
    if *slot == u32::MAX {
        *slot = *n;
        *n += 1;
    }
    *slot
}

/// Compressed sparse rows over dense vertex ids; each neighbour list is sorted ascending.
struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    /// From `(source << 32 | target)` pairs sorted ascending.
    fn from_sorted_pairs(n: usize, pairs: &[u64]) -> Csr {
        let mut offsets = vec![0u32; n + 1];
        for &e in pairs {
            offsets[(e >> 32) as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let targets = pairs.iter().map(|&e| (e & 0xffff_ffff) as u32).collect();
        Csr { offsets, targets }
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn neighbours(&self, v: u32) -> &[u32] {
        &self.targets[self.offsets[v as usize] as usize..self.offsets[v as usize + 1] as usize]
    }
}

/// Tarjan's algorithm, iterative; returns a component id per vertex.
fn strongly_connected_components(g: &Csr) -> Vec<u32> {
    const NONE: u32 = u32::MAX;
    let n = g.len();
    let mut index = vec![NONE; n];
    let mut low = vec![0u32; n];
    let mut comp = vec![NONE; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    // (vertex, position of the next edge to look at)
    let mut calls: Vec<(u32, u32)> = Vec::new();
    let mut next_index = 0u32;
    let mut next_comp = 0u32;
    for root in 0..n as u32 {
        if index[root as usize] != NONE {
            continue;
        }
        index[root as usize] = next_index;
        low[root as usize] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root as usize] = true;
        calls.push((root, g.offsets[root as usize]));
        while let Some(&mut (v, ref mut pos)) = calls.last_mut() {
            let end = g.offsets[v as usize + 1];
            if *pos < end {
                let w = g.targets[*pos as usize];
                *pos += 1;
                if index[w as usize] == NONE {
                    index[w as usize] = next_index;
                    low[w as usize] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w as usize] = true;
                    calls.push((w, g.offsets[w as usize]));
                } else if on_stack[w as usize] {
                    low[v as usize] = low[v as usize].min(index[w as usize]);
                }
                continue;
            }
            calls.pop();
            if low[v as usize] == index[v as usize] {
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    comp[w as usize] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
            if let Some(&(parent, _)) = calls.last() {
                low[parent as usize] = low[parent as usize].min(low[v as usize]);
            }
        }
    }
    comp
}

/// Scratch space for the per-start searches, reset after each.
struct CycleSearch<'a> {
    out: &'a Csr,
    /// Fewest edges from a vertex back to the start, over vertices above the start.
    dist: Vec<u32>,
    on_path: Vec<bool>,
    /// The vertices whose `dist` was set (the BFS queue, kept for the reset).
    queue: Vec<u32>,
    /// (vertex, position of the next neighbour to look at, counting down).
    stack: Vec<(u32, u32)>,
    min_len: usize,
    max_len: usize,
}

impl CycleSearch<'_> {
    /// Breadth-first over reversed edges from `s`, through vertices above `s`, to depth
    /// `max_len - 1`.
    fn distances_to(&mut self, s: u32, inc: &Csr) {
        self.dist[s as usize] = 0;
        self.queue.push(s);
        let mut head = 0;
        while head < self.queue.len() {
            let u = self.queue[head];
            head += 1;
            let du = self.dist[u as usize];
            if du as usize + 1 >= self.max_len {
                continue;
            }
            for &w in inc.neighbours(u).iter().rev() {
                if w <= s {
                    break;
                }
                if self.dist[w as usize] == u32::MAX {
                    self.dist[w as usize] = du + 1;
                    self.queue.push(w);
                }
            }
        }
    }

    fn clear(&mut self) {
        for &v in &self.queue {
            self.dist[v as usize] = u32::MAX;
        }
        self.queue.clear();
    }

    /// Counts the cycles whose smallest vertex is `s`.
    fn cycles_from(&mut self, s: u32) -> u64 {
        let out = self.out;
        let mut count = 0u64;
        self.on_path[s as usize] = true;
        self.stack.push((s, out.offsets[s as usize + 1]));
        while let Some(&mut (u, ref mut pos)) = self.stack.last_mut() {
            let start = out.offsets[u as usize];
            // Neighbours are sorted: walk down from the largest and stop below `s`.
            let v = if *pos > start { out.targets[*pos as usize - 1] } else { u32::MAX };
            if v == u32::MAX || v < s {
                self.stack.pop();
                self.on_path[u as usize] = false;
                continue;
            }
            *pos -= 1;
            // The path would have `len` edges on reaching `v`.
            let len = self.stack.len();
            if v == s {
                if len >= self.min_len {
                    count += 1;
                }
                continue;
            }
            if self.on_path[v as usize] {
                continue;
            }
            let left = self.max_len - len;
            let dv = self.dist[v as usize];
            if dv as usize > left {
                continue;
            }
            if left == 1 {
                // `v` can only close the cycle directly, and `dist == 1` says that it can.
                if len + 1 >= self.min_len {
                    count += 1;
                }
                continue;
            }
            self.on_path[v as usize] = true;
            self.stack.push((v, out.offsets[v as usize + 1]));
        }
        count
    }
}
