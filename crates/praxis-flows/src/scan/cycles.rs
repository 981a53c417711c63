//! Cycles and round-tripping: money goes round a closed chain of at least 3 distinct accounts.
//!
//! Rule `cycle.window`: the chain's transactions all lie within `cycle_window` and it has at
//! most `cycle_max_hops` hops. Laundering cycles need not respect time (each leg can be paid from
//! the member's own funds), so any order counts. Rule `cycle.round_trip`: the legs can be taken in
//! time order around the cycle and each leg's amount is within `round_trip_tolerance` below the
//! one before (fees and commissions): the same money came back.
//!
//! Search: the data is cut into slices of two windows, a window apart, so that every cycle whose
//! span is at most a window lies wholly in some slice. In each slice the graph of distinct
//! (payer, payee) pairs is split into strongly connected components, and the simple cycles of each
//! are enumerated from their smallest member, pruned by the hop distance back to it. Each cycle
//! takes, per leg, the transactions of the tightest span that has one for every leg.
//!
//! Evidence: how unlikely the cycle is among the slice's edges (per leg, the chance that a pair
//! of accounts with these degrees is linked, less the number of ways to choose the members), how
//! closed it is (the share of its members' activity in its span that it carries) and, for a round
//! trip, the chance of amounts so alike.

use rustc_hash::FxHashSet;

use super::common::{date, days, duration, fig, ratio, Ctx, Draft};
use super::{Alert, Typology, DAY};
use crate::graph::{AccountIx, TxIx};

/// A slice's graph of distinct pairs, with local node ids.
struct SliceGraph {
    accounts: Vec<AccountIx>,
    out_off: Vec<u32>,
    out: Vec<u32>,
    in_off: Vec<u32>,
    inn: Vec<u32>,
    /// Per pair edge (index into `out`): the slice's transactions of that pair, in time order.
    edge_txs: Vec<Vec<TxIx>>,
    /// Per pair edge: a standing relationship (recurring beyond the relationship window).
    standing: Vec<bool>,
    /// Per pair edge of `inn`: standing (same meaning, for the reverse adjacency).
    in_standing: Vec<bool>,
    /// Per node: it makes more unexplained payments in the slice than a conduit would, and is not
    /// followed.
    blocked: Vec<bool>,
}

impl SliceGraph {
    fn build(ctx: &Ctx<'_>, lo: usize, hi: usize, local: &mut [u32]) -> SliceGraph {
        let g = ctx.g;
        let mut accounts = Vec::new();
        let mut id = |a: AccountIx, accounts: &mut Vec<AccountIx>| {
            let slot = &mut local[a as usize];
            if *slot == u32::MAX {
                *slot = accounts.len() as u32;
                accounts.push(a);
            }
            *slot
        };
        let mut edges: Vec<(u32, u32, TxIx)> = Vec::with_capacity(hi - lo);
        for t in lo..hi {
            let (s, d) = (g.src[t], g.dst[t]);
            if s == d {
                continue;
            }
            let (ls, ld) = (id(s, &mut accounts), id(d, &mut accounts));
            edges.push((ls, ld, t as TxIx));
        }
        for &a in &accounts {
            local[a as usize] = u32::MAX;
        }
        edges.sort_unstable();
        let n = accounts.len();
        let mut out_off = vec![0u32; n + 1];
        let mut out = Vec::new();
        let mut edge_txs: Vec<Vec<TxIx>> = Vec::new();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for e in &edges {
            if pairs.last() != Some(&(e.0, e.1)) {
                pairs.push((e.0, e.1));
                out.push(e.1);
                edge_txs.push(Vec::new());
                out_off[e.0 as usize + 1] += 1;
            }
            edge_txs.last_mut().expect("edge").push(e.2);
        }
        for i in 0..n {
            out_off[i + 1] += out_off[i];
        }
        let mut in_off = vec![0u32; n + 1];
        for &(_, d) in &pairs {
            in_off[d as usize + 1] += 1;
        }
        for i in 0..n {
            in_off[i + 1] += in_off[i];
        }
        let standing: Vec<bool> = edge_txs
            .iter()
            .map(|txs| {
                // A leg is ordinary when the payer's ordinary activity explains all of its
                // transactions in the slice.
                txs.iter().all(|&t| ctx.explained(t))
            })
            .collect();
        let mut fill = in_off.clone();
        let mut inn = vec![0u32; pairs.len()];
        let mut in_standing = vec![false; pairs.len()];
        for (e, &(s, d)) in pairs.iter().enumerate() {
            inn[fill[d as usize] as usize] = s;
            in_standing[fill[d as usize] as usize] = standing[e];
            fill[d as usize] += 1;
        }
        let mut unexplained = vec![0usize; n];
        for (e, &(s, _)) in pairs.iter().enumerate() {
            unexplained[s as usize] += edge_txs[e].iter().filter(|&&t| !ctx.explained(t)).count();
        }
        let cap = 2 * ctx.p.conduit_max_payments;
        let blocked = unexplained.iter().map(|&u| u > cap).collect();
        SliceGraph { accounts, out_off, out, in_off, inn, edge_txs, standing, in_standing, blocked }
    }

    fn succ(&self, u: u32) -> std::ops::Range<usize> {
        self.out_off[u as usize] as usize..self.out_off[u as usize + 1] as usize
    }

    fn pred(&self, u: u32) -> &[u32] {
        &self.inn[self.in_off[u as usize] as usize..self.in_off[u as usize + 1] as usize]
    }

    fn pred_standing(&self, u: u32) -> &[bool] {
        &self.in_standing[self.in_off[u as usize] as usize..self.in_off[u as usize + 1] as usize]
    }

    fn out_degree(&self, u: u32) -> usize {
        self.succ(u).len()
    }

    fn in_degree(&self, u: u32) -> usize {
        self.pred(u).len()
    }

    /// Strongly connected components (iterative Tarjan): component id per node.
    fn components(&self) -> (Vec<u32>, Vec<u32>) {
        let n = self.accounts.len();
        let mut index = vec![u32::MAX; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut stack: Vec<u32> = Vec::new();
        let mut comp = vec![u32::MAX; n];
        let mut sizes: Vec<u32> = Vec::new();
        let mut next = 0u32;
        let mut call: Vec<(u32, usize)> = Vec::new();
        for root in 0..n as u32 {
            if index[root as usize] != u32::MAX {
                continue;
            }
            call.push((root, self.succ(root).start));
            index[root as usize] = next;
            low[root as usize] = next;
            next += 1;
            stack.push(root);
            on_stack[root as usize] = true;
            while let Some(&mut (u, ref mut pos)) = call.last_mut() {
                let end = self.succ(u).end;
                if *pos < end {
                    let w = self.out[*pos];
                    *pos += 1;
                    if index[w as usize] == u32::MAX {
                        index[w as usize] = next;
                        low[w as usize] = next;
                        next += 1;
                        stack.push(w);
                        on_stack[w as usize] = true;
                        call.push((w, self.succ(w).start));
                    } else if on_stack[w as usize] {
                        low[u as usize] = low[u as usize].min(index[w as usize]);
                    }
                } else {
                    call.pop();
                    if let Some(&(parent, _)) = call.last() {
                        low[parent as usize] = low[parent as usize].min(low[u as usize]);
                    }
                    if low[u as usize] == index[u as usize] {
                        let c = sizes.len() as u32;
                        let mut size = 0;
                        loop {
                            let w = stack.pop().expect("stack");
                            on_stack[w as usize] = false;
                            comp[w as usize] = c;
                            size += 1;
                            if w == u {
                                break;
                            }
                        }
                        sizes.push(size);
                    }
                }
            }
        }
        (comp, sizes)
    }
}

/// Enumerates simple cycles of 3..=`max_hops` nodes with at most `max_standing` legs over
/// standing relationships, each once (from its smallest node), calling `found` with the nodes and
/// the pair-edge indices in order. Stops after `cap` cycles; returns how many.
fn enumerate(
    sg: &SliceGraph,
    max_hops: usize,
    max_standing: usize,
    cap: usize,
    found: &mut dyn FnMut(&[u32], &[usize]),
) -> usize {
    let n = sg.accounts.len();
    let (comp, sizes) = sg.components();
    // dist[b][v]: fewest hops from v back to the start using at most b standing legs.
    let budgets = max_standing + 1;
    let mut dist = vec![vec![u32::MAX; n]; budgets];
    let mut on_path = vec![false; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut count = 0usize;
    let mut queue: Vec<(u32, usize)> = Vec::new();
    for s in 0..n as u32 {
        if sizes[comp[s as usize] as usize] < 3 || sg.blocked[s as usize] {
            continue;
        }
        let c = comp[s as usize];
        for &t in &touched {
            for d in dist.iter_mut() {
                d[t as usize] = u32::MAX;
            }
        }
        touched.clear();
        // Backwards breadth-first search over (node, standing legs used) states.
        queue.clear();
        dist[0][s as usize] = 0;
        touched.push(s);
        queue.push((s, 0));
        let mut head = 0;
        while head < queue.len() {
            let (u, used) = queue[head];
            head += 1;
            let du = dist[used][u as usize];
            if du as usize + 1 >= max_hops {
                continue;
            }
            for (&w, &st) in sg.pred(u).iter().zip(sg.pred_standing(u)) {
                let nu = used + st as usize;
                if nu >= budgets || w <= s || comp[w as usize] != c || sg.blocked[w as usize] {
                    continue;
                }
                if dist[nu][w as usize] == u32::MAX {
                    dist[nu][w as usize] = du + 1;
                    touched.push(w);
                    queue.push((w, nu));
                }
            }
        }
        // best[b][v]: fewest hops back with at most b standing legs.
        for &t in &touched {
            for b in 1..budgets {
                dist[b][t as usize] = dist[b][t as usize].min(dist[b - 1][t as usize]);
            }
        }
        // Depth-first search from s over nodes that can still get back in time and budget.
        let mut path: Vec<u32> = vec![s];
        let mut edges: Vec<usize> = Vec::new();
        let mut used_stack: Vec<usize> = vec![0];
        let mut iters: Vec<std::ops::Range<usize>> = vec![sg.succ(s)];
        on_path[s as usize] = true;
        while let Some(it) = iters.last_mut() {
            let Some(e) = it.next() else {
                iters.pop();
                let u = path.pop().expect("path");
                on_path[u as usize] = false;
                edges.pop();
                used_stack.pop();
                continue;
            };
            let used = *used_stack.last().expect("used") + sg.standing[e] as usize;
            if used > max_standing {
                continue;
            }
            let w = sg.out[e];
            let depth = path.len(); // hops after taking e
            if w == s {
                if depth >= 3 {
                    edges.push(e);
                    found(&path, &edges);
                    edges.pop();
                    count += 1;
                    if count >= cap {
                        for &u in &path {
                            on_path[u as usize] = false;
                        }
                        return count;
                    }
                }
                continue;
            }
            if w < s || on_path[w as usize] || sg.blocked[w as usize] {
                continue;
            }
            let back = dist[max_standing - used][w as usize];
            if back == u32::MAX || depth + back as usize > max_hops {
                continue;
            }
            on_path[w as usize] = true;
            path.push(w);
            edges.push(e);
            used_stack.push(used);
            iters.push(sg.succ(w));
        }
    }
    count
}

/// A cycle found: its accounts in order and, per leg, the chosen transactions.
struct Found {
    accounts: Vec<AccountIx>,
    /// Per leg (accounts[i] → accounts[i+1]), its transactions in the cycle's span.
    legs: Vec<Vec<TxIx>>,
    /// One transaction per leg: time-respecting from `start` if a round trip, else the span's.
    chosen: Vec<TxIx>,
    /// The leg at which a time-respecting tour starts, if there is one within the window.
    tour_start: Option<usize>,
    from: i64,
    to: i64,
    degree_surprise: f64,
}

/// The tightest span with one transaction per leg: (from, to).
fn tightest(ctx: &Ctx<'_>, legs: &[&[TxIx]]) -> (i64, i64) {
    let mut all: Vec<(i64, usize)> =
        legs.iter().enumerate().flat_map(|(i, l)| l.iter().map(move |&t| (ctx.ts(t), i))).collect();
    all.sort_unstable();
    let k = legs.len();
    let mut have = vec![0u32; k];
    let mut covered = 0;
    let mut best = (i64::MIN, i64::MAX);
    let mut left = 0;
    for right in 0..all.len() {
        let leg = all[right].1;
        if have[leg] == 0 {
            covered += 1;
        }
        have[leg] += 1;
        while covered == k {
            let (a, b) = (all[left].0, all[right].0);
            if (b as i128 - a as i128) < (best.1 as i128 - best.0 as i128) {
                best = (a, b);
            }
            let l = all[left].1;
            have[l] -= 1;
            if have[l] == 0 {
                covered -= 1;
            }
            left += 1;
        }
    }
    best
}

/// A time-respecting tour: from some leg, each next leg's transaction no earlier than the one
/// before, all within `window`. Returns (start leg, chosen transactions in leg order).
fn tour(ctx: &Ctx<'_>, legs: &[&[TxIx]], window: i64) -> Option<(usize, Vec<TxIx>)> {
    let k = legs.len();
    let mut best: Option<(i64, usize, Vec<TxIx>)> = None;
    for start in 0..k {
        for &t0 in legs[start] {
            let mut chosen = vec![0; k];
            chosen[start] = t0;
            let mut last = t0;
            let mut ok = true;
            for step in 1..k {
                let leg = (start + step) % k;
                match legs[leg].iter().copied().find(|&t| t > last) {
                    Some(t) if ctx.ts(t) - ctx.ts(t0) < window => {
                        chosen[leg] = t;
                        last = t;
                    }
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                let span = ctx.ts(last) - ctx.ts(t0);
                if best.as_ref().is_none_or(|b| span < b.0) {
                    best = Some((span, start, chosen));
                }
                break;
            }
        }
    }
    best.map(|b| (b.1, b.2))
}

pub(crate) fn detect(ctx: &Ctx<'_>) -> Vec<Alert> {
    let p = ctx.p;
    let w = p.cycle_window.max(1);
    let mut starts = Vec::new();
    let mut slice_start = ctx.t_first;
    loop {
        starts.push(slice_start);
        if slice_start.saturating_add(2 * w) > ctx.t_last {
            break;
        }
        slice_start += w;
    }
    // Slices in parallel; then each cycle and chain once, in slice order.
    let per_slice: Vec<(Vec<Found>, Vec<Chain>)> =
        super::common::par_blocks(starts.len(), 1, |r| r.map(|i| slice(ctx, starts[i])).collect());
    let mut seen: FxHashSet<(Vec<AccountIx>, i64)> = FxHashSet::default();
    let mut found: Vec<Found> = Vec::new();
    let mut seen_chains: FxHashSet<(Vec<AccountIx>, i64)> = FxHashSet::default();
    let mut chain_found: Vec<Chain> = Vec::new();
    for (f, c) in per_slice {
        found.extend(f.into_iter().filter(|x| seen.insert((x.accounts.clone(), x.from))));
        chain_found.extend(c.into_iter().filter(|x| seen_chains.insert((x.accounts.clone(), x.from))));
    }
    let mut out: Vec<Alert> = found.iter().map(|f| alert(ctx, f)).collect();
    // A chain that is mostly part of a cycle, or of a longer chain, is the same pattern seen in
    // another slice: keep the cycle, or the longest chain.
    let mut covered: FxHashSet<TxIx> = found.iter().flat_map(|f| f.legs.iter().flatten().copied()).collect();
    chain_found.sort_by(|a, b| b.legs.len().cmp(&a.legs.len()).then(a.from.cmp(&b.from)));
    for c in &chain_found {
        let txs: Vec<TxIx> = c.legs.iter().flatten().copied().collect();
        let inside = txs.iter().filter(|t| covered.contains(t)).count();
        if 2 * inside >= txs.len() {
            continue;
        }
        covered.extend(txs);
        out.push(chain_alert(ctx, c));
    }
    out
}

/// The cycles and open chains of the slice of two windows from `slice_start`.
fn slice(ctx: &Ctx<'_>, slice_start: i64) -> (Vec<Found>, Vec<Chain>) {
    let p = ctx.p;
    let w = p.cycle_window.max(1);
    let max_hops = p.cycle_max_hops.max(3);
    let g = ctx.g;
    let lo = g.ts.partition_point(|&t| t < slice_start).max(ctx.lo as usize);
    let hi = g.ts.partition_point(|&t| t < slice_start.saturating_add(2 * w)).min(ctx.hi as usize);
    let mut found: Vec<Found> = Vec::new();
    if lo >= hi {
        return (found, Vec::new());
    }
    let mut local = vec![u32::MAX; g.account_count()];
    let sg = SliceGraph::build(ctx, lo, hi, &mut local);
    let e_total = sg.out.len().max(1) as f64;
    let n_nodes = sg.accounts.len().max(1) as f64;
    let mut on_cycle = vec![false; sg.accounts.len()];
    enumerate(&sg, max_hops, p.cycle_max_standing_legs, p.cycle_max_per_slice, &mut |path, edges| {
        let legs: Vec<&[TxIx]> = edges.iter().map(|&e| sg.edge_txs[e].as_slice()).collect();
        let (from, to) = tightest(ctx, &legs);
        if to - from >= w {
            return;
        }
        let k = path.len();
        for &u in path {
            on_cycle[u as usize] = true;
        }
        // Rotate so that the smallest account comes first: one key per cycle whatever the slice.
        let r = (0..k).min_by_key(|&i| sg.accounts[path[i] as usize]).expect("cycle");
        let path: Vec<u32> = (0..k).map(|i| path[(r + i) % k]).collect();
        let edges: Vec<usize> = (0..k).map(|i| edges[(r + i) % k]).collect();
        let legs: Vec<&[TxIx]> = edges.iter().map(|&e| sg.edge_txs[e].as_slice()).collect();
        let accounts: Vec<AccountIx> = path.iter().map(|&u| sg.accounts[u as usize]).collect();
        // Chance that a pair with these degrees is linked, per leg; less the ways to choose k
        // members among the slice's accounts (in nats).
        let mut degree_surprise = 0.0;
        for i in 0..k {
            let (u, v) = (path[i], path[(i + 1) % k]);
            let pr = (sg.out_degree(u) * sg.in_degree(v)) as f64 / e_total;
            degree_surprise += -(pr.min(1.0)).ln();
        }
        degree_surprise -= k as f64 * (e_total / n_nodes).max(1.0).ln();
        let in_span: Vec<Vec<TxIx>> = legs
            .iter()
            .map(|l| l.iter().copied().filter(|&t| (from..=to).contains(&ctx.ts(t))).collect())
            .collect();
        let spans: Vec<&[TxIx]> = in_span.iter().map(|v| v.as_slice()).collect();
        let (tour_start, chosen) = match tour(ctx, &spans, w) {
            Some((s, c)) => (Some(s), c),
            None => (None, spans.iter().map(|l| l[0]).collect()),
        };
        found.push(Found { accounts, legs: in_span, chosen, tour_start, from, to, degree_surprise });
    });
    let chains = if p.cycle_min_chain_hops >= 2 {
        chains(ctx, &sg, &on_cycle, w, max_hops, p.cycle_min_chain_hops)
    } else {
        Vec::new()
    };
    (found, chains)
}

/// Share of each member's transactions around the cycle's span that the cycle carries
/// (geometric mean): 1 when the members did nothing else then.
fn closure(ctx: &Ctx<'_>, f: &Found) -> f64 {
    let margin = DAY;
    let (from, to) = (f.from - margin, f.to + margin + 1);
    let k = f.accounts.len();
    let mut ln_sum = 0.0;
    for (i, &a) in f.accounts.iter().enumerate() {
        let own = f.legs[i].len() + f.legs[(i + k - 1) % k].len();
        let all = ctx.between(ctx.outgoing(a), from, to).len() + ctx.between(ctx.incoming(a), from, to).len();
        ln_sum += (own as f64 / all.max(own) as f64).ln();
    }
    (ln_sum / k as f64).exp()
}

/// The cycle told from the payer of its first leg: the tour's start for a time-respecting cycle,
/// else the leg with the earliest transaction.
fn rotated(ctx: &Ctx<'_>, f: &Found) -> Found {
    let k = f.accounts.len();
    let r = f.tour_start.unwrap_or_else(|| {
        (0..k).min_by_key(|&i| f.legs[i].iter().copied().min().map(|t| (ctx.ts(t), t))).expect("legs")
    });
    let rot = |i: usize| (r + i) % k;
    Found {
        accounts: (0..k).map(|i| f.accounts[rot(i)]).collect(),
        legs: (0..k).map(|i| f.legs[rot(i)].clone()).collect(),
        chosen: (0..k).map(|i| f.chosen[rot(i)]).collect(),
        tour_start: f.tour_start.map(|_| 0),
        from: f.from,
        to: f.to,
        degree_surprise: f.degree_surprise,
    }
}

fn alert(ctx: &Ctx<'_>, f: &Found) -> Alert {
    let p = ctx.p;
    let f = &rotated(ctx, f);
    let k = f.accounts.len();
    let closure = closure(ctx, f);
    let txs: Vec<TxIx> = f.legs.iter().flatten().copied().collect();
    // Round trip: a time-respecting tour whose amounts decay within the tolerance.
    let mut round_trip = None;
    if let Some(start) = f.tour_start {
        let amounts: Vec<i64> = (0..k).map(|i| ctx.amount(f.chosen[(start + i) % k])).collect();
        let tol = p.round_trip_tolerance;
        let decaying = amounts.windows(2).all(|w| {
            let (a, b) = (w[0] as f64, w[1] as f64);
            b <= a && b >= a * (1.0 - tol)
        });
        if decaying {
            round_trip = Some((start, amounts));
        }
    }
    // Evidence: structure (degree surprise), weighed by closure; a round trip adds the chance of
    // k − 1 amounts each within the tolerance of the one before, uniform over a decade.
    let mut evidence = f.degree_surprise.max(0.0) * closure;
    if round_trip.is_some() {
        let per_leg = (-(1.0 - p.round_trip_tolerance.clamp(0.0, 0.99)).ln() / 10f64.ln()).clamp(1e-6, 1.0);
        evidence += -(per_leg.ln()) * (k - 1) as f64 * closure;
    }
    let names: Vec<&str> = f.accounts.iter().map(|&a| ctx.id(a)).collect();
    let mut chain = names.join(" → ");
    chain.push_str(&format!(" → {}", names[0]));
    let amount = ctx.money(f.chosen.iter().copied());
    let mut figures = vec![
        fig("accounts_in_cycle", k),
        fig("hops", k),
        fig("transactions", txs.len()),
        fig("first", date(f.from)),
        fig("last", date(f.to)),
        fig("span_days", days(f.to - f.from)),
        fig("closure", ratio(closure)),
        fig("degree_surprise_nats", format!("{:.1}", f.degree_surprise)),
        fig("time_respecting", f.tour_start.is_some()),
    ];
    let mut explanation = format!(
        "Money went round a closed chain of {k} accounts, {chain}, within {} ({} to {}); one transfer per leg totals {amount}. \
         The members' other activity around that span is small: the cycle carries {:.0}% of it.",
        duration(f.to - f.from),
        date(f.from),
        date(f.to),
        closure * 100.0
    );
    let rule = match &round_trip {
        Some((start, amounts)) => {
            let origin = ctx.id(f.accounts[*start]);
            let back = *amounts.last().expect("amounts");
            let out = amounts[0];
            let t0 = f.chosen[*start];
            figures.push(fig("round_trip_origin", origin));
            figures.push(fig("sent", ctx.money([t0])));
            figures.push(fig("returned", ctx.money([f.chosen[(*start + k - 1) % k]])));
            figures.push(fig("returned_share", ratio(back as f64 / out.max(1) as f64)));
            explanation.push_str(&format!(
                " It is a round trip: taken in time order from {origin}, each leg pays on what the previous leg brought, \
                 and {:.0}% of what {origin} sent came back to it.",
                back as f64 / out.max(1) as f64 * 100.0
            ));
            "cycle.round_trip"
        }
        None => {
            if f.tour_start.is_some() {
                explanation.push_str(" The legs can be taken in time order around the cycle.");
            }
            "cycle.window"
        }
    };
    Draft {
        typology: Typology::Cycle,
        evidence,
        transactions: txs,
        principal: f.accounts.clone(),
        rule,
        figures,
        explanation,
    }
    .finish(ctx.g)
}

/// An open chain: a path of unexplained payments through distinct accounts.
struct Chain {
    accounts: Vec<AccountIx>,
    legs: Vec<Vec<TxIx>>,
    from: i64,
    to: i64,
    degree_surprise: f64,
}

/// Steps of depth-first search allowed per component when looking for its longest chain.
const CHAIN_STEPS: usize = 100_000;

/// Per weakly connected component of the slice's unexplained payments that holds no cycle, its
/// longest simple path (at most `max_hops` legs, within `window`) if it has `min_hops` legs.
fn chains(
    ctx: &Ctx<'_>,
    sg: &SliceGraph,
    on_cycle: &[bool],
    window: i64,
    max_hops: usize,
    min_hops: usize,
) -> Vec<Chain> {
    let n = sg.accounts.len();
    // Union-find over unexplained edges.
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    let mut has_in = vec![false; n];
    for u in 0..n as u32 {
        if sg.blocked[u as usize] {
            continue;
        }
        for e in sg.succ(u) {
            if !sg.standing[e] && !sg.blocked[sg.out[e] as usize] {
                let v = sg.out[e];
                has_in[v as usize] = true;
                let (a, b) = (find(&mut parent, u), find(&mut parent, v));
                if a != b {
                    parent[a as usize] = b;
                }
            }
        }
    }
    let mut members: rustc_hash::FxHashMap<u32, Vec<u32>> = Default::default();
    for u in 0..n as u32 {
        let r = find(&mut parent, u);
        members.entry(r).or_default().push(u);
    }
    let mut comps: Vec<Vec<u32>> = members.into_values().filter(|m| m.len() > min_hops).collect();
    comps.sort_unstable();
    let leg_time = |e: usize| -> (i64, i64) {
        let txs = &sg.edge_txs[e];
        (ctx.ts(txs[0]), ctx.ts(*txs.last().expect("txs")))
    };
    let e_total = sg.out.len().max(1) as f64;
    let n_nodes = n.max(1) as f64;
    let mut out = Vec::new();
    let mut on_path = vec![false; n];
    for comp in comps {
        if comp.iter().any(|&u| on_cycle[u as usize]) {
            continue;
        }
        // Start from sources (no unexplained payment in), or anywhere in a small component.
        let starts: Vec<u32> = if comp.len() <= 64 {
            comp.clone()
        } else {
            comp.iter().copied().filter(|&u| !has_in[u as usize]).collect()
        };
        let mut best: Option<(Vec<u32>, Vec<usize>, i64)> = None;
        let mut steps = 0usize;
        'starts: for &s in &starts {
            let mut path = vec![s];
            let mut edges: Vec<usize> = Vec::new();
            // (iterator, earliest latest-time, latest earliest-time) per depth
            let mut iters: Vec<(std::ops::Range<usize>, i64, i64)> = vec![(sg.succ(s), i64::MAX, i64::MIN)];
            on_path[s as usize] = true;
            while let Some((it, lo, hi)) = iters.last_mut() {
                let (lo, hi) = (*lo, *hi);
                let Some(e) = it.next() else {
                    iters.pop();
                    let u = path.pop().expect("path");
                    on_path[u as usize] = false;
                    edges.pop();
                    continue;
                };
                steps += 1;
                if steps > CHAIN_STEPS {
                    for &u in &path {
                        on_path[u as usize] = false;
                    }
                    break 'starts;
                }
                let v = sg.out[e];
                if sg.standing[e] || on_path[v as usize] || sg.blocked[v as usize] || path.len() > max_hops {
                    continue;
                }
                let (first, last) = leg_time(e);
                let (nlo, nhi) = (lo.min(last), hi.max(first));
                if nhi != i64::MIN && nlo != i64::MAX && nhi - nlo >= window {
                    continue;
                }
                path.push(v);
                edges.push(e);
                on_path[v as usize] = true;
                let better = best.as_ref().is_none_or(|b| edges.len() > b.1.len());
                if better && edges.len() >= min_hops {
                    best = Some((path.clone(), edges.clone(), nhi - nlo));
                }
                if path.len() <= max_hops {
                    iters.push((sg.succ(v), nlo, nhi));
                } else {
                    path.pop();
                    edges.pop();
                    on_path[v as usize] = false;
                }
            }
        }
        let Some((path, edges, _)) = best else { continue };
        let legs: Vec<&[TxIx]> = edges.iter().map(|&e| sg.edge_txs[e].as_slice()).collect();
        let (from, to) = tightest(ctx, &legs);
        if to - from >= window {
            continue;
        }
        let legs: Vec<Vec<TxIx>> = legs
            .iter()
            .map(|l| l.iter().copied().filter(|&t| (from..=to).contains(&ctx.ts(t))).collect())
            .collect();
        let k = edges.len();
        let mut degree_surprise = 0.0;
        for i in 0..k {
            let (u, v) = (path[i], path[i + 1]);
            let pr = (sg.out_degree(u) * sg.in_degree(v)) as f64 / e_total;
            degree_surprise += -(pr.min(1.0)).ln();
        }
        degree_surprise -= k as f64 * (e_total / n_nodes).max(1.0).ln();
        let accounts = path.iter().map(|&u| sg.accounts[u as usize]).collect();
        out.push(Chain { accounts, legs, from, to, degree_surprise });
    }
    out
}

fn chain_alert(ctx: &Ctx<'_>, c: &Chain) -> Alert {
    let k = c.legs.len();
    // Closure: share of each member's activity around the span that the chain carries.
    let (from, to) = (c.from - DAY, c.to + DAY + 1);
    let mut ln_sum = 0.0;
    for (i, &a) in c.accounts.iter().enumerate() {
        let own = if i < k { c.legs[i].len() } else { 0 } + if i > 0 { c.legs[i - 1].len() } else { 0 };
        let all = ctx.between(ctx.outgoing(a), from, to).len() + ctx.between(ctx.incoming(a), from, to).len();
        ln_sum += (own as f64 / all.max(own).max(1) as f64).ln();
    }
    let closure = (ln_sum / c.accounts.len() as f64).exp();
    let txs: Vec<TxIx> = c.legs.iter().flatten().copied().collect();
    let names: Vec<&str> = c.accounts.iter().map(|&a| ctx.id(a)).collect();
    let figures = vec![
        fig("accounts_in_chain", c.accounts.len()),
        fig("hops", k),
        fig("transactions", txs.len()),
        fig("first", date(c.from)),
        fig("last", date(c.to)),
        fig("span_days", days(c.to - c.from)),
        fig("closure", ratio(closure)),
        fig("degree_surprise_nats", format!("{:.1}", c.degree_surprise)),
    ];
    let explanation = format!(
        "Money was passed along a chain of {} accounts, {}, within {} ({} to {}), each payment outside its payer's \
         ordinary activity; amount {}. The chain does not (yet) close back on {}: an unfinished cycle, or layering \
         through a line of accounts. It carries {:.0}% of its members' activity around that span.",
        c.accounts.len(),
        names.join(" → "),
        duration(c.to - c.from),
        date(c.from),
        date(c.to),
        ctx.money(txs.iter().copied()),
        names[0],
        closure * 100.0
    );
    Draft {
        typology: Typology::Cycle,
        evidence: c.degree_surprise.max(0.0) * closure,
        transactions: txs,
        principal: c.accounts.clone(),
        rule: "cycle.open_chain",
        figures,
        explanation,
    }
    .finish(ctx.g)
}
