//! The money of a case: financial-flows datasets linked to it, with the accounts to trace from.
//! The case page shows, for each, the trace under FIFO (where the money went), the accounts that
//! keep the most, and the strongest alerts of the typology scan; the scores use the amounts traced into the
//! subjects' accounts as the estimate of illicit profit.
//!
//! A dataset is linked by someone who may write the case and read the dataset; a reader of the
//! case who may not read a dataset sees that it is linked, not its content.

use praxis_store::AuditEvent;
use serde::Serialize;

use crate::cases::{account_list, CASE};
use crate::flows::{RankRow, TraceRequest, TraceView};
use crate::policy::{Action, Caller};
use crate::{App, AppError};

#[derive(Debug, Clone, Serialize)]
pub struct CaseDataset {
    pub dataset: i64,
    /// The dataset's name, when the caller may read it.
    pub name: Option<String>,
    pub seeds: Vec<String>,
    /// The forward trace from the seeds under FIFO (none without seeds or access).
    pub trace: Option<TraceView>,
    /// Why there is no trace, when there are seeds.
    pub trace_error: Option<String>,
    /// The accounts that keep the most (net accumulation), top five.
    pub top: Vec<RankRow>,
    /// The strongest alerts of the typology scan with its default settings, top five (`None`
    /// when the dataset is too large to scan at once: run the scan from the dataset's page).
    pub alerts: Option<Vec<crate::flows::AlertView>>,
}

impl App {
    /// Links a dataset the caller may read to a case they may write, with the accounts to trace
    /// from (which must be in the dataset).
    pub async fn link_case_dataset(
        &self,
        caller: &Caller,
        case_id: i64,
        dataset_id: i64,
        seeds: &str,
    ) -> Result<(), AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        self.flows_dataset(caller, dataset_id).await?;
        let seeds = account_list(seeds);
        if !seeds.is_empty() {
            let req = TraceRequest { seeds: seeds.clone(), max_hops: Some(1), ..Default::default() };
            self.flows_trace(caller, dataset_id, &req).await.map_err(|e| match e {
                AppError::Invalid(mut v) => {
                    v.field = "seeds";
                    AppError::Invalid(v)
                }
                other => other,
            })?;
        }
        let mut tx = self.store.begin_write().await?;
        tx.link_case_dataset(
            case_id,
            dataset_id,
            &seeds.join(", "),
            caller.user_id().map(praxis_model::UserId),
        )
        .await?;
        tx.audit(
            AuditEvent::new("case.dataset.link", CASE, case_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "dataset": dataset_id, "seeds": seeds.len() })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The linked datasets with their trace and top accounts, as far as the caller may read them.
    pub async fn case_money(&self, caller: &Caller, case_id: i64) -> Result<Vec<CaseDataset>, AppError> {
        self.case_for(caller, case_id, Action::Read).await?;
        self.case_money_unchecked(caller, case_id).await
    }

    /// [`App::case_money`] after the caller's read of the case was checked.
    pub(crate) async fn case_money_unchecked(
        &self,
        caller: &Caller,
        case_id: i64,
    ) -> Result<Vec<CaseDataset>, AppError> {
        let mut out = Vec::new();
        for link in self.store.case_datasets(Some(case_id)).await? {
            let seeds = account_list(&link.seeds);
            let mut entry = CaseDataset {
                dataset: link.dataset_id,
                name: None,
                seeds: seeds.clone(),
                trace: None,
                trace_error: None,
                top: vec![],
                alerts: None,
            };
            match self.flows_dataset(caller, link.dataset_id).await {
                Ok(d) => entry.name = Some(d.name),
                Err(AppError::Denied(_)) => {
                    out.push(entry);
                    continue;
                }
                Err(e) => return Err(e),
            }
            if !seeds.is_empty() {
                let req = TraceRequest { seeds, rule: Some("fifo".into()), ..Default::default() };
                match self.flows_trace(caller, link.dataset_id, &req).await {
                    Ok(t) => entry.trace = Some(t),
                    Err(AppError::Invalid(v)) => entry.trace_error = Some(v.to_string()),
                    Err(e) => return Err(e),
                }
            }
            entry.top = self.flows_rank(caller, link.dataset_id, "net", 5).await?;
            entry.alerts = self.flows_alerts_now(caller, link.dataset_id, 5).await?;
            out.push(entry);
        }
        Ok(out)
    }
}

/// How to read a file of an evidence item as transactions.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AnalyseInput {
    /// amlsim, csv:bank-statement, csv:transfer-list, csv:hawala-ledger, goaml, ftm (as on the
    /// Financial flows page).
    pub format: String,
    /// For a one-account bank statement: the statement's own account.
    #[serde(default)]
    pub account: Option<String>,
    /// Time zone of times written without one.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Accounts to trace from once linked.
    #[serde(default)]
    pub seeds: String,
}

impl App {
    /// Reads a file of an evidence item (a bank statement, a hawala ledger, an STR in goAML XML)
    /// as transactions: the file is opened through the chain of custody, imported as a dataset of
    /// the case's organisation — whole or not at all — and linked to the case. Returns the
    /// dataset's id.
    pub async fn analyse_evidence_file(
        &self,
        caller: &Caller,
        case_id: i64,
        evidence_id: i64,
        file_id: i64,
        input: &AnalyseInput,
    ) -> Result<i64, AppError> {
        self.case_for(caller, case_id, Action::Write).await?;
        let (file, bytes) = self.open_evidence_file(caller, case_id, evidence_id, file_id).await?;
        let (format, profile) = match input.format.split_once(':') {
            Some((f, p)) => (f.to_owned(), Some(p.to_owned())),
            None => (input.format.clone(), None),
        };
        let request = crate::flows::ImportRequest {
            name: format!("{} (evidence {evidence_id})", file.file_name),
            format,
            profile,
            account: input.account.clone().filter(|a| !a.trim().is_empty()),
            time_zone: input.time_zone.clone().filter(|t| !t.trim().is_empty()),
            files: vec![crate::flows::UploadedFile { name: file.file_name.clone(), bytes }],
            skip_bad_rows: false,
        };
        let imported = self.flows_import(caller, request).await?;
        match self.link_case_dataset(caller, case_id, imported.dataset, &input.seeds).await {
            Ok(()) => Ok(imported.dataset),
            // The transactions are in: keep them linked, without the seeds that were refused.
            Err(AppError::Invalid(v)) => {
                self.link_case_dataset(caller, case_id, imported.dataset, "").await?;
                Err(AppError::invalid(
                    "seeds",
                    "invalid",
                    format!(
                        "{}; the transactions were imported and linked without seeds: set them on the case",
                        v.message
                    ),
                ))
            }
            Err(e) => Err(e),
        }
    }
}
