//! Investigation data as entities with provenance: persons, companies, organisations, bank
//! accounts, addresses, passports and vehicles, and the relations among them (ownership, family,
//! associate, employment, payment, call, trip), shaped as FollowTheMoney entities so they import
//! and export as FtM JSON lines. Phones, e-mail addresses and identity numbers are properties of
//! the persons and companies that hold them, as in FtM.
//!
//! Every entity and relation records where it comes from (an evidence item, an import file, a
//! user) and when. Identifiers are normalised on the way in — phones to E.164, IBANs checked — so
//! that matching within a case and
//! across cases (see [`crate::links`]) compares like with like. Phones written without a country
//! code are read as numbers of the owning organisation's country.
//!
//! Entities are part of their case: its read and write permissions apply. They are never a place
//! for victims' identities, which are protected fields of the case's persons.

use std::collections::{BTreeMap, HashMap};

use praxis_model::{InvalidValue, Jurisdiction, UserId};
use praxis_store::{AuditEvent, EntityRow, Provenance, RelationRow};
use serde::{Deserialize, Serialize};

use crate::cases::CASE;
use crate::policy::{Action, Caller};
use crate::{App, AppError};

/// Properties as FollowTheMoney writes them: each name maps to a list of values.
pub type Properties = BTreeMap<String, Vec<String>>;

/// The node schemata Praxis keeps, with the properties each accepts.
const SCHEMATA: &[(&str, &[&str])] = &[
    (
        "Person",
        &[
            "name",
            "alias",
            "firstName",
            "lastName",
            "fatherName",
            "birthDate",
            "birthPlace",
            "nationality",
            "gender",
            "phone",
            "email",
            "address",
            "passportNumber",
            "idNumber",
            "notes",
        ],
    ),
    (
        "Company",
        &["name", "alias", "jurisdiction", "registrationNumber", "phone", "email", "address", "notes"],
    ),
    (
        "Organization",
        &["name", "alias", "jurisdiction", "registrationNumber", "phone", "email", "address", "notes"],
    ),
    ("BankAccount", &["accountNumber", "iban", "bankName", "currency", "country", "notes"]),
    ("Address", &["full", "city", "postalCode", "region", "country"]),
    ("Passport", &["number", "country", "startDate", "endDate", "notes"]),
    ("Vehicle", &["registrationNumber", "type", "model", "country", "notes"]),
];

/// Relation kinds, the FollowTheMoney edge schema each is written as, and its two ends.
const RELATIONS: &[(&str, &str, &str, &str)] = &[
    ("ownership", "Ownership", "owner", "asset"),
    ("family", "Family", "person", "relative"),
    ("associate", "Associate", "person", "associate"),
    ("employment", "Employment", "employer", "employee"),
    ("payment", "Payment", "payer", "beneficiary"),
    ("call", "Call", "caller", "receiver"),
    // FtM has no edge for travelling together: written as an associate with the relationship named.
    ("trip", "Associate", "person", "associate"),
];

const RELATION_PROPERTIES: &[&str] =
    &["date", "startDate", "endDate", "amount", "currency", "relationship", "summary"];

pub const SOURCE_KINDS: [&str; 3] = ["evidence", "import", "user"];

#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    pub id: i64,
    pub schema: String,
    pub caption: String,
    pub properties: Properties,
    pub source_kind: String,
    pub source_ref: String,
    pub created_by: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelationView {
    pub id: i64,
    pub kind: String,
    pub from: i64,
    pub to: i64,
    pub properties: Properties,
    pub source_kind: String,
    pub source_ref: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EntityInput {
    pub schema: String,
    pub properties: Properties,
    /// evidence, import or user (default).
    #[serde(default)]
    pub source_kind: Option<String>,
    /// For evidence: the item's number; for an import: the file's name.
    #[serde(default)]
    pub source_ref: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RelationInput {
    pub kind: String,
    pub from: i64,
    pub to: i64,
    #[serde(default)]
    pub properties: Properties,
    #[serde(default)]
    pub source_kind: Option<String>,
    #[serde(default)]
    pub source_ref: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportSummary {
    pub entities: usize,
    pub relations: usize,
}

fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
    AppError::Invalid(InvalidValue::new(field, "invalid", message))
}

/// The first value of a property.
pub(crate) fn first<'a>(p: &'a Properties, name: &str) -> Option<&'a str> {
    p.get(name).and_then(|v| v.first()).map(String::as_str)
}

fn caption(schema: &str, p: &Properties) -> String {
    let keys: &[&str] = match schema {
        "BankAccount" => &["iban", "accountNumber"],
        "Address" => &["full", "city"],
        "Passport" | "Vehicle" => &["number", "registrationNumber"],
        _ => &["name", "lastName"],
    };
    keys.iter().find_map(|k| first(p, k)).unwrap_or(schema).to_owned()
}

/// Checks and normalises one entity's properties for its schema. `region` is the country used
/// for phone numbers written without a country code.
fn clean_entity(schema: &str, props: &Properties, region: &str) -> Result<(String, Properties), String> {
    let allowed = SCHEMATA.iter().find(|(s, _)| *s == schema).map(|(_, a)| *a).ok_or_else(|| {
        format!(
            "schema: {schema:?} is not one of: {}",
            SCHEMATA.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(", ")
        )
    })?;
    let mut out = Properties::new();
    for (name, values) in props {
        if !allowed.contains(&name.as_str()) {
            return Err(format!("{name}: not a property of {schema} (accepted: {})", allowed.join(", ")));
        }
        let mut cleaned = Vec::new();
        for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            if v.chars().count() > 500 || v.chars().any(char::is_control) {
                return Err(format!("{name}: a value of at most 500 characters without control characters"));
            }
            let v = match name.as_str() {
                "phone" => praxis_match::ident::phone_e164(v, region).map_err(|e| {
                    format!("phone: {v:?}: {e} (numbers without a country code are read as {region:?})")
                })?,
                "iban" => praxis_match::ident::iban(v).map_err(|e| format!("iban: {v:?}: {e}"))?,
                "nationality" | "country" | "jurisdiction" => Jurisdiction::parse(v)
                    .map(|j| j.country().code().to_owned())
                    .map_err(|e| format!("{name}: {e}"))?,
                _ => v.to_owned(),
            };
            if !cleaned.contains(&v) {
                cleaned.push(v);
            }
        }
        if !cleaned.is_empty() {
            out.insert(name.clone(), cleaned);
        }
    }
    let needs = match schema {
        "Person" | "Company" | "Organization" => "name",
        "BankAccount" if !out.contains_key("iban") => "accountNumber",
        "BankAccount" => "iban",
        "Address" => "full",
        _ => "number",
    };
    let needs = if schema == "Vehicle" { "registrationNumber" } else { needs };
    if !out.contains_key(needs) {
        return Err(format!("{needs}: required for a {schema}"));
    }
    Ok((caption(schema, &out), out))
}

fn clean_relation_props(props: &Properties) -> Result<Properties, String> {
    let mut out = Properties::new();
    for (name, values) in props {
        if !RELATION_PROPERTIES.contains(&name.as_str()) {
            return Err(format!(
                "{name}: not a relation property (accepted: {})",
                RELATION_PROPERTIES.join(", ")
            ));
        }
        let values: Vec<String> =
            values.iter().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect();
        if values.iter().any(|v| v.chars().count() > 500 || v.chars().any(char::is_control)) {
            return Err(format!("{name}: a value of at most 500 characters without control characters"));
        }
        if !values.is_empty() {
            out.insert(name.clone(), values);
        }
    }
    Ok(out)
}

fn source(kind: Option<&str>, reference: Option<&str>, by: Option<UserId>) -> Result<Provenance, AppError> {
    let kind = kind.map(str::trim).filter(|k| !k.is_empty()).unwrap_or("user");
    if !SOURCE_KINDS.contains(&kind) {
        return Err(invalid("source_kind", format!("{kind:?} is not one of: evidence, import, user")));
    }
    let reference = reference.unwrap_or("").trim();
    if reference.chars().count() > 300 {
        return Err(invalid("source_ref", "at most 300 characters"));
    }
    Ok(Provenance { kind: kind.into(), reference: reference.into(), by })
}

pub(crate) fn props_of(json: &str) -> Properties {
    serde_json::from_str(json).unwrap_or_default()
}

fn entity_view(e: EntityRow, users: &HashMap<UserId, String>) -> EntityView {
    EntityView {
        id: e.id,
        properties: props_of(&e.properties),
        schema: e.schema,
        caption: e.caption,
        source_kind: e.source_kind,
        source_ref: e.source_ref,
        created_by: e.created_by.and_then(|u| users.get(&u).cloned()),
        created_at: e.created_at,
    }
}

fn relation_view(r: RelationRow) -> RelationView {
    RelationView {
        id: r.id,
        kind: r.kind,
        from: r.from_id,
        to: r.to_id,
        properties: props_of(&r.properties),
        source_kind: r.source_kind,
        source_ref: r.source_ref,
        created_at: r.created_at,
    }
}

impl App {
    /// The country phones are read in when written without a country code: the owning
    /// organisation's, where the case file is written.
    async fn case_region(&self, case_id: i64) -> Result<String, AppError> {
        let case = self.store.get_case(case_id).await?.ok_or(AppError::NotFound("case"))?;
        let org = self.store.get_org(case.owner_org).await?.ok_or(AppError::NotFound("organisation"))?;
        Ok(org.jurisdiction.country().code().to_owned())
    }

    pub async fn case_entities(
        &self,
        caller: &Caller,
        case_id: i64,
    ) -> Result<(Vec<EntityView>, Vec<RelationView>), AppError> {
        self.case_for(caller, case_id, Action::Read).await?;
        self.case_entities_unchecked(case_id).await
    }

    pub(crate) async fn case_entities_unchecked(
        &self,
        case_id: i64,
    ) -> Result<(Vec<EntityView>, Vec<RelationView>), AppError> {
        let rows = self.store.list_entities(Some(case_id)).await?;
        let mut users = HashMap::new();
        for u in rows.iter().filter_map(|e| e.created_by) {
            if let std::collections::hash_map::Entry::Vacant(v) = users.entry(u) {
                if let Some(user) = self.store.get_user(u).await? {
                    v.insert(user.display_name);
                }
            }
        }
        let entities = rows.into_iter().map(|e| entity_view(e, &users)).collect();
        let relations = self.store.list_relations(case_id).await?.into_iter().map(relation_view).collect();
        Ok((entities, relations))
    }

    pub async fn add_entity(
        &self,
        caller: &Caller,
        case_id: i64,
        input: &EntityInput,
    ) -> Result<i64, AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        let region = self.case_region(case_id).await?;
        let (caption, props) =
            clean_entity(input.schema.trim(), &input.properties, &region).map_err(|m| {
                let field = if m.starts_with("schema:") { "schema" } else { "properties" };
                invalid(field, m)
            })?;
        let source =
            source(input.source_kind.as_deref(), input.source_ref.as_deref(), caller.user_id().map(UserId))?;
        let json = serde_json::to_string(&props).map_err(|e| invalid("properties", e.to_string()))?;
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_entity(case_id, input.schema.trim(), &caption, &json, &source).await?;
        tx.touch_case(case_id).await?;
        tx.audit(
            AuditEvent::new("case.entity.add", CASE, case_id).by(caller.user_id(), caller.org_id()).detail(
                serde_json::json!({ "entity": id, "schema": input.schema.trim(), "source": source.kind }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn add_relation(
        &self,
        caller: &Caller,
        case_id: i64,
        input: &RelationInput,
    ) -> Result<i64, AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        let kind = input.kind.trim();
        if !RELATIONS.iter().any(|(k, ..)| *k == kind) {
            let kinds: Vec<&str> = RELATIONS.iter().map(|(k, ..)| *k).collect();
            return Err(invalid("kind", format!("{kind:?} is not one of: {}", kinds.join(", "))));
        }
        let ids: Vec<i64> = self.store.list_entities(Some(case_id)).await?.iter().map(|e| e.id).collect();
        if !ids.contains(&input.from) || !ids.contains(&input.to) || input.from == input.to {
            return Err(invalid("to", "a relation joins two different entities of this case"));
        }
        let props = clean_relation_props(&input.properties).map_err(|m| invalid("properties", m))?;
        let source =
            source(input.source_kind.as_deref(), input.source_ref.as_deref(), caller.user_id().map(UserId))?;
        let json = serde_json::to_string(&props).map_err(|e| invalid("properties", e.to_string()))?;
        let mut tx = self.store.begin_write().await?;
        let id = tx.insert_relation(case_id, kind, input.from, input.to, &json, &source).await?;
        tx.touch_case(case_id).await?;
        tx.audit(
            AuditEvent::new("case.relation.add", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "relation": id, "kind": kind })),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Imports FollowTheMoney entities (JSON lines) into a case, whole or not at all: every line
    /// that cannot be read is reported with its line number and field, and nothing is written.
    /// Node schemata become entities; Ownership, Family, Associate, Employment, Payment and Call
    /// edges become relations between them (their ends must be in the same file).
    pub async fn import_ftm(
        &self,
        caller: &Caller,
        case_id: i64,
        file_name: &str,
        text: &str,
    ) -> Result<ImportSummary, AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        let region = self.case_region(case_id).await?;
        let mut errors = Vec::new();
        let mut nodes: Vec<(String, String, String, Properties)> = Vec::new();
        let mut edges: Vec<(usize, String, String, String, Properties)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(format!("{file_name}:{line_no}: json: {e}"));
                    continue;
                }
            };
            let id = value["id"].as_str().unwrap_or_default().to_owned();
            let schema = value["schema"].as_str().unwrap_or_default().to_owned();
            if id.is_empty() {
                errors.push(format!("{file_name}:{line_no}: id: missing"));
                continue;
            }
            let props: Properties = match serde_json::from_value(value["properties"].clone()) {
                Ok(p) => p,
                Err(_) => {
                    errors.push(format!(
                        "{file_name}:{line_no}: properties: not an object of lists of strings"
                    ));
                    continue;
                }
            };
            if let Some((kind, _, from, to)) =
                RELATIONS.iter().find(|(k, s, ..)| *s == schema && *k != "trip")
            {
                let (Some(a), Some(b)) = (first(&props, from), first(&props, to)) else {
                    errors.push(format!("{file_name}:{line_no}: {from}/{to}: an edge needs both ends"));
                    continue;
                };
                let rest: Properties = props
                    .iter()
                    .filter(|(k, _)| k != from && k != to)
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let rest: Properties =
                    rest.into_iter().filter(|(k, _)| RELATION_PROPERTIES.contains(&k.as_str())).collect();
                edges.push((line_no, kind.to_string(), a.to_owned(), b.to_owned(), rest));
                continue;
            }
            match clean_entity(&schema, &props, &region) {
                Ok(_) => nodes.push((id, schema, line_no.to_string(), props)),
                Err(m) => errors.push(format!("{file_name}:{line_no}: {m}")),
            }
        }
        let known: std::collections::HashSet<&str> = nodes.iter().map(|(id, ..)| id.as_str()).collect();
        for (line_no, _, a, b, _) in &edges {
            for end in [a, b] {
                if !known.contains(end.as_str()) {
                    errors.push(format!("{file_name}:{line_no}: {end}: not an entity of this file"));
                }
            }
        }
        if !errors.is_empty() {
            return Err(AppError::ImportRefused(errors));
        }
        let source = Provenance {
            kind: "import".into(),
            reference: file_name.chars().take(300).collect(),
            by: caller.user_id().map(UserId),
        };
        let mut tx = self.store.begin_write().await?;
        let mut ids: HashMap<String, i64> = HashMap::new();
        for (ftm_id, schema, _, props) in &nodes {
            let (caption, props) =
                clean_entity(schema, props, &region).map_err(|m| invalid("properties", m))?;
            let json = serde_json::to_string(&props).map_err(|e| invalid("properties", e.to_string()))?;
            ids.insert(ftm_id.clone(), tx.insert_entity(case_id, schema, &caption, &json, &source).await?);
        }
        for (_, kind, a, b, props) in &edges {
            let json = serde_json::to_string(props).map_err(|e| invalid("properties", e.to_string()))?;
            tx.insert_relation(case_id, kind, ids[a], ids[b], &json, &source).await?;
        }
        tx.touch_case(case_id).await?;
        tx.audit(
            AuditEvent::new("case.entity.import", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "file": file_name, "entities": nodes.len(), "relations": edges.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(ImportSummary { entities: nodes.len(), relations: edges.len() })
    }

    /// The case's entities and relations as FollowTheMoney JSON lines. Ids are stable
    /// (`praxis-case-<case>-entity-<n>`). Victims and migrants are not entities and never exported.
    pub async fn export_ftm(&self, caller: &Caller, case_id: i64) -> Result<String, AppError> {
        self.case_for(caller, case_id, Action::Read).await?;
        let (entities, relations) = self.case_entities_unchecked(case_id).await?;
        let eid = |id: i64| format!("praxis-case-{case_id}-entity-{id}");
        let mut out = String::new();
        for e in &entities {
            let line = serde_json::json!({ "id": eid(e.id), "schema": e.schema, "properties": e.properties });
            out.push_str(&line.to_string());
            out.push('\n');
        }
        for r in &relations {
            let Some((kind, schema, from, to)) = RELATIONS.iter().find(|(k, ..)| *k == r.kind) else {
                continue;
            };
            let mut props = r.properties.clone();
            props.insert((*from).into(), vec![eid(r.from)]);
            props.insert((*to).into(), vec![eid(r.to)]);
            if *kind == "trip" {
                props.entry("relationship".into()).or_insert_with(|| vec!["travelled together".into()]);
            }
            let line = serde_json::json!({ "id": format!("praxis-case-{case_id}-relation-{}", r.id), "schema": schema, "properties": props });
            out.push_str(&line.to_string());
            out.push('\n');
        }
        let mut tx = self.store.begin_write().await?;
        tx.audit(
            AuditEvent::new("case.entity.export", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "entities": entities.len(), "relations": relations.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(out)
    }
}

/// The relation kinds, for pickers.
pub fn relation_kinds() -> Vec<&'static str> {
    RELATIONS.iter().map(|(k, ..)| *k).collect()
}

/// The node schemata and their properties, for forms.
pub fn schemata() -> &'static [(&'static str, &'static [&'static str])] {
    SCHEMATA
}
