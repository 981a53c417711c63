//! Trainings through the application layer: a training of an activity, participants one by one
//! and by CSV (all or nothing, every bad line and field named), the knowledge gain, female
//! shares, trainers, follow-ups, mentoring, who may do what, and the computed share of women.

use praxis_app::indicators::{NewIndicatorInput, PeriodInput};
use praxis_app::trainings::{
    FollowupInput, MentoringInput, NewTrainingInput, ParticipantInput, TrainerInput,
};
use praxis_app::workplans::LocationInput;
use praxis_app::{AppError, Caller};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;
use crate::workplans::{activity, people};

fn participant(sex: &str, pre: Option<i64>, post: Option<i64>) -> ParticipantInput {
    ParticipantInput {
        name: String::new(),
        sex: sex.into(),
        age_band: "30-39".into(),
        institution: "FIA Lahore".into(),
        sector: "police".into(),
        role: "Inspector".into(),
        area: Some("PK-PB".into()),
        pre_score: pre,
        post_score: post,
    }
}

async fn audit_len(app: &praxis_app::App) -> usize {
    app.list_audit(&Caller::Cli, None, 500).await.unwrap().len()
}

async fn a_training_counts_people_and_knowledge_gained(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let a = app
        .create_programme_activity(&p.officer, &activity("T1", None, "100", "USD", LocationInput::default()))
        .await
        .unwrap();
    let input = NewTrainingInput {
        activity: a,
        title: "Investigating trafficking".into(),
        start_on: "2026-03-09".into(),
        last_day: "2026-03-12".into(),
        place: "Lahore".into(),
        area: Some("PK-PB".into()),
        capital: false,
        modality: "in_person".into(),
    };
    assert!(matches!(app.create_training(&p.investigator_pk, &input).await, Err(AppError::Denied(_))));
    assert!(
        matches!(app.create_training(&p.focal_bd, &input).await, Err(AppError::Denied(_))),
        "Bangladesh's focal point"
    );
    let mut bad = input.clone();
    bad.area = Some("BD-13".into());
    assert!(
        matches!(app.create_training(&p.officer, &bad).await, Err(AppError::Invalid(v)) if v.field == "area")
    );
    let t = app.create_training(&p.focal_pk, &input).await.unwrap();

    app.add_participant(&p.officer, t, &participant("female", Some(40), Some(70))).await.unwrap();
    app.add_participant(&p.officer, t, &participant("male", Some(60), Some(80))).await.unwrap();
    app.add_participant(&p.officer, t, &participant("male", None, Some(90))).await.unwrap();
    let e = app.add_participant(&p.officer, t, &participant("male", Some(40), Some(170))).await.unwrap_err();
    assert!(matches!(e, AppError::Invalid(v) if v.field == "post_score"));

    // A CSV with bad rows is refused whole, naming each line and field; nothing is written.
    let before = audit_len(&app).await;
    let csv = "name,sex,age_band,institution,sector,pre_score,post_score\n\
               Ayesha Khan,female,30-39,FIA Multan,police,50,75\n\
               ,woman,30-39,FIA Multan,police,50,75\n\
               ,male,40-49,,army,abc,80\n";
    let Err(AppError::ImportRefused(rows)) = app.import_participants(&p.officer, t, csv).await else {
        panic!("the import should be refused")
    };
    for expected in ["line 3: sex:", "line 4: pre_score:", "line 4: institution:", "line 4: sector:"] {
        assert!(rows.iter().any(|r| r.starts_with(expected)), "{expected} in {rows:?}");
    }
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(
        app.training(&p.officer, t).await.unwrap().participants.len(),
        3,
        "nothing of the refused file"
    );
    assert_eq!(audit_len(&app).await, before);
    // The good rows alone land.
    let good: String = csv.lines().take(2).map(|l| format!("{l}\n")).collect();
    assert_eq!(app.import_participants(&p.officer, t, &good).await.unwrap(), 1);
    assert_eq!(audit_len(&app).await, before + 1);

    app.add_trainer(
        &p.officer,
        t,
        &TrainerInput {
            name: "Nadia Rahman".into(),
            sex: "female".into(),
            institution: "UN".into(),
            national_expert: false,
        },
    )
    .await
    .unwrap();
    app.add_trainer(
        &p.officer,
        t,
        &TrainerInput {
            name: "Khalid Mehmood".into(),
            sex: "male".into(),
            institution: "FIA".into(),
            national_expert: true,
        },
    )
    .await
    .unwrap();

    let v = app.training(&p.focal_pk, t).await.unwrap();
    assert_eq!((v.summary.participants.total, v.summary.participants.female), (4, 2));
    assert_eq!(v.summary.participants.female_share.as_deref(), Some("50.0"));
    assert_eq!((v.summary.trainers.total, v.summary.trainers.female, v.summary.national_experts), (2, 1, 1));
    // Gain over those with both scores: (40→70), (60→80), (50→75): means 50 → 75.
    let g = v.summary.gain.as_ref().unwrap();
    assert_eq!(
        (g.tested, g.mean_pre.as_str(), g.mean_post.as_str(), g.mean_gain.as_str()),
        (3, "50.0", "75.0", "25.0")
    );
    assert_eq!(g.normalised_gain.as_deref(), Some("0.50"));
    assert_eq!(v.participants[0].gain, Some(30));
    assert_eq!(v.participants[0].normalised_gain.as_deref(), Some("0.50"));
    assert_eq!(v.participants[2].gain, None);
    let police = v.by_sector.iter().find(|b| b.category == "police").unwrap();
    assert_eq!(police.count.total, 4);

    // Follow-ups come after the training and name one of its participants, or none.
    let f = |participant, level, on: &str| FollowupInput {
        participant,
        level,
        observed_on: on.into(),
        note: "Uses the checklist".into(),
    };
    assert!(
        matches!(app.add_followup(&p.officer, t, &f(None, 2, "2026-06-01")).await, Err(AppError::Invalid(v)) if v.field == "level")
    );
    assert!(
        matches!(app.add_followup(&p.officer, t, &f(None, 3, "2026-03-10")).await, Err(AppError::Invalid(v)) if v.field == "observed_on")
    );
    assert!(
        matches!(app.add_followup(&p.officer, t, &f(Some(999_999), 3, "2026-06-01")).await, Err(AppError::Invalid(v)) if v.field == "participant")
    );
    app.add_followup(&p.officer, t, &f(Some(v.participants[0].id), 3, "2026-06-01")).await.unwrap();
    app.add_followup(&p.focal_pk, t, &f(None, 4, "2026-11-01")).await.unwrap();
    let v = app.training(&p.officer, t).await.unwrap();
    assert_eq!(v.followups.len(), 2);
    assert_eq!(v.followups[0].participant_label.as_deref(), Some("#1"));

    assert!(matches!(app.training(&p.investigator_pk, t).await, Err(AppError::Denied(_))));
    assert!(matches!(
        app.add_trainer(&p.investigator_pk, t, &TrainerInput::default()).await,
        Err(AppError::Denied(_))
    ));
    assert!(app.trainings(&p.focal_bd, None).await.unwrap().trainings.is_empty());

    // The computed share of women among participants of trainings that ended in the period.
    let sheet = NewIndicatorInput {
        code: "PK-WOMEN".into(),
        title: "Women trained".into(),
        definition: "Share".into(),
        unit: "percent".into(),
        measure: "percentage".into(),
        direction: "increase".into(),
        means_of_verification: "Praxis".into(),
        frequency: "annual".into(),
        owner: "UN".into(),
        tags: "capacity_building gender_human_rights".into(),
        country: Some("PK".into()),
        source: Some("women_trained_share".into()),
        baseline_on: "2025-12-31".into(),
        ..Default::default()
    };
    let mut count = sheet.clone();
    count.measure = "count".into();
    assert!(
        matches!(app.create_indicator(&p.officer, &count).await, Err(AppError::Invalid(v)) if v.field == "measure")
    );
    let id = app.create_indicator(&p.officer, &sheet).await.unwrap();
    for (start, end) in [("2026-01-01", "2026-04-01"), ("2026-04-01", "2026-07-01")] {
        let period = PeriodInput {
            start_on: start.into(),
            end_on: end.into(),
            target: Some("40".into()),
            comment: String::new(),
        };
        app.add_indicator_period(&p.officer, id, &period).await.unwrap();
    }
    let view = app.indicator(&p.officer, id).await.unwrap();
    let c = view.periods[0].computed.as_ref().unwrap();
    assert_eq!((c.numerator, c.denominator), (2, Some(4)));
    assert_eq!(view.periods[0].actual.as_deref(), Some("50"));
    assert_eq!(
        view.periods[1].computed.as_ref().unwrap().denominator,
        Some(0),
        "the training ended in March"
    );
}

async fn mentoring_is_programme_data(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let m = MentoringInput {
        mentor: "Khalid Mehmood".into(),
        mentee: "Sana Malik".into(),
        institution: "FIA Lahore".into(),
        country: Some("PK".into()),
        start_on: "2026-04-01".into(),
        end_on: Some("2026-03-01".into()),
        notes: String::new(),
    };
    assert!(
        matches!(app.create_mentoring(&p.officer, &m).await, Err(AppError::Invalid(v)) if v.field == "end_on")
    );
    assert!(matches!(app.create_mentoring(&p.investigator_pk, &m).await, Err(AppError::Denied(_))));
    let ok = MentoringInput { end_on: None, ..m };
    app.create_mentoring(&p.officer, &ok).await.unwrap();
    assert_eq!(app.mentoring(&p.focal_pk).await.unwrap().pairs.len(), 1);
    assert!(app.mentoring(&p.focal_bd).await.unwrap().pairs.is_empty());
    assert!(matches!(app.mentoring(&p.investigator_pk).await, Err(AppError::Denied(_))));
}

both_backends!(a_training_counts_people_and_knowledge_gained);
both_backends!(mentoring_is_programme_data);
