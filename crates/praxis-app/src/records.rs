//! Protected fields at the application layer: the policy decides, the store encrypts and audits.
//! Later capabilities (victims, witnesses, informants) store identities through these two calls.

use crate::policy::{authorize, Action, Caller, RecordKind, RecordRef};
use crate::{App, AppError};
use praxis_store::AuditEvent;

/// A protected value shown in clear, with the policy's reason for showing it.
#[derive(Debug, Clone)]
pub struct ProtectedReveal {
    pub value: String,
    pub reason: &'static str,
}

impl App {
    /// Stores a protected value (encrypted under the jurisdiction's key). `record` must describe
    /// the protected identity: its owner and the team assigned to it.
    pub async fn put_protected(
        &self,
        caller: &Caller,
        record: &RecordRef,
        record_type: &str,
        record_id: i64,
        field: &str,
        value: &str,
    ) -> Result<(), AppError> {
        debug_assert_eq!(record.kind, RecordKind::ProtectedIdentity);
        authorize(caller, Action::Write, record)?;
        let jurisdiction = record.jurisdiction.as_ref().ok_or_else(|| {
            AppError::invalid("jurisdiction", "missing", "a protected value needs a jurisdiction")
        })?;
        let mut tx = self.store.begin_write().await?;
        tx.put_protected(record_type, record_id, field, jurisdiction.country().code(), value).await?;
        tx.audit(
            AuditEvent::new("protected.write", record_type, record_id)
                .by(caller.user_id(), caller.org_id())
                .detail(serde_json::json!({ "field": field })),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Shows a protected value in clear to someone with a need to know; the read is audited in the
    /// same transaction, and a refusal is audited too.
    pub async fn reveal_protected(
        &self,
        caller: &Caller,
        record: &RecordRef,
        record_type: &str,
        record_id: i64,
        field: &str,
    ) -> Result<Option<ProtectedReveal>, AppError> {
        let decision = match authorize(caller, Action::ReadProtected, record) {
            Ok(d) => d,
            Err(e) => {
                let mut tx = self.store.begin_write().await?;
                tx.audit(
                    AuditEvent::new("protected.read", record_type, record_id)
                        .by(caller.user_id(), caller.org_id())
                        .outcome(praxis_store::Outcome::Denied)
                        .detail(serde_json::json!({ "field": field })),
                )
                .await?;
                tx.commit().await?;
                return Err(e);
            }
        };
        let mut tx = self.store.begin_write().await?;
        let event = AuditEvent::new("protected.read", record_type, record_id)
            .by(caller.user_id(), caller.org_id())
            .detail(serde_json::json!({ "field": field, "reason": decision.reason }));
        let value = tx.read_protected(record_type, record_id, field, event).await?;
        tx.commit().await?;
        Ok(value.map(|v| ProtectedReveal { value: v.to_string(), reason: decision.reason }))
    }
}
