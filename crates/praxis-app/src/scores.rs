//! Strategic case and target selection: a transparent score for each subject (target) and each
//! case, from five parts, each in 0..1 and shown with the figure behind it:
//!
//! - **seniority**: the subject's role in the network (organiser 1.0 … transporter 0.35); for a
//!   case, its most senior subject;
//! - **profit**: the estimated illicit profit, the amount traced (FIFO, forward from the seeds of
//!   the case's linked datasets) into the subject's accounts; scaled as log10(1 + amount) / 7, so
//!   10 million units of the currency score 1;
//! - **harm**: victims and smuggled migrants, children counted twice more and violence twice
//!   more: (people + 2 × children + 2 × with violence) / 20, at most 1;
//! - **reach**: countries the case touches beyond the first, (countries − 1) / 3, at most 1;
//! - **evidence**: for a subject, 1 when evidence other than testimony supports them, 0.4 on
//!   testimony alone, 0 with nothing; for a case, its share of corroborated subjects and offences.
//!
//! The score is the weighted mean of the parts (weights per organisation, defaults below), shown
//! out of 100. Harm and reach are the case's, shared by its subjects.

use std::collections::HashMap;

use praxis_model::{NetworkRole, OrgId, Role, SubjectStatus};
use praxis_store::AuditEvent;
use serde::{Deserialize, Serialize};

use crate::cases::{account_list, CaseFilter, CaseSummary};
use crate::policy::{authorize, Action, Caller, RecordKind, RecordRef};
use crate::{App, AppError};

/// The weights of the five parts. Any non-negative numbers; the score divides by their sum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub seniority: f64,
    pub profit: f64,
    pub harm: f64,
    pub reach: f64,
    pub evidence: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { seniority: 0.25, profit: 0.20, harm: 0.25, reach: 0.15, evidence: 0.15 }
    }
}

impl Weights {
    fn check(&self) -> Result<(), AppError> {
        let all = [self.seniority, self.profit, self.harm, self.reach, self.evidence];
        if all.iter().any(|w| !w.is_finite() || *w < 0.0 || *w > 100.0) {
            return Err(AppError::invalid("weights", "invalid", "each weight is a number from 0 to 100"));
        }
        if all.iter().sum::<f64>() <= 0.0 {
            return Err(AppError::invalid("weights", "invalid", "at least one weight must be above 0"));
        }
        Ok(())
    }

    fn of(&self, part: &str) -> f64 {
        match part {
            "seniority" => self.seniority,
            "profit" => self.profit,
            "harm" => self.harm,
            "reach" => self.reach,
            _ => self.evidence,
        }
    }
}

/// One part of a score: its value, its weight, what it adds, and the figure behind it.
#[derive(Debug, Clone, Serialize)]
pub struct ScorePart {
    pub part: &'static str,
    pub value: f64,
    pub weight: f64,
    /// Points out of 100 this part adds.
    pub points: f64,
    pub figure: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TargetScore {
    pub subject: i64,
    pub name: String,
    pub network_role: NetworkRole,
    pub status: SubjectStatus,
    pub case: i64,
    pub case_reference: String,
    pub case_title: String,
    /// 0..100
    pub score: f64,
    pub parts: Vec<ScorePart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseScore {
    #[serde(flatten)]
    pub case: CaseSummary,
    /// 0..100
    pub score: f64,
    pub parts: Vec<ScorePart>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ranking {
    pub weights: Weights,
    pub targets: Vec<TargetScore>,
    pub cases: Vec<CaseScore>,
}

fn combine(weights: &Weights, parts: Vec<(&'static str, f64, String)>) -> (f64, Vec<ScorePart>) {
    let total: f64 = parts.iter().map(|(p, ..)| weights.of(p)).sum::<f64>().max(f64::MIN_POSITIVE);
    let parts: Vec<ScorePart> = parts
        .into_iter()
        .map(|(part, value, figure)| {
            let weight = weights.of(part);
            ScorePart { part, value, weight, points: 100.0 * weight * value / total, figure }
        })
        .collect();
    (parts.iter().map(|p| p.points).sum(), parts)
}

fn profit_value(amount: f64) -> f64 {
    ((1.0 + amount.max(0.0)).log10() / 7.0).min(1.0)
}

fn fmt_amount(amount: f64, currency: &str) -> String {
    format!("{currency} {amount:.2}")
}

impl App {
    /// The weights the caller's organisation uses (the defaults until it sets its own).
    pub async fn score_weights(&self, caller: &Caller) -> Result<Weights, AppError> {
        let Some(org) = caller.org_id() else { return Ok(Weights::default()) };
        Ok(match self.store.score_weights(OrgId(org)).await? {
            Some(json) => serde_json::from_str(&json).unwrap_or_default(),
            None => Weights::default(),
        })
    }

    /// Sets the caller's organisation's weights: its administrators decide.
    pub async fn set_score_weights(&self, caller: &Caller, weights: &Weights) -> Result<(), AppError> {
        let Caller::User(actor) = caller else {
            return Err(AppError::Denied("weights belong to an organisation".into()));
        };
        if !actor.has(Role::Administrator) {
            return Err(AppError::Denied("the organisation's administrators set its weights".into()));
        }
        authorize(caller, Action::Administer, &RecordRef::new(RecordKind::Case, Some(actor.org.id)))?;
        weights.check()?;
        let json = serde_json::to_string(weights)
            .map_err(|e| AppError::invalid("weights", "invalid", e.to_string()))?;
        let mut tx = self.store.begin_write().await?;
        tx.set_score_weights(actor.org.id, &json, Some(actor.user_id)).await?;
        tx.audit(
            AuditEvent::new("scores.weights", "organisation", actor.org.id.0)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::to_value(weights).unwrap_or_default()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Targets and cases the caller may read, filtered like the case list, ranked by score.
    pub async fn ranking(&self, caller: &Caller, filter: &CaseFilter) -> Result<Ranking, AppError> {
        let weights = self.score_weights(caller).await?;
        let mut targets = Vec::new();
        let mut cases = Vec::new();
        for case in self.cases(caller, filter).await? {
            let id = case.id;
            let subjects = self.store.case_subjects(id).await?;
            let persons = self.store.case_persons(id).await?;
            let (_, _, base) = self.case_evidence_parts(id).await?;
            let evidence = self.store.list_evidence(Some(id)).await?;
            // Profit: what the traces of the case's datasets carried into each account.
            let mut received: HashMap<String, (f64, String)> = HashMap::new();
            for d in self.case_money_unchecked(caller, id).await? {
                if let Some(t) = d.trace {
                    let currency = t.currency.clone().unwrap_or_default();
                    for a in t.accounts.iter().filter(|a| !a.seed) {
                        let amount: f64 = a.amount.replace(',', "").parse().unwrap_or(0.0);
                        let e = received.entry(a.account.clone()).or_insert((0.0, currency.clone()));
                        e.0 += amount;
                    }
                }
            }
            let people = persons.len();
            let children = persons
                .iter()
                .filter(|p| praxis_model::AgeBand::parse(&p.age_band).is_ok_and(|a| a.is_child()))
                .count();
            let violence = persons.iter().filter(|p| p.violence).count();
            let harm = ((people + 2 * children + 2 * violence) as f64 / 20.0).min(1.0);
            let harm_figure =
                format!("{people} victims or migrants, {children} children, violence against {violence}");
            let mut countries: Vec<&str> =
                case.jurisdictions.iter().map(|j| j.split('-').next().unwrap_or(j)).collect();
            countries.sort_unstable();
            countries.dedup();
            let reach = ((countries.len().max(1) - 1) as f64 / 3.0).min(1.0);
            let reach_figure = format!("{} countries: {}", countries.len(), countries.join(", "));

            let mut case_profit = 0.0;
            let mut case_currency = String::new();
            let mut most_senior: Option<NetworkRole> = None;
            for s in &subjects {
                let role = NetworkRole::parse(&s.network_role).unwrap_or(NetworkRole::Other);
                if most_senior.is_none_or(|m| role.seniority() > m.seniority()) {
                    most_senior = Some(role);
                }
                let (profit, currency) = account_list(&s.accounts)
                    .iter()
                    .filter_map(|a| received.get(a))
                    .fold((0.0, String::new()), |(sum, _), (amount, cur)| (sum + amount, cur.clone()));
                case_profit += profit;
                if !currency.is_empty() {
                    case_currency = currency.clone();
                }
                let supporting: Vec<_> = evidence
                    .iter()
                    .filter(|e| e.subjects.contains(&s.id) && e.admissibility != "inadmissible")
                    .collect();
                let corroborated = supporting.iter().any(|e| e.kind != "testimonial");
                let (ev, ev_figure) = match (corroborated, supporting.is_empty()) {
                    (true, _) => (1.0, format!("{} items, evidence beyond testimony", supporting.len())),
                    (false, false) => (0.4, format!("{} items, testimony alone", supporting.len())),
                    (false, true) => (0.0, "no evidence linked".to_owned()),
                };
                let profit_figure = if account_list(&s.accounts).is_empty() {
                    "no accounts recorded".to_owned()
                } else if currency.is_empty() {
                    "nothing traced into the subject's accounts".to_owned()
                } else {
                    format!("{} traced into the subject's accounts", fmt_amount(profit, &currency))
                };
                let (score, parts) = combine(
                    &weights,
                    vec![
                        ("seniority", f64::from(role.seniority()) / 100.0, role.as_str().to_owned()),
                        ("profit", profit_value(profit), profit_figure),
                        ("harm", harm, harm_figure.clone()),
                        ("reach", reach, reach_figure.clone()),
                        ("evidence", ev, ev_figure),
                    ],
                );
                targets.push(TargetScore {
                    subject: s.id,
                    name: s.name.clone(),
                    network_role: role,
                    status: SubjectStatus::parse(&s.status).unwrap_or(SubjectStatus::Suspect),
                    case: id,
                    case_reference: case.reference.clone(),
                    case_title: case.title.clone(),
                    score,
                    parts,
                });
            }
            let senior = most_senior.map_or(0.0, |r| f64::from(r.seniority()) / 100.0);
            let (score, parts) = combine(
                &weights,
                vec![
                    (
                        "seniority",
                        senior,
                        most_senior.map_or("no subjects".to_owned(), |r| r.as_str().to_owned()),
                    ),
                    (
                        "profit",
                        profit_value(case_profit),
                        if case_currency.is_empty() {
                            "no profit traced".to_owned()
                        } else {
                            format!(
                                "{} traced into subjects' accounts",
                                fmt_amount(case_profit, &case_currency)
                            )
                        },
                    ),
                    ("harm", harm, harm_figure),
                    ("reach", reach, reach_figure),
                    (
                        "evidence",
                        base.share.unwrap_or(0.0),
                        match base.share {
                            Some(s) => format!("{:.0} % of subjects and offences corroborated", s * 100.0),
                            None => "nothing to measure yet".to_owned(),
                        },
                    ),
                ],
            );
            cases.push(CaseScore { case, score, parts });
        }
        targets.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.subject.cmp(&b.subject)));
        cases.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.case.id.cmp(&b.case.id)));
        Ok(Ranking { weights, targets, cases })
    }
}
