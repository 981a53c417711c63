//! Protected fields through the policy: only the assigned team sees an identity; every read and
//! every refusal is audited.

use praxis_app::policy::{Grantee, RecordKind, RecordRef};
use praxis_app::{AppError, Caller, NewOrgInput, NewUserInput};
use praxis_model::{Jurisdiction, OrgId, UserId};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;

async fn only_the_assigned_team_sees_an_identity(backend: Backend) {
    let (_db, app) = app(backend).await;
    let org = app
        .create_org(
            &Caller::Cli,
            &NewOrgInput {
                name: "FIA".into(),
                kind: "police".into(),
                jurisdiction: "PK-PB".into(),
                platform_operator: false,
            },
        )
        .await
        .unwrap();
    let mut ids = vec![];
    for (name, role) in
        [("assigned.inv", "investigator"), ("other.inv", "investigator"), ("boss", "administrator")]
    {
        let input = NewUserInput {
            org_id: org.0,
            username: name.into(),
            display_name: name.into(),
            email: String::new(),
            password: "harbour-lantern-saffron-42".into(),
            roles: vec![role.into()],
            locale: None,
        };
        ids.push(app.create_user(&Caller::Cli, &input).await.unwrap());
    }
    let caller = |i: usize| {
        let app = app.clone();
        async move {
            let t = app
                .login(["assigned.inv", "other.inv", "boss"][i], "harbour-lantern-saffron-42", "t")
                .await
                .unwrap();
            Caller::User(app.session(&t.session_token).await.unwrap().actor)
        }
    };
    let record = RecordRef {
        kind: RecordKind::ProtectedIdentity,
        owner_org: Some(OrgId(org.0)),
        jurisdiction: Some(Jurisdiction::parse("PK-PB").unwrap()),
        subject_user: None,
        shares: vec![Grantee::Org(OrgId(org.0))],
        assigned: vec![UserId(ids[0].0)],
    };
    let assigned = caller(0).await;
    app.put_protected(&assigned, &record, "victim", 14, "name", "Shabana Bibi").await.unwrap();
    let shown = app.reveal_protected(&assigned, &record, "victim", 14, "name").await.unwrap().unwrap();
    assert_eq!(shown.value, "Shabana Bibi");
    for i in [1, 2] {
        let c = caller(i).await;
        assert!(matches!(
            app.reveal_protected(&c, &record, "victim", 14, "name").await,
            Err(AppError::Denied(_))
        ));
        assert!(matches!(
            app.put_protected(&c, &record, "victim", 14, "name", "Overwritten").await,
            Err(AppError::Denied(_))
        ));
    }
    assert_eq!(
        app.reveal_protected(&assigned, &record, "victim", 14, "name").await.unwrap().unwrap().value,
        "Shabana Bibi"
    );
    let entries = app.list_audit(&Caller::Cli, None, 200).await.unwrap();
    let reads: Vec<_> = entries.iter().filter(|e| e.action == "protected.read").collect();
    assert_eq!(reads.iter().filter(|e| e.outcome == "ok").count(), 2);
    assert_eq!(reads.iter().filter(|e| e.outcome == "denied").count(), 2);
    assert!(entries.iter().all(|e| !e.detail.contains("Shabana")));
}

both_backends!(only_the_assigned_team_sees_an_identity);
