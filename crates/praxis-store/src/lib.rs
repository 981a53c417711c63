//! Persistence for Praxis: SQLite (embedded default) and PostgreSQL behind one API.
//!
//! Architecture Invariant: this is the only crate that holds SQL. Both backends run the same
//! statements through sqlx's `Any` driver; only the migrations differ (`migrations/sqlite`,
//! `migrations/postgres`) and a parity test keeps them in step.
//!
//! Architecture Invariant: every write goes through a [`WriteTx`], which takes the audit chain's
//! head first, so that what is written and the audit entry recording it commit together or not at
//! all, and concurrent writers queue instead of forking the chain.

mod assessments;
mod audit;
mod backup;
mod cases;
mod cooperation;
mod db;
mod engagement;
mod entities;
mod error;
mod evidence;
mod flows;
mod hit_no_hit;
mod indicators;
mod legal_review;
mod matching;
mod orgs;
mod protected;
mod screening;
mod sessions;
mod shares;
mod throttle;
mod toc;
mod tokens;
mod trainings;
mod users;
mod workplans;

pub use assessments::{
    AssessmentRow, AssessmentStatusRow, ConsultedRow, FindingRow, NewAssessment, NewConsulted,
    RecommendationRow,
};
pub use audit::{AuditBreak, AuditEntry, AuditEvent, AuditVerification, Outcome};
pub use backup::{backup_sqlite, restore_sqlite};
pub use cases::{
    CaseDatasetRow, CaseRow, EventRow, MemberRow, NewCase, NewPerson, NewSubject, NoteRow, OffenceRow,
    PersonRow, StageChangeRow, SubjectRow,
};
pub use cooperation::{
    AuthorityRow, NewAuthority, NewRequest, RequestDocumentRow, RequestRow, RequestStatusRow,
};
pub use db::{now_ms, Backend, DbConfig, Store, WriteTx};
pub use engagement::{
    EngagementStepRow, FocalPointRow, LogRow, MissionRow, NeedRow, NewEngagementStep, NewFocalPoint,
    NewLogEntry, NewMission, NewNeed, NewOwnership, NewPartnerCountry, NewStakeholder, OwnershipRow,
    PartnerCountryRow, StakeholderRow,
};
pub use entities::{EntityRow, JudgementRow, Provenance, RelationRow};
pub use error::StoreError;
pub use evidence::{CustodyRow, EvidenceFileRow, EvidenceRow, InquiryRow, NewEvidence};
pub use flows::{DatasetRow, NewDataset, SourceRow};
pub use hit_no_hit::{
    HitEntryRow, HitEvaluationRow, HitIndexRow, HitPeerRow, HitRow, NewHit, NewHitEntry, NewHitIndex,
    NewHitPeer,
};
pub use indicators::{
    ActivityRow, ActualRow, IndicatorRow, ModelRow, NewActivity, NewIndicator, PeriodRow, StepRow,
};
pub use legal_review::{LegalAnswerRow, LegalReviewRow, NewLegalAnswer, NewLegalReview};
pub use matching::{MatchJudgementRow, MatchPairRow, MatchRunRow, NewMatchJudgement, NewMatchRun};
pub use orgs::{NewOrganisation, Organisation};
pub use protected::{KeyRing, KeySource};
pub use screening::{
    NewScreeningJudgement, NewScreeningQuery, NewScreeningRun, ScreeningCandidateRow, ScreeningJudgementRow,
    ScreeningQueryRow, ScreeningRunRow,
};
pub use sessions::SessionRow;
pub use shares::{Share, ShareGrantee};
pub use throttle::ThrottleState;
pub use toc::{
    NewToc, NewTocComment, TocCommentRow, TocEventRow, TocLinkRow, TocNodeRow, TocRow, TocVersionRow,
};
pub use tokens::ApiTokenRow;
pub use trainings::{
    FollowupRow, MentoringRow, NewFollowup, NewMentoring, NewParticipant, NewTrainer, NewTraining,
    ParticipantRow, TrainerRow, TrainingRow,
};
pub use users::{NewUser, UserRow};
pub use workplans::{ChecklistAnswerRow, ChecklistRow, NewChecklistAnswer, NewWorkplan, WorkplanRow};
