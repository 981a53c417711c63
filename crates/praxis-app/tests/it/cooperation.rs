//! Cooperation requests between jurisdictions: each side moves its own steps, deadlines come from
//! the directory's communication protocol, overdue requests are flagged, outsiders see nothing.

use praxis_app::cooperation::{AuthorityInput, RequestFilter, RequestInput};
use praxis_app::{AppError, Caller};
use praxis_model::{RequestSide, RequestStatus};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;
use crate::cases::{org, user};

fn mla(requested_org: Option<i64>, deadline: Option<&str>) -> RequestInput {
    RequestInput {
        kind: "mla".into(),
        reference: "MLA/PK/2026/11".into(),
        case: None,
        requesting_authority: "Ministry of Interior, Pakistan (central authority)".into(),
        requested_country: "BD".into(),
        requested_authority: "Ministry of Home Affairs, Bangladesh".into(),
        requested_org,
        legal_basis: "UNTOC art. 18".into(),
        subject_matter: "Bank records of the recruiting agency; statements of returned workers".into(),
        deadline: deadline.map(Into::into),
    }
}

async fn each_side_moves_its_own_steps_and_overdue_requests_are_flagged(backend: Backend) {
    let (_db, app) = app(backend).await;
    let fia = org(&app, "FIA Lahore", "PK-PB").await;
    let cid = org(&app, "CID Dhaka", "BD").await;
    let iraq = org(&app, "Anti-Trafficking Directorate", "IQ").await;
    let inv = user(&app, fia, "inv", "investigator").await;
    let viewer = user(&app, fia, "viewer", "viewer").await;
    let bd = user(&app, cid, "bd.inv", "investigator").await;
    let iq = user(&app, iraq, "iq.inv", "investigator").await;

    // The directory: the Bangladeshi central authority answers within 30 days.
    app.add_authority(
        &Caller::Cli,
        &AuthorityInput {
            country: "BD".into(),
            name: "Ministry of Home Affairs, Bangladesh".into(),
            kind: "central_authority_mla".into(),
            channel: "Diplomatic channel, copy by e-mail".into(),
            languages: "Bengali, English".into(),
            expected_response_days: Some(30),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(matches!(app.add_authority(&inv, &AuthorityInput::default()).await, Err(AppError::Denied(_))));
    assert_eq!(app.authorities(&viewer).await.unwrap().len(), 1, "the directory is open to all");

    let id = app.create_request(&inv, &mla(Some(cid), None)).await.unwrap();
    let r = app.request(&inv, id).await.unwrap();
    assert_eq!((r.status, r.side), (RequestStatus::Draft, Some(RequestSide::Requesting)));
    assert_eq!(r.next, [RequestStatus::Sent, RequestStatus::Withdrawn]);
    assert_eq!(r.protocol.as_ref().unwrap().expected_response_days, Some(30));
    // The requested side sees the draft but has nothing to do until it is sent.
    assert!(matches!(app.move_request(&bd, id, "acknowledged", "").await, Err(AppError::Invalid(_))));

    app.move_request(&inv, id, "sent", "Sent through the embassy").await.unwrap();
    let r = app.request(&inv, id).await.unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    assert_eq!(r.sent_on.as_deref(), Some(today.to_string().as_str()));
    assert_eq!(r.deadline, Some((today + time::Duration::days(30)).to_string()), "from the directory");
    assert!(!r.overdue);

    // The requested side acknowledges; the requesting side cannot do it for them, nor the reverse.
    assert!(matches!(app.move_request(&inv, id, "acknowledged", "").await, Err(AppError::Denied(_))));
    let seen = app.request(&bd, id).await.unwrap();
    assert_eq!(seen.side, Some(RequestSide::Requested));
    app.move_request(&bd, id, "acknowledged", "Received by the central authority").await.unwrap();
    assert!(matches!(app.move_request(&bd, id, "withdrawn", "").await, Err(AppError::Denied(_))));
    let incoming = app
        .requests(&bd, &RequestFilter { direction: Some("incoming".into()), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(incoming.len(), 1);
    assert!(app
        .requests(&bd, &RequestFilter { direction: Some("outgoing".into()), ..Default::default() })
        .await
        .unwrap()
        .is_empty());

    // Documents from either side, kept with their hash.
    let doc = app.attach_request_document(&bd, id, "bank-records.pdf", b"%PDF-1.4 records").await.unwrap();
    let (_, bytes) = app.open_request_document(&inv, id, doc.id).await.unwrap();
    assert_eq!(bytes, b"%PDF-1.4 records");

    // A request past its deadline is overdue and listed first.
    let late = app.create_request(&inv, &mla(None, Some("2026-01-15"))).await.unwrap();
    app.move_request(&inv, late, "sent", "").await.unwrap();
    let list = app.requests(&inv, &RequestFilter::default()).await.unwrap();
    assert_eq!(list[0].id, late);
    assert!(list[0].overdue);
    let overdue = app.requests(&inv, &RequestFilter { overdue: true, ..Default::default() }).await.unwrap();
    assert_eq!(overdue.iter().map(|r| r.id).collect::<Vec<_>>(), [late]);
    app.move_request(&inv, late, "withdrawn", "Superseded").await.unwrap();
    assert!(!app.request(&inv, late).await.unwrap().overdue, "a withdrawn request is no longer overdue");
    assert!(matches!(app.move_request(&inv, late, "sent", "").await, Err(AppError::Invalid(_))), "final");

    // Outsiders: a third country and a viewer see nothing and move nothing.
    for outsider in [&iq, &viewer] {
        assert!(matches!(app.request(outsider, id).await, Err(AppError::Denied(_))));
        assert!(app.requests(outsider, &RequestFilter::default()).await.unwrap().is_empty());
        assert!(matches!(app.move_request(outsider, id, "executed", "").await, Err(AppError::Denied(_))));
        assert!(app.open_request_document(outsider, id, doc.id).await.is_err());
    }
    // Bad input names the field.
    fn bad(f: impl FnOnce(&mut RequestInput)) -> RequestInput {
        let mut input = mla(None, None);
        f(&mut input);
        input
    }
    for (input, field) in [
        (bad(|i| i.kind = "favour".into()), "kind"),
        (bad(|i| i.requested_country = "PK".into()), "requested_country"),
        (bad(|i| i.requested_org = Some(iraq)), "requested_org"),
        (bad(|i| i.deadline = Some("soon".into())), "deadline"),
    ] {
        match app.create_request(&inv, &input).await {
            Err(AppError::Invalid(v)) => assert_eq!(v.field, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    let audit = app.list_audit(&Caller::Cli, None, 500).await.unwrap();
    for action in ["cooperation.create", "cooperation.status", "cooperation.document", "directory.add"] {
        assert!(audit.iter().any(|e| e.action == action), "{action}");
    }
}

both_backends!(each_side_moves_its_own_steps_and_overdue_requests_are_flagged);
