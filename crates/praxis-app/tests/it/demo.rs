//! The demo data set.

use praxis_app::{Caller, DEMO_PASSWORD};
use praxis_model::Role;
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;

async fn the_demo_has_every_role_and_its_logins_work(backend: Backend) {
    let (_db, app) = app(backend).await;
    let summary = app.seed_demo().await.unwrap();
    assert!(summary.organisations >= 10);
    for role in Role::ALL {
        assert!(summary.logins.iter().any(|l| l.roles.contains(&role)), "no demo user holds {role}");
    }
    let orgs = app.list_orgs(&Caller::Cli).await.unwrap();
    let countries: std::collections::BTreeSet<String> =
        orgs.iter().map(|o| o.jurisdiction.split('-').next().unwrap().to_owned()).collect();
    for c in ["AF", "BD", "IQ", "IR", "PK"] {
        assert!(countries.contains(c), "no organisation in {c}");
    }
    assert_eq!(orgs.iter().filter(|o| o.platform_operator).count(), 1);
    for l in &summary.logins {
        app.login(&l.username, DEMO_PASSWORD, "demo-test")
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", l.username));
    }
    // Three cross-border cases, each with subjects, offences, a timeline and protected persons.
    let cases = app.cases(&Caller::Cli, &Default::default()).await.unwrap();
    assert_eq!(cases.len(), 4, "three cases and the Iranian border guard's");
    assert!(cases.iter().any(|c| c.id == summary.case));
    for c in cases.iter().filter(|c| !c.reference.starts_with("BGC")) {
        let view = app.case(&Caller::Cli, c.id).await.unwrap();
        assert!(c.jurisdictions.len() >= 2, "{} is cross-border", c.title);
        assert!(!view.subjects.is_empty() && !view.offences.is_empty() && !view.timeline.is_empty());
        assert!(view.persons.iter().all(|p| p.pseudonym.len() == 5), "pseudonyms such as V-001");
        assert!(view.stage_history.len() >= 2);
        assert!(!view.evidence.is_empty() && !view.inquiries.is_empty());
        let (entities, relations) = app.case_entities(&Caller::Cli, c.id).await.unwrap();
        assert!(
            entities.len() >= 5 && relations.len() >= 4,
            "{} has its network: {} {}",
            c.title,
            entities.len(),
            relations.len()
        );
        let money = app.case_money(&Caller::Cli, c.id).await.unwrap();
        assert!(
            money.iter().any(|d| d.trace.as_ref().is_some_and(|t| t.accounts.len() > 1)),
            "{} has traced money",
            c.title
        );
    }
    // The smuggling case's money shows the typology scan's strongest alerts.
    let silk = app.case_money(&Caller::Cli, summary.case).await.unwrap();
    assert!(silk[0].alerts.as_ref().is_some_and(|a| !a.is_empty()), "alerts on the case");
    // Every case has a target whose profit was traced into their accounts.
    let ranking = app.ranking(&Caller::Cli, &Default::default()).await.unwrap();
    let traced: std::collections::BTreeSet<i64> = ranking
        .targets
        .iter()
        .filter(|t| t.parts.iter().any(|p| p.part == "profit" && p.value > 0.0))
        .map(|t| t.case)
        .collect();
    assert!(traced.len() >= 3, "{traced:?}");
    // One case rests on testimony alone, with an open financial line of inquiry to corroborate it.
    let overview = app.evidence_base_overview(&Caller::Cli, None, None).await.unwrap();
    let alone: Vec<_> = overview.cases.iter().filter(|c| c.testimony_only).collect();
    assert_eq!(alone.len(), 1, "{overview:?}");
    assert!(alone[0].corroborating_inquiries >= 1);
    // The Silk Corridor network as entities, and a hit across the border that names only the holder.
    let imran = {
        let login = app.login("imran.shah", DEMO_PASSWORD, "t").await.unwrap();
        Caller::User(app.session(&login.session_token).await.unwrap().actor)
    };
    let (entities, relations) = app.case_entities(&imran, summary.case).await.unwrap();
    assert!(entities.len() >= 8 && relations.len() >= 8);
    let links = app.case_links(&imran, summary.case).await.unwrap();
    let border: Vec<_> = links.links.iter().filter(|l| l.holder_org.starts_with("Border Guard")).collect();
    assert!(
        border.iter().any(|l| l.selector == "phone") && border.iter().any(|l| l.selector == "account"),
        "{links:#?}"
    );
    assert!(border.iter().all(|l| l.other_case.is_none()));
    // Cooperation: a directory, and requests in several states, one overdue.
    assert!(app.authorities(&Caller::Cli).await.unwrap().len() >= 8);
    let requests = app.requests(&Caller::Cli, &Default::default()).await.unwrap();
    assert!(requests.len() >= 4);
    assert!(requests.iter().any(|r| r.overdue));
    assert!(requests.iter().any(|r| r.status == praxis_model::RequestStatus::Acknowledged));
    assert!(requests.iter().any(|r| r.status == praxis_model::RequestStatus::Draft));
    // Three legislative reviews (Pakistan, Bangladesh, Iraq) whose answers moved during the year.
    assert_eq!(summary.legal_reviews.len(), 3);
    let reviews = app.legal_reviews(&Caller::Cli).await.unwrap();
    let countries: Vec<&str> = reviews.iter().map(|r| r.country.as_str()).collect();
    assert_eq!(countries, ["BD", "IQ", "PK"]);
    assert!(reviews.iter().all(|r| r.answered > 0 && r.score.is_some()));
    let bd = reviews.iter().find(|r| r.country == "BD").unwrap();
    assert!(reviews.iter().all(|r| r.answered <= bd.answered), "Bangladesh is the most complete");
    let q = praxis_app::legal_review::MatrixQuery {
        from: Some("2026-06-01".into()),
        to: Some("2026-11-20".into()),
    };
    let matrix = app.legal_matrix(&Caller::Cli, &q).await.unwrap();
    assert_eq!(matrix.countries.len(), 3);
    assert!(matrix.changes >= 5, "the matrix shows the year's changes ({})", matrix.changes);
    assert!(matrix.rows.iter().flat_map(|r| &r.cells).any(|c| c.change == "improved"));
    // Entity resolution: the smuggler's four writings are one entity; the rejected namesake is not.
    let run = app.match_run(&imran, summary.match_run).await.unwrap();
    let smuggler =
        run.clusters.iter().find(|(_, m)| m.contains(&"FIR-1".to_owned())).expect("FIR-1's entity");
    for id in ["IR-1", "TJ-1", "HW-1"] {
        assert!(smuggler.1.contains(&id.to_owned()), "{id} in {smuggler:?}");
    }
    assert!(!smuggler.1.contains(&"FIR-3".to_owned()), "the namesake is apart: {smuggler:?}");
    let recruiter = run.pairs.iter().find(|p| p.left_id == "BD-1" && p.right_id == "HW-3").unwrap();
    assert!(recruiter.is_match && recruiter.verdict.as_deref() == Some("confirmed"), "{recruiter:?}");
    // Screening: the case's organiser confirmed, the hawaladar's namesake rejected.
    let screening = app.screening_run(&imran, summary.screening_run).await.unwrap();
    assert_eq!(screening.case, Some(summary.case));
    let judged: Vec<(&str, &str, bool)> = screening
        .queries
        .iter()
        .flat_map(|q| q.candidates.iter())
        .filter_map(|c| Some((c.entity_id.as_str(), c.judgement.as_deref()?, c.is_match)))
        .collect();
    assert!(judged.contains(&("demo-wl-101", "confirmed", true)), "{judged:?}");
    assert!(judged.contains(&("demo-wl-102", "rejected", false)), "{judged:?}");
    assert_eq!(screening.confirmed + screening.rejected, 2);
    assert!(app.seed_demo().await.is_err(), "the demo refuses a database that already has users");
    assert!(app.verify_audit(&Caller::Cli).await.unwrap().first_break.is_none());
}

both_backends!(the_demo_has_every_role_and_its_logins_work);
