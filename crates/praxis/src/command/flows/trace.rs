//! `praxis flows trace`.

use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use praxis_flows::trace::{trace, Direction, Rule, Seed, TraceParams};
use praxis_flows::window::{format_timestamp, Window};
use serde_json::json;

use super::input::{load_graph, parse_time, InputArgs};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum RuleArg {
    /// Clayton's Case: earliest deposits leave first.
    Fifo,
    /// Latest deposits leave first.
    Lifo,
    /// Lowest intermediate balance: own funds leave first, no replenishment.
    Libr,
    /// Rolling proportional ("haircut").
    #[value(alias = "prorata", alias = "haircut")]
    ProRata,
    /// Any taint taints every later withdrawal wholly.
    Poison,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum DirectionArg {
    /// Where the money went.
    Forward,
    /// Where the money came from.
    Backward,
}

#[derive(Debug, Args)]
pub(crate) struct TraceArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Seed accounts (repeat or comma-separate). Everything they pay out in the window is tainted.
    #[arg(long = "seed", value_delimiter = ',')]
    seeds: Vec<String>,
    /// Seed transactions, by the input's transaction id.
    #[arg(long = "seed-tx", value_delimiter = ',')]
    seed_txs: Vec<String>,
    #[arg(long, value_enum, default_value = "forward")]
    direction: DirectionArg,
    /// The attribution rule: every amount in the output is under this rule.
    #[arg(long, value_enum, default_value = "fifo")]
    rule: RuleArg,
    /// Start of the window (included): a date or RFC 3339 time, UTC.
    #[arg(long)]
    from: Option<String>,
    /// End of the window (excluded).
    #[arg(long)]
    to: Option<String>,
    /// At most this many transactions from a seed.
    #[arg(long, default_value_t = 6)]
    max_hops: u32,
    /// Do not follow transactions below this amount (in the currency's units, e.g. 100.50).
    #[arg(long, default_value = "0")]
    min_amount: String,
    /// Accounts where the trace stops (cash-out, regulated institutions, accounts you mark).
    #[arg(long = "stop", value_delimiter = ',')]
    stops: Vec<String>,
    /// Leave the paths out of the output (smaller JSON for large traces).
    #[arg(long)]
    no_paths: bool,
}

pub(crate) fn run(a: TraceArgs) -> anyhow::Result<ExitCode> {
    if a.seeds.is_empty() && a.seed_txs.is_empty() {
        bail!("give at least one --seed ACCOUNT or --seed-tx TRANSACTION");
    }
    let g = load_graph(&a.input)?;
    let rule = match a.rule {
        RuleArg::Fifo => Rule::Fifo,
        RuleArg::Lifo => Rule::Lifo,
        RuleArg::Libr => Rule::Libr,
        RuleArg::ProRata => Rule::ProRata,
        RuleArg::Poison => Rule::Poison,
    };
    let currency = g.currencies().first().copied();
    let min_amount = match currency {
        Some(c) => c.parse_amount(&a.min_amount).with_context(|| format!("--min-amount {}", a.min_amount))?,
        None => 0,
    };
    let mut seeds: Vec<Seed> = a.seeds.iter().map(|s| Seed::Account(s.trim().to_owned())).collect();
    seeds.extend(a.seed_txs.iter().map(|s| Seed::Transaction(s.trim().to_owned())));
    let params = TraceParams {
        seeds,
        direction: match a.direction {
            DirectionArg::Forward => Direction::Forward,
            DirectionArg::Backward => Direction::Backward,
        },
        rule,
        window: Window::new(
            a.from.as_deref().map(parse_time).transpose()?,
            a.to.as_deref().map(parse_time).transpose()?,
        ),
        max_hops: a.max_hops,
        min_amount,
        stop_accounts: a.stops.clone(),
    };
    let started = std::time::Instant::now();
    let r = trace(&g, &params)?;
    let elapsed = started.elapsed();
    let cur = r.currency.or(currency);
    let money = |m: i64| cur.map_or_else(|| m.to_string(), |c| c.format(m));
    let accounts: Vec<_> = r
        .accounts
        .iter()
        .map(|x| {
            let mut v = json!({
                "account": g.account_id(x.account),
                "hops": x.hops,
                "amount": money(x.received),
                "amount_by_seed": x.received_by_seed.iter().map(|&m| money(m)).collect::<Vec<_>>(),
                "remaining": x.remaining.map(money),
                "first_arrival": if x.is_seed { None } else { Some(format_timestamp(x.first_arrival)) },
                "seed": x.is_seed,
                "stop": x.is_stop,
            });
            if !g.holder(x.account).is_empty() {
                v["holder"] = json!(g.holder(x.account));
            }
            if !a.no_paths {
                v["path"] = json!(x.path.iter().map(|&t| g.tx_id(t)).collect::<Vec<_>>());
                v["path_accounts"] = json!(praxis_flows::trace::path_accounts(&g, &x.path, params.direction)
                    .iter()
                    .map(|&a| g.account_id(a).to_owned())
                    .collect::<Vec<_>>());
            }
            v
        })
        .collect();
    let flows: Vec<_> = r
        .flows
        .iter()
        .map(|f| {
            json!({
                "transaction": g.tx_id(f.tx),
                "from": g.account_id(f.from),
                "to": g.account_id(f.to),
                "amount": money(f.amount),
                "time": format_timestamp(g.ts[f.tx as usize]),
            })
        })
        .collect();
    let out = json!({
        "rule": rule.name(),
        "rule_description": rule.describe(),
        "direction": match params.direction { Direction::Forward => "forward", Direction::Backward => "backward" },
        "currency": cur.map(|c| c.code().to_owned()),
        "seeds": r.seeds,
        "tainted_in": r.tainted_in.iter().map(|&m| money(m)).collect::<Vec<_>>(),
        "tainted_remaining": if rule == Rule::Poison { None } else { Some(r.remaining.iter().map(|&m| money(m)).collect::<Vec<_>>()) },
        "tainted_left_trace": if rule == Rule::Poison { None } else { Some(r.exited.iter().map(|&m| money(m)).collect::<Vec<_>>()) },
        "accounts": accounts,
        "flows": flows,
        "elapsed_ms": elapsed.as_secs_f64() * 1000.0,
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(ExitCode::SUCCESS)
}
