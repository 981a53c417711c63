//! Sharing a case whole or as a summary, advice notes, revocation — and the summary never carries
//! a protected identity.

use praxis_app::cases::{NewCaseInput, PersonIdentity, PersonInput, SubjectInput};
use praxis_app::sharing::{NoteInput, ShareInput};
use praxis_app::{AppError, Caller};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;
use crate::cases::{org, user};

const NAME: &str = "Rehana Parvin";

async fn a_case_is_shared_whole_or_as_a_summary_and_advised_on(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let cid = org(&app, "CID Dhaka", "BD").await;
    let un = org(&app, "UN Office", "AT").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let bd = user(&app, cid, "bd.inv", "investigator").await;
    let adviser = user(&app, un, "adviser", "adviser").await;
    let id = app
        .create_case(
            &inv,
            &NewCaseInput {
                reference: "K-1".into(),
                title: "Kilns".into(),
                crime_type: "tip".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    app.add_subject(
        &inv,
        id,
        &SubjectInput { name: "Kiln owner".into(), network_role: "exploiter".into(), ..Default::default() },
    )
    .await
    .unwrap();
    let person = PersonInput {
        kind: "victim".into(),
        age_band: Some("12_17".into()),
        identity: PersonIdentity { full_name: NAME.into(), ..Default::default() },
        ..Default::default()
    };
    app.add_person(&inv, id, &person).await.unwrap();

    // Nobody else sees it yet.
    assert!(app.cases(&bd, &Default::default()).await.unwrap().is_empty());
    assert!(matches!(app.case_summary(&bd, id).await, Err(AppError::Denied(_))));

    // A summary for CID: listed as such, the whole case still refused, no identity, no pseudonym.
    let share = app
        .share_case(&inv, id, &ShareInput { org: Some(cid), username: None, scope: "summary".into() })
        .await
        .unwrap();
    let listed = app.cases(&bd, &Default::default()).await.unwrap();
    assert_eq!((listed.len(), listed[0].access), (1, "summary"));
    assert!(matches!(app.case(&bd, id).await, Err(AppError::Denied(_))));
    let summary = app.case_summary(&bd, id).await.unwrap();
    assert_eq!((summary.victims, summary.children), (1, 1));
    let json = serde_json::to_string(&summary).unwrap();
    assert!(!json.contains(NAME) && !json.contains("V-001"), "{json}");

    // A named adviser, whole: reads the case (pseudonyms), never the identity, and advises.
    app.share_case(
        &inv,
        id,
        &ShareInput { org: None, username: Some("adviser".into()), scope: "full".into() },
    )
    .await
    .unwrap();
    let view = app.case(&adviser, id).await.unwrap();
    assert_eq!(view.persons[0].pseudonym, "V-001");
    assert!(!view.permissions.write && !view.permissions.identities);
    assert!(view.shares.is_empty(), "only those who may share see the shares");
    let person_id = view.persons[0].id;
    assert!(matches!(app.reveal_person(&adviser, id, person_id).await, Err(AppError::Denied(_))));
    app.add_case_note(
        &adviser,
        id,
        &NoteInput {
            kind: Some("advice".into()),
            body: "Seek the kiln's wage ledgers to corroborate the statements.".into(),
        },
    )
    .await
    .unwrap();
    app.add_case_note(&bd, id, &NoteInput { kind: None, body: "The sub-agent is known to us.".into() })
        .await
        .unwrap();
    let owner_view = app.case(&inv, id).await.unwrap();
    assert_eq!(owner_view.notes.len(), 2);
    assert!(owner_view.notes[0].author.as_deref().unwrap().contains("UN Office"));
    assert_eq!(owner_view.shares.len(), 2);
    assert!(matches!(
        app.add_case_note(&bd, id, &NoteInput { kind: Some("gossip".into()), body: "xxx".into() }).await,
        Err(AppError::Invalid(v)) if v.field == "kind"
    ));

    // Grantees cannot share further; a revoked share ends access at once.
    assert!(matches!(
        app.share_case(&adviser, id, &ShareInput { org: Some(cid), username: None, scope: "full".into() })
            .await,
        Err(AppError::Denied(_))
    ));
    app.revoke_share(&inv, id, share).await.unwrap();
    assert!(matches!(app.case_summary(&bd, id).await, Err(AppError::Denied(_))));
    assert!(app.cases(&bd, &Default::default()).await.unwrap().is_empty());
    // Bad input.
    assert!(matches!(
        app.share_case(&inv, id, &ShareInput { org: Some(cid), username: None, scope: "everything".into() }).await,
        Err(AppError::Invalid(v)) if v.field == "scope"
    ));
    assert!(matches!(
        app.share_case(&inv, id, &ShareInput { org: Some(fia), username: None, scope: "full".into() }).await,
        Err(AppError::Invalid(_))
    ));
    let audit = app.list_audit(&Caller::Cli, None, 500).await.unwrap();
    for action in ["case.share", "case.unshare", "case.read.summary", "case.note"] {
        assert!(audit.iter().any(|e| e.action == action), "{action} is audited");
    }
    assert!(audit.iter().all(|e| !e.detail.to_string().contains(NAME)));
}

both_backends!(a_case_is_shared_whole_or_as_a_summary_and_advised_on);
