//! Structuring (MS5, HT7): repeated amounts just under a reporting threshold.
//!
//! Rule `structuring.below_threshold`: at least `structuring_min_count` payments by one account
//! (or deposits into one account) with amounts in [threshold × (1 − band), threshold) within
//! `structuring_window`. Clusters of such transactions closer than a window merge into one alert.
//!
//! Evidence: the Poisson surprise of so many just-under amounts among the account's transactions
//! on that side in the span, where the share of just-under amounts among all the window's
//! transactions is the chance model.

use rustc_hash::FxHashSet;

use super::common::{date, days, duration, fig, poisson_surprise, Ctx, Draft};
use super::{Alert, Typology};
use crate::graph::{AccountIx, TxIx};

pub(crate) fn detect(ctx: &Ctx<'_>) -> Vec<Alert> {
    let p = ctx.p;
    let threshold = p.structuring_threshold;
    if threshold <= 0 {
        return Vec::new();
    }
    let floor = (threshold as f64 * (1.0 - p.structuring_band.clamp(0.0, 1.0))).ceil() as i64;
    let q = ctx.amount_share(floor, threshold);
    let min_k = p.structuring_min_count.max(2);
    ctx.par_accounts(|range| {
        let mut out = Vec::new();
        for a in range {
            for deposits in [false, true] {
                let list = if deposits { ctx.incoming(a) } else { ctx.outgoing(a) };
                let just: Vec<TxIx> =
                    list.iter().copied().filter(|&t| (floor..threshold).contains(&ctx.amount(t))).collect();
                if just.len() < min_k {
                    continue;
                }
                // Clusters: consecutive just-under transactions less than a window apart.
                let mut start = 0;
                for i in 1..=just.len() {
                    if i < just.len() && ctx.ts(just[i]) - ctx.ts(just[i - 1]) < p.structuring_window {
                        continue;
                    }
                    let cluster = &just[start..i];
                    start = i;
                    // At least min_k within one window somewhere in the cluster.
                    let dense = (0..cluster.len()).any(|s| {
                        let e = cluster[s..]
                            .partition_point(|&t| ctx.ts(t) - ctx.ts(cluster[s]) < p.structuring_window);
                        e >= min_k
                    });
                    if !dense {
                        continue;
                    }
                    let from = ctx.ts(cluster[0]);
                    let to = ctx.ts(*cluster.last().expect("cluster"));
                    let m = ctx.between(list, from, to + 1).len();
                    let evidence = poisson_surprise(cluster.len() as u64, m as f64 * q);
                    out.push(alert(ctx, a, deposits, cluster, m, floor, evidence));
                }
            }
        }
        out
    })
}

fn alert(
    ctx: &Ctx<'_>,
    a: AccountIx,
    deposits: bool,
    txs: &[TxIx],
    m: usize,
    floor: i64,
    evidence: f64,
) -> Alert {
    let p = ctx.p;
    let from = ctx.ts(txs[0]);
    let to = ctx.ts(*txs.last().expect("txs"));
    let others: FxHashSet<AccountIx> =
        txs.iter().map(|&t| if deposits { ctx.g.src[t as usize] } else { ctx.g.dst[t as usize] }).collect();
    let t0 = txs[0];
    let cur = ctx.g.currency[t0 as usize];
    let fmt = |x: i64| format!("{} {}", cur.format(x), cur.code());
    let figures = vec![
        fig("account", ctx.id(a)),
        fig("side", if deposits { "deposits" } else { "payments" }),
        fig("transactions", txs.len()),
        fig("amount", ctx.money(txs.iter().copied())),
        fig("threshold", fmt(p.structuring_threshold)),
        fig("band_from", fmt(floor)),
        fig("account_transactions_in_span", m),
        fig("counterparties", others.len()),
        fig("first", date(from)),
        fig("last", date(to)),
        fig("span_days", days(to - from)),
    ];
    let explanation = format!(
        "Account {} {} {} transactions of between {} and {} (just under the {} reporting threshold), {} {} \
         counterpart{}, within {} ({} to {}); amount {}. Such amounts are rare in the data, and they make {} of the \
         account's {} {} in that span.",
        ctx.id(a),
        if deposits { "received" } else { "made" },
        txs.len(),
        fmt(floor),
        fmt(p.structuring_threshold - 1),
        fmt(p.structuring_threshold),
        if deposits { "from" } else { "to" },
        others.len(),
        if others.len() == 1 { "y" } else { "ies" },
        duration(to - from),
        date(from),
        date(to),
        ctx.money(txs.iter().copied()),
        txs.len(),
        m,
        if deposits { "deposits" } else { "payments" },
    );
    Draft {
        typology: Typology::Structuring,
        evidence,
        transactions: txs.to_vec(),
        principal: vec![a],
        rule: "structuring.below_threshold",
        figures,
        explanation,
    }
    .finish(ctx.g)
}
