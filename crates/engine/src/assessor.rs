//! The assessor's checklist (§6 of the curated facts, "Questions an assessor should ask") and how
//! the questionnaire answers each item: the questions that ask it, and in plain words the part no
//! question asks. The report lists those parts under "Not assessed by this tool", so a reader
//! knows what the self-assessment did not look at. A test keeps the table whole (items 1 to 32, in
//! order) and its question ids real.

/// One item of the assessor's checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessorItem {
    /// Its number in §6 of the facts.
    pub number: u8,
    /// What it is about (checked natively; the wasm carries only what the report shows).
    #[cfg(not(target_arch = "wasm32"))]
    pub topic: &'static str,
    /// The questions that ask (part of) it.
    #[cfg(not(target_arch = "wasm32"))]
    pub asked_by: &'static [&'static str],
    /// What no question asks, as a sentence for the report.
    pub not_assessed: Option<&'static str>,
}

#[cfg(not(target_arch = "wasm32"))]
macro_rules! items {
    ($(($n:literal, $topic:literal, &[$($id:literal),*], $rest:expr),)*) => {
        &[$(AssessorItem {
            number: $n,
            #[cfg(not(target_arch = "wasm32"))]
            topic: $topic,
            #[cfg(not(target_arch = "wasm32"))]
            asked_by: &[$($id),*],
            not_assessed: $rest,
        }),*]
    };
}

/// The checklist, in §6's order. The browser build reads the sentences from the report's prose
/// instead (`build.rs` puts them there), so the wasm doesn't carry the table.
#[cfg(not(target_arch = "wasm32"))]
pub static CHECKLIST: &[AssessorItem] = items![
    (1, "Tenant home geography and multi-geo", &["tenant.home_geo"], Some("Whether the tenant is multi-geo.")),
    (2, "Each environment's region, type and management", &["env.region", "env.type", "env.managed"], Some("Whether any environment was moved by a Microsoft geo migration after it was created (its backups don't move with it, and an environment under your key needs a policy in its new region).")),
    (3, "EU Data Boundary reliance and Business Central", &["tenant.residency", "env.region", "fo.region", "bc.used"], None),
    (4, "US Government or China clouds", &["tenant.cloud"], None),
    (5, "Generative AI cross-region movement and Bing", &["env.genai_cross_region"], Some("Since when data movement across regions for generative AI has been on, and whether Bing search is enabled for Copilot features.")),
    (6, "F&O LCS endpoint and data-resident regions", &["fno.lcs_endpoint", "fo.data_resident_region"], None),
    (7, "Commerce component locations and self-hosting", &["csu.geo", "csu.self_hosted", "commerce.ratings_reviews", "commerce.ratings_reviews_geo", "fo.region"], Some("Where the e-commerce sites are deployed, and whether any store components other than scale units are self-hosted.")),
    (8, "Tax Calculation and Electronic Invoicing use", &["addin.tax_calculation", "addin.electronic_invoicing"], None),
    (9, "Data copies leaving the environment", &["env.synapse_link", "env.synapse_link_storage_cmk", "copies.fabric_link", "copies.dual_write", "copies.ci_exports", "bc.exports", "env.customer_insights_own_adls"], Some("Which region data copied by Synapse Link, Link to Fabric, dual-write, exports or an own data lake ends up in, and how storage other than the Synapse Link account is encrypted.")),
    (10, "Enterprise policy, assignment and encryption status", &["env.cmk_policy", "env.policy_region", "env.encryption_status"], Some("The Azure subscription that holds the CMK enterprise policy.")),
    (11, "Key store, type, size and origin", &["key.store", "key.type", "key.size"], Some("Whether the key was generated in the vault or imported from an on-premises HSM.")),
    (12, "Soft delete, purge protection and expiry", &["key.soft_delete", "key.purge_protection", "key.expiry"], Some("Whether purge protection is on when the key is kept in Managed HSM; soft delete and purge protection are asked only for Key Vault.")),
    (13, "Vault permission model and other rights", &["key.permission_model"], Some("Who else, besides the enterprise policy's identity, holds rights on the key vault.")),
    (14, "Vault networking and firewall change control", &["key.network"], Some("Whether changes to the key vault's firewall rules go through change control.")),
    (15, "Key rotation and retention of old keys", &["key.rotation"], Some("Whether old key versions are kept at least 28 days, and old keys at least 30 days after switching away from them.")),
    (16, "Licence prerequisites", &["lic.managed_environments", "lic.e5_users"], None),
    (17, "Legacy BYOK environments", &["env.legacy_byok", "env.cmk_policy"], None),
    (18, "Power Automate flows under the key", &["env.power_automate", "env.cmk_policy", "pa.flows_before_cmk", "pa.cmk_before_auto_migration", "pa.special_trigger_flows", "pa.non_oauth_connections", "pa.hosted_rpa"], Some("What Get-AdminFlowEncryptedByMicrosoftKey reports for each environment; the tool names it only as a way to answer its flow questions.")),
    (19, "Copilot Studio agents and key timing", &["env.copilot_studio", "mcs.cmk_timing", "mcs.cmk_toggled", "mcs.agent365_audit", "mcs.file_uploads"], Some("Whether agents held data from before the key was applied to their environments.")),
    (20, "Sales AI features not covered", &["env.sales", "env.sales_forecasting", "env.sales_predictive_scoring", "env.sales_conversation_intelligence", "env.sales_relationship_intelligence"], None),
    (21, "Customer Insights apps, exports and own storage", &["env.customer_insights_data", "env.customer_insights_journeys", "copies.ci_exports", "env.customer_insights_own_adls"], Some("Whether the Azure Data Lake Storage that Customer Insights – Data uses is encrypted with its own customer-managed key.")),
    (22, "Contact Center voice and other channels", &["env.contact_center"], None),
    (23, "Excluded or unconfirmed Power Platform surfaces", &["env.power_pages", "env.ai_builder"], Some("Whether sensitive data is held in canvas apps' non-Dataverse storage, solution checker, maker welcome content or environment settings, or in Power Pages and AI Builder.")),
    (24, "F&O Power Platform integration and hosting", &["fo.power_platform_integration", "fo.cmk_before_link", "fo.hosting"], None),
    (25, "F&O add-in apps and LCS data", &["fno.hr_standalone", "fno.human_resources", "fno.demand_planning", "commerce.ecommerce_cms", "commerce.recommendations", "fno.lcs_data"], None),
    (26, "Business Central links, copies and exports", &["bc.used", "bcenv.linked", "env.cmk_policy", "env.managed", "bcenv.from_copy_or_restore", "bc.exports"], None),
    (27, "Separation of duties and privileged access", &["key.separate_admins", "key.policy_reader"], Some("Whether Privileged Identity Management (PIM) or just-in-time access is used, and who can run Set-PowerAppLockAllEnvironments.")),
    (28, "Runbook for losing key access", &["key.lockout_runbook", "key.policy_reader"], Some("Whether a Microsoft Support contact is in place for a loss of key access.")),
    (29, "Maintenance windows for key changes", &[], Some("Whether maintenance windows are planned for applying, removing or changing the key, given the disablement and up to four days of encryption.")),
    (30, "Restore and copy strategy", &[], Some("Whether same-key target environments exist for restores and copies, whether Reset deleting encrypted backups is understood, and the Support Investigation environment procedure.")),
    (31, "Customer Lockbox and request monitoring", &["access.lockbox", "access.lockbox_monitored"], None),
    (32, "Audit retention under a customer key", &[], Some("Whether audit retention needs are reconciled with Microsoft's note that the audit retention period isn't available for environments with a customer's own key (probably legacy BYOK only; unconfirmed).")),
];

/// The parts of the checklist no question asks: the report's "Not assessed by this tool".
#[cfg(not(target_arch = "wasm32"))]
pub fn not_assessed() -> impl Iterator<Item = &'static str> {
    CHECKLIST.iter().filter_map(|i| i.not_assessed)
}

/// The parts of the checklist no question asks, from the report's prose (empty before it is
/// installed; the report is shown only after).
#[cfg(target_arch = "wasm32")]
pub fn not_assessed() -> impl Iterator<Item = &'static str> {
    crate::catalogue::NOT_ASSESSED
        .iter()
        .filter_map(|p| crate::prose::resolve(*p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questions::QUESTIONS;

    #[test]
    fn the_checklist_is_whole_and_names_real_questions() {
        for (i, item) in CHECKLIST.iter().enumerate() {
            assert_eq!(usize::from(item.number), i + 1, "items 1 to 32, in order");
            assert!(
                !item.asked_by.is_empty() || item.not_assessed.is_some(),
                "item {} is neither asked nor listed as not assessed",
                item.number
            );
            for id in item.asked_by {
                assert!(
                    QUESTIONS.iter().any(|q| q.id == *id),
                    "item {} names `{id}`, which is not a question",
                    item.number
                );
            }
        }
        assert_eq!(CHECKLIST.len(), 32);
        // The browser reads the same sentences, in the same order, from the report's prose.
        let from_prose: Vec<&str> = crate::catalogue::NOT_ASSESSED
            .iter()
            .filter_map(|p| crate::prose::resolve(p))
            .collect();
        assert_eq!(from_prose, not_assessed().collect::<Vec<_>>());
        assert!(not_assessed().all(|s| s.ends_with('.') && s.len() <= 220));
    }
}
