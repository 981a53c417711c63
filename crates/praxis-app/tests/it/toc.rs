//! Theories of change through the application layer: a draft edited node by node and link by
//! link, submitted, approved by another programme officer, revised, compared; who reads and
//! writes; refusals naming the field and writing nothing; import and export whole or nothing.

use praxis_app::toc::{CommentInput, ImportInput, LinkInput, NewTocInput, NodeInput, WorkflowInput};
use praxis_app::{App, AppError, Caller, NewOrgInput};
use praxis_store::Backend;
use praxis_testkit::both_backends;

use crate::app;
use crate::cases::user;

async fn org(app: &App, name: &str, kind: &str, jurisdiction: &str) -> i64 {
    let input = NewOrgInput {
        name: name.into(),
        kind: kind.into(),
        jurisdiction: jurisdiction.into(),
        platform_operator: false,
    };
    app.create_org(&Caller::Cli, &input).await.unwrap().0
}

struct People {
    officer: Caller,
    officer2: Caller,
    focal_pk: Caller,
    focal_bd: Caller,
    investigator_pk: Caller,
}

async fn people(app: &App) -> People {
    let un = org(app, "UN Country Office Pakistan", "international", "PK").await;
    let vienna = org(app, "UN Regional Programme", "international", "AT").await;
    let ministry = org(app, "Ministry of Interior", "ministry", "PK").await;
    let committee = org(app, "Counter-Trafficking Committee", "national_committee", "BD").await;
    let fia = org(app, "FIA Lahore", "police", "PK-PB").await;
    People {
        officer: user(app, un, "officer", "programme_officer").await,
        officer2: user(app, vienna, "officer2", "programme_officer").await,
        focal_pk: user(app, ministry, "focal.pk", "focal_point").await,
        focal_bd: user(app, committee, "focal.bd", "focal_point").await,
        investigator_pk: user(app, fia, "inv.pk", "investigator").await,
    }
}

fn national(country: &str) -> NewTocInput {
    NewTocInput {
        title: format!("Theory of change of {country}"),
        country: Some(country.into()),
        region: None,
    }
}

fn node(id: &str, level: &str, title: &str) -> NodeInput {
    NodeInput {
        id: id.into(),
        level: level.into(),
        title: title.into(),
        description: String::new(),
        tags: String::new(),
    }
}

fn link(from: &str, to: &str, rationale: &str) -> LinkInput {
    LinkInput { from: from.into(), to: to.into(), rationale: rationale.into(), ..Default::default() }
}

fn step(action: &str, note: &str) -> WorkflowInput {
    WorkflowInput { action: action.into(), note: note.into() }
}

fn field_of(r: Result<impl std::fmt::Debug, AppError>) -> &'static str {
    match r {
        Err(AppError::Invalid(v)) => v.field,
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

fn denied(r: Result<impl std::fmt::Debug, AppError>) -> bool {
    matches!(r, Err(AppError::Denied(_)))
}

/// A small valid theory in version 1: A1 → O1 → OC1 → I1.
async fn seeded(app: &App, p: &People) -> i64 {
    let id = app.create_toc(&p.officer, &national("PK")).await.unwrap();
    for (i, l, t) in [
        ("I1", "impact", "Less trafficking"),
        ("OC1", "outcome", "Cases prosecuted"),
        ("O1", "output", "Officers trained"),
        ("A1", "activity", "Courses"),
    ] {
        app.add_toc_node(&p.focal_pk, id, 1, &node(i, l, t)).await.unwrap();
    }
    for (f, t) in [("A1", "O1"), ("O1", "OC1"), ("OC1", "I1")] {
        app.add_toc_link(&p.focal_pk, id, 1, &link(f, t, "because")).await.unwrap();
    }
    id
}

async fn a_version_is_drafted_reviewed_approved_revised_and_compared(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let id = seeded(&app, &p).await;
    let v = app.toc(&p.focal_pk, id).await.unwrap();
    assert_eq!((v.version.version, v.version.status.as_str()), (1, "draft"));
    let order: Vec<&str> = v.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(order, ["A1", "O1", "OC1", "I1"], "bottom-up");
    assert!(v.warnings.is_empty(), "{:?}", v.warnings);
    assert!(v.permissions.edit && v.permissions.submit && !v.permissions.decide);

    // The focal point submits; they cannot approve (not a programme officer), nor can the
    // officer who submitted a version approve it.
    app.move_toc_version(&p.focal_pk, id, 1, &step("submit", "")).await.unwrap();
    assert!(
        field_of(app.add_toc_node(&p.focal_pk, id, 1, &node("A2", "activity", "More")).await) == "version",
        "under review: frozen"
    );
    assert!(denied(app.move_toc_version(&p.focal_pk, id, 1, &step("approve", "")).await));
    app.comment_toc(
        &p.officer,
        id,
        1,
        &CommentInput { body: "Fine".into(), node: Some("O1".into()), ..Default::default() },
    )
    .await
    .unwrap();
    assert_eq!(field_of(app.move_toc_version(&p.officer, id, 1, &step("return", "")).await), "note");
    app.move_toc_version(&p.officer, id, 1, &step("return", "Say who trains")).await.unwrap();
    app.move_toc_version(&p.officer, id, 1, &step("submit", "")).await.unwrap();
    assert!(
        denied(app.move_toc_version(&p.officer, id, 1, &step("approve", "")).await),
        "the submitter cannot approve"
    );
    app.move_toc_version(&p.officer2, id, 1, &step("approve", "")).await.unwrap();

    // Approved: immutable; a comment goes to a revision.
    let v1 = app.toc(&p.focal_pk, id).await.unwrap();
    assert_eq!(v1.version.status, "approved");
    assert_eq!(v1.version.decided_by.as_deref(), Some("officer2"));
    assert!(!v1.permissions.edit && v1.permissions.revise);
    assert_eq!(
        field_of(app.edit_toc_node(&p.officer, id, 1, "O1", &node("", "output", "Changed")).await),
        "version"
    );
    assert_eq!(
        field_of(
            app.comment_toc(&p.officer, id, 1, &CommentInput { body: "x".into(), ..Default::default() })
                .await
        ),
        "version"
    );

    // Version 2 starts as a copy; edits there leave version 1 as it was.
    assert_eq!(app.revise_toc(&p.focal_pk, id).await.unwrap(), 2);
    assert_eq!(field_of(app.revise_toc(&p.focal_pk, id).await), "version", "one open draft at a time");
    app.add_toc_node(&p.focal_pk, id, 2, &node("A2", "activity", "Mentoring")).await.unwrap();
    app.add_toc_link(
        &p.focal_pk,
        id,
        2,
        &LinkInput { assumptions: "Teams accept advisers".into(), ..link("A2", "O1", "practice") },
    )
    .await
    .unwrap();
    app.edit_toc_node(
        &p.focal_pk,
        id,
        2,
        "O1",
        &NodeInput { tags: "capacity_building".into(), ..node("", "output", "Officers and judges trained") },
    )
    .await
    .unwrap();
    app.edit_toc_link(
        &p.focal_pk,
        id,
        2,
        &LinkInput { risks: "Transfers".into(), ..link("A1", "O1", "because") },
    )
    .await
    .unwrap();
    app.remove_toc_link(&p.focal_pk, id, 2, "OC1", "I1").await.unwrap();
    assert_eq!(app.toc_version(&p.focal_pk, id, 1).await.unwrap().links.len(), 3, "version 1 unchanged");

    let d = app.toc_diff(&p.focal_pk, id, 1, 2).await.unwrap();
    assert_eq!(d.nodes_added.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["A2"]);
    assert!(d.nodes_removed.is_empty());
    assert_eq!(d.nodes_changed.len(), 1);
    let o1: Vec<(&str, &str, &str)> = d.nodes_changed[0]
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.before.as_str(), f.after.as_str()))
        .collect();
    assert_eq!(
        o1,
        [("title", "Officers trained", "Officers and judges trained"), ("tags", "", "capacity_building")]
    );
    assert_eq!(d.links_added.len(), 1);
    assert_eq!((d.links_removed[0].from.as_str(), d.links_removed[0].to.as_str()), ("OC1", "I1"));
    assert_eq!(d.links_changed[0].fields[0].field, "risks");
    assert_eq!(d.links_changed[0].fields[0].after, "Transfers");
    assert_eq!(d.links.len(), 4, "both versions' links for the drawing");

    // The history says who changed what.
    let v2 = app.toc(&p.officer, id).await.unwrap();
    let edit = v2.history.iter().find(|e| e.action == "edit_node").unwrap();
    assert_eq!((edit.version, edit.target.as_str(), edit.actor.as_deref()), (2, "O1", Some("focal.pk")));
    assert_eq!(edit.note, "title, tags");
    assert!(v2.history.iter().any(|e| e.action == "approve" && e.actor.as_deref() == Some("officer2")));
    let audit = app.list_audit(&Caller::Cli, None, 100).await.unwrap();
    for action in [
        "toc.create",
        "toc.add_node",
        "toc.submit",
        "toc.approve",
        "toc.return",
        "toc.revise",
        "toc.comment",
        "toc.remove_link",
    ] {
        assert!(audit.iter().any(|e| e.action == action), "{action} audited");
    }
}

async fn only_programme_staff_read_and_write(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let id = seeded(&app, &p).await;
    assert!(denied(app.toc(&p.investigator_pk, id).await));
    assert!(denied(app.toc(&p.focal_bd, id).await), "another country's focal point");
    assert!(app.tocs(&p.focal_bd).await.unwrap().is_empty());
    assert_eq!(app.tocs(&p.focal_pk).await.unwrap().len(), 1);
    assert!(denied(app.add_toc_node(&p.focal_bd, id, 1, &node("X1", "activity", "Forged")).await));
    assert!(denied(
        app.comment_toc(&p.investigator_pk, id, 1, &CommentInput { body: "x".into(), ..Default::default() })
            .await
    ));
    assert!(denied(app.create_toc(&p.focal_pk, &national("PK")).await), "focal points do not start theories");
    assert!(denied(app.create_toc(&p.investigator_pk, &national("PK")).await));
    // A regional theory: programme officers of international organisations.
    let regional =
        NewTocInput { title: "Regional".into(), country: None, region: Some("South-West Asia".into()) };
    let r = app.create_toc(&p.officer, &regional).await.unwrap();
    assert!(app.toc(&p.officer2, r).await.is_ok());
    assert!(denied(app.toc(&p.focal_pk, r).await), "no country: focal points do not read it");
    assert_eq!(app.tocs(&p.focal_pk).await.unwrap().len(), 1);
}

async fn bad_edits_name_the_field_and_write_nothing(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let id = seeded(&app, &p).await;
    let before = app.toc(&p.officer, id).await.unwrap();
    let e = &p.focal_pk;
    assert_eq!(field_of(app.add_toc_node(e, id, 1, &node("O 1", "output", "Bad id")).await), "id");
    assert_eq!(field_of(app.add_toc_node(e, id, 1, &node("O1", "output", "Twice")).await), "id");
    assert_eq!(field_of(app.add_toc_node(e, id, 1, &node("O2", "outptu", "Typo")).await), "level");
    assert_eq!(field_of(app.add_toc_node(e, id, 1, &node("O2", "output", " ")).await), "title");
    assert_eq!(
        field_of(
            app.add_toc_node(e, id, 1, &NodeInput { tags: "pillar9".into(), ..node("O2", "output", "x") })
                .await
        ),
        "tags"
    );
    assert_eq!(
        field_of(app.add_toc_link(e, id, 1, &link("I1", "O1", "down")).await),
        "to",
        "no downward link"
    );
    assert_eq!(field_of(app.add_toc_link(e, id, 1, &link("A1", "ZZ", "nowhere")).await), "to");
    assert_eq!(field_of(app.add_toc_link(e, id, 1, &link("A1", "OC1", "")).await), "rationale");
    assert_eq!(field_of(app.add_toc_link(e, id, 1, &link("A1", "O1", "twice")).await), "to");
    assert_eq!(
        field_of(app.edit_toc_node(e, id, 1, "OC1", &node("", "activity", "Cases prosecuted")).await),
        "level",
        "would make O1 → OC1 go down"
    );
    app.add_toc_node(e, id, 1, &node("OC2", "outcome", "Second")).await.unwrap();
    app.add_toc_link(e, id, 1, &link("OC1", "OC2", "within a level")).await.unwrap();
    assert_eq!(field_of(app.add_toc_link(e, id, 1, &link("OC2", "OC1", "round")).await), "to", "no cycle");
    assert_eq!(field_of(app.move_toc_version(e, id, 1, &step("publish", "")).await), "action");
    assert_eq!(
        field_of(
            app.comment_toc(
                e,
                id,
                1,
                &CommentInput { body: "x".into(), node: Some("ZZ".into()), ..Default::default() }
            )
            .await
        ),
        "node"
    );
    assert_eq!(field_of(app.toc_diff(e, id, 1, 7).await), "to");
    let after = app.toc(&p.officer, id).await.unwrap();
    assert_eq!(after.nodes.len(), before.nodes.len() + 1, "only the good node was written");
    assert_eq!(after.links.len(), before.links.len() + 1);
}

async fn a_version_goes_out_and_back_as_toml_and_json_whole_or_nothing(backend: Backend) {
    let (_db, app) = app(backend).await;
    let p = people(&app).await;
    let id = seeded(&app, &p).await;
    let copy = app.create_toc(&p.officer, &national("PK")).await.unwrap();
    for format in ["toml", "json"] {
        let (name, _, text) = app.export_toc(&p.focal_pk, id, 1, format).await.unwrap();
        assert_eq!(name, format!("toc-{id}-v1.{format}"));
        app.import_toc(&p.focal_pk, copy, 1, &ImportInput { format: format.into(), content: text })
            .await
            .unwrap();
        let (a, b) = (app.toc(&p.officer, id).await.unwrap(), app.toc(&p.officer, copy).await.unwrap());
        assert_eq!((a.nodes, a.links), (b.nodes, b.links), "{format} round trip");
    }
    let before = app.toc(&p.officer, copy).await.unwrap();
    let bad = "[[nodes]]\nid = \"A1\"\nlevel = \"activity\"\ntitle = \"Courses\"\n\n[[nodes]]\nid = \"O1\"\nlevel = \"outptu\"\ntitle = \"Trained\"\n";
    match app
        .import_toc(&p.focal_pk, copy, 1, &ImportInput { format: "toml".into(), content: bad.into() })
        .await
    {
        Err(AppError::ImportRefused(errors)) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert!(errors[0].starts_with("line 6, nodes[2].level:"), "{}", errors[0]);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let down = r#"{"nodes": [{"id": "I1", "level": "impact", "title": "x"}, {"id": "A1", "level": "activity", "title": "y"}],
        "links": [{"from": "I1", "to": "A1", "rationale": "down"}]}"#;
    match app
        .import_toc(&p.focal_pk, copy, 1, &ImportInput { format: "json".into(), content: down.into() })
        .await
    {
        Err(AppError::ImportRefused(errors)) => {
            assert!(errors[0].starts_with("links.I1→A1.level"), "{errors:?}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    match app
        .import_toc(
            &p.focal_pk,
            copy,
            1,
            &ImportInput { format: "json".into(), content: "{\"nodes\": [".into() },
        )
        .await
    {
        Err(AppError::ImportRefused(errors)) => assert!(errors[0].contains("line 1"), "{errors:?}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    let after = app.toc(&p.officer, copy).await.unwrap();
    assert_eq!((before.nodes, before.links), (after.nodes, after.links), "nothing written");
}

async fn the_demo_has_a_regional_theory_and_pakistans_with_a_version_under_review(backend: Backend) {
    let (_db, app) = app(backend).await;
    app.seed_demo().await.unwrap();
    let tocs = app.tocs(&Caller::Cli).await.unwrap();
    assert_eq!(tocs.len(), 2);
    let regional = tocs.iter().find(|t| t.scope == "regional").expect("a regional theory");
    assert_eq!(regional.latest_status, "in_review");
    let pk = tocs.iter().find(|t| t.country.as_deref() == Some("PK")).expect("Pakistan's theory");
    assert_eq!(
        (pk.latest_version, pk.latest_status.as_str(), pk.approved_version),
        (2, "in_review", Some(1))
    );
    let v2 = app.toc(&Caller::Cli, pk.id).await.unwrap();
    assert_eq!(v2.comments.len(), 3);
    assert!(v2.comments.iter().any(|c| c.node.as_deref() == Some("O3.1")));
    assert!(v2.comments.iter().any(|c| c.link_from.is_some()));
    assert!(v2.warnings.is_empty(), "{:?}", v2.warnings);
    let d = app.toc_diff(&Caller::Cli, pk.id, 1, 2).await.unwrap();
    assert!(!d.nodes_added.is_empty() && !d.nodes_removed.is_empty() && !d.nodes_changed.is_empty());
    assert!(!d.links_changed.is_empty());
}

both_backends!(the_demo_has_a_regional_theory_and_pakistans_with_a_version_under_review);
both_backends!(a_version_is_drafted_reviewed_approved_revised_and_compared);
both_backends!(only_programme_staff_read_and_write);
both_backends!(bad_edits_name_the_field_and_write_nothing);
both_backends!(a_version_goes_out_and_back_as_toml_and_json_whole_or_nothing);
