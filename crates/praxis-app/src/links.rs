//! Entity resolution within a case and across cases, with the matching engine.
//!
//! Selectors are taken from the case's entities and subjects: phone numbers (E.164), account
//! numbers and IBANs, identity-document numbers, e-mail addresses, vehicle registrations, and
//! names of persons and companies (compared across scripts by `praxis_match`, at its default
//! threshold; persons with birth dates must share the birth year).
//!
//! Across cases the hit/no-hit rule applies: when the other case is one the caller may read,
//! the link names it; otherwise the caller learns only that a matching selector of that kind is
//! held in a case of <organisation>, <country> — the rest goes through a cooperation request or a
//! share. The owners of both cases see the hit on their own case.

use std::collections::HashMap;

use praxis_match::{compare_names, DEFAULT_THRESHOLD};
use serde::Serialize;

use crate::entities::{first, props_of};
use crate::policy::{decide, Action, Caller};
use crate::{App, AppError};

/// Something that can be matched: a subject or an entity of a case.
#[derive(Debug, Clone)]
struct Item {
    case: i64,
    label: String,
    /// Exact selectors: (kind, normalised value).
    keys: Vec<(&'static str, String)>,
    /// A person's or company's names, with the birth year when known.
    names: Vec<String>,
    birth_year: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkedCase {
    pub id: i64,
    pub reference: String,
    pub title: String,
}

/// A match between something of this case and something of another case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseLink {
    /// Names the link for judgements (stable while both ends exist).
    pub key: String,
    /// `confirmed` when an analyst confirmed it (rejected links are left out).
    pub judgement: Option<String>,
    /// What in this case matched.
    pub ours: String,
    /// phone, account, identity document, e-mail, vehicle or name.
    pub selector: &'static str,
    /// The other case, when the caller may read it; otherwise only the holder is told.
    pub other_case: Option<LinkedCase>,
    /// What matched there, when the caller may read it.
    pub theirs: Option<String>,
    pub holder_org: String,
    pub holder_country: String,
    pub explanation: String,
}

/// Two things of the same case that look like one.
#[derive(Debug, Clone, Serialize)]
pub struct PossibleDuplicate {
    pub key: String,
    pub judgement: Option<String>,
    pub left: String,
    pub right: String,
    pub selector: &'static str,
    pub explanation: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseLinks {
    pub links: Vec<CaseLink>,
    pub duplicates: Vec<PossibleDuplicate>,
    /// Links and duplicates an analyst rejected, left out above.
    pub rejected: usize,
}

/// The two verdicts an analyst gives.
pub const VERDICTS: [&str; 2] = ["confirmed", "rejected"];

fn link_key(parts: &[&str]) -> String {
    crate::auth::sha256_hex(parts.join("\u{1f}").as_bytes())[..20].to_owned()
}

/// Account, document and registration numbers compare by their letters and digits, upper-cased.
fn account_key(a: &str) -> String {
    a.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_uppercase()
}

fn name_match(a: &Item, b: &Item) -> Option<String> {
    if let (Some(x), Some(y)) = (&a.birth_year, &b.birth_year) {
        if x != y {
            return None;
        }
    }
    for n in &a.names {
        for m in &b.names {
            if let Ok(c) = compare_names(n, m) {
                if c.is_match(DEFAULT_THRESHOLD) {
                    return Some(format!(
                        "names {n:?} and {m:?} agree ({:.2}): {}",
                        c.score,
                        c.explanation().join("; ")
                    ));
                }
            }
        }
    }
    None
}

fn exact_match(a: &Item, b: &Item) -> Option<(&'static str, String)> {
    a.keys.iter().find(|k| b.keys.contains(k)).map(|(kind, v)| (*kind, format!("same {kind} {v}")))
}

impl App {
    async fn match_items(&self) -> Result<Vec<Item>, AppError> {
        let mut items = Vec::new();
        for e in self.store.list_entities(None).await? {
            let p = props_of(&e.properties);
            let mut keys: Vec<(&'static str, String)> = Vec::new();
            let mut add = |kind: &'static str, prop: &str| {
                for v in p.get(prop).into_iter().flatten() {
                    // Numbers compare by their letters and digits; phones and e-mails are
                    // normalised when stored.
                    let v = match kind {
                        "account" | "identity document" | "vehicle" => account_key(v),
                        _ => v.clone(),
                    };
                    keys.push((kind, v));
                }
            };
            add("phone", "phone");
            add("e-mail", "email");
            add("account", "iban");
            add("account", "accountNumber");
            add("identity document", "passportNumber");
            add("identity document", "idNumber");
            match e.schema.as_str() {
                "Passport" => add("identity document", "number"),
                "Vehicle" => add("vehicle", "registrationNumber"),
                _ => {}
            }
            let names = match e.schema.as_str() {
                "Person" | "Company" | "Organization" => {
                    p.get("name").into_iter().chain(p.get("alias")).flatten().cloned().collect()
                }
                _ => vec![],
            };
            let birth_year = first(&p, "birthDate").map(|d| d.chars().take(4).collect());
            items.push(Item {
                case: e.case_id,
                label: format!("{} {}", e.schema, e.caption),
                keys,
                names,
                birth_year,
            });
        }
        for c in self.store.list_cases().await? {
            for s in self.store.case_subjects(c.id).await? {
                let keys = crate::cases::account_list(&s.accounts)
                    .iter()
                    .map(|a| ("account", account_key(a)))
                    .collect();
                let mut names = vec![s.name.clone()];
                names.extend(
                    s.aliases.split([';', ',']).map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned),
                );
                items.push(Item {
                    case: c.id,
                    label: format!("subject {}", s.name),
                    keys,
                    names,
                    birth_year: None,
                });
            }
        }
        Ok(items)
    }

    /// What in this case matches something in another case (hit/no-hit for cases the caller may
    /// not read), and what in this case looks like one thing recorded twice.
    pub async fn case_links(&self, caller: &Caller, case_id: i64) -> Result<CaseLinks, AppError> {
        self.case_for(caller, case_id, Action::Read).await?;
        let items = self.match_items().await?;
        let cases: HashMap<i64, praxis_store::CaseRow> =
            self.store.list_cases().await?.into_iter().map(|c| (c.id, c)).collect();
        let orgs: HashMap<praxis_model::OrgId, praxis_store::Organisation> =
            self.store.list_orgs().await?.into_iter().map(|o| (o.id, o)).collect();
        let ours: Vec<&Item> = items.iter().filter(|i| i.case == case_id).collect();
        let mut readable: HashMap<i64, bool> = HashMap::new();
        let mut links = Vec::new();
        let mut duplicates = Vec::new();
        for (n, a) in ours.iter().enumerate() {
            for b in ours.iter().skip(n + 1) {
                let found = exact_match(a, b).or_else(|| name_match(a, b).map(|e| ("name", e)));
                if let Some((selector, explanation)) = found {
                    duplicates.push(PossibleDuplicate {
                        key: link_key(&["duplicate", &a.label, &b.label, selector]),
                        judgement: None,
                        left: a.label.clone(),
                        right: b.label.clone(),
                        selector,
                        explanation,
                    });
                }
            }
            for b in items.iter().filter(|i| i.case != case_id) {
                let Some((selector, explanation)) =
                    exact_match(a, b).or_else(|| name_match(a, b).map(|e| ("name", e)))
                else {
                    continue;
                };
                let Some(other) = cases.get(&b.case) else { continue };
                let may_read = match readable.get(&b.case) {
                    Some(r) => *r,
                    None => {
                        let r = decide(caller, Action::Read, &self.case_record(other).await?).allowed;
                        readable.insert(b.case, r);
                        r
                    }
                };
                let holder = orgs.get(&other.owner_org);
                let key = link_key(&["link", &a.label, selector, &other.id.to_string(), &b.label]);
                links.push(CaseLink {
                    key,
                    judgement: None,
                    ours: a.label.clone(),
                    selector,
                    other_case: may_read.then(|| LinkedCase {
                        id: other.id,
                        reference: other.reference.clone(),
                        title: other.title.clone(),
                    }),
                    theirs: may_read.then(|| b.label.clone()),
                    holder_org: holder.map(|o| o.name.clone()).unwrap_or_default(),
                    holder_country: holder.map(|o| o.jurisdiction.country().name()).unwrap_or_default(),
                    explanation: if may_read {
                        explanation
                    } else {
                        format!("a matching {selector} is held in that case")
                    },
                });
            }
        }
        // Analysts' judgements: rejected links are left out, confirmed ones say so.
        let judged: HashMap<String, String> =
            self.store.link_judgements(case_id).await?.into_iter().map(|j| (j.link_key, j.verdict)).collect();
        let before = links.len() + duplicates.len();
        links.retain(|l| judged.get(&l.key).map(String::as_str) != Some("rejected"));
        duplicates.retain(|d| judged.get(&d.key).map(String::as_str) != Some("rejected"));
        let rejected = before - links.len() - duplicates.len();
        for l in &mut links {
            l.judgement = judged.get(&l.key).cloned();
        }
        for d in &mut duplicates {
            d.judgement = judged.get(&d.key).cloned();
        }
        Ok(CaseLinks { links, duplicates, rejected })
    }

    /// An analyst confirms or rejects a proposed link (or possible duplicate) of a case. The
    /// judgement is stored and audited, and later runs respect it: a rejected link is no longer
    /// proposed, a confirmed one is marked.
    pub async fn judge_link(
        &self,
        caller: &Caller,
        case_id: i64,
        key: &str,
        verdict: &str,
        note: &str,
    ) -> Result<(), AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        if !VERDICTS.contains(&verdict) {
            return Err(AppError::invalid(
                "verdict",
                "invalid",
                format!("{verdict:?} is neither confirmed nor rejected"),
            ));
        }
        let note = crate::validate::text("note", note, 0, 1000, true)?;
        let current = self.case_links(caller, case_id).await?;
        let known =
            current.links.iter().any(|l| l.key == key) || current.duplicates.iter().any(|d| d.key == key);
        if !known {
            return Err(AppError::NotFound("proposed link"));
        }
        let mut tx = self.store.begin_write().await?;
        tx.judge_link(case_id, key, verdict, &note, caller.user_id().map(praxis_model::UserId)).await?;
        tx.audit(
            praxis_store::AuditEvent::new("case.link.judge", crate::cases::CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "link": key, "verdict": verdict })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
