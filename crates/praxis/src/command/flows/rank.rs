//! `praxis flows rank`.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use praxis_flows::rank::{rank, RankParams};
use praxis_flows::trace::{trace, Rule, Seed, TraceParams};
use praxis_flows::window::Window;
use serde_json::json;

use super::input::{load_graph, parse_time, InputArgs};

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum By {
    /// Amount-weighted PageRank.
    Pagerank,
    /// HITS authority (paid by many important payers).
    Authority,
    /// HITS hub (pays many important payees).
    Hub,
    /// Money in minus money out: where money ends up.
    Net,
    /// The smaller of money in and out: money passing through.
    FlowThrough,
    /// Tainted amount received from the seeds (needs --seed).
    Traced,
}

#[derive(Debug, Args)]
pub(crate) struct RankArgs {
    #[command(flatten)]
    input: InputArgs,
    /// What to rank by.
    #[arg(long, value_enum, default_value = "pagerank")]
    by: By,
    /// How many accounts to print.
    #[arg(long, default_value_t = 25)]
    top: usize,
    /// Seeds for the traced amount (FIFO unless --rule says otherwise).
    #[arg(long = "seed", value_delimiter = ',')]
    seeds: Vec<String>,
    /// Rule for the traced amount: fifo, lifo, libr, pro-rata, poison.
    #[arg(long, default_value = "fifo")]
    rule: String,
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
    /// Print JSON lines instead of a table.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(a: RankArgs) -> anyhow::Result<ExitCode> {
    let g = load_graph(&a.input)?;
    let window = Window::new(
        a.from.as_deref().map(parse_time).transpose()?,
        a.to.as_deref().map(parse_time).transpose()?,
    );
    let rows = rank(&g, &RankParams { window, ..RankParams::default() });
    let mut traced = vec![0i64; g.account_count()];
    if !a.seeds.is_empty() {
        let rule = Rule::parse(&a.rule)
            .ok_or_else(|| anyhow::anyhow!("--rule: `{}` is not a tracing rule", a.rule))?;
        let mut p = TraceParams::new(a.seeds.iter().map(|s| Seed::Account(s.clone())).collect(), rule);
        p.window = window;
        for r in trace(&g, &p)?.accounts {
            traced[r.account as usize] = r.received;
        }
    } else if a.by == By::Traced {
        anyhow::bail!("--by traced needs at least one --seed");
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let key = |i: usize| -> f64 {
        let r = &rows[i];
        match a.by {
            By::Pagerank => r.pagerank,
            By::Authority => r.authority,
            By::Hub => r.hub,
            By::Net => r.net as f64,
            By::FlowThrough => r.flow_through as f64,
            By::Traced => traced[i] as f64,
        }
    };
    order.sort_by(|&x, &y| key(y).total_cmp(&key(x)).then(x.cmp(&y)));
    let cur = g.currencies().first().copied();
    let money = |m: i64| cur.map_or_else(|| m.to_string(), |c| c.format(m));
    if !a.json {
        println!(
            "{:>4}  {:<14} {:>10} {:>10} {:>10} {:>14} {:>14} {:>14} {:>14} {:>14}",
            "rank", "account", "pagerank", "authority", "hub", "in", "out", "net", "through", "traced"
        );
    }
    for (pos, &i) in order.iter().take(a.top).enumerate() {
        let r = &rows[i];
        if a.json {
            println!(
                "{}",
                json!({
                    "rank": pos + 1, "account": g.account_id(r.account), "by": format!("{:?}", a.by).to_lowercase(),
                    "pagerank": r.pagerank, "authority": r.authority, "hub": r.hub,
                    "inflow": money(r.inflow), "outflow": money(r.outflow), "net": money(r.net),
                    "flow_through": money(r.flow_through), "traced": money(traced[i]),
                    "transactions_in": r.transactions_in, "transactions_out": r.transactions_out,
                    "counterparties_in": r.counterparties_in, "counterparties_out": r.counterparties_out,
                })
            );
        } else {
            println!(
                "{:>4}  {:<14} {:>10.6} {:>10.6} {:>10.6} {:>14} {:>14} {:>14} {:>14} {:>14}",
                pos + 1,
                g.account_id(r.account),
                r.pagerank,
                r.authority,
                r.hub,
                money(r.inflow),
                money(r.outflow),
                money(r.net),
                money(r.flow_through),
                money(traced[i])
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
