//! Trafficking and smuggling indicators that transactions alone can show (reference notes §5.2;
//! each still to be ticked off against the FATF, FinCEN and FINTRAC annexes before use in court).
//!
//! - MS1 `remittance_funnel.alike_small_amounts`: within `remittance_window`, one recipient takes
//!   small payments (at most `remittance_max_amount`) of alike amounts (all within
//!   ±`remittance_amount_spread` of their median: set fees) from at least
//!   `remittance_min_senders` distinct senders who are new to it (no standing relationship),
//!   unrelated to each other (no payment between any two of them in the data) and who mostly pay
//!   once (at most half of them pay it more than once in the span: fees are paid once, dues and a
//!   controller's takings again and again). Evidence: so many amounts in the band, against the
//!   recipient's own share of such amounts outside the span (the band's, or its neighbourhood's
//!   if higher), smoothed towards the data's share for a recipient with little history, less the
//!   log of the windows and band positions looked at; none, no alert. A shop's usual prices are
//!   no surprise; a set fee among a recipient's other receipts is.
//! - HT1 `controller_account.fast_withdrawal`: within `controller_window`, at least
//!   `controller_min_payers` distinct payers pay one account, and at least
//!   `controller_min_withdrawn` of what they paid leaves again within `controller_dwell` (matched
//!   first-in first-out among the receipts of the dwell). The alert holds the whole episode: it
//!   extends while the payers keep paying (no gap longer than the window) and the money keeps
//!   leaving. It is not a controller account when fewer than half of the payers pay more than
//!   once and there are fewer payments out than half the payers (a shop's passers-by, and its
//!   supplier paid a week's takings at a time), when the money goes on to
//!   at least as many accounts as paid it (a payroll distributing), or when less than
//!   `controller_min_withdrawn` of what the withdrawals took was this money (a savings account
//!   or a shop paying out of a balance built up over time), or when most of it went to accounts
//!   that also pay the account (a trading partner). Evidence: payers times how unusual
//!   so fast a withdrawal is for the account elsewhere in the data.
//! - HT6 `pooled_wages.pay_dates`: on at least `wages_min_pay_dates` pay dates (pay runs:
//!   payments each within `wages_pay_interval` of the one before, at most twice that from the
//!   first, since payroll batches cross midnight), one payer (an employer) pays at least
//!   `wages_min_workers` alike amounts (within ±`wages_amount_tolerance` of their median: wages)
//!   into the same one account; consecutive pay dates share at least half of their employers and
//!   their typical amounts are alike (wages recur). Evidence: the chance of so many alike amounts
//!   on those dates.
//! - MS3 `hawala_settlement.offsetting`: within `settlement_window`, two accounts pay each other
//!   at least `settlement_min_each_way` times each way, the flows offset to within
//!   `settlement_tolerance` of the larger, their flows over the whole relationship offset to
//!   within twice that (trading partners offset in some window by chance, not over the
//!   relationship), and one of them collects deposits from at least `settlement_min_depositors`
//!   distinct third parties in the window before the settlement or while it runs (a hawaladar's
//!   account). Evidence: how closely the flows offset, for the number of windows tried.
//!
//! The rules were measured on planted instances and legitimate look-alikes (`crate::synth`,
//! `bench/run --suite indicators`); docs/flows.md, "Indicator evaluation", has the figures.

use rustc_hash::{FxHashMap, FxHashSet};

use super::common::{date, days, duration, fig, poisson_surprise, ratio, withdrawn, Ctx, Draft};
use super::fan::standing;
use super::{Alert, Typology};
use crate::graph::{AccountIx, TxIx};

/// At most this many fans of one kind per account.
const MAX_PER_ACCOUNT: usize = 3;
/// MS1: the weight (in receipts) of the data's share of an amount band when judging a
/// recipient's own share of it: a recipient with less history than this is judged mostly by the
/// data.
const PRIOR: f64 = 4.0;
/// At most this many receipts in one controller-account group.
const CONTROLLER_SPAN: usize = 256;

/// The largest group of `txs` whose amounts lie within ±`spread` of the group's median:
/// (transactions, band low, band high). `txs` need not be sorted.
fn alike(ctx: &Ctx<'_>, txs: &[TxIx], spread: f64) -> (Vec<TxIx>, i64, i64) {
    let mut v: Vec<TxIx> = txs.to_vec();
    v.sort_by_key(|&t| (ctx.amount(t), t));
    let ratio = (1.0 + spread) / (1.0 - spread).max(1e-9);
    let mut best = (0usize, 0usize);
    let mut hi = 0;
    for lo in 0..v.len() {
        let cap = ctx.amount(v[lo]) as f64 * ratio;
        hi = hi.max(lo);
        while hi + 1 < v.len() && ctx.amount(v[hi + 1]) as f64 <= cap {
            hi += 1;
        }
        if hi + 1 - lo > best.1 - best.0 {
            best = (lo, hi + 1);
        }
    }
    let group = v[best.0..best.1].to_vec();
    if group.is_empty() {
        return (group, 0, 0);
    }
    let (a, b) = (ctx.amount(group[0]), ctx.amount(*group.last().expect("group")));
    (group, a, b + 1)
}

pub(crate) fn remittance_funnel(ctx: &Ctx<'_>) -> Vec<Alert> {
    let p = ctx.p;
    let min_k = p.remittance_min_senders.max(2);
    let w = p.remittance_window.max(1);
    ctx.par_accounts(|range| {
    let mut out = Vec::new();
    for r in range {
        let all = ctx.incoming(r);
        let mut cands: Vec<TxIx> = all
            .iter()
            .copied()
            .filter(|&t| {
                ctx.amount(t) <= p.remittance_max_amount && ctx.g.src[t as usize] != r && !standing(ctx, t)
            })
            .collect();
        let small = cands.clone();
        for _ in 0..MAX_PER_ACCOUNT {
            if cands.len() < min_k {
                break;
            }
            let mut best: Option<(usize, Vec<TxIx>, i64, i64)> = None;
            let mut i = 0;
            let mut tried = 0usize;
            // Band positions tried in the chosen window.
            let mut positions = 1usize;
            while i < cands.len() {
                tried += 1;
                let start = ctx.ts(cands[i]);
                let end = cands[i..].partition_point(|&t| ctx.ts(t) < start + w) + i;
                if end - i >= min_k {
                    let (group, lo, hi) = alike(ctx, &cands[i..end], p.remittance_amount_spread);
                    let senders: FxHashSet<AccountIx> = group.iter().map(|&t| ctx.g.src[t as usize]).collect();
                    if senders.len() >= min_k && best.as_ref().is_none_or(|b| senders.len() > b.0) {
                        positions = end - i;
                        best = Some((senders.len(), group, lo, hi));
                    }
                }
                // Next start: the next distinct time.
                let t0 = ctx.ts(cands[i]);
                while i < cands.len() && ctx.ts(cands[i]) == t0 {
                    i += 1;
                }
            }
            let Some((_, group, lo, hi)) = best else { break };
            let chosen: FxHashSet<TxIx> = group.iter().copied().collect();
            cands.retain(|t| !chosen.contains(t));
            // Set fees are a surprise against the recipient's own small receipts outside the
            // span (a shop's usual prices are not), smoothed towards the data's share of such
            // amounts for a recipient with little history, and the surprise is discounted by the
            // number of windows and band positions looked at.
            let g_from = ctx.ts(*group.iter().min().expect("group"));
            let g_to = ctx.ts(*group.iter().max().expect("group"));
            let in_span = ctx.between(&small, g_from, g_to + 1).len();
            // The recipient's usual share of the band: the band's own, or the average of the band
            // and its two neighbours of the same width if higher (a few dozen receipts cannot
            // place a share closer than that).
            let width = hi as f64 / lo.max(1) as f64;
            let (wlo, whi) = ((lo as f64 / width) as i64, (hi as f64 * width) as i64);
            let outside = |a: i64, b: i64| {
                let inside = |t: &&TxIx| (a..b).contains(&ctx.amount(**t));
                small.iter().filter(inside).count() - ctx.between(&small, g_from, g_to + 1).iter().filter(inside).count()
            };
            let out_n = small.len() - in_span;
            let out_band = (outside(lo, hi) as f64).max(outside(wlo, whi) as f64 / 3.0);
            let q = ctx.amount_share(lo, hi);
            let p_own = (out_band + PRIOR * q) / (out_n as f64 + PRIOR);
            let evidence = poisson_surprise(group.len() as u64, in_span as f64 * p_own.max(q))
                - (tried.max(1) as f64).ln()
                - (positions.max(1) as f64).ln();
            if evidence <= 0.0 {
                continue;
            }
            // Fees are paid once (or twice, for two migrants of a family); payers who pay the
            // recipient again and again in the span are a standing arrangement (dues, a
            // controller's takings: HT1), not fees. At most half of the senders pay more than once.
            {
                let mut per: FxHashMap<AccountIx, usize> = FxHashMap::default();
                for &t in ctx.between(all, g_from, g_to + 1) {
                    *per.entry(ctx.g.src[t as usize]).or_insert(0) += 1;
                }
                let senders: FxHashSet<AccountIx> = group.iter().map(|&t| ctx.g.src[t as usize]).collect();
                let repeat = senders.iter().filter(|s| per.get(s).is_some_and(|&n| n > 1)).count();
                if 2 * repeat > senders.len() {
                    continue;
                }
            }
            // Unrelated: no payment between any two senders.
            let mut senders: Vec<AccountIx> = group.iter().map(|&t| ctx.g.src[t as usize]).collect();
            senders.sort_unstable();
            senders.dedup();
            let mut linked = 0;
            for (x, &a) in senders.iter().enumerate() {
                for &b in &senders[x + 1..] {
                    linked += (ctx.linked(a, b) || ctx.linked(b, a)) as usize;
                }
            }
            if linked > 0 {
                continue;
            }
            let from = ctx.ts(group.iter().copied().min().expect("group"));
            let to = ctx.ts(group.iter().copied().max().expect("group"));
            let m = ctx.between(all, from, to + 1).len();
            let amount = ctx.money(group.iter().copied());
            let cur = ctx.g.currency[group[0] as usize];
            let fmt = |x: i64| format!("{} {}", cur.format(x), cur.code());
            let figures = vec![
                fig("recipient", ctx.id(r)),
                fig("senders", senders.len()),
                fig("transactions", group.len()),
                fig("amount", &amount),
                fig("amount_band", format!("{} – {}", fmt(lo), fmt(hi - 1))),
                fig("share_of_such_amounts_in_data", format!("{q:.4}")),
                fig("recipient_usual_share_of_band", format!("{p_own:.4}")),
                fig("recipient_receipts_in_span", m),
                fig("links_between_senders", linked),
                fig("first", date(from)),
                fig("last", date(to)),
                fig("span_days", days(to - from)),
            ];
            let explanation = format!(
                "Account {} received {} small payments of alike amounts ({} to {}) from {} different senders who had not \
                 paid it before and never paid each other, within {} ({} to {}); amount {}. Only {:.1}% of the payments in \
                 the data fall in that band, and {:.1}% of the recipient's own small receipts at other times. Many small, similar remittances from unrelated senders to one recipient is \
                 the smuggling-fee pattern MS1 (check the senders' and recipient's locations along known routes).",
                ctx.id(r),
                group.len(),
                fmt(lo),
                fmt(hi - 1),
                senders.len(),
                duration(to - from),
                date(from),
                date(to),
                amount,
                q * 100.0,
                p_own * 100.0
            );
            out.push(
                Draft {
                    typology: Typology::RemittanceFunnel,
                    evidence,
                    transactions: group,
                    principal: vec![r],
                    rule: "remittance_funnel.alike_small_amounts",
                    figures,
                    explanation,
                }
                .finish(ctx.g),
            );
        }
    }
    out
    })
}

pub(crate) fn controller_account(ctx: &Ctx<'_>) -> Vec<Alert> {
    let p = ctx.p;
    let min_k = p.controller_min_payers.max(2);
    let w = p.controller_window.max(1);
    ctx.par_accounts(|range| {
    let mut out = Vec::new();
    for c in range {
        let ins: Vec<TxIx> = ctx.incoming(c).iter().copied().filter(|&t| ctx.g.src[t as usize] != c).collect();
        let outs: Vec<TxIx> = ctx.outgoing(c).iter().copied().filter(|&t| ctx.g.dst[t as usize] != c).collect();
        if ins.len() < min_k || outs.is_empty() {
            continue;
        }
        let (matched, takers) = withdrawn(ctx, &ins, &outs, p.controller_dwell);
        let fast: Vec<bool> =
            (0..ins.len()).map(|k| matched[k] as f64 >= 0.5 * ctx.amount(ins[k]) as f64).collect();
        // The group of receipts (within the window) with most payers whose money left fast
        // enough; at most `CONTROLLER_SPAN` receipts per group.
        let mut best: Option<(usize, f64, usize, usize)> = None;
        for i in 0..ins.len() {
            let start = ctx.ts(ins[i]);
            let end = (ins[i..].partition_point(|&t| ctx.ts(t) < start + w) + i).min(i + CONTROLLER_SPAN);
            let mut payers = FxHashSet::default();
            let (mut received, mut left) = (0i64, 0i64);
            for j in i..end {
                payers.insert(ctx.g.src[ins[j] as usize]);
                received += ctx.amount(ins[j]);
                left += matched[j];
                let share = left as f64 / received.max(1) as f64;
                if payers.len() >= min_k
                    && share >= p.controller_min_withdrawn
                    && best.is_none_or(|b| payers.len() > b.0 || (payers.len() == b.0 && share > b.1))
                {
                    best = Some((payers.len(), share, i, j + 1));
                }
            }
        }
        let Some((_, _, i, end)) = best else { continue };
        // The whole episode: while the payers keep paying (no gap longer than the window) and
        // the money keeps leaving fast, the pattern goes on; the alert holds all of it.
        let (i, end) = episode(ctx, &ins, &matched, i, end, w, p.controller_min_withdrawn);
        let mut paid: FxHashMap<AccountIx, usize> = FxHashMap::default();
        for &t in &ins[i..end] {
            *paid.entry(ctx.g.src[t as usize]).or_insert(0) += 1;
        }
        let k = paid.len();
        // A controller's takings recur: the possible victims pay again and again (at least half
        // of the payers more than once), or the account is emptied again and again as the
        // payments come in (at least one payment out for every two payers). A shop whose
        // passers-by pay once, paying its supplier a week's takings at a time, is neither.
        let repeat = paid.values().filter(|&&n| n > 1).count();
        let withdrawals: FxHashSet<TxIx> = takers[i..end].iter().flatten().copied().collect();
        if 2 * repeat < k && 2 * withdrawals.len() < k {
            continue;
        }
        // A controller hands the money on to few: cash, or an account or two. An account that
        // pays out to at least as many as paid it is distributing (a payroll, a pooled purchase).
        let dests: FxHashSet<AccountIx> =
            takers[i..end].iter().flatten().map(|&t| ctx.g.dst[t as usize]).collect();
        if dests.len() >= k {
            continue;
        }
        // Those withdrawals were this money leaving, not the spending of a balance built up
        // over time (savings, a shop's takings paid to its supplier): at least
        // `controller_min_withdrawn` of what they took is the receipts' money.
        {
            let mut used: Vec<TxIx> = takers[i..end].iter().flatten().copied().collect();
            used.sort_unstable();
            used.dedup();
            let out_total: i64 = used.iter().map(|&t| ctx.amount(t)).sum();
            let left: i64 = matched[i..end].iter().sum();
            if (left as f64) < p.controller_min_withdrawn * out_total as f64 {
                continue;
            }
            // Money paid to a counterparty that also pays the account (a trading partner
            // invoicing both ways) is business, not a controller's extraction: most of it must go
            // to accounts that never pay the account.
            let to_partners: i64 =
                used.iter().filter(|&&t| ctx.linked(ctx.g.dst[t as usize], c)).map(|&t| ctx.amount(t)).sum();
            if 2 * to_partners > out_total {
                continue;
            }
        }
        let inside = fast[i..end].iter().filter(|&&x| x).count();
        let outside = fast.iter().filter(|&&x| x).count() - inside;
        let q = (outside as f64 + 1.0) / ((ins.len() - (end - i)) as f64 + 2.0);
        let evidence = inside as f64 * -(q.ln()) * (k as f64 / (end - i) as f64);
        let received: i64 = ins[i..end].iter().map(|&t| ctx.amount(t)).sum();
        let left: i64 = matched[i..end].iter().sum();
        let mut outs_used: Vec<TxIx> = takers[i..end].iter().flatten().copied().collect();
        outs_used.sort_unstable();
        outs_used.dedup();
        let cash = outs_used.iter().filter(|&&t| is_cash(ctx.g.channel(t))).count();
        let mut txs: Vec<TxIx> = ins[i..end].to_vec();
        txs.extend(&outs_used);
        let from = ctx.ts(ins[i]);
        let to = ctx.ts(ins[end - 1]);
        let figures = vec![
            fig("account", ctx.id(c)),
            fig("payers", k),
            fig("payments_in", end - i),
            fig("received", ctx.money(ins[i..end].iter().copied())),
            fig("withdrawn_within_dwell", ctx.money_of(ins[i], left)),
            fig("withdrawn_share", ratio(left as f64 / received.max(1) as f64)),
            fig("dwell_days", days(p.controller_dwell)),
            fig("cash_withdrawals", cash),
            fig("usual_fast_share", ratio(q)),
            fig("first", date(from)),
            fig("last", date(to)),
        ];
        let explanation = format!(
            "Account {} was paid by {k} different payers ({} payments, {}) between {} and {}, and {:.0}% of that money \
             left again within {}{}. Elsewhere in the data only about {:.0}% of its receipts leave that fast. Many \
             payers into one account emptied quickly is the controller-account pattern HT1 (possible victims paying \
             a controller); check who the payers are.",
            ctx.id(c),
            end - i,
            ctx.money(ins[i..end].iter().copied()),
            date(from),
            date(to),
            left as f64 / received.max(1) as f64 * 100.0,
            duration(p.controller_dwell),
            if cash > 0 { format!(", {cash} of the withdrawals in cash") } else { String::new() },
            q * 100.0,
        );
        out.push(
            Draft {
                typology: Typology::ControllerAccount,
                evidence,
                transactions: txs,
                principal: vec![c],
                rule: "controller_account.fast_withdrawal",
                figures,
                explanation,
            }
            .finish(ctx.g),
        );
    }
    out
    })
}

/// Extends the receipts `ins[i..end]` backwards and forwards to the farthest receipts such
/// that no two consecutive ones are more than `window` apart and the share of the money
/// received that left fast stays at least `min_share`; at most `4 × CONTROLLER_SPAN` receipts.
fn episode(
    ctx: &Ctx<'_>,
    ins: &[TxIx],
    matched: &[i64],
    i: usize,
    end: usize,
    window: i64,
    min_share: f64,
) -> (usize, usize) {
    let sum = |a: usize, b: usize| -> (i64, i64) {
        (ins[a..b].iter().map(|&t| ctx.amount(t)).sum(), matched[a..b].iter().sum())
    };
    let (mut received, mut left) = sum(i, end);
    // Forwards: the farthest end that keeps the share.
    let (mut r, mut l, mut best_end) = (received, left, end);
    let mut j = end;
    while j < ins.len() && j - i < 4 * CONTROLLER_SPAN && ctx.ts(ins[j]) - ctx.ts(ins[j - 1]) <= window {
        r += ctx.amount(ins[j]);
        l += matched[j];
        j += 1;
        if l as f64 >= min_share * r as f64 {
            (best_end, received, left) = (j, r, l);
        }
    }
    // Backwards, likewise.
    let (mut r, mut l, mut best_i) = (received, left, i);
    let mut j = i;
    while j > 0 && best_end - j < 4 * CONTROLLER_SPAN && ctx.ts(ins[j]) - ctx.ts(ins[j - 1]) <= window {
        j -= 1;
        r += ctx.amount(ins[j]);
        l += matched[j];
        if l as f64 >= min_share * r as f64 {
            best_i = j;
        }
    }
    (best_i, best_end)
}

fn is_cash(channel: &str) -> bool {
    let c = channel.to_ascii_lowercase();
    c.contains("cash") || c.contains("atm") || c.contains("withdraw")
}

pub(crate) fn pooled_wages(ctx: &Ctx<'_>) -> Vec<Alert> {
    let p = ctx.p;
    let min_k = p.wages_min_workers.max(2);
    ctx.par_accounts(|range| {
        let mut out = Vec::new();
        for a in range {
            let ins: Vec<TxIx> =
                ctx.incoming(a).iter().copied().filter(|&t| ctx.g.src[t as usize] != a).collect();
            if ins.len() < min_k * p.wages_min_pay_dates.max(1) {
                continue;
            }
            // Pay dates: clusters of receipts within the pay interval of the cluster's first, where
            // one payer (an employer) pays several alike amounts (wages) into this one account.
            let mut dates: Vec<(Vec<TxIx>, FxHashSet<AccountIx>, f64)> = Vec::new();
            let mut i = 0;
            while i < ins.len() {
                // A pay run: receipts each within the pay interval of the one before (a payroll
                // batch may cross midnight), at most twice the interval from the first.
                let start = ctx.ts(ins[i]);
                let interval = p.wages_pay_interval.max(1);
                let mut end = i + 1;
                while end < ins.len()
                    && ctx.ts(ins[end]) - ctx.ts(ins[end - 1]) < interval
                    && ctx.ts(ins[end]) - start < 2 * interval
                {
                    end += 1;
                }
                if end - i >= min_k {
                    let mut by_payer: FxHashMap<AccountIx, Vec<TxIx>> = FxHashMap::default();
                    for &t in &ins[i..end] {
                        by_payer.entry(ctx.g.src[t as usize]).or_default().push(t);
                    }
                    let mut payers: Vec<AccountIx> = by_payer.keys().copied().collect();
                    payers.sort_unstable();
                    let mut group: Vec<TxIx> = Vec::new();
                    let mut employers = FxHashSet::default();
                    let mut s = 0.0;
                    for e in payers {
                        let (g, lo, hi) = alike(ctx, &by_payer[&e], p.wages_amount_tolerance);
                        if g.len() >= min_k {
                            s +=
                                poisson_surprise(g.len() as u64, (end - i) as f64 * ctx.amount_share(lo, hi));
                            employers.insert(e);
                            group.extend(g);
                        }
                    }
                    if !group.is_empty() {
                        dates.push((group, employers, s));
                    }
                }
                i = end;
            }
            // Series of pay dates, each sharing at least half of its payers with the one before.
            let mut k = 0;
            while k < dates.len() {
                let mut e = k + 1;
                while e < dates.len() {
                    let (prev, cur) = (&dates[e - 1].1, &dates[e].1);
                    let shared = prev.intersection(cur).count();
                    if 2 * shared < prev.len().min(cur.len()) {
                        break;
                    }
                    // Wages recur: the typical amount is alike from one pay date to the next
                    // (a shopper's alike purchases on two days are not).
                    let (m0, m1) = (typical(ctx, &dates[e - 1].0), typical(ctx, &dates[e].0));
                    if (m0 - m1).abs() as f64 > p.wages_amount_tolerance * m0.max(m1) as f64 {
                        break;
                    }
                    e += 1;
                }
                if e - k >= p.wages_min_pay_dates.max(1) {
                    out.push(wages_alert(ctx, a, &dates[k..e]));
                }
                k = e;
            }
        }
        out
    })
}

/// The median amount of `txs`.
fn typical(ctx: &Ctx<'_>, txs: &[TxIx]) -> i64 {
    let mut v: Vec<i64> = txs.iter().map(|&t| ctx.amount(t)).collect();
    super::common::median(&mut v)
}

fn wages_alert(ctx: &Ctx<'_>, a: AccountIx, dates: &[(Vec<TxIx>, FxHashSet<AccountIx>, f64)]) -> Alert {
    let txs: Vec<TxIx> = dates.iter().flat_map(|d| d.0.iter().copied()).collect();
    let evidence: f64 = dates.iter().map(|d| d.2).sum();
    let payers: FxHashSet<AccountIx> = dates.iter().flat_map(|d| d.1.iter().copied()).collect();
    let per_date: Vec<usize> = dates.iter().map(|d| d.0.len()).collect();
    let from = ctx.ts(dates[0].0.iter().copied().min().expect("date"));
    let to = ctx.ts(dates.last().expect("dates").0.iter().copied().max().expect("date"));
    let figures = vec![
        fig("account", ctx.id(a)),
        fig("pay_dates", dates.len()),
        fig("payments_per_date", per_date.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(",")),
        fig("payers", payers.len()),
        fig("amount", ctx.money(txs.iter().copied())),
        fig("first", date(from)),
        fig("last", date(to)),
    ];
    let explanation = format!(
        "Account {} received, on each of {} pay dates between {} and {}, several payments of alike amounts ({}) from \
         the same payer on the same day ({} payer(s) in all, the same again from one pay date to the next); amount {}. \
         Several workers' wages paid into one account is the forced-labour pattern HT6; check whose wages these are \
         and whether deductions follow.",
        ctx.id(a),
        dates.len(),
        date(from),
        date(to),
        per_date.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(", "),
        payers.len(),
        ctx.money(txs.iter().copied()),
    );
    Draft {
        typology: Typology::PooledWages,
        evidence,
        transactions: txs,
        principal: vec![a],
        rule: "pooled_wages.pay_dates",
        figures,
        explanation,
    }
    .finish(ctx.g)
}

pub(crate) fn hawala_settlement(ctx: &Ctx<'_>) -> Vec<Alert> {
    let p = ctx.p;
    let w = p.settlement_window.max(1);
    let min_each = p.settlement_min_each_way.max(1);
    ctx.par_accounts(|range| {
    let mut out = Vec::new();
    for a in range {
        let mut partners: Vec<AccountIx> = ctx
            .outgoing(a)
            .iter()
            .map(|&t| ctx.g.dst[t as usize])
            .filter(|&b| b > a && ctx.linked(b, a))
            .collect();
        partners.sort_unstable();
        partners.dedup();
        for b in partners {
            let mut events: Vec<TxIx> = ctx.outgoing(a).iter().copied().filter(|&t| ctx.g.dst[t as usize] == b).collect();
            events.extend(ctx.outgoing(b).iter().copied().filter(|&t| ctx.g.dst[t as usize] == a));
            events.sort_unstable();
            if events.len() < 2 * min_each {
                continue;
            }
            // The window with most transfers whose flows offset within the tolerance.
            let mut best: Option<(usize, f64, usize, usize)> = None;
            let mut tried = 0usize;
            for i in 0..events.len() {
                let start = ctx.ts(events[i]);
                let end = events[i..].partition_point(|&t| ctx.ts(t) < start + w) + i;
                let (mut ab, mut ba, mut nab, mut nba) = (0i64, 0i64, 0usize, 0usize);
                for (j, &t) in events[i..end].iter().enumerate() {
                    if ctx.g.src[t as usize] == a {
                        ab += ctx.amount(t);
                        nab += 1;
                    } else {
                        ba += ctx.amount(t);
                        nba += 1;
                    }
                    if nab >= min_each && nba >= min_each {
                        tried += 1;
                        let net = (ab - ba).abs() as f64 / ab.max(ba).max(1) as f64;
                        let n = j + 1;
                        if net <= p.settlement_tolerance && best.is_none_or(|x| n > x.0 || (n == x.0 && net < x.1)) {
                            best = Some((n, net, i, i + n));
                        }
                    }
                }
            }
            let Some((_, net, i, end)) = best else { continue };
            // Settlement nets out: the two accounts' flows offset over their whole relationship
            // in the scan, not only in one window found among many. Trading partners whose
            // goods one way are worth more than the goods the other way offset in some window by
            // chance; over the relationship they do not. Twice the tolerance: the windows on
            // either side of a settlement may each be off by the tolerance.
            let (all_ab, all_ba) = events.iter().fold((0i64, 0i64), |(x, y), &t| {
                if ctx.g.src[t as usize] == a {
                    (x + ctx.amount(t), y)
                } else {
                    (x, y + ctx.amount(t))
                }
            });
            let whole_net = (all_ab - all_ba).abs() as f64 / all_ab.max(all_ba).max(1) as f64;
            if whole_net > 2.0 * p.settlement_tolerance {
                continue;
            }
            let txs = events[i..end].to_vec();
            let from = ctx.ts(txs[0]);
            let to = ctx.ts(*txs.last().expect("txs"));
            // Third-party depositors of either account in the period the settlement settles (the
            // window before it) and while it runs: customers deposit first, hawaladars settle after.
            let depositors = |x: AccountIx, y: AccountIx| -> usize {
                ctx.between(ctx.incoming(x), from - w, to + 1)
                    .iter()
                    .map(|&t| ctx.g.src[t as usize])
                    .filter(|&s| s != y && s != x)
                    .collect::<FxHashSet<_>>()
                    .len()
            };
            let (da, db) = (depositors(a, b), depositors(b, a));
            if da.max(db) < p.settlement_min_depositors {
                continue;
            }
            let evidence = (-(net.max(1e-4)).ln() - (tried.max(1) as f64).ln()).max(0.0) + (txs.len() as f64).ln();
            let ab: Vec<TxIx> = txs.iter().copied().filter(|&t| ctx.g.src[t as usize] == a).collect();
            let ba: Vec<TxIx> = txs.iter().copied().filter(|&t| ctx.g.src[t as usize] == b).collect();
            let figures = vec![
                fig("account_a", ctx.id(a)),
                fig("account_b", ctx.id(b)),
                fig("a_to_b", ctx.money(ab.iter().copied())),
                fig("b_to_a", ctx.money(ba.iter().copied())),
                fig("transfers", txs.len()),
                fig("net_share", format!("{net:.3}")),
                fig("depositors_a", da),
                fig("depositors_b", db),
                fig("first", date(from)),
                fig("last", date(to)),
            ];
            let explanation = format!(
                "Accounts {} and {} paid each other {} and {} ({} transfers) between {} and {}: the flows offset to within \
                 {:.1}% of the larger, while {} collected deposits from {} other payers and {} from {} in the same window. \
                 Offsetting transfers between accounts that collect many third-party deposits is the hawala settlement \
                 pattern MS3; check whether both are money transfer businesses.",
                ctx.id(a),
                ctx.id(b),
                ctx.money(ab.iter().copied()),
                ctx.money(ba.iter().copied()),
                txs.len(),
                date(from),
                date(to),
                net * 100.0,
                ctx.id(a),
                da,
                ctx.id(b),
                db,
            );
            out.push(
                Draft {
                    typology: Typology::HawalaSettlement,
                    evidence,
                    transactions: txs,
                    principal: vec![a, b],
                    rule: "hawala_settlement.offsetting",
                    figures,
                    explanation,
                }
                .finish(ctx.g),
            );
        }
    }
    out
    })
}
