//! Property tests: any answers value evaluates without panicking, deterministically, and any text
//! fed to the parser gives a value or a typed error, never a panic.

use keyholder_engine::answers::*;
use keyholder_engine::questions::QUESTIONS;
use keyholder_engine::share;
use keyholder_engine::{evaluate, evaluate_with, parse_answers};
use proptest::prelude::*;

fn pick<T: Copy + std::fmt::Debug + 'static>(
    all: &'static [T],
) -> impl Strategy<Value = Option<T>> {
    proptest::option::of(proptest::sample::select(all))
}

/// Answers every question of the registry (each item of each list) from `picks`: leave it
/// unanswered, "I don't know", or one of its options. Driven by the registry, so a new question
/// is covered here without touching this file.
fn answer_every_question(mut a: Answers, picks: &[u8]) -> Answers {
    let mut next = picks.iter().copied().cycle();
    for q in QUESTIONS {
        for item in 0..q.list().map_or(1, |l| l.len(&a)) {
            let choice = usize::from(next.next().unwrap_or(0)) % (q.options.len() + 2);
            let value = match choice {
                0 => None,
                1 => Some("unknown"),
                n => q.options.get(n - 2).map(|(v, _)| *v),
            };
            if value.is_some() {
                assert!(q.set(&mut a, item, value), "{} takes its own options", q.id);
            }
        }
    }
    a
}

fn environment(i: usize) -> impl Strategy<Value = Environment> {
    (
        pick(EnvType::ALL),
        pick(Geo::ALL),
        pick(YesNo::ALL),
        pick(YesNo::ALL),
        pick(Geo::ALL),
        pick(EncryptionStatus::ALL),
        pick(YesNo::ALL),
    )
        .prop_map(
            move |(
                kind,
                region,
                managed,
                cmk_policy,
                policy_region,
                encryption_status,
                legacy_byok,
            )| Environment {
                id: format!("e{i}"),
                name: format!("Env {i}"),
                kind,
                region,
                managed,
                cmk_policy,
                policy_region,
                encryption_status,
                legacy_byok,
                apps: EnvironmentApps::default(),
            },
        )
}

fn answers() -> impl Strategy<Value = Answers> {
    let envs = (0usize..4).prop_flat_map(|n| (0..n).map(environment).collect::<Vec<_>>());
    let fo = (
        0usize..3,
        pick(YesNo::ALL),
        pick(FoHosting::ALL),
        pick(YesNo::ALL),
        pick(YesNo::ALL),
        pick(Geo::ALL),
        any::<bool>(),
    );
    let key = (
        pick(YesNo::ALL),
        pick(YesNo::ALL),
        pick(KeyType::ALL),
        pick(KeySize::ALL),
        pick(KeyExpiry::ALL),
        pick(VaultNetwork::ALL),
        pick(Rotation::ALL),
    );
    let tenant = (
        pick(Cloud::ALL),
        pick(Geo::ALL),
        pick(Residency::ALL),
        pick(Geo::ALL),
    );
    let misc = (
        pick(YesNo::ALL),
        pick(YesNo::ALL),
        pick(HostedRpa::ALL),
        pick(CopilotTiming::ALL),
        pick(YesNo::ALL),
        0usize..3,
        pick(Geo::ALL),
        pick(YesNo::ALL),
    );
    // The brief's free text: any printable text up to the limit, including quotes and non-ASCII;
    // no control or invisible format characters, which validation refuses.
    let brief = (
        proptest::option::of("[^\\p{Cc}\\p{Cf}\u{2028}\u{2029}]{0,100}"),
        proptest::option::of("[^\\p{Cc}\\p{Cf}\u{2028}\u{2029}]{0,40}"),
        proptest::option::of("(Internal|Confidential|Öffentlich \"A\")"),
    );
    let picks = proptest::collection::vec(any::<u8>(), 1..64);
    (envs, fo, key, tenant, misc, brief, picks).prop_map(
        |(environments, fo, key, tenant, misc, brief, picks)| {
            let (fo_n, used, hosting, ppi, before, region, link) = fo;
            let mut a = Answers {
                environments,
                ..Answers::default()
            };
            a.tenant = Tenant {
                cloud: tenant.0,
                home_geo: tenant.1,
                residency: tenant.2,
                required_geo: tenant.3,
            };
            let first_env = a.environments.first().map(|e| e.id.clone());
            a.finance_operations.used = used;
            a.finance_operations.commerce = used;
            a.finance_operations.environments = (0..fo_n)
                .map(|i| FoEnvironment {
                    id: format!("f{i}"),
                    name: format!("FO {i}"),
                    hosting,
                    region,
                    power_platform_integration: ppi,
                    linked_environment: if link { first_env.clone() } else { None },
                    cmk_before_link: before,
                    data_resident_region: ppi,
                })
                .collect();
            a.key = KeyManagement {
                soft_delete: key.0,
                purge_protection: key.1,
                key_type: key.2,
                key_size: key.3,
                expiry: key.4,
                network: key.5,
                rotation: key.6,
                ..KeyManagement::default()
            };
            a.power_platform.special_trigger_flows = misc.0;
            a.power_platform.non_oauth_connections = misc.1;
            a.power_platform.hosted_rpa = misc.2;
            a.power_platform.copilot_cmk_timing = misc.3;
            a.power_platform.copilot_cmk_toggled = misc.4;
            a.commerce.scale_units = (0..misc.5)
                .map(|i| ScaleUnit {
                    id: format!("c{i}"),
                    name: format!("CSU {i}"),
                    geo: misc.6,
                    self_hosted: misc.7,
                })
                .collect();
            a.commerce.ratings_reviews = misc.7;
            a.commerce.ratings_reviews_geo = misc.6;
            a.business_central.used = misc.0;
            a.business_central.environments = (0..misc.5)
                .map(|i| BcEnvironment {
                    id: format!("b{i}"),
                    name: format!("BC {i}"),
                    linked: misc.1,
                    linked_environment: if link { first_env.clone() } else { None },
                    from_copy_or_restore: misc.4,
                })
                .collect();
            a.brief = Brief {
                organisation: brief.0,
                prepared_by: brief.1,
                classification: brief.2,
            };
            answer_every_question(a, &picks)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_answers_evaluate_deterministically(a in answers()) {
        let valid = a.validate().expect("generated answers are structurally valid");
        let one = serde_json::to_string(&evaluate(&valid)).unwrap();
        let two = serde_json::to_string(&evaluate(&valid)).unwrap();
        prop_assert_eq!(&one, &two);
        let r = evaluate(&valid);
        let k = &r.key_control;
        prop_assert_eq!(k.in_scope, k.customer_key + k.partial + k.microsoft_key + k.blocked + k.verify);
        // Doing every recommended action never leaves fewer components under the key.
        let ids: Vec<&str> = r.actions.iter().map(|x| x.id).collect();
        let after = evaluate_with(&valid, &ids);
        prop_assert!(after.key_control.customer_key >= k.customer_key, "what-if lost coverage");
    }

    #[test]
    fn parser_never_panics_on_any_text(text in ".{0,200}") {
        let _ = parse_answers(&text);
    }

    #[test]
    fn parser_never_panics_on_json_like_text(text in r#"\{"schema_version": ?[0-9]{1,3}(, ?"[a-z_]{1,12}": ?(null|true|[0-9]{1,3}|"[a-z]{0,8}"|\[\]|\{\}))*\}"#) {
        let _ = parse_answers(&text);
    }

    #[test]
    fn answers_round_trip_through_json(a in answers()) {
        let text = serde_json::to_string(&a).unwrap();
        let back = parse_answers(&text).expect("own output parses");
        prop_assert_eq!(back.answers(), &a);
    }

    #[test]
    fn answers_round_trip_through_a_share_link(a in answers()) {
        let link = share::encode(&a);
        let back = share::decode(&link).expect("own link decodes");
        prop_assert_eq!(back.answers(), &a);
    }

    /// The hand-written table of invisible format characters misses none that the regex engine's
    /// Unicode tables (general category Cf) know, and none of the controls.
    #[test]
    fn every_format_and_control_character_is_forbidden(c in "[\\p{Cf}\\p{Cc}]") {
        prop_assert!(keyholder_engine::text::has_forbidden(&c), "{:?}", c);
    }

    #[test]
    fn link_decoder_never_panics_on_any_string(text in ".{0,300}") {
        let _ = share::decode(&text);
    }

    #[test]
    fn link_decoder_never_panics_on_link_shaped_strings(text in "1[A-Za-z0-9_-]{0,400}") {
        let _ = share::decode(&text);
    }

    #[test]
    fn damaged_real_links_are_refused_or_still_valid(a in answers(), at in any::<prop::sample::Index>(), with in "[A-Za-z0-9_-]", cut in any::<bool>()) {
        let link = share::encode(&a);
        let i = at.index(link.len());
        let damaged = if cut { link[..i].to_owned() } else { format!("{}{}{}", &link[..i], with, &link[i + 1..]) };
        // Either a clear error or answers that passed validation: never a panic, never junk.
        if let Ok(valid) = share::decode(&damaged) {
            prop_assert!(valid.answers().clone().validate().is_ok());
        }
    }
}
