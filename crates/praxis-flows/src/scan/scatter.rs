//! Scatter-gather and gather-scatter.
//!
//! - `scatter_gather.paths`: one source pays at least `scatter_min_branches` distinct
//!   intermediaries, each of which then pays the same sink, all within `scatter_window`
//!   (structuring through mules: the money splits and joins again).
//! - `gather_scatter.hub`: distinct senders pay one account, which pays distinct recipients, all
//!   within `scatter_window`; at least `scatter_min_branches` − 1 on each side and
//!   2·`scatter_min_branches` − 1 in all (2 senders and 3 recipients, or 3 and 2, by default).
//!
//! Only payments that the payer's ordinary activity does not explain (its schedule, a standing
//! relationship: see `fan`) form these patterns, except on a gather-scatter's scatter side: there
//! a hub's ordinary payment counts too when it carries the gathered money on (first in, first
//! out, within `pass_dwell`: what leaves is what came in, whoever it is paid to); an intermediary or hub that makes more than
//! `conduit_max_payments` such payments in the window is not a conduit and is not followed.
//!
//! Evidence: per leg, how unlikely a link between accounts with these activities is in the span
//! (less the cost of choosing the members), weighed by how closed the pattern is (the share of its
//! members' activity in the span that it carries), how cleanly it splits in two phases (all of
//! the first phase before all of the second) and, for gather-scatter, how balanced it is (senders
//! against recipients, money in against money out).

use rustc_hash::{FxHashMap, FxHashSet};

use super::common::{date, days, duration, fig, ratio, withdrawn, Ctx, Draft};
use super::{Alert, Typology};
use crate::graph::{AccountIx, TxIx};

/// One path source → intermediary → sink.
#[derive(Debug, Clone, Copy)]
struct Path {
    mid: AccountIx,
    first: TxIx,
    second: TxIx,
}

/// Activity of `a` (transactions in and out) with `from <= ts <= to`.
fn activity(ctx: &Ctx<'_>, a: AccountIx, from: i64, to: i64) -> (usize, usize) {
    (ctx.between(ctx.outgoing(a), from, to + 1).len(), ctx.between(ctx.incoming(a), from, to + 1).len())
}

/// Surprise (nats) of the legs among accounts of these activities in the span, less the cost of
/// choosing `members` accounts: Σ −ln min(1, out(u)·in(v)/E) − members·ln(E/N), where E is the
/// number of transactions in the span and N the accounts active in the data.
fn structure_surprise(
    ctx: &Ctx<'_>,
    legs: &[(AccountIx, AccountIx)],
    members: usize,
    from: i64,
    to: i64,
) -> f64 {
    let e = ctx.between_all(from, to + 1).max(1) as f64;
    let per_member = (e / ctx.active_accounts().max(1) as f64).max(1.0).ln();
    let mut memo: FxHashMap<AccountIx, (usize, usize)> = FxHashMap::default();
    let mut s = 0.0;
    for &(u, v) in legs {
        let out_u = memo.entry(u).or_insert_with(|| activity(ctx, u, from, to)).0.max(1);
        let in_v = memo.entry(v).or_insert_with(|| activity(ctx, v, from, to)).1.max(1);
        s += -((out_u * in_v) as f64 / e).min(1.0).ln();
    }
    s - members as f64 * per_member
}

/// Share of the first-phase times no later than every second-phase time.
fn phase_order(first: &[i64], second: &[i64]) -> f64 {
    let mut b = second.to_vec();
    b.sort_unstable();
    let mut ok = 0usize;
    for &a in first {
        ok += b.len() - b.partition_point(|&x| x < a);
    }
    ok as f64 / (first.len() * second.len()).max(1) as f64
}

/// Geometric mean over members of the share of their activity in the span the pattern carries.
fn closure(ctx: &Ctx<'_>, own: &FxHashMap<AccountIx, usize>, from: i64, to: i64) -> f64 {
    let margin = super::DAY;
    let mut ln_sum = 0.0;
    for (&a, &n) in own {
        let (o, i) = activity(ctx, a, from - margin, to + margin);
        ln_sum += (n as f64 / (o + i).max(n).max(1) as f64).ln();
    }
    (ln_sum / own.len().max(1) as f64).exp()
}

pub(crate) fn scatter_gather(ctx: &Ctx<'_>) -> Vec<Alert> {
    let p = ctx.p;
    let w = p.scatter_window.max(1);
    let min_k = p.scatter_min_branches.max(2);
    ctx.par_accounts(|range| {
        let mut out = Vec::new();
        let mut by_sink: FxHashMap<AccountIx, Vec<Path>> = FxHashMap::default();
        for s in range {
            let pays = ctx.outgoing(s);
            if pays.len() < min_k {
                continue;
            }
            by_sink.clear();
            for &e1 in pays {
                let m = ctx.g.dst[e1 as usize];
                if m == s || ctx.explained(e1) {
                    continue;
                }
                let t1 = ctx.ts(e1);
                let m_out = ctx.outgoing(m);
                let after = m_out.partition_point(|&t| t <= e1);
                let end = m_out.partition_point(|&t| ctx.ts(t) < t1 + w);
                if end <= after || end - after > 4 * p.conduit_max_payments {
                    continue;
                }
                let onward = m_out[after..end].iter().filter(|&&t| !ctx.explained(t)).count();
                if onward == 0 || onward > p.conduit_max_payments {
                    continue;
                }
                for &e2 in &m_out[after..end] {
                    let t = ctx.g.dst[e2 as usize];
                    if t == s || t == m || ctx.explained(e2) {
                        continue;
                    }
                    by_sink.entry(t).or_default().push(Path { mid: m, first: e1, second: e2 });
                }
            }
            let mut sinks: Vec<AccountIx> = by_sink.keys().copied().collect();
            sinks.sort_unstable();
            for t in sinks {
                let paths = &by_sink[&t];
                let mids: FxHashSet<AccountIx> = paths.iter().map(|x| x.mid).collect();
                if mids.len() < min_k {
                    continue;
                }
                for group in windows(ctx, paths, w, min_k) {
                    out.push(sg_alert(ctx, s, t, &group));
                }
            }
        }
        out
    })
}

/// Disjoint groups of paths spanning less than `w` with at least `min_k` distinct
/// intermediaries, largest first.
fn windows(ctx: &Ctx<'_>, paths: &[Path], w: i64, min_k: usize) -> Vec<Vec<Path>> {
    let mut ps = paths.to_vec();
    ps.sort_by_key(|x| (ctx.ts(x.first), x.first, x.second));
    let mut used = vec![false; ps.len()];
    let mut groups = Vec::new();
    loop {
        let mut best: Option<(usize, usize, usize)> = None; // (distinct, start, end)
        for i in 0..ps.len() {
            if used[i] {
                continue;
            }
            let start = ctx.ts(ps[i].first);
            let mut mids = FxHashSet::default();
            let mut end = i;
            for (j, x) in ps.iter().enumerate().skip(i) {
                if ctx.ts(x.first) - start >= w {
                    break;
                }
                if used[j] || ctx.ts(x.second) - start >= w {
                    continue;
                }
                mids.insert(x.mid);
                end = j;
            }
            if mids.len() >= min_k && best.is_none_or(|b| mids.len() > b.0) {
                best = Some((mids.len(), i, end));
            }
        }
        let Some((_, i, end)) = best else { break };
        let start = ctx.ts(ps[i].first);
        let mut group = Vec::new();
        for j in i..=end {
            if !used[j] && ctx.ts(ps[j].second) - start < w {
                used[j] = true;
                group.push(ps[j]);
            }
        }
        groups.push(group);
    }
    groups
}

fn sg_alert(ctx: &Ctx<'_>, s: AccountIx, t: AccountIx, group: &[Path]) -> Alert {
    let mut txs: Vec<TxIx> = group.iter().flat_map(|x| [x.first, x.second]).collect();
    txs.sort_unstable();
    txs.dedup();
    let from = txs.iter().map(|&x| ctx.ts(x)).min().expect("txs");
    let to = txs.iter().map(|&x| ctx.ts(x)).max().expect("txs");
    let mut mids: Vec<AccountIx> = group.iter().map(|x| x.mid).collect();
    mids.sort_unstable();
    mids.dedup();
    let k = mids.len();
    let mut own: FxHashMap<AccountIx, usize> = FxHashMap::default();
    for &x in &txs {
        *own.entry(ctx.g.src[x as usize]).or_insert(0) += 1;
        *own.entry(ctx.g.dst[x as usize]).or_insert(0) += 1;
    }
    let closure = closure(ctx, &own, from, to);
    let firsts: Vec<i64> = group.iter().map(|x| ctx.ts(x.first)).collect();
    let seconds: Vec<i64> = group.iter().map(|x| ctx.ts(x.second)).collect();
    let phases = phase_order(&firsts, &seconds);
    let legs: Vec<(AccountIx, AccountIx)> = mids.iter().flat_map(|&m| [(s, m), (m, t)]).collect();
    let surprise = structure_surprise(ctx, &legs, k + 2, from, to);
    let evidence = surprise.max(0.0) * closure * phases;
    let scattered = ctx.money(group.iter().map(|x| x.first).collect::<FxHashSet<_>>());
    let gathered = ctx.money(group.iter().map(|x| x.second).collect::<FxHashSet<_>>());
    let figures = vec![
        fig("source", ctx.id(s)),
        fig("sink", ctx.id(t)),
        fig("intermediaries", k),
        fig("transactions", txs.len()),
        fig("scattered", &scattered),
        fig("gathered", &gathered),
        fig("first", date(from)),
        fig("last", date(to)),
        fig("span_days", days(to - from)),
        fig("phase_order", ratio(phases)),
        fig("closure", ratio(closure)),
        fig("structure_surprise_nats", format!("{surprise:.1}")),
    ];
    let explanation = format!(
        "Account {} paid {} to {k} intermediaries ({}), and each of them then paid account {} ({} in all), \
         within {} ({} to {}). {:.0}% of the intermediaries' onward payments came after the payments they received, \
         and the pattern carries {:.0}% of its members' activity in that span.",
        ctx.id(s),
        scattered,
        mids.iter().map(|&m| ctx.id(m)).collect::<Vec<_>>().join(", "),
        ctx.id(t),
        gathered,
        duration(to - from),
        date(from),
        date(to),
        phases * 100.0,
        closure * 100.0,
    );
    let mut principal = vec![s, t];
    principal.extend(&mids);
    Draft {
        typology: Typology::ScatterGather,
        evidence,
        transactions: txs,
        principal,
        rule: "scatter_gather.paths",
        figures,
        explanation,
    }
    .finish(ctx.g)
}

pub(crate) fn gather_scatter(ctx: &Ctx<'_>) -> Vec<Alert> {
    let p = ctx.p;
    let w = p.scatter_window.max(1);
    let min_k = p.scatter_min_branches.max(2);
    ctx.par_accounts(|range| {
        let mut out = Vec::new();
        for h in range {
            let ins: Vec<TxIx> = ctx
                .incoming(h)
                .iter()
                .copied()
                .filter(|&t| !ctx.explained(t) && ctx.g.src[t as usize] != h)
                .collect();
            if ins.len() + 1 < min_k {
                continue;
            }
            // The scatter side: payments the hub's ordinary activity does not explain, and its
            // ordinary payments that carry the gathered money on (first in, first out, within
            // `pass_dwell`): what leaves is the money that came in, whoever it is paid to.
            let all_ins: Vec<TxIx> =
                ctx.incoming(h).iter().copied().filter(|&t| ctx.g.src[t as usize] != h).collect();
            let all_outs: Vec<TxIx> =
                ctx.outgoing(h).iter().copied().filter(|&t| ctx.g.dst[t as usize] != h).collect();
            let mut carriers: FxHashSet<TxIx> = FxHashSet::default();
            if all_outs.iter().any(|&t| ctx.explained(t)) {
                let (_, takers) = withdrawn(ctx, &all_ins, &all_outs, p.pass_dwell);
                for (k, &t) in all_ins.iter().enumerate() {
                    if !ctx.explained(t) {
                        carriers.extend(takers[k].iter().copied());
                    }
                }
            }
            let outs: Vec<TxIx> =
                all_outs.iter().copied().filter(|&t| !ctx.explained(t) || carriers.contains(&t)).collect();
            if outs.len() + 1 < min_k || ins.len() + outs.len() + 1 < 2 * min_k {
                continue;
            }
            let mut used_in = vec![false; ins.len()];
            let mut used_out = vec![false; outs.len()];
            // Greedy: the window with most branches (min of senders and recipients), repeatedly.
            loop {
                let mut best: Option<(usize, usize, i64)> = None; // (branches, start index, window end)
                for i in 0..ins.len() {
                    if used_in[i] || (i > 0 && ctx.ts(ins[i]) == ctx.ts(ins[i - 1]) && !used_in[i - 1]) {
                        continue;
                    }
                    let start = ctx.ts(ins[i]);
                    let end = start + w;
                    // A hub with more payments than a conduit makes is an institution here.
                    let o0 = outs.partition_point(|&t| ctx.ts(t) < start);
                    let n_out = outs[o0..].partition_point(|&t| ctx.ts(t) < end);
                    let n_in = ins[i..].partition_point(|&t| ctx.ts(t) < end);
                    if n_out > p.conduit_max_payments || n_in > 4 * p.conduit_max_payments {
                        continue;
                    }
                    let senders: FxHashSet<AccountIx> = ins[i..]
                        .iter()
                        .enumerate()
                        .take_while(|(_, &t)| ctx.ts(t) < end)
                        .filter(|(j, _)| !used_in[i + j])
                        .map(|(_, &t)| ctx.g.src[t as usize])
                        .collect();
                    let recipients: FxHashSet<AccountIx> = outs[o0..]
                        .iter()
                        .enumerate()
                        .take_while(|(_, &t)| ctx.ts(t) < end)
                        .filter(|(j, _)| !used_out[o0 + j])
                        .map(|(_, &t)| ctx.g.dst[t as usize])
                        .filter(|r| !senders.contains(r))
                        .collect();
                    // Branches: both sides at least min_k − 1, together at least 2·min_k − 1.
                    let (a, b) = (senders.len(), recipients.len());
                    if a.min(b) + 1 >= min_k && a + b + 1 >= 2 * min_k && best.is_none_or(|x| a + b > x.0) {
                        best = Some((a + b, i, end));
                    }
                }
                let Some((_, i, end)) = best else { break };
                let start = ctx.ts(ins[i]);
                let mut gin = Vec::new();
                for j in i..ins.len() {
                    if ctx.ts(ins[j]) >= end {
                        break;
                    }
                    if !used_in[j] {
                        used_in[j] = true;
                        gin.push(ins[j]);
                    }
                }
                let senders: FxHashSet<AccountIx> = gin.iter().map(|&t| ctx.g.src[t as usize]).collect();
                let mut gout = Vec::new();
                for j in outs.partition_point(|&t| ctx.ts(t) < start)..outs.len() {
                    if ctx.ts(outs[j]) >= end {
                        break;
                    }
                    if !used_out[j] && !senders.contains(&ctx.g.dst[outs[j] as usize]) {
                        used_out[j] = true;
                        gout.push(outs[j]);
                    }
                }
                // Trim: scatter payments before the first receipt, receipts after the last payment.
                out.push(gs_alert(ctx, h, &gin, &gout));
            }
        }
        out
    })
}

fn gs_alert(ctx: &Ctx<'_>, h: AccountIx, gin: &[TxIx], gout: &[TxIx]) -> Alert {
    let mut txs: Vec<TxIx> = gin.iter().chain(gout).copied().collect();
    txs.sort_unstable();
    let from = txs.iter().map(|&x| ctx.ts(x)).min().expect("txs");
    let to = txs.iter().map(|&x| ctx.ts(x)).max().expect("txs");
    let senders: FxHashSet<AccountIx> = gin.iter().map(|&t| ctx.g.src[t as usize]).collect();
    let recipients: FxHashSet<AccountIx> = gout.iter().map(|&t| ctx.g.dst[t as usize]).collect();
    let mut own: FxHashMap<AccountIx, usize> = FxHashMap::default();
    for &x in &txs {
        *own.entry(ctx.g.src[x as usize]).or_insert(0) += 1;
        *own.entry(ctx.g.dst[x as usize]).or_insert(0) += 1;
    }
    let closure = closure(ctx, &own, from, to);
    let firsts: Vec<i64> = gin.iter().map(|&t| ctx.ts(t)).collect();
    let seconds: Vec<i64> = gout.iter().map(|&t| ctx.ts(t)).collect();
    let phases = phase_order(&firsts, &seconds);
    let in_amount: i64 = gin.iter().map(|&t| ctx.amount(t)).sum();
    let out_amount: i64 = gout.iter().map(|&t| ctx.amount(t)).sum();
    let legs: Vec<(AccountIx, AccountIx)> =
        gin.iter().chain(gout).map(|&t| (ctx.g.src[t as usize], ctx.g.dst[t as usize])).collect();
    let surprise = structure_surprise(ctx, &legs, senders.len() + recipients.len() + 1, from, to);
    // A gather-scatter is balanced: as many go out as came in, and a good part of the money.
    // (Many senders and a payment or two out is a fan-in.)
    let (a, b) = (senders.len() as f64, recipients.len() as f64);
    let branch_balance = a.min(b) / a.max(b);
    let money_balance =
        (2.0 * in_amount.min(out_amount) as f64 / in_amount.max(out_amount).max(1) as f64).min(1.0);
    let evidence = surprise.max(0.0) * closure * phases * branch_balance * money_balance;
    let gathered = ctx.money(gin.iter().copied());
    let scattered = ctx.money(gout.iter().copied());
    let figures = vec![
        fig("hub", ctx.id(h)),
        fig("senders", senders.len()),
        fig("recipients", recipients.len()),
        fig("transactions", txs.len()),
        fig("gathered", &gathered),
        fig("scattered", &scattered),
        fig("paid_on_share", ratio(out_amount as f64 / in_amount.max(1) as f64)),
        fig("first", date(from)),
        fig("last", date(to)),
        fig("span_days", days(to - from)),
        fig("phase_order", ratio(phases)),
        fig("closure", ratio(closure)),
        fig("structure_surprise_nats", format!("{surprise:.1}")),
    ];
    let explanation = format!(
        "Account {} received {} from {} distinct senders and paid {} ({:.0}% of it) to {} distinct recipients, \
         within {} ({} to {}). {:.0}% of the payments out came after the payments in, and the pattern carries {:.0}% \
         of its members' activity in that span.",
        ctx.id(h),
        gathered,
        senders.len(),
        scattered,
        out_amount as f64 / in_amount.max(1) as f64 * 100.0,
        recipients.len(),
        duration(to - from),
        date(from),
        date(to),
        phases * 100.0,
        closure * 100.0,
    );
    Draft {
        typology: Typology::GatherScatter,
        evidence,
        transactions: txs,
        principal: vec![h],
        rule: "gather_scatter.hub",
        figures,
        explanation,
    }
    .finish(ctx.g)
}
