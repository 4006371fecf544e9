//! The benchmark's estate: `n` environments with a spread of answers, three F&O environments
//! linked to the first three, two scale units and the tenant's answers. Shared by the criterion
//! benchmark (`benches/evaluate.rs`) and the instruction count (`examples/evaluate_loop.rs`), so
//! both figures are of the same estate.

use keyholder_engine::answers::*;
use keyholder_engine::Answers;

/// The estate, with `n` environments.
pub fn estate(n: usize) -> Answers {
    let yes = Some(YesNo::Yes);
    let no = Some(YesNo::No);
    let environments = (0..n)
        .map(|i| Environment {
            id: format!("env-{i}"),
            name: format!("Environment {i}"),
            kind: Some(if i % 3 == 0 {
                EnvType::Production
            } else {
                EnvType::Sandbox
            }),
            region: Some(if i % 4 == 0 {
                Geo::UnitedStates
            } else {
                Geo::Europe
            }),
            managed: if i % 5 == 0 { no } else { yes },
            cmk_policy: if i % 2 == 0 { yes } else { no },
            policy_region: Some(if i % 4 == 0 {
                Geo::UnitedStates
            } else {
                Geo::Europe
            }),
            encryption_status: Some(EncryptionStatus::Encrypted),
            legacy_byok: no,
            apps: EnvironmentApps {
                sales: yes,
                sales_forecasting: if i % 2 == 0 { yes } else { no },
                sales_predictive_scoring: no,
                sales_conversation_intelligence: no,
                sales_relationship_intelligence: no,
                customer_service: yes,
                field_service: no,
                chat: yes,
                contact_center: no,
                customer_insights_data: no,
                customer_insights_own_adls: None,
                customer_insights_journeys: no,
                power_automate: yes,
                copilot_studio: if i % 3 == 0 { yes } else { no },
                power_pages: no,
                ai_builder: no,
                // One environment in ten doesn't know: the report turns these into verify steps.
                genai_cross_region: if i % 10 == 0 {
                    Some(YesNo::Unknown)
                } else {
                    no
                },
                // Questions added later stay unanswered here: the estate stays comparable
                // across releases, and the file needn't change with the questionnaire.
                ..EnvironmentApps::default()
            },
        })
        .collect();
    let mut a = Answers {
        environments,
        ..Answers::default()
    };
    a.tenant.residency = Some(Residency::EuDataBoundary);
    a.finance_operations.used = yes;
    a.finance_operations.commerce = yes;
    a.finance_operations.environments = (0..3)
        .map(|i| FoEnvironment {
            id: format!("fo-{i}"),
            name: format!("FO {i}"),
            hosting: Some(FoHosting::LcsManaged),
            region: Some(Geo::Europe),
            power_platform_integration: yes,
            linked_environment: Some(format!("env-{i}")),
            cmk_before_link: no,
            data_resident_region: yes,
        })
        .collect();
    a.commerce.scale_units = vec![
        ScaleUnit {
            id: "csu-1".into(),
            name: "CSU 1".into(),
            geo: Some(Geo::Europe),
            self_hosted: no,
        },
        ScaleUnit {
            id: "csu-2".into(),
            name: "CSU 2".into(),
            geo: Some(Geo::UnitedStates),
            self_hosted: no,
        },
    ];
    a.tenant.cloud = Some(Cloud::Commercial);
    a.tenant.home_geo = Some(Geo::Europe);
    a.finance_operations.finance = yes;
    a.finance_operations.supply_chain = yes;
    a.finance_operations.lcs_endpoint = Some(LcsEndpoint::Eu);
    a.power_platform.flows_before_cmk = no;
    a.power_platform.special_trigger_flows = yes;
    a.power_platform.non_oauth_connections = no;
    a.power_platform.copilot_cmk_timing = Some(CopilotTiming::OnOrAfter);
    a.key.store = Some(KeyStore::KeyVault);
    a.key.purge_protection = yes;
    a.key.soft_delete = yes;
    a.key.expiry = Some(KeyExpiry::SetWithoutAlert);
    a
}
