//! Partner countries in the store: one per country, the stage history and the ownership statuses
//! append-only, a need linked to an activity once.

use praxis_store::{
    AuditEvent, Backend, NewActivity, NewEngagementStep, NewMission, NewNeed, NewOwnership,
    NewPartnerCountry, StoreError,
};
use praxis_testkit::both_backends;

use crate::{fresh, write_org};

async fn histories_are_append_only_and_a_need_is_planned_once(backend: Backend) {
    let (_db, store) = fresh(backend).await;
    let org = write_org(&store, "UN Country Office").await;
    let country = NewPartnerCountry {
        country: "PK".into(),
        modality: "joint".into(),
        protocol: "Through Vienna".into(),
        owner_org: org,
        created_by: None,
    };
    let step = |stage: &str, on: &str| NewEngagementStep {
        stage: stage.into(),
        step_on: on.into(),
        evidence: "Mission report".into(),
        note: String::new(),
        recorded_by: None,
    };
    let mut tx = store.begin_write().await.unwrap();
    let id = tx.insert_partner_country(&country).await.unwrap();
    tx.insert_engagement_step(id, &step("consultation", "2025-03-10")).await.unwrap();
    tx.insert_engagement_step(id, &step("partnership", "2025-11-05")).await.unwrap();
    tx.insert_ownership_status(
        id,
        &NewOwnership {
            criterion: "curriculum".into(),
            status: "achieved".into(),
            status_on: "2026-05-06".into(),
            evidence: "Decision".into(),
            recorded_by: None,
        },
    )
    .await
    .unwrap();
    let mission = tx
        .insert_mission(
            id,
            &NewMission {
                title: "Mission".into(),
                start_on: "2025-03-03".into(),
                end_on: "2025-03-10".into(),
                place: "Islamabad".into(),
                in_capital: true,
                groups_met: "judiciary".into(),
                findings: String::new(),
                created_by: None,
            },
        )
        .await
        .unwrap();
    let need = tx
        .insert_mission_need(
            mission,
            &NewNeed { priority: 1, pillar: "protection".into(), need: "Referral".into(), created_by: None },
        )
        .await
        .unwrap();
    let activity = |identifier: &str| NewActivity {
        identifier: identifier.into(),
        reporting_org: "XX-T".into(),
        title: "Referral".into(),
        description: "Referral".into(),
        country: Some("PK".into()),
        start_on: "2026-01-01".into(),
        end_on: None,
        status: "pipeline".into(),
        budget_minor: None,
        currency: None,
        tags: "protection".into(),
        owner_org: org,
        created_by: None,
        workplan_id: None,
        toc_output: String::new(),
        responsible_org: String::new(),
        area: None,
        place: String::new(),
        capital: None,
        conflict_affected: false,
    };
    let a1 = tx.insert_programme_activity(&activity("XX-T-1")).await.unwrap();
    let a2 = tx.insert_programme_activity(&activity("XX-T-2")).await.unwrap();
    assert!(tx.link_need_activity(need, a1).await.unwrap());
    assert!(!tx.link_need_activity(need, a2).await.unwrap(), "the link is set once");
    tx.audit(AuditEvent::new("partner_country.open", "partner_country", id)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin_write().await.unwrap();
    assert!(
        matches!(tx.insert_partner_country(&country).await, Err(StoreError::Conflict(_))),
        "one per country"
    );
    drop(tx);

    let stages: Vec<String> =
        store.engagement_steps(id).await.unwrap().into_iter().map(|s| s.stage).collect();
    assert_eq!(stages, ["consultation", "partnership"]);
    assert_eq!(store.get_mission_need(need).await.unwrap().unwrap().activity_id, Some(a1));
    assert_eq!(store.needs_of_activity(a1).await.unwrap().len(), 1);
    assert!(store.needs_of_activity(a2).await.unwrap().is_empty());
    assert!(store.country_missions(id).await.unwrap()[0].in_capital);

    let pool = store.raw_pool();
    for sql in [
        "UPDATE engagement_step SET stage = 'ownership'",
        "DELETE FROM engagement_step",
        "UPDATE ownership_status SET status = 'not_started'",
        "DELETE FROM ownership_status",
    ] {
        assert!(sqlx::query(sql).execute(pool).await.is_err(), "{sql} must be refused");
    }
    assert_eq!(store.engagement_steps(id).await.unwrap().len(), 2);
    assert_eq!(store.ownership_history(id).await.unwrap()[0].status, "achieved");
}

both_backends!(histories_are_append_only_and_a_need_is_planned_once);
