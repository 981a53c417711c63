//! Pillars and themes: codes are stable and round-trip.

use praxis_programme::{Pillar, Tags, Theme};

#[test]
fn codes_are_stable() {
    let pillars: Vec<_> = Pillar::ALL.iter().map(|p| (p.number(), p.code())).collect();
    assert_eq!(
        pillars,
        [
            (1, "strategy_policy"),
            (2, "legislative_review"),
            (3, "capacity_building"),
            (4, "cooperation"),
            (5, "protection")
        ]
    );
    let themes: Vec<_> = Theme::ALL.iter().map(|t| t.code()).collect();
    assert_eq!(
        themes,
        ["gender_human_rights", "going_local", "conflict", "innovation_technology", "sustainability"]
    );
    for p in Pillar::ALL {
        assert_eq!(Pillar::parse(p.code()), Some(p));
    }
    for t in Theme::ALL {
        assert_eq!(Theme::parse(t.code()), Some(t));
    }
    assert_eq!(Pillar::Protection.translation_key(), "pillar-protection");
}

#[test]
fn tags_round_trip_and_name_unknown_codes() {
    let tags = Tags::parse_codes("going_local, capacity_building gender_human_rights").unwrap();
    assert!(tags.has_pillar(Pillar::CapacityBuilding));
    assert!(tags.has_theme(Theme::GoingLocal));
    assert_eq!(tags.codes(), "capacity_building gender_human_rights going_local");
    assert_eq!(Tags::parse_codes(&tags.codes()).unwrap(), tags);
    assert_eq!(Tags::parse_codes("protection bogus").unwrap_err(), ["bogus"]);
}
