//! Rapid pass-through (MS2): money comes into an account and mostly leaves again within a short
//! dwell.
//!
//! Rule `pass_through.dwell`. Each account's payments out are matched first-in first-out against
//! its receipts of the last `pass_dwell` (older receipts have settled and are not matched). A
//! receipt is *passed on* when at least `pass_min_ratio` of it left that way, to someone other
//! than its payer. An episode is at least `pass_min_passes` receipts passed on within
//! `pass_window` (each less than a quarter of the window after the one before), outnumbering at
//! least two to one the receipts that stayed in between.
//!
//! Evidence: how unusual such a run is for the account: k passes in a row where the account passes
//! on a share q of its receipts elsewhere in the data (−k·ln q, with q smoothed; k counts receipts
//! and payments out, whichever is fewer, so that one payment carrying several receipts counts
//! once). An account that always passes money on (a payment processor) is not flagged for doing
//! so again.

use rustc_hash::FxHashSet;

use super::common::{date, days, duration, fig, ratio, withdrawn, Ctx, Draft};
use super::{Alert, Typology};
use crate::graph::TxIx;

pub(crate) fn detect(ctx: &Ctx<'_>) -> Vec<Alert> {
    let p = ctx.p;
    let min_k = p.pass_min_passes.max(1);
    ctx.par_accounts(|range| {
        let mut out = Vec::new();
        for a in range {
            let ins: Vec<TxIx> =
                ctx.incoming(a).iter().copied().filter(|&t| ctx.g.src[t as usize] != a).collect();
            let outs: Vec<TxIx> =
                ctx.outgoing(a).iter().copied().filter(|&t| ctx.g.dst[t as usize] != a).collect();
            if ins.len() < min_k || outs.is_empty() {
                continue;
            }
            // First-in first-out matching within the dwell.
            let (matched, takers) = withdrawn(ctx, &ins, &outs, p.pass_dwell);
            let passed: Vec<bool> = (0..ins.len())
                .map(|k| {
                    let amount = ctx.amount(ins[k]);
                    let payer = ctx.g.src[ins[k] as usize];
                    matched[k] as f64 >= p.pass_min_ratio * amount as f64
                        && takers[k].iter().any(|&o| ctx.g.dst[o as usize] != payer)
                })
                .collect();
            let total_passed = passed.iter().filter(|&&x| x).count();
            // Episodes: passed receipts less than a quarter of the window apart, within the window,
            // outnumbering the receipts that stayed among them at least two to one.
            let passed_ix: Vec<usize> = (0..ins.len()).filter(|&k| passed[k]).collect();
            let mut k = 0;
            while k < passed_ix.len() {
                let start = k;
                let t0 = ctx.ts(ins[passed_ix[k]]);
                k += 1;
                while k < passed_ix.len()
                    && ctx.ts(ins[passed_ix[k]]) - ctx.ts(ins[passed_ix[k - 1]]) < p.pass_window / 4
                    && ctx.ts(ins[passed_ix[k]]) - t0 < p.pass_window
                {
                    k += 1;
                }
                let group: Vec<usize> = passed_ix[start..k].to_vec();
                let run = group.len();
                let (first, last) = (group[0], group[run - 1]);
                let stayed = (last + 1 - first) - run;
                if run < min_k || 2 * stayed > run {
                    continue;
                }
                // Usual share of receipts passed on, outside the episode (Laplace-smoothed).
                let q = (total_passed - run) as f64 + 1.0;
                let q = q / ((ins.len() - (last + 1 - first)) as f64 + 2.0);
                // Independent events: one payment out that carries several receipts is one event.
                let payments_out: FxHashSet<TxIx> =
                    group.iter().flat_map(|&g| takers[g].iter().copied()).collect();
                let events = run.min(payments_out.len());
                if events < min_k.min(2) {
                    continue;
                }
                let evidence = events as f64 * -(q.ln());
                let g_ins: Vec<TxIx> = group.iter().map(|&g| ins[g]).collect();
                let g_takers: Vec<Vec<TxIx>> = group.iter().map(|&g| takers[g].clone()).collect();
                let g_matched: Vec<i64> = group.iter().map(|&g| matched[g]).collect();
                out.push(alert(ctx, a, &g_ins, &g_takers, &g_matched, q, evidence));
            }
        }
        out
    })
}

fn alert(
    ctx: &Ctx<'_>,
    a: crate::graph::AccountIx,
    ins: &[TxIx],
    takers: &[Vec<TxIx>],
    matched: &[i64],
    usual: f64,
    evidence: f64,
) -> Alert {
    let p = ctx.p;
    let mut txs: Vec<TxIx> = ins.to_vec();
    let mut outs: Vec<TxIx> = takers.iter().flatten().copied().collect();
    outs.sort_unstable();
    outs.dedup();
    txs.extend(&outs);
    let mut delays: Vec<i64> =
        ins.iter().zip(takers).filter_map(|(&i, o)| o.last().map(|&l| ctx.ts(l) - ctx.ts(i))).collect();
    let median_delay = super::common::median(&mut delays);
    let payers: FxHashSet<_> = ins.iter().map(|&t| ctx.g.src[t as usize]).collect();
    let payees: FxHashSet<_> = outs.iter().map(|&t| ctx.g.dst[t as usize]).collect();
    let received: i64 = ins.iter().map(|&t| ctx.amount(t)).sum();
    let passed: i64 = matched.iter().sum();
    let from = ctx.ts(ins[0]);
    let to = outs.iter().map(|&t| ctx.ts(t)).max().unwrap_or(from);
    let figures = vec![
        fig("account", ctx.id(a)),
        fig("passes", ins.len()),
        fig("received", ctx.money(ins.iter().copied())),
        fig("paid_on", ctx.money(outs.iter().copied())),
        fig("passed_share", ratio(passed as f64 / received.max(1) as f64)),
        fig("median_dwell_days", days(median_delay)),
        fig("dwell_limit_days", days(p.pass_dwell)),
        fig("payers", payers.len()),
        fig("payees", payees.len()),
        fig("first", date(from)),
        fig("last", date(to)),
        fig("usual_passed_share", ratio(usual)),
    ];
    let explanation = format!(
        "Account {} passed on {} incoming payments ({}, from {} payer(s)) between {} and {}: \
         {:.0}% of the money left again within {} (median {}), to {} payee(s). Elsewhere in the data it passes \
         on only about {:.0}% of its receipts that fast.",
        ctx.id(a),
        ins.len(),
        ctx.money(ins.iter().copied()),
        payers.len(),
        date(from),
        date(to),
        passed as f64 / received.max(1) as f64 * 100.0,
        duration(p.pass_dwell),
        duration(median_delay),
        payees.len(),
        usual * 100.0
    );
    Draft {
        typology: Typology::PassThrough,
        evidence,
        transactions: txs,
        principal: vec![a],
        rule: "pass_through.dwell",
        figures,
        explanation,
    }
    .finish(ctx.g)
}
